"""Tampered as an attacker with write access to the database would — each kind of row — and
`ekd audit verify` names it (exit 1); an untouched database passes (exit 0). On SQLite and PostgreSQL."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import text

from engine.actors import COMMAND_LINE
from engine.history import chain, events
from tests.conftest import ROOT
from tests.store.helpers import run_scenario, start_with_team

EKD = str(Path(sys.executable).with_name("ekd"))


def ekd(database_url, *args):
    env = {**os.environ, "EKD_DATABASE_URL": database_url}
    return subprocess.run([EKD, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=180)


def sql(services, statement, **params):
    with services.database.engine.begin() as connection:
        connection.execute(text(statement), params)


@pytest.fixture
def world(services, everyone, child, database_url, tmp_path):
    """A finished trajectory with an anchor person, signatures, an agreement, a submission, a correction
    and an addition; a second child's trajectory waiting at screening; an anchor of both."""
    trajectory = start_with_team(services, child, everyone)
    services.teams.set_anchor(trajectory, everyone.id, everyone)
    run_scenario(services, trajectory, everyone, "standaard")
    services.documents.correct(trajectory, "Adres van de moeder gewijzigd.", everyone)
    services.documents.complete_missing(trajectory, {"bijkomende_informatie": "Nieuw adres doorgegeven."}, everyone)
    ruben = services.children.register("14012012392", "Ruben", "Claes", date(2014, 1, 20), everyone)
    other = start_with_team(services, ruben, everyone)
    run_scenario(services, other, everyone, "standaard", stop_at="instemming")
    anchor = tmp_path / "anker.txt"
    result = ekd(database_url, "audit", "anchor")
    assert result.returncode == 0, result.stderr
    anchor.write_text(result.stdout)
    return {"trajectory": trajectory, "other": other, "child": child, "anchor": str(anchor), "actor": everyone}


def assert_named(database_url, scope: str, *fragments: str, anchors: str | None = None) -> str:
    """`ekd audit verify` exits 1 and prints a line in `scope` holding every fragment; no traceback."""
    result = ekd(database_url, "audit", "verify", *(["--anchors", anchors] if anchors else []))
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    lines = [line for line in result.stdout.splitlines() if line.startswith(f"FOUT {scope}:")]
    assert any(all(f in line for f in fragments) for line in lines), result.stdout
    return result.stdout


def test_an_untouched_database_passes_with_and_without_its_anchor(world, database_url):
    result = ekd(database_url, "audit", "verify", "--anchors", world["anchor"])
    assert result.returncode == 0, result.stdout + result.stderr
    assert "anker klopt" in result.stdout and "toegangslog intact" in result.stdout


def test_an_edited_event_payload(services, world, database_url):
    sql(services, "UPDATE events SET payload = replace(payload, '\"urgentie\":\"gemiddeld\"', '\"urgentie\":\"hoog\"')"
        " WHERE trajectory_id = :t AND type = 'taak_afgerond'", t=world["trajectory"])
    out = assert_named(database_url, f"traject {world['trajectory']}", "[bewerkt]", "hash van de inhoud")
    assert world["other"] not in out


def recompute_unkeyed(services, trajectory_id: str, change=None) -> None:
    """Apply `change` to the events, then recompute every payload hash and link the old, unkeyed way."""
    with services.uow(write=True) as uow:
        row = uow.trajectories.get(trajectory_id)
        previous = chain.GENESIS
        for event in uow.events.of_trajectory(trajectory_id):
            if change:
                change(event)
            event.payload_hash = chain.payload_hash(event.payload)
            event.prev_hash = previous
            event.hash = previous = chain.unkeyed_link(previous, trajectory_id, event.seq, event.type, event.actor,
                                                       event.recorded_at, event.payload_hash)
        row.head_hash = previous
        uow.commit()


def test_an_event_actor_changed_and_the_chain_recomputed_without_the_key(services, world, database_url):
    def other_actor(event):
        if event.seq == 12:
            event.actor = "iemand-anders"
    recompute_unkeyed(services, world["trajectory"], other_actor)
    assert_named(database_url, f"traject {world['trajectory']}", "gebeurtenis 1 tot 31 [bewerkt]", "sleutel-hash")


def test_a_finding_rewritten_with_the_state_rebuilt_and_the_checkpoints_dropped(services, world, database_url):
    def rewrite(event):
        if event.type == events.TASK_COMPLETED and '"onderzoek_psychologisch"' in event.payload:
            event.payload = event.payload.replace('"bevinding":{', '"bevinding":{"vervalst":"ja",')
    recompute_unkeyed(services, world["trajectory"], rewrite)
    services.audit.rebuild(world["trajectory"], COMMAND_LINE)            # the state as the rewritten log makes it
    sql(services, "DELETE FROM checkpoints WHERE trajectory_id = :t", t=world["trajectory"])
    assert_named(database_url, f"traject {world['trajectory']}", "[bewerkt]", "sleutel-hash")


def test_a_signature_edited_and_one_deleted(services, world, database_url):
    sql(services, "UPDATE signatures SET role = 'speech_therapist' WHERE id = (SELECT min(id) FROM signatures)")
    out = assert_named(database_url, f"traject {world['trajectory']}", "handtekening van", "[projectie wijkt af]")
    sql(services, "DELETE FROM signatures WHERE id = (SELECT max(id) FROM signatures)")
    out = assert_named(database_url, f"traject {world['trajectory']}", "handtekening van", "[ontbreekt]")
    assert world["other"] not in out


def test_an_agreement_edited(services, world, database_url):
    sql(services, "UPDATE agreements SET agreed_on = '2026-01-01'")
    assert_named(database_url, f"traject {world['trajectory']}", "akkoord van", "[projectie wijkt af]")


def test_an_a_document_addition_edited(services, world, database_url):
    sql(services, "UPDATE a_documents SET additions = :a WHERE trajectory_id = :t AND version = 2",
        a='{"bijkomende_informatie": "Iets anders."}', t=world["trajectory"])
    assert_named(database_url, f"traject {world['trajectory']}", "A-document versie 2: aanvullingen",
                 "[projectie wijkt af]")


def test_a_submitted_a_document_edited(services, world, database_url):
    sql(services, "UPDATE a_documents SET status = 'concept' WHERE trajectory_id = :t AND version = 1",
        t=world["trajectory"])
    assert_named(database_url, f"traject {world['trajectory']}", "A-document versie 1: status", "[projectie wijkt af]")


def test_team_membership_added_and_removed(services, world, database_url):
    outsider = services.people.add("buitenstaander", "wachtwoord-123", ["physician"], "Buiten Staander")
    sql(services, "INSERT INTO trajectory_members (trajectory_id, person_id, role) VALUES (:t, :p, 'physician')",
        t=world["other"], p=outsider.id)
    sql(services, "DELETE FROM trajectory_members WHERE trajectory_id = :t AND role = 'team_lead'",
        t=world["trajectory"])
    out = assert_named(database_url, f"traject {world['other']}", f"teamlid {outsider.id} als physician",
                       "[projectie wijkt af]")
    assert_named(database_url, f"traject {world['trajectory']}", "als team_lead [ontbreekt]")
    assert "ankerfiguur" not in out


def test_the_anchor_person_and_the_consent_and_status_columns(services, world, database_url):
    sql(services, "UPDATE trajectories SET consent = 'ingetrokken', status = 'opgeschort', anchor_person_id = NULL "
        "WHERE id = :t", t=world["other"])
    scope = f"traject {world['other']}"
    assert_named(database_url, scope, "instemming [projectie wijkt af]", "'ingetrokken'")
    assert_named(database_url, scope, "status [projectie wijkt af]", "'opgeschort'")
    sql(services, "UPDATE trajectories SET anchor_person_id = NULL WHERE id = :t", t=world["trajectory"])
    assert_named(database_url, f"traject {world['trajectory']}", "ankerfiguur [projectie wijkt af]")


def test_an_inbox_row_moved_to_another_lane(services, world, database_url):
    sql(services, "UPDATE tasks SET lane = 'physician' WHERE trajectory_id = :t", t=world["other"])
    assert_named(database_url, f"traject {world['other']}", "physician) [projectie wijkt af]", "inbox")


def test_the_child_record_edited(services, world, database_url):
    sql(services, "UPDATE children SET given_name = 'Lotta' WHERE id = :c", c=world["child"])
    assert_named(database_url, f"traject {world['trajectory']}", f"kind {world['child']} [bewerkt]")


def test_a_child_without_trajectory_edited(services, world, database_url):
    third = services.children.register("15030512392", "Mila", "Wouters", date(2015, 3, 5), world["actor"])
    sql(services, "UPDATE children SET family_name = 'Peeters' WHERE id = :c", c=third)
    assert_named(database_url, f"kind {third}", "kindgegevens [bewerkt]")


def test_access_log_entries_edited_and_deleted(services, world, database_url):
    segment = world["actor"].id
    sql(services, "UPDATE access_log SET actor = 'cli' WHERE segment = :s AND seq = 2", s=segment)
    assert_named(database_url, f"toegangslog {segment}", "regel 2 [bewerkt]")
    sql(services, "DELETE FROM access_log WHERE segment = :s AND seq = 3", s=segment)
    assert_named(database_url, f"toegangslog {segment}", "regel 3 [ontbreekt]: ontbreekt vóór regel 4")


def test_the_newest_access_log_entries_truncated_are_caught_by_the_anchor(services, world, database_url):
    segment = world["actor"].id
    with services.uow() as uow:
        count = uow.session.execute(text("SELECT count FROM access_heads WHERE segment = :s"), {"s": segment}).scalar()
        head = uow.session.execute(text("SELECT hash FROM access_log WHERE segment = :s AND seq = :n"),
                                   {"s": segment, "n": count - 2}).scalar()
    sql(services, "DELETE FROM access_log WHERE segment = :s AND seq > :n", s=segment, n=count - 2)
    sql(services, "UPDATE access_heads SET count = :n, head_hash = :h WHERE segment = :s", s=segment, n=count - 2,
        h=head)
    assert ekd(database_url, "audit", "verify").returncode == 0         # invisible from inside the database
    assert_named(database_url, f"toegangslog {segment}", f"regel {count} [afgekapt na het anker]",
                 anchors=world["anchor"])


def test_the_newest_events_truncated_and_the_head_moved_back_are_caught_by_the_anchor(services, world, database_url):
    other = world["other"]
    with services.uow() as uow:
        count = uow.trajectories.get(other).event_count
        kept = uow.events.of_trajectory(other, upto=count - 1)[-1]
    sql(services, "DELETE FROM events WHERE trajectory_id = :t AND seq = :n", t=other, n=count)
    sql(services, "DELETE FROM checkpoints WHERE trajectory_id = :t AND seq >= :n", t=other, n=count)
    sql(services, "UPDATE trajectories SET event_count = :n, head_hash = :h, state = NULL WHERE id = :t",
        t=other, n=count - 1, h=kept.hash)
    services.audit.rebuild(other, COMMAND_LINE)                         # the state as the shorter log makes it
    assert ekd(database_url, "audit", "verify").returncode == 0         # invisible from inside the database
    assert_named(database_url, f"traject {other}", f"gebeurtenis {count} [afgekapt na het anker]",
                 anchors=world["anchor"])


def test_a_rewrite_with_the_stolen_key_is_caught_by_an_earlier_anchor(services, world, database_url):
    from tests.conftest import AUDIT_KEY
    with services.uow(write=True) as uow:
        row = uow.trajectories.get(world["trajectory"])
        previous = chain.GENESIS
        for event in uow.events.of_trajectory(world["trajectory"]):
            if event.seq == 3:
                event.actor = "iemand-anders"
            event.prev_hash = previous
            event.hash = previous = chain.link(AUDIT_KEY, previous, row.id, event.seq, event.type, event.actor,
                                               event.recorded_at, event.payload_hash)
        row.head_hash = previous
        uow.commit()
    assert ekd(database_url, "audit", "verify").returncode == 0
    assert_named(database_url, f"traject {world['trajectory']}", "[bewerkt]", "herschreven sinds het anker",
                 anchors=world["anchor"])


def test_an_edited_anchor_is_named(world, database_url, tmp_path):
    forged = tmp_path / "vervalst.txt"
    lines = Path(world["anchor"]).read_text().splitlines()
    lines[3] = lines[3].rsplit(" ", 2)[0] + " 1 " + "0" * 64
    forged.write_text("\n".join(lines) + "\n")
    assert_named(database_url, "anker", "handtekening [bewerkt]", anchors=str(forged))


def test_invalid_checkpoint_bytes_are_named_and_verify_goes_on(services, world, database_url):
    if services.database.sqlite:        # stored as text that is no UTF-8: the driver cannot even read it
        sql(services, "UPDATE checkpoints SET state = CAST(X'C328FFFE' AS TEXT) WHERE trajectory_id = :t AND seq = 8",
            t=world["trajectory"])
    else:
        sql(services, "UPDATE checkpoints SET state = '\\xc328fffe'::bytea WHERE trajectory_id = :t AND seq = 8",
            t=world["trajectory"])
    sql(services, "UPDATE checkpoints SET state = :s WHERE trajectory_id = :t AND seq = 12", s=b"\x78\x9c junk",
        t=world["trajectory"])
    out = assert_named(database_url, f"traject {world['trajectory']}", "controlepunt na gebeurtenis", "[onleesbaar]")
    assert "controlepunt na gebeurtenis 12 [onleesbaar]" in out
    assert f"FOUT traject {world['other']}" not in out
    assert ekd(database_url, "replay", world["trajectory"], "--to", "13").returncode == 0   # replay goes around it


def test_unreadable_event_payloads_are_named_and_verify_goes_on(services, world, database_url):
    sql(services, "UPDATE events SET payload = 'geen json' WHERE trajectory_id = :t AND seq = 10",
        t=world["trajectory"])
    if services.database.sqlite:
        sql(services, "UPDATE events SET payload = CAST(X'7BFF' AS TEXT) WHERE trajectory_id = :t AND seq = 11",
            t=world["trajectory"])
        sql(services, "UPDATE a_documents SET additions = 'kapot' WHERE trajectory_id = :t AND version = 2",
            t=world["trajectory"])
    out = assert_named(database_url, f"traject {world['trajectory']}", "gebeurtenis 10 [onleesbaar]")
    if services.database.sqlite:
        assert "gebeurtenis 11 [onleesbaar]: rij in events kan niet gelezen worden" in out
        assert "A-document versie 2 [onleesbaar]" in out
