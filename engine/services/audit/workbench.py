"""The auditor's workbench: every trajectory by pseudonym with filters, integrity checked from the
page, and who read what. Auditors only, read-only; every read is logged. The redaction rule is
engine/access.py's (pseudonyms, no client data)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone

from sqlalchemy import exists, or_, select

from engine import access, clock
from engine.actors import Actor
from engine.history import chain, log
from engine.history.problems import Problem
from engine.services.audit.versions import versions_of
from engine.store import UnitOfWork
from engine.store.models import AccessEntry, Child, Event, GuidelineVersion, Person, Task, Trajectory

LISTED = 500
LOGGED = 2000
REFUSED = "geweigerd"
_ID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_DIGITS = re.compile(r"\d{9,}")
_SPECIAL = {"systeem": ("systeem", "ekd (planner)"), "cli": ("cli", "beheer (commandolijn)"),
            "anoniem": ("anoniem", "niet aangemeld")}


@dataclass(frozen=True, kw_only=True)
class Filters:
    """What the trajectory list is narrowed to (None: any)."""

    version: str | None = None
    status: str | None = None
    started_from: date | None = None
    started_to: date | None = None
    deadline_exceeded: bool = False
    integrity_problems: bool = False


@dataclass(frozen=True, kw_only=True)
class Row:
    id: str
    pseudonym: str
    versions: list[str]
    version_numbers: list[int]
    status: str
    started_at: datetime
    ended_at: datetime | None
    duration_days: int
    event_count: int
    deadline_exceeded: bool
    chain_intact: bool | None       # None: not checked for this list (ask for integrity problems)


@dataclass(frozen=True)
class Listing:
    rows: list[Row]
    versions: list[tuple[str, int]]          # every guideline version (id, number), to filter by


@dataclass(frozen=True, kw_only=True)
class LogFilters:
    pseudonym: str | None = None
    person: str | None = None       # a username
    since: date | None = None
    until: date | None = None
    refused_only: bool = False


@dataclass(frozen=True, kw_only=True)
class LogRow:
    at: datetime
    username: str
    display_name: str
    roles: list[str]
    action: str
    subject: str
    pseudonym: str | None
    detail: str | None
    refused: bool


class Workbench:
    def __init__(self, uow: Callable[..., UnitOfWork], verify: Callable[..., dict[str, list[Problem]]]):
        self._uow = uow
        self._verify = verify

    def trajectories(self, actor: Actor, filters: Filters = Filters()) -> Listing:
        """Every trajectory (newest first, at most LISTED) matching the filters, by pseudonym: its
        versions, status, duration, number of events, whether a deadline passed and — when asked for
        integrity problems — whether its keyed chain is intact. The listing is logged."""
        access.require_auditor(actor)
        now = clock.now()
        late = or_(exists().where(Event.trajectory_id == Trajectory.id, Event.type == log.Kind.TIMER_FIRED),
                   exists().where(Task.trajectory_id == Trajectory.id, Task.due_at < now))
        query = (select(Trajectory, GuidelineVersion.number, late.label("late"))
                 .join(GuidelineVersion, GuidelineVersion.id == Trajectory.guideline_version_id)
                 .order_by(Trajectory.started_at.desc(), Trajectory.id))
        if filters.version:
            query = query.where(or_(Trajectory.guideline_version_id.startswith(filters.version, autoescape=True),
                                    GuidelineVersion.number == _number(filters.version)))
        if filters.status:
            query = query.where(Trajectory.status == filters.status)
        if filters.started_from:
            query = query.where(Trajectory.started_at >= _start_of(filters.started_from))
        if filters.started_to:
            query = query.where(Trajectory.started_at < _start_of(filters.started_to + timedelta(days=1)))
        if filters.deadline_exceeded:
            query = query.where(late)
        with self._uow(write=True) as uow:
            rows = []
            for trajectory, number, overdue in uow.session.execute(query.limit(LISTED)):
                intact = None
                if filters.integrity_problems:
                    intact = not chain.problems(uow.key, trajectory.id, uow.events.of_trajectory(trajectory.id),
                                                trajectory.head_hash, trajectory.event_count)
                    if intact:
                        continue
                ended = trajectory.updated_at if trajectory.status == log.Status.DONE else None
                rows.append(Row(id=trajectory.id, pseudonym=access.pseudonym(uow.key, trajectory.child_id),
                                versions=versions_of(trajectory), version_numbers=[number], status=trajectory.status,
                                started_at=trajectory.started_at, ended_at=ended,
                                duration_days=((ended or now) - trajectory.started_at).days,
                                event_count=trajectory.event_count, deadline_exceeded=bool(overdue),
                                chain_intact=intact))
            versions = [(v.id, v.number) for v in uow.guidelines.all()]
            uow.access.record(now, actor.id, "lijst", "trajecten", f"{len(rows)} traject(en)")
            uow.commit()
        return Listing(rows, versions)

    def verify(self, actor: Actor, trajectory_id: str | None = None, anchor: str | None = None
               ) -> dict[str, list[Problem]]:
        """Verify one trajectory or all (against an anchor's text too): the problems per scope, the
        children named by pseudonym. Logged as `ekd audit verify` logs it."""
        access.require_auditor(actor)
        found = self._verify(actor, trajectory_id, anchor)
        with self._uow() as uow:
            names = self._pseudonyms(uow)
        return {_pseudonymised(scope, names): [Problem(_pseudonymised(p.scope, names), p.where, p.flaw,
                                                       _DIGITS.sub(access.HIDDEN, p.detail)) for p in problems]
                for scope, problems in found.items()}

    def access_log(self, actor: Actor, filters: LogFilters = LogFilters()) -> list[LogRow]:
        """Who read or changed what, newest first (at most LOGGED): by child pseudonym, person and
        period, refused attempts and auditors' own reads included; children by pseudonym, people by
        name. The reading is logged too."""
        access.require_auditor(actor)
        query = select(AccessEntry).order_by(AccessEntry.at.desc(), AccessEntry.id.desc())
        with self._uow(write=True) as uow:
            names = self._pseudonyms(uow)
            trajectories = dict(uow.session.execute(select(Trajectory.id, Trajectory.child_id)).all())
            if filters.pseudonym:
                children = [cid for cid, name in names.items() if name == filters.pseudonym.strip()]
                subjects = [f"kind:{cid}" for cid in children]
                subjects += [f"{kind}:{tid}" for tid, cid in trajectories.items() if cid in children
                             for kind in ("traject", "a-document")]
                query = query.where(or_(AccessEntry.subject.in_(subjects or ["-"]),
                                        *[AccessEntry.detail.contains(cid, autoescape=True) for cid in children]))
            if filters.person:
                person = uow.people.by_username(filters.person.strip())
                query = query.where(AccessEntry.actor == (person.id if person else filters.person.strip()))
            if filters.since:
                query = query.where(AccessEntry.at >= _start_of(filters.since))
            if filters.until:
                query = query.where(AccessEntry.at < _start_of(filters.until + timedelta(days=1)))
            if filters.refused_only:
                query = query.where(AccessEntry.action == REFUSED)
            entries = list(uow.session.scalars(query.limit(LOGGED)))
            people = self._people(uow, {e.actor for e in entries})
            rows = [_row(entry, people, names, trajectories) for entry in entries]
            uow.access.record(clock.now(), actor.id, "toegangslog", "toegangslog", f"{len(rows)} regel(s)")
            uow.commit()
        return rows

    @staticmethod
    def _pseudonyms(uow: UnitOfWork) -> dict[str, str]:
        return {cid: access.pseudonym(uow.key, cid) for cid in uow.session.scalars(select(Child.id))}

    @staticmethod
    def _people(uow: UnitOfWork, ids: set[str]) -> dict[str, tuple[str, str, list[str]]]:
        found = {pid: (*names, []) for pid, names in _SPECIAL.items()}
        for person in uow.session.scalars(select(Person).where(Person.id.in_(ids - set(found)))):
            found[person.id] = (person.username, person.display_name, sorted(r.role for r in person.roles))
        return found


def _row(entry: AccessEntry, people, names: dict[str, str], trajectories: dict[str, str]) -> LogRow:
    username, display, roles = people.get(entry.actor, (entry.actor, "onbekend", []))
    kind, _, ident = entry.subject.partition(":")
    child = ident if kind == "kind" else trajectories.get(ident) if kind in ("traject", "a-document") else None
    if kind == "kind":
        subject = f"kind {names.get(ident, access.HIDDEN)}"
    elif kind == "persoon":
        subject = f"persoon {people.get(ident, (None, ident))[1]}" if ident in people else entry.subject
    else:
        subject = entry.subject
    return LogRow(at=entry.at, username=username, display_name=display, roles=roles, action=entry.action,
                  subject=_DIGITS.sub(access.HIDDEN, subject), pseudonym=names.get(child) if child else None,
                  detail=_detail(entry.detail, names), refused=entry.action == REFUSED)


def _detail(detail: str | None, names: dict[str, str]) -> str | None:
    """A log entry's detail as auditors read it: child ids as pseudonyms, long digit runs (an INSZ) hidden."""
    if detail is None:
        return None
    detail = _ID.sub(lambda m: names.get(m.group(0), m.group(0)), detail)
    return _DIGITS.sub(access.HIDDEN, detail)


def _pseudonymised(scope: str, names: dict[str, str]) -> str:
    return _ID.sub(lambda m: names.get(m.group(0), m.group(0)), scope) if scope.startswith("kind ") else scope


def _number(text: str) -> int:
    return int(text) if text.isdigit() else -1


def _start_of(day: date) -> datetime:
    return datetime.combine(day, time(0), timezone.utc)
