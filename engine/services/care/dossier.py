"""The child's one dossier: every trajectory, its team, progress, contributions and history,
as need-to-know lets the reader see it (engine/access.py)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from engine import access, clock, runtime
from engine.access import Clearance, Data
from engine.actors import SYSTEM, Actor
from engine.history import events as kinds
from engine.history.events import payload
from engine.roles import DISCIPLINES, LANE_ROLES
from engine.services.care.teams import MemberView
from engine.services.changes import load
from engine.services.children import ChildView, view
from engine.services.errors import NotFound
from engine.services.library import Library
from engine.store import UnitOfWork

_INDEX = re.compile(r"\[[^\]]*\]$")


@dataclass(frozen=True)
class Entry:
    """One line of a trajectory's timeline."""

    at: datetime
    kind: str
    what: str
    who: str


@dataclass(frozen=True)
class Contribution:
    """One discipline's findings, as recorded when its task was completed."""

    role: str
    step: str
    at: datetime
    author: str
    fields: list[tuple[str, str]]
    withheld: bool = False


@dataclass
class TrajectoryFile:
    id: str
    status: str
    consent: str
    started_at: datetime
    guideline_version: str
    team: list[MemberView]
    anchor: str | None
    ready: list[runtime.ReadyTask]
    waiting: list[runtime.Waiting]
    timeline: list[Entry]
    contributions: list[Contribution]
    markers: dict[str, dict[str, str]]          # process → element → done/active/waiting
    diagrams: dict[str, tuple[str, str]]        # process → (BPMN file name, process name)
    main_process: str
    i_coordinate: bool
    shared_hidden: bool = False                 # the shared sections are not for this reader now
    progress_hidden: bool = False               # nor where the trajectory stands (consent withdrawn)
    halted_reason: str | None = None


@dataclass
class DossierView:
    child: ChildView
    representatives: list[dict[str, Any]]
    trajectories: list[TrajectoryFile] = field(default_factory=list)
    may_start: bool = False
    candidates: dict[str, list[MemberView]] = field(default_factory=dict)   # who a coordinator can put on a team


class Dossiers:
    def __init__(self, uow: Callable[..., UnitOfWork], library: Library):
        self._uow = uow
        self._library = library

    def read(self, child_id: str, actor: Actor) -> DossierView:
        """The dossier as `actor` may see it: the trajectories they are on; the child record for the
        coordinator who registered the child. The read and its access-log row share one transaction."""
        access.require(access.works_with_clients(actor), access.NO_CLIENT_DATA)
        with self._uow(write=True) as uow:
            child = uow.children.get(child_id)
            if child is None:
                raise NotFound("dit kind bestaat niet")
            registrar = actor.has("coordinator") and child.registered_by == actor.id
            files, family = [], registrar
            for trajectory in uow.trajectories.of_child(child_id):
                clearance = access.clearance(actor, uow.members.roles_of(trajectory.id, actor.id), trajectory.status)
                if clearance.roles:
                    files.append(self._file(uow, trajectory, actor, clearance))
                    family = family or clearance.reads(Data.FAMILY)
            if not files and not registrar:
                raise access.Forbidden("je zit niet in het team van dit kind en registreerde het niet")
            running = uow.trajectories.running_of_child(child_id) is not None
            candidates = {role: [MemberView(p.id, p.display_name, role) for p in uow.people.with_role(role)]
                          for role in LANE_ROLES} if any(f.i_coordinate for f in files) else {}
            dossier = DossierView(view(child), list(child.representatives or []) if family else [], files,
                                  may_start=actor.has("coordinator") and not running, candidates=candidates)
            uow.access.record(clock.now(), actor.id, "lezen", f"kind:{child_id}",
                              ",".join(f.id for f in files) or None)
            uow.commit()
        return dossier

    def _file(self, uow: UnitOfWork, trajectory, actor: Actor, clearance: Clearance) -> TrajectoryFile:
        casework = self._library.casework(trajectory.guideline_version_id)
        definition = casework.guideline.process(trajectory.process_id)
        history = uow.events.of_trajectory(trajectory.id)
        names = _names(uow, history)
        progress = clearance.reads(Data.PROGRESS)
        instance = load(uow, casework, trajectory) if progress else None
        ready, waiting = (instance.ready_tasks(), instance.waiting()) if instance else ([], [])
        team = [MemberView(p.id, p.display_name, m.role) for m, p in uow.members.of_trajectory(trajectory.id)] \
            if progress else []
        anchor = uow.people.get(trajectory.anchor_person_id) if trajectory.anchor_person_id and progress else None
        return TrajectoryFile(
            id=trajectory.id, status=trajectory.status, consent=trajectory.consent,
            started_at=trajectory.started_at, guideline_version=trajectory.guideline_version_id, team=team,
            anchor=anchor.display_name if anchor else None, ready=ready, waiting=waiting,
            timeline=_timeline(history, definition, names) if progress else [],
            contributions=_contributions(history, casework, definition, names, clearance, actor.id),
            markers=_markers(history, ready, waiting, definition) if progress else {},
            diagrams=_diagrams(definition) if progress else {}, main_process=trajectory.process_id,
            i_coordinate=clearance.coordinates and clearance.may(access.Act.MANAGE),
            shared_hidden=not clearance.reads(Data.SHARED), progress_hidden=not progress,
            halted_reason=access.HALTED if clearance.phase is access.Phase.HALTED else None)


def _names(uow: UnitOfWork, history) -> dict[str, str]:
    names = {SYSTEM.id: SYSTEM.display_name, "cli": "beheer", "migratie": "upgrade (migratie 0008)"}
    for person_id in {e.actor for e in history} - set(names):
        person = uow.people.get(person_id)
        names[person_id] = person.display_name if person else "onbekend"
    return names


def _label(definition: runtime.Definition, element_id: str) -> str:
    element = definition.element(element_id)
    return element.name if element else element_id


_KINDS = {kinds.STARTED: "Traject gestart", kinds.TASK_COMPLETED: "Taak afgerond",
          kinds.TIMER_FIRED: "Termijn verstreken", kinds.CONSENT_WITHDRAWN: "Instemming ingetrokken",
          kinds.CONSENT_GIVEN: "Instemming opnieuw gegeven", kinds.AGREEMENT: "Akkoord", kinds.ERROR: "Fout",
          kinds.TEAM_CHANGED: "Team gewijzigd", kinds.ANCHOR_NAMED: "Ankerfiguur benoemd",
          kinds.DOCUMENT_COMPLETED: "A-document aangevuld", kinds.DOCUMENT_SIGNED: "A-document ondertekend",
          kinds.DOCUMENT_AGREED: "Akkoord met het A-document", kinds.DOCUMENT_SUBMITTED: "A-document ingediend",
          kinds.DOCUMENT_CORRECTED: "A-document gecorrigeerd", kinds.DATA_ERASED: "Gegevens gewist",
          kinds.TABLES_ADOPTED: "Overgenomen bij de upgrade"}


def _timeline(history, definition, names) -> list[Entry]:
    entries = []
    for event in history:
        body = payload(event) or {}
        if event.type == kinds.TASK_COMPLETED:
            what = _label(definition, body.get("element", ""))
        elif event.type == kinds.TIMER_FIRED:
            what = ", ".join(_label(definition, t["element"]) for t in body.get("timers", []))
        else:
            what = body.get("toelichting") or body.get("error") or ""
        entries.append(Entry(event.recorded_at, _KINDS.get(event.type, event.type), what,
                             names.get(event.actor, event.actor)))
    return list(reversed(entries))


def _contributions(history, casework, definition, names, clearance: Clearance, me: str) -> list[Contribution]:
    found = []
    for event in history:
        body = payload(event) or {}
        finding = (body.get("data") or {}).get("bevinding")
        if event.type != kinds.TASK_COMPLETED or body.get("role") not in DISCIPLINES or not isinstance(finding, dict):
            continue
        readable = clearance.reads_contribution(body["role"], event.actor, me)
        if not readable and not clearance.reads(Data.SHARED):
            continue                   # while consent is withdrawn: not even that it exists
        element = definition.element(body["element"])
        schema = casework.guideline.form(element.form if element else None) or {}
        titles = schema.get("properties", {}).get("bevinding", {}).get("properties", {})
        fields = [(titles.get(k, {}).get("title", k), str(v)) for k, v in finding.items()
                  if isinstance(v, (str, int, float)) and str(v).strip()] if readable else []
        found.append(Contribution(body["role"], _label(definition, body["element"]), event.recorded_at,
                                  names.get(event.actor, event.actor), fields, not readable))
    return found


def _markers(history, ready, waiting, definition) -> dict[str, dict[str, str]]:
    marks: dict[str, dict[str, str]] = {}

    def mark(path: str, state: str) -> None:
        for segment in path.split("/"):
            element_id = _INDEX.sub("", segment)
            element = definition.element(element_id)
            if element is None:
                continue
            current = marks.setdefault(element.process, {}).get(element_id)
            if state == "done" and current in ("active", "waiting"):
                continue
            marks[element.process][element_id] = state if segment == path.split("/")[-1] or state == "done" \
                else "active"

    for event in history:
        for path in (payload(event) or {}).get("completed", []):
            mark(path, "done")
    for task in ready:
        mark(task.path, "active")
    for item in waiting:
        mark(item.path, "waiting")
    return marks


def _diagrams(definition: runtime.Definition) -> dict[str, tuple[str, str]]:
    names = definition.process_names()
    files = {}
    for element in definition.elements.values():
        if element.file:
            files.setdefault(element.process, (element.file, names.get(element.process, element.process)))
    return files
