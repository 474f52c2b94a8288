"""Workflow classes that report every completed flow element, with its instance path."""

from __future__ import annotations

from SpiffWorkflow.bpmn.specs.mixins.multiinstance_task import LoopTask
from SpiffWorkflow.bpmn.util.subworkflow import BpmnSubWorkflow
from SpiffWorkflow.bpmn.workflow import BpmnWorkflow

from engine.runtime.model import Completion
from engine.runtime.naming import original_id


class TrackedWorkflow(BpmnWorkflow):
    """The top workflow; collects completions of itself and all its subprocesses."""

    def __init__(self, spec, subprocess_specs=None, script_engine=None, **kwargs):
        self.completions: list[Completion] = []
        self.decisions: dict = {}         # Spiff task id -> ids of the DMN rules that hit (not serialized)
        self.after_step = None
        super().__init__(spec, subprocess_specs, script_engine, **kwargs)

    def create_subprocess(self, my_task, spec_name):
        subprocess = TrackedSubWorkflow(self.subprocess_specs[spec_name],
                                        parent_task_id=my_task.id, top_workflow=self)
        self.subprocesses[my_task.id] = subprocess
        return subprocess

    def _task_completed_notify(self, task):
        record(self, task)
        super()._task_completed_notify(task)


class TrackedSubWorkflow(BpmnSubWorkflow):
    """A subprocess that reports its completions to the top workflow."""

    def _task_completed_notify(self, task):
        record(self.top_workflow, task)
        super()._task_completed_notify(task)


def record(top: TrackedWorkflow, task) -> None:
    """Note that `task` completed, unless it is an engine internal or a loop container."""
    spec = task.task_spec
    if getattr(spec, "bpmn_id", None) is None or isinstance(spec, LoopTask):
        return
    decisions = getattr(top, "decisions", None)
    rules = decisions.pop(task.id, ()) if decisions is not None else ()
    top.completions.append(Completion(original_id(spec.bpmn_id), instance_path(task),
                                      spec.description or type(spec).__name__,
                                      process=task.workflow.spec.name, source=_source(task), rules=rules))


def _source(task) -> str | None:
    """The flow element this one was reached from: the nearest ancestor in the task tree that is
    a flow element other than itself (a multi-instance container stands for its children)."""
    own = task.task_spec.bpmn_id
    current = task.parent
    while current is not None:
        bpmn_id = getattr(current.task_spec, "bpmn_id", None)
        if bpmn_id is not None and bpmn_id != own:
            return original_id(bpmn_id)
        current = current.parent
    return None


def instance_path(task) -> str:
    """Name a task by BPMN ids from the top process down, with an index per loop instance."""
    segments = []
    current = task
    while current is not None:
        spec = current.task_spec
        segment = original_id(getattr(spec, "bpmn_id", None) or spec.name)
        parent = current.parent
        if parent is not None and isinstance(parent.task_spec, LoopTask) \
                and spec.name == parent.task_spec.task_spec:
            segment += f"[{_instance_key(current, parent)}]"
        segments.append(segment)
        workflow = current.workflow
        if workflow.parent_task_id is None:
            break
        current = workflow.top_workflow.get_task_from_id(workflow.parent_task_id)
    return "/".join(reversed(segments))


def _instance_key(child, container) -> str:
    data = child.internal_data
    for key in ("key_or_index", "iteration"):
        if data.get(key) is not None:
            return str(data[key])
    item = data.get("item")
    if isinstance(item, (str, int, float, bool)):
        return str(item)
    return str(container._children.index(child.id))
