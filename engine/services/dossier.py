"""The child's one dossier: every trajectory, its team, progress, contributions and history,
filtered by need-to-know."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from engine import access, clock, runtime
from engine.actors import SYSTEM, Actor
from engine.history import events as kinds
from engine.history.events import payload
from engine.roles import DISCIPLINES
from engine.services.changes import load
from engine.services.children import ChildView, view
from engine.services.errors import NotFound
from engine.services.library import Library
from engine.services.teams import MemberView
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
    shared_hidden: bool = False


@dataclass
class DossierView:
    child: ChildView
    representatives: list[dict[str, Any]]
    trajectories: list[TrajectoryFile] = field(default_factory=list)
    may_start: bool = False


class Dossiers:
    def __init__(self, uow: Callable[..., UnitOfWork], library: Library):
        self._uow = uow
        self._library = library

    def read(self, child_id: str, actor: Actor) -> DossierView:
        """The dossier as `actor` may see it; every read is logged."""
        access.require(access.works_with_clients(actor), "jouw rol geeft geen toegang tot dossiers van kinderen")
        with self._uow() as uow:
            child = uow.children.get(child_id)
            if child is None:
                raise NotFound("dit kind bestaat niet")
            files = []
            for trajectory in uow.trajectories.of_child(child_id):
                roles = uow.members.roles_of(trajectory.id, actor.id)
                if access.may_read_trajectory(actor, roles):
                    files.append(self._file(uow, trajectory, actor, roles))
            access.require(bool(files) or actor.has("coordinator"), "je zit niet in het team van dit kind")
            dossier = DossierView(view(child), list(child.representatives or []), files,
                                  may_start=actor.has("coordinator"))
        with self._uow(write=True) as uow:
            uow.access.record(clock.now(), actor.id, "lezen", f"kind:{child_id}",
                              ",".join(f.id for f in files) or None)
            uow.commit()
        return dossier

    def _file(self, uow: UnitOfWork, trajectory, actor: Actor, roles: set[str]) -> TrajectoryFile:
        casework = self._library.casework(trajectory.guideline_version_id)
        definition = casework.guideline.process(trajectory.process_id)
        instance = load(uow, casework, trajectory)
        history = uow.events.of_trajectory(trajectory.id)
        names = _names(uow, history)
        team = [MemberView(p.id, p.display_name, m.role) for m, p in uow.members.of_trajectory(trajectory.id)]
        anchor = uow.people.get(trajectory.anchor_person_id) if trajectory.anchor_person_id else None
        coordinates = "coordinator" in roles
        hidden = trajectory.status == "opgeschort" and not coordinates
        ready, waiting = instance.ready_tasks(), instance.waiting()
        return TrajectoryFile(
            trajectory.id, trajectory.status, trajectory.consent, trajectory.started_at,
            trajectory.guideline_version_id, team, anchor.display_name if anchor else None,
            ready, waiting, [] if hidden else _timeline(history, definition, names),
            [] if hidden else _contributions(history, casework, definition, names,
                                             access.sees_medical(actor, roles)),
            _markers(history, ready, waiting, definition), _diagrams(definition), trajectory.process_id,
            coordinates, hidden)


def _names(uow: UnitOfWork, history) -> dict[str, str]:
    names = {SYSTEM.id: SYSTEM.display_name, "cli": "beheer"}
    for person_id in {e.actor for e in history} - set(names):
        person = uow.people.get(person_id)
        names[person_id] = person.display_name if person else "onbekend"
    return names


def _label(definition: runtime.Definition, element_id: str) -> str:
    element = definition.element(element_id)
    return element.name if element else element_id


_KINDS = {kinds.STARTED: "Traject gestart", kinds.TASK_COMPLETED: "Taak afgerond",
          kinds.TIMER_FIRED: "Termijn verstreken", kinds.CONSENT_WITHDRAWN: "Instemming ingetrokken",
          kinds.CONSENT_GIVEN: "Instemming opnieuw gegeven", kinds.AGREEMENT: "Akkoord", kinds.ERROR: "Fout"}


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


def _contributions(history, casework, definition, names, medical: bool) -> list[Contribution]:
    found = []
    for event in history:
        body = payload(event) or {}
        finding = (body.get("data") or {}).get("bevinding")
        if event.type != kinds.TASK_COMPLETED or body.get("role") not in DISCIPLINES or not isinstance(finding, dict):
            continue
        element = definition.element(body["element"])
        withheld = body["role"] in access.MEDICAL_LANES and not medical
        schema = casework.guideline.form(element.form if element else None) or {}
        titles = schema.get("properties", {}).get("bevinding", {}).get("properties", {})
        fields = [] if withheld else [(titles.get(k, {}).get("title", k), str(v)) for k, v in finding.items()
                                      if isinstance(v, (str, int, float)) and str(v).strip()]
        found.append(Contribution(body["role"], _label(definition, body["element"]), event.recorded_at,
                                  names.get(event.actor, event.actor), fields, withheld))
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
