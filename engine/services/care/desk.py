"""Opening a task to work on it, and saving a draft of its form."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from engine import access, clock
from engine.access import Data
from engine.actors import Actor
from engine.history import events, log
from engine.services.care import representatives
from engine.services.care.clearances import clearance_of
from engine.services.care.findings import Finding, latest
from engine.services.changes import load
from engine.services.errors import NotFound, TaskDone
from engine.services.family import voice
from engine.services.library import Library
from engine.store import UnitOfWork
from engine.store.family import family_events
from engine.store.queues import NOTICE


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
    prefilled: tuple[str, ...] = ()             # fields answered from the child record, to check
    findings: tuple[Finding, ...] = ()          # the latest round's, read-only, for the steps that work from them
    family_words: tuple[voice.Words, ...] = ()  # what the family wrote themselves for this step's fields


class Desk:
    def __init__(self, uow: Callable[..., UnitOfWork], library: Library):
        self._uow = uow
        self._library = library

    def open(self, task_id: str, actor: Actor) -> TaskPage:
        """Open a ready task of mine: its form, prefilled with my draft or what the trajectory knows
        and I may read. The read and its access-log row share one transaction."""
        with self._uow(write=True) as uow:
            task, trajectory = self._mine(uow, task_id, actor)
            child = uow.children.get(trajectory.child_id)
            casework = self._library.casework(trajectory.guideline_version_id)
            instance = load(uow, casework, trajectory)
            draft = uow.drafts.get(task_id, actor.id)
            claimer = uow.people.get(task.claimed_by) if task.claimed_by else None
            clearance = clearance_of(uow, trajectory, actor)
            family = representatives.legal(child.representatives or []) if clearance.reads(Data.FAMILY) else []
            written = voice.written(family_events(uow.session, trajectory.id, frozenset({log.Kind.FAMILY_VIEW})))
            uow.access.record(clock.now(), actor.id, "lezen", f"taak:{task_id}")
            uow.commit()
        schema = casework.guideline.form(task.form)
        definition = casework.guideline.process(trajectory.process_id)
        element = definition.element(task.element)
        ready = next((t for t in instance.ready_tasks() if t.id == task_id), None)
        known = ready.data if ready else {}
        fields = set((schema or {}).get("properties", {})) - _withheld(casework, trajectory, clearance)
        values, prefilled = (draft.data, []) if draft else \
            representatives.prefill(schema, {k: v for k, v in known.items() if k in fields}, family)
        words = tuple(w for w in written if w.field in fields)
        if not draft:                           # the family's own words: nobody types them again
            for name, marked in voice.for_form(schema, list(words)).items():
                if not values.get(name):
                    values, prefilled = {**values, name: marked}, [*prefilled, name]
        return TaskPage(
            task_id=task.id, element=task.element, name=task.name, lane=task.lane,
            documentation=element.documentation if element else None, trajectory_id=trajectory.id,
            child_id=child.id, child=f"{child.given_name} {child.family_name}",
            guideline_version=trajectory.guideline_version_id, form=task.form, schema=schema, values=values,
            draft_saved_at=draft.saved_at if draft else None, due_at=task.due_at,
            claimed_by_me=task.claimed_by == actor.id,
            claimed_by_other=claimer.display_name if claimer and claimer.id != actor.id else None,
            action=element.action if element else None, prefilled=tuple(prefilled),
            findings=latest(known, definition, casework.guideline.form, clearance), family_words=words)

    def save_draft(self, task_id: str, data: dict[str, Any], actor: Actor) -> None:
        """Keep unfinished form data for later; it is not checked until the task is completed."""
        with self._uow(write=True) as uow:
            self._mine(uow, task_id, actor)
            uow.drafts.save(task_id, actor.id, data, clock.now())
            uow.access.record(clock.now(), actor.id, "concept", f"taak:{task_id}")
            uow.commit()

    @staticmethod
    def _mine(uow: UnitOfWork, task_id: str, actor: Actor):
        """The task and its trajectory, when the actor may work on it now; else refuse, saying why."""
        task = uow.tasks.get(task_id)
        if task is None:
            _completed(uow, task_id, actor)
            raise NotFound("deze taak ligt niet (meer) klaar")
        if task.kind == NOTICE:
            raise NotFound("dit is een melding van ekd, geen taak van de richtlijn: onderteken het A-document "
                           "opnieuw op zijn pagina")
        trajectory = uow.trajectories.get(task.trajectory_id)
        clearance = clearance_of(uow, trajectory, actor)
        clearance.require_work(task.lane)
        return task, trajectory


def _completed(uow: UnitOfWork, task_id: str, actor: Actor) -> None:
    """Point a team member who opens a task completed meanwhile to its step's page (an outsider
    learns nothing more than that the task is not ready)."""
    done = uow.events.completion_of(task_id, events.TASK_COMPLETED)
    if done is not None:
        trajectory = uow.trajectories.get(done.trajectory_id)
        if trajectory is not None and clearance_of(uow, trajectory, actor).roles:
            raise TaskDone(trajectory.id, done.seq)


def _withheld(casework, trajectory, clearance: access.Clearance) -> set[str]:
    """Form fields a prefill may not carry to this reader: what the medical lanes' forms record,
    unless they read medical findings."""
    if clearance.reads(Data.MEDICAL):
        return set()
    definition = casework.guideline.process(trajectory.process_id)
    medical = [e.form for e in definition.elements.values() if e.manual and e.lane in access.MEDICAL_LANES]
    return {name for form in medical for name in (casework.guideline.form(form) or {}).get("properties", {})}
