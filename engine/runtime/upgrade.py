"""Move a running workflow from one version's process to another's: check first, then move.

`check` names every reason a trajectory cannot move, in words a coordinator reads; `migrate` moves
it (only when `check` found nothing): each task that holds a token keeps its id, data and timers'
dates and is re-pointed to its counterpart in the new version; what the old version predicted
(future and maybe-tasks) is dropped and predicted again from the new version. SpiffWorkflow's own
`migrate_workflow` resets every ready and waiting branch instead: new task ids (the inbox and
drafts lose them) and restarted duration timers (a deadline would move) — so ekd does not use it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime

from SpiffWorkflow.bpmn.specs.event_definitions.timer import TimerEventDefinition
from SpiffWorkflow.bpmn.specs.mixins.multiinstance_task import LoopTask
from SpiffWorkflow.specs.Join import Join
from SpiffWorkflow.util.task import TaskState

from engine.runtime import needs, state
from engine.runtime.definition import Definition, timer_kind
from engine.runtime.diff import Mapping, changes, kind_word, outputs, serialized
from engine.runtime.instance import Instance, _due
from engine.runtime.naming import original_id
from engine.runtime.tracking import instance_path

ACTIVE = TaskState.READY | TaskState.WAITING | TaskState.STARTED | TaskState.ERROR
PREDICTED = TaskState.FUTURE | TaskState.LIKELY | TaskState.MAYBE


@dataclass(frozen=True)
class Blocker:
    """Why a trajectory cannot move: the element and a reason a coordinator understands."""

    element: str
    reason: str


@dataclass(frozen=True)
class Deadline:
    """A timer that is running, and what the move does to it."""

    element: str
    name: str
    path: str
    kind: str | None           # date, duration, cycle
    due: datetime | None
    outcome: str               # what happens to it


@dataclass
class Check:
    """What a move would do: its blockers (none: it can move), the running deadlines and the tokens
    that change element (old -> new)."""

    blockers: list[Blocker] = field(default_factory=list)
    deadlines: list[Deadline] = field(default_factory=list)
    moves: dict[str, str] = field(default_factory=dict)

    @property
    def can_move(self) -> bool:
        return not self.blockers


Provides = Callable[[str], set[str]]     # element id -> the fields its form fills in


def check(instance: Instance, target: Definition, mapping: Mapping, provides: Provides = lambda element: set()
          ) -> Check:
    """Check whether `instance` can move to `target` under `mapping`."""
    result = Check()
    for workflow, process in _workflows(instance, target, mapping, result):
        for task in _kept(workflow):
            new = process.get(mapping.spec_name(task.task_spec.name)) if process is not None else None
            _check_task(task, new, mapping, result)
            if task.has_state(TaskState.READY) and task.task_spec.manual and new is not None:
                _check_data(task, new, provides, result)
    if not instance.completed and not instance.workflow.get_tasks(state=ACTIVE):
        result.blockers.append(Blocker(target.process_id, "het traject wacht nergens op"))
    return result


def migrate(instance: Instance, target: Definition, mapping: Mapping) -> Instance:
    """The instance moved onto `target` (call inside `runtime.repeatable`: predicted tasks get new
    ids). Raise ValueError when a task with a token has no counterpart (`check` names those)."""
    workflow = instance.workflow
    workflow.spec, workflow.subprocess_specs = target.spec, target.subprocess_specs
    for sub in [workflow, *workflow.subprocesses.values()]:
        if sub is not workflow:
            sub.spec = target.subprocess_specs[mapping.element(sub.spec.name)]
        _repoint(sub, mapping)
    text = state.dumps(workflow)
    moved = state.loads(target, text)
    moved.script_engine = workflow.script_engine
    return Instance(target, moved)


def _repoint(sub, mapping: Mapping) -> None:
    """Point each task of one (sub)workflow at its counterpart; drop the predictions the new version
    does not make and predict again where they were dropped."""
    for task in list(sub.tasks.values()):
        if task.id not in sub.tasks:
            continue                               # gone with a dropped prediction
        new = sub.spec.task_specs.get(mapping.spec_name(task.task_spec.name))
        if new is None:
            if task.has_state(PREDICTED) and not task.triggered:
                sub._remove_task(task.id)
                continue
            if task.has_state(ACTIVE):
                raise ValueError(f"'{task.task_spec.name}' heeft geen tegenhanger")
            new = sub.spec.start                   # a finished ancestor: only its data still counts
        task.task_spec = new
    touched = []
    for task in list(sub.tasks.values()):
        if task.id not in sub.tasks or not task.has_state(TaskState.DEFINITE_MASK):
            continue
        stale = [c for c in task.children if c.has_state(PREDICTED) and not c.triggered
                 and c.task_spec not in task.task_spec.outputs]
        for child in stale:
            sub._remove_task(child.id)
        if stale or any(o not in [c.task_spec for c in task.children] for o in task.task_spec.outputs):
            touched.append(task)
    for task in touched:       # `_predict` alone skips a ready or started task's own outputs: sync them first
        task.task_spec._predict_hook(task)
        for child in task.children:
            if child.has_state(PREDICTED | TaskState.FUTURE) and not child.triggered:
                child.task_spec._predict(child, mask=PREDICTED | TaskState.FUTURE)


def _workflows(instance: Instance, target: Definition, mapping: Mapping, result: Check):
    top = instance.workflow
    yield top, target.spec.task_specs if mapping.element(top.spec.name) == target.process_id else None
    for sub in top.subprocesses.values():
        spec = target.subprocess_specs.get(mapping.element(sub.spec.name))
        if spec is None:
            # Finished or not: the moved state keeps every subprocess, and each needs its process in the new version.
            where = "en dit traject loopt erin" if sub.get_tasks(state=ACTIVE) else "en dit traject liep erin"
            result.blockers.append(Blocker(sub.spec.name, f"de nieuwe versie heeft het proces '{sub.spec.name}' "
                                           f"niet meer, {where} (koppel het aan een proces van de nieuwe versie)"))
        yield sub, spec.task_specs if spec is not None else None


def _kept(workflow) -> Iterator:
    for task in list(workflow.tasks.values()):
        if task.has_state(ACTIVE) or task.has_state(TaskState.COMPLETED) and any(
                c.has_state(ACTIVE) for c in task.children):
            yield task


def _label(spec) -> str:
    return original_id(spec.bpmn_id or spec.name.split(".")[0].split(" [")[0])


def _name(spec) -> str:
    return getattr(spec, "bpmn_name", None) or _label(spec)


def _check_task(task, new, mapping: Mapping, result: Check) -> None:
    spec = task.task_spec
    element, name = _label(spec), _name(spec)
    if task.has_state(TaskState.COMPLETED):           # a finished task with tokens below it
        if new is not None and spec.bpmn_id is None and ".BoundaryEventSplit" in spec.name:
            added = sorted(set(outputs(new, None)) - set(outputs(spec, mapping)))
            if added:
                result.blockers.append(Blocker(element, f"de nieuwe versie zet een termijn of gebeurtenis "
                                               f"({', '.join(added)}) op '{name}', dat al loopt: die zou voor "
                                               "dit traject nooit starten"))
        return
    timer = isinstance(getattr(spec, "event_definition", None), TimerEventDefinition)
    if new is None:
        what = (f"de termijn '{name}' loopt nu, en de nieuwe versie schrapt hem" if timer else
                f"'{name}' staat nu open, en de nieuwe versie schrapt het (geef een koppeling naar een stap van "
                "de nieuwe versie, of wacht tot deze stap klaar is)")
        result.blockers.append(Blocker(element, what))
        return
    if spec.bpmn_id and new.bpmn_id and original_id(new.bpmn_id) != element:
        result.moves[element] = original_id(new.bpmn_id)
    changed = changes(spec, new, mapping)
    old_kind, new_kind = serialized(spec).get("typename"), serialized(new).get("typename")
    if changed == ["typename"]:
        result.blockers.append(Blocker(element, f"'{name}' staat nu open als {kind_word(old_kind)}, en is in de "
                                       f"nieuwe versie een {kind_word(new_kind)}"))
    elif timer:
        _check_timer(task, new, changed, result)
    elif isinstance(spec, LoopTask) and task.has_state(TaskState.STARTED):
        child_changes = changes(spec._wf_spec.task_specs[spec.task_spec], new._wf_spec.task_specs[new.task_spec],
                                mapping)
        if changed or child_changes:
            what = "lus" if "Loop" in type(spec).__name__ else "meervoudige taak"
            result.blockers.append(Blocker(element, f"dit traject zit in de {what} '{name}', en de nieuwe versie "
                                           f"wijzigt die ({', '.join(sorted(set(changed + child_changes)))}): "
                                           "wacht tot alle exemplaren klaar zijn"))
    elif "spec" in changed and task.has_state(TaskState.STARTED):
        result.blockers.append(Blocker(element, f"dit traject loopt in '{name}', en de nieuwe versie roept daar een "
                                       "ander proces op"))
    elif isinstance(spec, Join) and task.has_state(TaskState.WAITING) and \
            sorted(mapping.spec_name(s.name) for s in spec.inputs) != sorted(s.name for s in new.inputs):
        result.blockers.append(Blocker(element, f"parallelle paden wachten op elkaar in '{name}', en de nieuwe "
                                       "versie voegt daar andere paden samen"))


def _check_timer(task, new, changed: list[str], result: Check) -> None:
    spec = task.task_spec
    element, name = _label(spec), _name(spec)
    due = _due(spec.event_definition.details(task).value)
    kind = timer_kind(spec)
    if "event_definition" in changed:
        result.blockers.append(Blocker(element, f"de termijn '{name}' loopt nu (tot {_day(due)}), en de nieuwe "
                                       f"versie bepaalt hem anders ({spec.event_definition.expression} → "
                                       f"{new.event_definition.expression}): hij kan niet herberekend worden"))
        return
    outcome = ("behoudt zijn datum" if kind == "date" else "loopt door en behoudt zijn vervaldatum")
    result.deadlines.append(Deadline(element=element, name=name, path=instance_path(task), kind=kind, due=due,
                                     outcome=f"{outcome} ({_day(due)})"))


def _check_data(task, new, provides: Provides, result: Check) -> None:
    """The data the new version's next steps after this task read that the old version's did not,
    and that neither the trajectory, the task's form nor the steps on the way provide."""
    have = set(task.data) | provides(original_id(new.bpmn_id))
    needed, written = needs.after(new)
    before, _ = needs.after(task.task_spec)
    for variable, element in sorted(needed.items()):
        if variable not in have | written | set(before):
            result.blockers.append(Blocker(element, f"de nieuwe versie heeft na '{_name(task.task_spec)}' het "
                                           f"gegeven '{variable}' nodig (in '{element}'), en dit traject heeft "
                                           "het niet"))


def _day(moment: datetime | None) -> str:
    return moment.strftime("%d/%m/%Y") if moment else "?"
