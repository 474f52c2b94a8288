"""Use cases of a trajectory: start it, complete its tasks, read it."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from engine import access, clock, runtime
from engine.actors import Actor
from engine.casework import Casework, Done
from engine.history import chain, events
from engine.history.replay import seed
from engine.services.adocuments import ADocuments
from engine.services.changes import Outcome, change, load, record, save, status_of
from engine.services.errors import Conflict, NoGuideline, NotFound
from engine.services.library import Library
from engine.store import UnitOfWork
from engine.store.models import Trajectory


@dataclass(frozen=True)
class TrajectoryView:
    """What a trajectory looks like now."""

    id: str
    child_id: str
    guideline_version: str
    status: str
    consent: str
    started_at: datetime
    event_count: int
    ready: list[runtime.ReadyTask]
    waiting: list[runtime.Waiting]
    data: dict[str, Any]


class Trajectories:
    def __init__(self, uow: Callable[..., UnitOfWork], library: Library, documents: ADocuments):
        self._uow = uow
        self._library = library
        self._documents = documents

    def start(self, child_id: str, actor: Actor) -> str:
        """Start a trajectory for a child on the current guideline version; return its id.
        The coordinator who starts it joins its team as coordinator."""
        access.require(actor.has("coordinator"), "alleen een trajectcoördinator start een traject")
        version = self._library.current()
        if version is None:
            raise NoGuideline("er is nog geen richtlijn geladen (ekd init)")
        casework = self._library.casework(version)
        with self._uow(write=True) as uow:
            child = uow.children.get(child_id)
            if child is None:
                raise NotFound(f"kind '{child_id}' bestaat niet")
            process = uow.guidelines.get(version).main_process
            trajectory_id = str(uuid.uuid4())
            data = {"kind_geboortedatum": child.birth_date.isoformat()}
            now = clock.now()
            with clock.frozen(now), runtime.repeatable(seed(trajectory_id, 1)):
                instance = casework.start(process, data)
            trajectory = Trajectory(id=trajectory_id, child_id=child_id, guideline_version_id=version,
                                    process_id=process, status="lopend", started_at=now, updated_at=now,
                                    event_count=0, head_hash=chain.GENESIS)
            uow.trajectories.add(trajectory)
            uow.flush()                       # the trajectory row before the rows that point to it
            uow.members.add(trajectory_id, actor.id, "coordinator")
            outcome = Outcome(events.STARTED, {"process": process, "version": version, "data": data},
                              instance.take_completions())
            record(uow, trajectory, actor, outcome, now)
            save(uow, trajectory, instance, now)
            uow.commit()
            return trajectory_id

    def complete_task(self, task_id: str, data: dict[str, Any], actor: Actor) -> Done:
        """Complete a ready task with form data, as a person holding the task's role."""
        def locate(uow) -> str:
            row = uow.tasks.get(task_id)
            if row is None:
                raise NotFound(f"taak '{task_id}' ligt niet (meer) klaar")
            return row.trajectory_id

        def operation(uow, casework: Casework, instance, trajectory) -> Outcome:
            task = instance.ready_task(task_id)
            check_may_work_on(uow, trajectory, task_id, task.lane, actor)
            element = casework.guideline.process(trajectory.process_id).element(task.element)
            action = element.action if element else None
            self._documents.before_task(uow, trajectory, casework, instance, action)
            done = casework.complete(instance, task_id, data, actor.roles)
            self._documents.after_task(uow, trajectory, casework, instance, action, done, actor)
            uow.drafts.discard([task_id])
            body = {"task": task_id, "element": done.task.element, "path": done.task.path,
                    "role": done.task.lane, "data": done.data}
            return Outcome(events.TASK_COMPLETED, body, done.completions, done)

        return change(self._uow, self._library, locate, actor, operation)

    def withdraw_consent(self, trajectory_id: str, reason: str, actor: Actor) -> None:
        """Record that consent was withdrawn: tasks and sharing halt until it is given again."""
        self._consent(trajectory_id, actor, "ingetrokken", events.CONSENT_WITHDRAWN, reason)

    def restore_consent(self, trajectory_id: str, note: str, actor: Actor) -> None:
        """Record that consent was given again after a withdrawal."""
        self._consent(trajectory_id, actor, "gegeven", events.CONSENT_GIVEN, note)

    def _consent(self, trajectory_id: str, actor: Actor, consent: str, kind: str, note: str) -> None:
        if not note or not note.strip():
            raise Conflict("geef een toelichting (wie, wanneer, waarom)")

        def operation(uow, casework, instance, trajectory) -> Outcome:
            access.require("coordinator" in uow.members.roles_of(trajectory.id, actor.id)
                           and actor.has("coordinator"), "alleen de coördinator van het traject registreert instemming")
            if (consent == "ingetrokken") == (trajectory.consent == "ingetrokken"):
                raise Conflict(f"de instemming is al {trajectory.consent}")
            trajectory.consent = consent
            trajectory.status = status_of(trajectory, instance.completed)
            return Outcome(kind, {"toelichting": note.strip()}, [])

        change(self._uow, self._library, trajectory_id, actor, operation)

    def view(self, trajectory_id: str) -> TrajectoryView:
        """Read a trajectory's current state (ready tasks, timers, data)."""
        with self._uow() as uow:
            trajectory = uow.trajectories.get(trajectory_id)
            if trajectory is None:
                raise NotFound(f"traject '{trajectory_id}' bestaat niet")
            casework = self._library.casework(trajectory.guideline_version_id)
            instance = load(uow, casework, trajectory)
            return TrajectoryView(trajectory.id, trajectory.child_id, trajectory.guideline_version_id,
                                  trajectory.status, trajectory.consent, trajectory.started_at,
                                  trajectory.event_count, instance.ready_tasks(), instance.waiting(), instance.data)

    def read(self, trajectory_id: str, actor: Actor) -> TrajectoryView:
        """A trajectory as a team member sees it (every read is logged)."""
        self._check_reader(trajectory_id, actor, "lezen")
        return self.view(trajectory_id)

    def events(self, trajectory_id: str, actor: Actor) -> list[dict[str, Any]]:
        """The trajectory's events; medical data only for those who may see it."""
        roles = self._check_reader(trajectory_id, actor, "gebeurtenissen")
        medical = access.sees_medical(actor, roles)
        with self._uow() as uow:
            history = uow.events.of_trajectory(trajectory_id)
        listed = []
        for event in history:
            body = events.payload(event) or {}
            shown = body.get("data") if medical or body.get("role") not in access.MEDICAL_LANES else None
            listed.append({"seq": event.seq, "type": event.type, "actor": event.actor,
                           "recorded_at": event.recorded_at, "element": body.get("element"),
                           "path": body.get("path"), "data": shown, "hash": event.hash})
        return listed

    def _check_reader(self, trajectory_id: str, actor: Actor, action: str) -> set[str]:
        with self._uow(write=True) as uow:
            if uow.trajectories.get(trajectory_id) is None:
                raise NotFound(f"traject '{trajectory_id}' bestaat niet")
            roles = uow.members.roles_of(trajectory_id, actor.id)
            access.require(access.may_read_trajectory(actor, roles), "je zit niet in het team van dit traject")
            uow.access.record(clock.now(), actor.id, action, f"traject:{trajectory_id}")
            uow.commit()
            return roles


def check_may_work_on(uow, trajectory, task_id: str, lane: str | None, actor: Actor) -> None:
    """Refuse unless the actor is on the team in the task's lane, consent holds, and nobody else
    claimed the task."""
    roles = uow.members.roles_of(trajectory.id, actor.id)
    access.require(access.may_work_on(actor, roles, lane),
                   f"deze taak is voor de rol '{lane}' in het team van dit traject")
    if trajectory.status == "opgeschort":
        raise Conflict("de instemming is ingetrokken: het traject staat stil")
    row = uow.tasks.get(task_id)
    if row is not None and row.claimed_by not in (None, actor.id):
        claimer = uow.people.get(row.claimed_by)
        raise Conflict(f"{claimer.display_name if claimer else 'iemand anders'} werkt al aan deze taak")
