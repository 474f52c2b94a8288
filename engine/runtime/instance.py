"""One running workflow as ekd sees it: ready tasks, completing them, timers, state."""

from __future__ import annotations

import copy
from datetime import datetime
from typing import Any
from uuid import UUID

from SpiffWorkflow.bpmn.specs.control import BoundaryEventSplit
from SpiffWorkflow.bpmn.specs.event_definitions.item_aware_event import SignalEventDefinition
from SpiffWorkflow.bpmn.specs.event_definitions.message import MessageEventDefinition
from SpiffWorkflow.bpmn.specs.event_definitions.timer import TimerEventDefinition
from SpiffWorkflow.exceptions import TaskNotFoundException
from SpiffWorkflow.util.task import TaskState

from engine.errors import TaskNotReady, UnknownTask, WorkflowError
from engine.runtime import pruning, state
from engine.runtime.definition import Definition
from engine.runtime.failures import translated
from engine.runtime.model import Completion, ReadyTask, Waiting
from engine.runtime.naming import original_id
from engine.runtime.tracking import TrackedWorkflow, instance_path

# Engine steps one advance may take before ekd calls it an endless loop.
MAX_STEPS = 100_000


class Instance:
    """A workflow of one guideline process. After an error raised by a method, discard it
    and load the last stored state again: a failed step is never half-applied there."""

    def __init__(self, definition: Definition, workflow: TrackedWorkflow):
        self.definition = definition
        self.workflow = workflow
        self._steps = 0

    # -- reading ------------------------------------------------------------------------
    @property
    def completed(self) -> bool:
        """Whether the process has ended."""
        return self.workflow.is_completed()

    @property
    def data(self) -> dict[str, Any]:
        """The process data: at the end, or as the most recently completed step left it
        (which may be inside a subprocess or called process)."""
        return copy.deepcopy(self._latest_data())

    def value(self, name: str) -> Any:
        """One value of the process data (a copy), without copying the rest."""
        return copy.deepcopy(self._latest_data().get(name))

    def _latest_data(self) -> dict[str, Any]:
        if self.workflow.is_completed():
            return self.workflow.data
        workflows = [self.workflow, *self.workflow.subprocesses.values()]
        finished = [w.last_task for w in workflows if w.last_task is not None]
        if not finished:
            return {}
        return max(finished, key=lambda task: task.last_state_change).data

    def ready_tasks(self, lane: str | None = None) -> list[ReadyTask]:
        """Return the user and manual tasks waiting for a person, optionally of one lane."""
        tasks = self.workflow.get_tasks(state=TaskState.READY, manual=True)
        ready = [self._ready(task) for task in tasks]
        return [task for task in ready if lane is None or task.lane == lane]

    def ready_task(self, task_id: str) -> ReadyTask:
        """Return the ready user task `task_id`; raise UnknownTask or TaskNotReady otherwise."""
        task = self._task(task_id)
        if not task.has_state(TaskState.READY) or not task.task_spec.manual:
            raise TaskNotReady(task_id, TaskState.get_name(task.state))
        return self._ready(task)

    def _ready(self, task) -> ReadyTask:
        element = self.definition.element(original_id(task.task_spec.bpmn_id))
        return ReadyTask(id=str(task.id), element=element.id, name=element.name,
                         lane=element.lane, form=element.form, path=instance_path(task),
                         data=task.data, due=_deadline(task), action=element.action)

    def waiting(self) -> list[Waiting]:
        """Return the timers and messages the process waits for."""
        found = []
        for task in self.workflow.event_manager.tasks.values():
            if not task.has_state(TaskState.WAITING):
                continue
            definition = task.task_spec.event_definition
            kind, due = _event_kind(definition), None
            if isinstance(definition, TimerEventDefinition):
                due = _due(definition.details(task).value)
            found.append(Waiting(element=original_id(task.task_spec.bpmn_id),
                                 path=instance_path(task), kind=kind,
                                 name=definition.name or kind, due=due))
        return sorted(found, key=lambda w: (w.due is None, w.due or datetime.min, w.path))

    def take_completions(self) -> list[Completion]:
        """Return the elements completed since the last call, in order."""
        done, self.workflow.completions = self.workflow.completions, []
        return done

    # -- changing -----------------------------------------------------------------------
    def complete(self, task_id: str, data: dict[str, Any]) -> list[Completion]:
        """Complete a ready user task with `data`, run the engine on, return what completed."""
        self.ready_task(task_id)
        task = self._task(task_id)
        with translated():
            task.data.update(copy.deepcopy(data))
            task.run()
        self.advance()
        return self.take_completions()

    def advance(self) -> None:
        """Run engine steps and due timers until only people or the clock can move it on."""
        workflow = self.workflow
        self._steps = 0
        with translated():
            while True:
                workflow.do_engine_steps(did_complete_task=self._after_step)
                if workflow.get_next_task(state=TaskState.READY, manual=False) is None:
                    break
        pruning.prune(workflow)

    def _after_step(self, task) -> None:
        self._steps += 1
        if self._steps > MAX_STEPS:
            raise WorkflowError(f"meer dan {MAX_STEPS} stappen zonder een taak voor een persoon: "
                                "eindeloze lus?", element=original_id(task.task_spec.bpmn_id or ""))
        if pruning.needs_pruning(task):
            pruning.prune(self.workflow)

    def _task(self, task_id: str):
        try:
            return self.workflow.get_task_from_id(UUID(task_id))
        except (ValueError, TypeError, KeyError, TaskNotFoundException):
            raise UnknownTask(task_id) from None

    def task_by_path(self, path: str) -> ReadyTask | None:
        """Find the ready task with this instance path (how the event log names tasks)."""
        for task in self.ready_tasks():
            if task.path == path:
                return task
        return None

    def dumps(self) -> str:
        """Return the state as JSON text (flat: history lives in ekd's event log)."""
        return state.dumps(self.workflow)


def _deadline(task) -> datetime | None:
    """The earliest due time of the timers attached to `task` (its boundary events)."""
    parent = task.parent
    if parent is None or not isinstance(parent.task_spec, BoundaryEventSplit):
        return None
    dues = [_due(sibling.task_spec.event_definition.details(sibling).value) for sibling in parent.children
            if sibling is not task and sibling.has_state(TaskState.WAITING)
            and isinstance(getattr(sibling.task_spec, "event_definition", None), TimerEventDefinition)]
    return min((due for due in dues if due is not None), default=None)


def _event_kind(definition) -> str:
    if isinstance(definition, TimerEventDefinition):
        return "timer"
    if isinstance(definition, MessageEventDefinition):
        return "message"
    if isinstance(definition, SignalEventDefinition):
        return "signal"
    return type(definition).__name__.replace("EventDefinition", "").lower() or "event"


def _due(value) -> datetime | None:
    if isinstance(value, dict):
        value = value.get("next")
    if not isinstance(value, str):
        return None
    try:
        moment = TimerEventDefinition.get_datetime(value)
    except ValueError:
        return None
    return datetime.fromisoformat(moment.isoformat())   # a plain datetime, not Spiff's clocked one
