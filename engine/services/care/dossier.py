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
from engine.actors import Actor
from engine.history import log
from engine.history.events import payload
from engine.roles import LANE_ROLES
from engine.services.care import steps, timeline
from engine.services.care.teams import MemberView
from engine.services.changes import load
from engine.services.children import ChildView, view
from engine.services.errors import NotFound
from engine.services.library import Library
from engine.store import UnitOfWork
from engine.store.queues import MOVED_NOTICE

_INDEX = re.compile(r"\[[^\]]*\]$")


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
    timeline: list[timeline.Entry]
    contributions: list[steps.Contribution]
    markers: dict[str, dict[str, str]]          # process → element → done/active/waiting
    diagrams: dict[str, tuple[str, str]]        # process → (BPMN file name, process name)
    main_process: str
    i_coordinate: bool
    shared_hidden: bool = False                 # the shared sections are not for this reader now
    progress_hidden: bool = False               # nor where the trajectory stands (consent withdrawn)
    halted_reason: str | None = None
    family: list[tuple[str, str, bool]] = field(default_factory=list)   # invited: (name, relation, has a log-in)
    correction_requests: list[dict[str, str]] = field(default_factory=list)   # open: {"notice", "name", "request"}
    versions: list[tuple[int, str, datetime]] = field(default_factory=list)   # (number, id, since): every version

    @property
    def manageable(self) -> bool:
        """The coordinator's forms (team, anchor, consent) apply: not once the trajectory is closed."""
        return self.i_coordinate and access.phase_of(self.status) is not access.Phase.CLOSED

    @property
    def consent_action(self) -> str | None:
        """What the coordinator can record about consent now: withdrawal where it is given, a new
        consent where it was withdrawn; before and after the consent task, nothing here."""
        return {"gegeven": "intrekken", "ingetrokken": "herstellen"}.get(self.consent)


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
                if clearance.coordinates:        # the coordinator read of the move: its inbox item goes
                    uow.tasks.withdraw([t.id for t in uow.tasks.notices(trajectory.id) if t.element == MOVED_NOTICE])
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

    def _definitions(self, uow: UnitOfWork, history) -> dict[str, runtime.Definition]:
        """The main process of each version the events ran on (a trajectory that moved names its
        earlier steps as its earlier version did)."""
        found = {}
        for version in {event.guideline_version_id for event in history if event.guideline_version_id}:
            row = uow.guidelines.get(version)
            if row is not None:
                found[version] = self._library.casework(version).guideline.process(row.main_process)
        return found

    def _file(self, uow: UnitOfWork, trajectory, actor: Actor, clearance: Clearance) -> TrajectoryFile:
        casework = self._library.casework(trajectory.guideline_version_id)
        definition = casework.guideline.process(trajectory.process_id)
        history = uow.events.of_trajectory(trajectory.id)
        people = steps.names(uow, history)
        progress = clearance.reads(Data.PROGRESS)
        instance = load(uow, casework, trajectory) if progress else None
        ready, waiting = (instance.ready_tasks(), instance.waiting()) if instance else ([], [])
        team = [MemberView(p.id, p.display_name, m.role) for m, p in uow.members.of_trajectory(trajectory.id)] \
            if progress else []
        anchor = uow.people.get(trajectory.anchor_person_id) if trajectory.anchor_person_id and progress else None
        coordinating = clearance.coordinates and clearance.may(access.Act.MANAGE)
        return TrajectoryFile(
            family=[(m.name, m.relation, m.person_id is not None) for m in uow.family_members.of_child(
                trajectory.child_id)] if coordinating else [],
            correction_requests=_open_requests(uow, trajectory.id, history) if coordinating else [],
            id=trajectory.id, status=trajectory.status, consent=trajectory.consent,
            started_at=trajectory.started_at, guideline_version=trajectory.guideline_version_id, team=team,
            anchor=anchor.display_name if anchor else None, ready=ready, waiting=waiting,
            timeline=timeline.entries(history, definition, people, clearance, actor.id,
                                      self._definitions(uow, history)) if progress else [],
            contributions=steps.contributions(history, casework, definition, people, clearance, actor.id),
            markers=_markers(history, ready, waiting, definition) if progress else {},
            diagrams=_diagrams(definition) if progress else {}, main_process=trajectory.process_id,
            i_coordinate=clearance.coordinates and clearance.may(access.Act.MANAGE),
            shared_hidden=not clearance.reads(Data.SHARED), progress_hidden=not progress,
            halted_reason=access.HALTED if clearance.phase is access.Phase.HALTED else None,
            versions=[(uow.guidelines.get(v).number, v, at) for v, _, at in uow.events.versions(trajectory.id)])


def _open_requests(uow: UnitOfWork, trajectory_id: str, history) -> list[dict[str, str]]:
    """The family's correction requests still open in the coordinator's inbox."""
    open_ids = {t.id for t in uow.tasks.notices(trajectory_id) if t.element == "correctievraag_gezin"}
    asked = [payload(e) or {} for e in history if e.type == log.Kind.FAMILY_CORRECTION]
    return [{"notice": a["melding"], "name": a.get("naam", ""), "request": a.get("vraag", "")}
            for a in asked if a.get("melding") in open_ids]


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
