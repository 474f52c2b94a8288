"""Opening a task to work on it, and saving a draft of its form."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from engine import access, clock
from engine.actors import Actor
from engine.services.changes import load
from engine.services.errors import NotFound
from engine.services.library import Library
from engine.store import UnitOfWork


@dataclass(frozen=True)
class TaskPage:
    """Everything the task page shows."""

    task_id: str
    element: str
    name: str
    lane: str | None
    documentation: str | None
    trajectory_id: str
    child_id: str
    child: str
    guideline_version: str
    form: str | None
    schema: dict | None
    values: dict[str, Any]
    draft_saved_at: datetime | None
    due_at: datetime | None
    claimed_by_me: bool
    claimed_by_other: str | None
    action: str | None = None


class Desk:
    def __init__(self, uow: Callable[..., UnitOfWork], library: Library):
        self._uow = uow
        self._library = library

    def open(self, task_id: str, actor: Actor) -> TaskPage:
        """Open a ready task of mine: its form, prefilled with my draft or the trajectory's data."""
        with self._uow() as uow:
            task = uow.tasks.get(task_id)
            if task is None:
                raise NotFound("deze taak ligt niet (meer) klaar")
            roles = uow.members.roles_of(task.trajectory_id, actor.id)
            access.require(access.may_work_on(actor, roles, task.lane),
                           f"deze taak is voor de rol '{task.lane}' in het team van dit traject")
            trajectory = uow.trajectories.get(task.trajectory_id)
            child = uow.children.get(trajectory.child_id)
            casework = self._library.casework(trajectory.guideline_version_id)
            instance = load(uow, casework, trajectory)
            draft = uow.drafts.get(task_id, actor.id)
            claimer = uow.people.get(task.claimed_by) if task.claimed_by else None
        schema = casework.guideline.form(task.form)
        element = casework.guideline.process(trajectory.process_id).element(task.element)
        ready = next((t for t in instance.ready_tasks() if t.id == task_id), None)
        known = ready.data if ready else {}
        fields = set((schema or {}).get("properties", {}))
        values = draft.data if draft else {k: v for k, v in known.items() if k in fields}
        self._log(actor, task_id)
        return TaskPage(task.id, task.element, task.name, task.lane, element.documentation if element else None,
                        trajectory.id, child.id, f"{child.given_name} {child.family_name}",
                        trajectory.guideline_version_id, task.form, schema, values,
                        draft.saved_at if draft else None, task.due_at, task.claimed_by == actor.id,
                        claimer.display_name if claimer and claimer.id != actor.id else None,
                        element.action if element else None)

    def save_draft(self, task_id: str, data: dict[str, Any], actor: Actor) -> None:
        """Keep unfinished form data for later; it is not checked until the task is completed."""
        with self._uow(write=True) as uow:
            task = uow.tasks.get(task_id)
            if task is None:
                raise NotFound("deze taak ligt niet (meer) klaar")
            roles = uow.members.roles_of(task.trajectory_id, actor.id)
            access.require(access.may_work_on(actor, roles, task.lane), "deze taak is niet voor jou")
            uow.drafts.save(task_id, actor.id, data, clock.now())
            uow.access.record(clock.now(), actor.id, "concept", f"taak:{task_id}")
            uow.commit()

    def _log(self, actor: Actor, task_id: str) -> None:
        with self._uow(write=True) as uow:
            uow.access.record(clock.now(), actor.id, "lezen", f"taak:{task_id}")
            uow.commit()
