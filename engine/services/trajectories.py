"""Use cases of a trajectory: start it, complete its tasks, read it."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from engine import clock, runtime
from engine.actors import Actor
from engine.casework import Casework, Done
from engine.history import chain, events
from engine.history.replay import seed
from engine.services.changes import Outcome, change, load, record, save
from engine.services.errors import NoGuideline, NotFound
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
    started_at: datetime
    event_count: int
    ready: list[runtime.ReadyTask]
    waiting: list[runtime.Waiting]
    data: dict[str, Any]


class Trajectories:
    def __init__(self, uow: Callable[..., UnitOfWork], library: Library):
        self._uow = uow
        self._library = library

    def start(self, child_id: str, actor: Actor) -> str:
        """Start a trajectory for a child on the current guideline version; return its id."""
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
            outcome = Outcome(events.STARTED, {"process": process, "version": version, "data": data},
                              instance.take_completions())
            record(uow, trajectory, actor, outcome, now)
            save(uow, trajectory, instance, now)
            uow.commit()
            return trajectory_id

    def complete_task(self, task_id: str, data: dict[str, Any], actor: Actor) -> Done:
        """Complete a ready task with form data, as a person holding the task's role."""
        with self._uow() as uow:
            row = uow.tasks.get(task_id)
            if row is None:
                raise NotFound(f"taak '{task_id}' ligt niet (meer) klaar")
            trajectory_id = row.trajectory_id

        def operation(uow, casework: Casework, instance, trajectory) -> Outcome:
            done = casework.complete(instance, task_id, data, actor.roles)
            body = {"task": task_id, "element": done.task.element, "path": done.task.path,
                    "role": done.task.lane, "data": done.data}
            return Outcome(events.TASK_COMPLETED, body, done.completions, done)

        return change(self._uow, self._library, trajectory_id, actor, operation)

    def view(self, trajectory_id: str) -> TrajectoryView:
        """Read a trajectory's current state (ready tasks, timers, data)."""
        with self._uow() as uow:
            trajectory = uow.trajectories.get(trajectory_id)
            if trajectory is None:
                raise NotFound(f"traject '{trajectory_id}' bestaat niet")
            casework = self._library.casework(trajectory.guideline_version_id)
            instance = load(uow, casework, trajectory)
            return TrajectoryView(trajectory.id, trajectory.child_id, trajectory.guideline_version_id,
                                  trajectory.status, trajectory.started_at, trajectory.event_count,
                                  instance.ready_tasks(), instance.waiting(), instance.data)
