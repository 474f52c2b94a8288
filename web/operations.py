"""Operator commands: init, user add/revoke, tick, replay, audit verify/anchor, retention erase."""

from __future__ import annotations

import dataclasses
import json
import sys
from datetime import date, datetime
from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext

from engine import clock, guidelines, scenarios
from engine.actors import COMMAND_LINE
from engine.errors import EkdError
from engine.roles import LABELS, ROLES
from engine.services.errors import Conflict
from web import migrate
from web.app import services_of

DEMO_PASSWORD = "demo-wachtwoord"
# Whoever runs `ekd user …` on the server administers its users.
OPERATOR = dataclasses.replace(COMMAND_LINE, roles=frozenset({"admin"}))


def _fail(command: str, error: Exception) -> None:
    click.echo(f"ekd {command}: fout: {' '.join(str(error).split())}", err=True)
    sys.exit(1)


@click.command("init")
@click.option("--demo-users", is_flag=True, help="Maak één demogebruiker per rol (wachtwoord: demo-wachtwoord).")
@with_appcontext
def init_command(demo_users: bool) -> None:
    """Create or upgrade the database and load processes/ (idempotent)."""
    config = current_app.extensions["ekd.config"]
    services = services_of(current_app)
    try:
        migrate.upgrade(services.database, services.audit_key)
        guideline = guidelines.load([config.processes_dir], config.forms_dir)
        problems = guidelines.check(guideline)
        if problems:
            raise EkdError(f"de richtlijn in {config.processes_dir} heeft problemen: {problems[0]} "
                           f"(en {len(problems) - 1} meer; zie ekd validate)")
        outcome, loaded = services.quality.publication.seed(
            guideline, scenarios.files_in(config.processes_dir / "scenarios"), COMMAND_LINE)
    except (EkdError, ValueError) as error:
        _fail("init", error)
    click.echo({"version": f"richtlijn geladen: versie {loaded}", "known": f"richtlijn al geladen: {loaded}",
                "draft": f"richtlijn in {config.processes_dir} is nieuw; het kwaliteitscentrum publiceerde al in de "
                         f"app: klaargezet als concept {loaded}"}[outcome])
    if demo_users:
        made = 0
        for role in ROLES:
            try:
                services.people.add(f"demo-{role.replace('_', '-')}", DEMO_PASSWORD, [role], f"Demo {LABELS[role]}")
                made += 1
            except Conflict:
                pass
        click.echo(f"demogebruikers: {made} aangemaakt, {len(ROLES) - made} bestonden al")
        if _demo_trajectory(services):
            click.echo("demotraject: Lotte Peeters, met een team van demogebruikers")


def _demo_trajectory(services) -> bool:
    """A demo child with a running trajectory and a team of demo users (once)."""
    from datetime import date

    from engine.roles import DISCIPLINES
    with services.uow() as uow:
        if uow.children.by_insz("16051412351") is not None:
            return False
        people = {role: uow.people.by_username(f"demo-{role.replace('_', '-')}") for role in ROLES}
    coordinator = services.people.get(people["coordinator"].id)
    child = services.children.register("16051412351", "Lotte", "Peeters", date(2016, 5, 14), coordinator, [
        {"naam": "Sofie Janssens", "relatie": "moeder", "telefoon": "0470 12 34 56", "email": "",
         "wettelijk": True, "in_contact": True},
        {"naam": "Tom Peeters", "relatie": "vader", "telefoon": "", "email": "", "wettelijk": True,
         "in_contact": True}])
    trajectory = services.trajectories.start(child, coordinator)
    for role in (*DISCIPLINES, "team_lead"):
        services.teams.set_role(trajectory, role, [people[role].id], coordinator)
    services.teams.set_anchor(trajectory, people["psychologist"].id, coordinator)
    return True


@click.group("user")
def user_group() -> None:
    """Manage people who log in."""


@user_group.command("add")
@click.argument("name")
@click.option("--role", "roles", multiple=True, required=True, type=click.Choice(ROLES))
@click.option("--display-name", default=None, help="Naam zoals anderen ze zien.")
@with_appcontext
def user_add_command(name: str, roles: tuple[str, ...], display_name: str | None) -> None:
    """Add a person; the password is read as one line from stdin."""
    password = sys.stdin.readline().rstrip("\r\n")
    try:
        services_of(current_app).people.add(name, password, roles, display_name)
    except EkdError as error:
        _fail("user add", error)
    click.echo(f"gebruiker '{name}' toegevoegd met rol(len) {', '.join(roles)}")


@user_group.command("revoke")
@click.argument("name")
@with_appcontext
def user_revoke_command(name: str) -> None:
    """End every session and API token of a person (they can log in again)."""
    try:
        ended = services_of(current_app).logins.revoke_by_username(name, OPERATOR)
    except EkdError as error:
        _fail("user revoke", error)
    click.echo(f"gebruiker '{name}': {ended} sessie(s) en token(s) ingetrokken")


@click.command("tick")
@click.option("--at", "moment", default=None, help="Tijdstip (ISO 8601) in plaats van nu.")
@with_appcontext
def tick_command(moment: str | None) -> None:
    """Fire the timers that are due, once."""
    now = datetime.fromisoformat(moment) if moment else clock.now()
    if now.tzinfo is None:
        now = now.astimezone()
    fired = services_of(current_app).scheduler.tick(now)
    click.echo(f"{fired} traject(en) verder gezet door een timer")


@click.command("replay")
@click.argument("trajectory")
@click.option("--to", "upto", type=int, default=None, help="Tot en met gebeurtenis N.")
@click.option("--json", "as_json", is_flag=True, help="Uitvoer als JSON.")
@click.option("--vanaf-begin", "from_start", is_flag=True,
              help="Voer alles opnieuw uit vanaf gebeurtenis 1, zonder controlepunt.")
@with_appcontext
def replay_command(trajectory: str, upto: int | None, as_json: bool, from_start: bool) -> None:
    """Re-execute a trajectory's events and print its state after event N."""
    try:
        view = services_of(current_app).audit.replay(trajectory, COMMAND_LINE, upto, from_start)
    except EkdError as error:
        _fail("replay", error)
    result = {"trajectory": view.trajectory_id, "event": view.upto, "events": view.event_count,
              "steps": view.path,
              "ready": [{"element": t.element, "name": t.name, "lane": t.lane, "path": t.path} for t in view.ready],
              "waiting": [{"element": w.element, "kind": w.kind, "due": w.due.isoformat() if w.due else None}
                          for w in view.waiting],
              "data": view.data, "mismatches": view.mismatches, "resumed_at": view.resumed_at,
              "guideline_version": view.version}
    if as_json:
        click.echo(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        click.echo(f"traject {view.trajectory_id} na gebeurtenis {view.upto} van {view.event_count}"
                   + (f" (heruitgevoerd vanaf controlepunt {view.resumed_at})" if view.resumed_at else "")
                   + (f", op richtlijnversie {view.version}" if view.version else ""))
        click.echo(f"stappen ({len(view.path)}): {', '.join(view.path)}")
        for task in result["ready"]:
            click.echo(f"klaar: {task['name']} ({task['element']}) voor {task['lane']} [{task['path']}]")
        for wait in result["waiting"]:
            click.echo(f"wacht op: {wait['kind']} {wait['element']} tot {wait['due']}")
        click.echo("gegevens: " + json.dumps(view.data, ensure_ascii=False, indent=2, sort_keys=True))
    if view.mismatches:
        for mismatch in view.mismatches:
            click.echo(f"AFWIJKING {mismatch}", err=True)
        sys.exit(1)


@click.group("audit")
def audit_group() -> None:
    """Auditors' checks."""


@audit_group.command("verify")
@click.argument("trajectory", required=False)
@click.option("--anchors", "anchor_file", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="Een anker van `ekd audit anchor`: ook afkappen of herschrijven sinds dat anker wordt gezien.")
@with_appcontext
def verify_command(trajectory: str | None, anchor_file: Path | None) -> None:
    """Check every chain (keyed), re-execute every trajectory, re-derive its tables from its events;
    exit 1 naming each problem: where, what kind, what is wrong."""
    services = services_of(current_app)
    anchor = None
    if anchor_file is not None:
        try:
            anchor = anchor_file.read_bytes().decode("utf-8", errors="replace")
        except OSError as error:
            _fail("audit verify", error)
    problems = services.audit.verify(COMMAND_LINE, trajectory, anchor)
    for scope, found in problems.items():
        for problem in found:
            click.echo(f"FOUT {scope}: {problem}")
    if problems:
        click.echo(f"{sum(len(found) for found in problems.values())} afwijking(en) in {len(problems)} "
                   "traject(en), segment(en) of anker", err=True)
        sys.exit(1)
    with services.uow() as uow:
        count = 1 if trajectory else uow.trajectories.count()
    click.echo(f"OK: {count} traject(en): ketens intact (met de auditsleutel), heruitvoering gelijk aan de "
               "opgeslagen toestand, tabellen gelijk aan de gebeurtenissen"
               + ("; toegangslog intact" if not trajectory else "") + ("; anker klopt" if anchor else ""))


@audit_group.command("anchor")
@with_appcontext
def anchor_command() -> None:
    """Print the signed heads of every chain, to keep elsewhere (write-once)."""
    click.echo(services_of(current_app).audit.anchor(COMMAND_LINE), nl=False)


@click.group("retention")
def retention_group() -> None:
    """The end of retention (a dossier is kept until the person turns 35)."""


@retention_group.command("erase")
@click.option("--before", "before", default=None, help="Datum (JJJJ-MM-DD): wie vóór die dag 35 werd (standaard: "
              "vandaag).")
@click.option("--uitvoeren", "--execute", "execute", is_flag=True, help="Echt wissen (zonder: enkel tonen wat).")
@with_appcontext
def erase_command(before: str | None, execute: bool) -> None:
    """Erase the personal data of every trajectory of children who turned 35 before DATE; a dry run
    unless --uitvoeren (--execute). The chains keep verifying."""
    try:
        day = date.fromisoformat(before) if before else clock.now().date()
    except ValueError:
        _fail("retention erase", ValueError(f"'{before}' is geen datum (JJJJ-MM-DD)"))
    try:
        erasure = services_of(current_app).retention.erase(day, COMMAND_LINE, execute)
    except EkdError as error:
        _fail("retention erase", error)
    verb = "gewist" if execute else "te wissen"
    for trajectory_id in erasure.trajectories:
        click.echo(f"{verb}: traject {trajectory_id}")
    for trajectory_id, why in erasure.skipped.items():
        click.echo(f"niet gewist: traject {trajectory_id}: {why}")
    click.echo(f"{len(erasure.trajectories)} traject(en) van {len(erasure.children)} kind(eren) {verb} "
               f"(35 jaar geworden vóór {day.isoformat()})"
               + ("" if execute else "; proefdraaien: niets gewist (gebruik --uitvoeren)"))


COMMANDS = (init_command, user_group, tick_command, replay_command, audit_group, retention_group)
