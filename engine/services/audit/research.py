"""Conformance per trajectory and per guideline version, and the research exports (XES, CSV), for
auditors: read from the events alone (engine/history/conformance.py, xes.py), children by pseudonym
(engine/access.py's redaction rule), no names, INSZ or free text. Every reading and export is logged."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone

from sqlalchemy import select

from engine import access, clock
from engine.actors import Actor
from engine.history import conformance, xes
from engine.history.conformance import Conformance, Entry, Guide, VersionSummary
from engine.quality import model
from engine.services.audit.versions import version_in_effect
from engine.services.errors import NotFound
from engine.store import UnitOfWork
from engine.store.models import Event, GuidelineVersion, Trajectory

CSV_COLUMNS = ("pseudoniem", "versie", "status", "gestart", "laatste_gebeurtenis", "duur_dagen", "disciplines",
               "rondes", "escalaties", "termijnen_gemist", "instemming_ingetrokken", "migraties",
               "a_document_ingediend", "uitkomst")


@dataclass(frozen=True, kw_only=True)
class Scope:
    """Which trajectories and events: a version (id or its start), a period of days [since, until]."""

    version: str | None = None
    since: date | None = None
    until: date | None = None

    @property
    def start(self) -> datetime | None:
        return datetime.combine(self.since, time(), timezone.utc) if self.since else None

    @property
    def end(self) -> datetime | None:
        return datetime.combine(self.until + timedelta(days=1), time(), timezone.utc) if self.until else None


@dataclass(frozen=True)
class Traced:
    pseudonym: str
    conformance: Conformance


@dataclass(frozen=True)
class VersionReport:
    id: str
    number: int
    summary: VersionSummary
    guide: Guide
    main_process: str
    processes: dict[str, tuple[str, str]]     # process id -> (its BPMN file, its name)
    placed: dict[str, str]                    # element id -> the process it is in


@dataclass(frozen=True)
class Report:
    trajectories: list[Traced]
    versions: list[VersionReport]
    all_versions: list[tuple[str, int]]       # to choose from


class Research:
    def __init__(self, uow: Callable[..., UnitOfWork]):
        self._uow = uow
        self._guides: dict[str, tuple[Guide, model.Model]] = {}      # versions never change

    def conformance(self, actor: Actor, scope: Scope = Scope()) -> Report:
        """Each trajectory in scope against its version, and per version lead times, paths and missed
        deadlines. Logged."""
        access.require_auditor(actor)
        with self._uow(write=True) as uow:
            versions = {v.id: v for v in uow.guidelines.all()}
            chosen = self._versions(versions, scope.version)
            traced = list(self._traced(uow, versions, chosen, scope))
            reports = []
            shown = {t.conformance.version for t in traced} | (set(chosen) if scope.version else set())
            for version_id in sorted(shown, key=lambda v: -versions[v].number):
                version = versions[version_id]
                guide, read = self._guide(version)
                results = [t.conformance for t in traced if t.conformance.version == version_id]
                reports.append(VersionReport(
                    version_id, version.number, conformance.summarise(version_id, results, guide), guide,
                    version.main_process, {p.id: (p.file, p.name or p.id) for p in read.processes.values()},
                    {n.id: p.id for p in read.processes.values() for n in p.nodes.values()}))
            uow.access.record(clock.now(), actor.id, "conformantie", "trajecten", _said(scope, len(traced)))
            uow.commit()
        return Report(traced, reports, sorted(((v.id, v.number) for v in versions.values()), key=lambda v: -v[1]))

    def xes(self, actor: Actor, scope: Scope = Scope()) -> bytes:
        """The XES log (IEEE 1849-2016) of the trajectories in scope: one trace per trajectory by its
        pseudonym, one event per task start and completion in the period. Logged."""
        access.require_auditor(actor)
        with self._uow(write=True) as uow:
            versions = {v.id: v for v in uow.guidelines.all()}
            traced = list(self._traced(uow, versions, self._versions(versions, scope.version), scope))
            cases = [xes.Case(t.pseudonym, t.conformance, self._guide(versions[t.conformance.version])[0])
                     for t in traced]
            document = xes.document(cases, scope.start, scope.end)
            uow.access.record(clock.now(), actor.id, "export", "xes", _said(scope, len(cases)))
            uow.commit()
        return document

    def csv(self, actor: Actor, scope: Scope = Scope()) -> str:
        """One row per trajectory in scope: durations, disciplines, rounds, deadlines, outcome. Logged."""
        access.require_auditor(actor)
        with self._uow(write=True) as uow:
            versions = {v.id: v for v in uow.guidelines.all()}
            traced = list(self._traced(uow, versions, self._versions(versions, scope.version), scope))
            uow.access.record(clock.now(), actor.id, "export", "csv", _said(scope, len(traced)))
            uow.commit()
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(CSV_COLUMNS)
        for t in traced:
            c = t.conformance
            writer.writerow([t.pseudonym, c.version, c.status, _day(c.started), _day(c.last),
                             c.duration.days if c.duration else "", ";".join(c.roles), c.rounds,
                             len(c.escalations), len(c.missed), c.withdrawals, c.migrations,
                             "ja" if c.submitted else "nee", _outcome(c)])
        return out.getvalue()

    # -- reading -------------------------------------------------------------------------------------

    @staticmethod
    def _versions(versions: dict[str, GuidelineVersion], wanted: str | None) -> list[str]:
        if not wanted:
            return list(versions)
        found = [v.id for v in versions.values() if v.id.startswith(wanted.strip()) or str(v.number) == wanted.strip()]
        if not found:
            raise NotFound(f"richtlijnversie '{wanted[:40]}' bestaat niet")
        return found

    def _guide(self, version: GuidelineVersion) -> tuple[Guide, model.Model]:
        if version.id not in self._guides:
            read = model.read({name: text.encode("utf-8") if isinstance(text, str) else text
                               for name, text in version.files.items()})
            self._guides[version.id] = (Guide.of(read), read)
        return self._guides[version.id]

    def _traced(self, uow: UnitOfWork, versions: dict[str, GuidelineVersion], chosen: list[str],
                scope: Scope) -> Iterator[Traced]:
        """The trajectories whose version is chosen and that were active in the period, with how they went."""
        query = (select(Trajectory.id, Trajectory.child_id, Trajectory.guideline_version_id, Trajectory.status)
                 .where(Trajectory.guideline_version_id.in_(chosen)).order_by(Trajectory.started_at, Trajectory.id))
        if scope.end:
            query = query.where(Trajectory.started_at < scope.end)
        if scope.start:
            query = query.where(Trajectory.updated_at >= scope.start)
        trajectories = list(uow.session.execute(query))
        entries = self._entries(uow, [t.id for t in trajectories])
        for trajectory in trajectories:
            version = version_in_effect(trajectory)
            if version not in versions:
                continue
            guide = self._guide(versions[version])[0]
            yield Traced(access.pseudonym(uow.key, trajectory.child_id),
                         conformance.trace(trajectory.id, version, trajectory.status,
                                           entries.get(trajectory.id, []), guide))

    @staticmethod
    def _entries(uow: UnitOfWork, ids: list[str]) -> dict[str, list[Entry]]:
        found: dict[str, list[Entry]] = {}
        for start in range(0, len(ids), 500):
            query = (select(Event.trajectory_id, Event.seq, Event.type, Event.recorded_at, Event.payload)
                     .where(Event.trajectory_id.in_(ids[start:start + 500])).order_by(Event.trajectory_id, Event.seq))
            for trajectory_id, seq, kind, recorded_at, payload in uow.session.execute(query):
                body = _body(payload)
                found.setdefault(trajectory_id, []).append(Entry(seq, kind, _clock(body, recorded_at), body))
        return found


def _body(payload: str | None) -> dict:
    if payload is None:                         # erased at the end of retention: only the envelope is gone
        return {}
    try:
        body = json.loads(payload)
    except ValueError:
        return {}
    return body if isinstance(body, dict) else {}


def _clock(body: dict, recorded_at: datetime) -> datetime:
    try:
        return datetime.fromisoformat(body["clock"])
    except (KeyError, TypeError, ValueError):
        return recorded_at if recorded_at.tzinfo else recorded_at.replace(tzinfo=timezone.utc)


def _day(moment: datetime | None) -> str:
    return moment.date().isoformat() if moment else ""


def _outcome(c: Conformance) -> str:
    if c.submitted:
        return "a_document_ingediend"
    return "gestopt" if c.status == "afgerond" else c.status


def _said(scope: Scope, count: int) -> str:
    parts = [f"{count} traject(en)"]
    if scope.version:
        parts.append(f"versie {scope.version[:16]}")
    if scope.since or scope.until:
        parts.append(f"periode {scope.since or '…'} – {scope.until or '…'}")
    return ", ".join(parts)
