"""A parsed process: its Spiff specs, its elements and every expression they carry."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from functools import cached_property

from SpiffWorkflow.bpmn.specs.event_definitions.timer import (
    CycleTimerEventDefinition,
    DurationTimerEventDefinition,
    TimeDateEventDefinition,
    TimerEventDefinition,
)
from SpiffWorkflow.bpmn.specs.mixins.multiinstance_task import LoopTask, MultiInstanceTask, StandardLoopTask
from SpiffWorkflow.dmn.specs.business_rule_task_mixin import BusinessRuleTaskMixin

from engine.runtime.model import Element, Expression
from engine.runtime.naming import original_id

FORM_PROPERTY = "formJsonSchemaFilename"
ACTION_PROPERTY = "ekdAction"


class Definition:
    """One executable process with the subprocesses and called processes it needs."""

    def __init__(self, spec, subprocess_specs: dict):
        self.spec = spec
        self.subprocess_specs = subprocess_specs
        self.process_id = spec.name
        self.name = spec.description or spec.name
        self.elements: dict[str, Element] = {}
        for process in self._specs():
            _wire_loops(process)
            _note_decisions(process)
            for task_spec in process.task_specs.values():
                if getattr(task_spec, "bpmn_id", None) is None or task_spec.name != task_spec.bpmn_id:
                    continue  # Spiff internals and multi-instance children (described by their parent)
                self.elements[original_id(task_spec.bpmn_id)] = _element(task_spec, process)

    def _specs(self):
        return [self.spec, *self.subprocess_specs.values()]

    def process_names(self) -> dict[str, str]:
        """The name of this process and of every process it calls, by id."""
        return {spec.name: spec.description or spec.name for spec in self._specs()}

    def element(self, element_id: str) -> Element | None:
        """Return the flow element with this (guideline) id."""
        return self.elements.get(element_id)

    def flows(self) -> Iterator[tuple[str, str, str]]:
        """Yield (process, source element, target element) for every connection between elements."""
        for process in self._specs():
            for task_spec in process.task_specs.values():
                source = getattr(task_spec, "bpmn_id", None)
                for target in _successors(task_spec):
                    if source:
                        yield process.name, original_id(source), original_id(target)

    @cached_property
    def escalations(self) -> frozenset[str]:
        """The user tasks a timer makes ready (directly or through gateways): a deadline's escalations."""
        following: dict[str, set[str]] = defaultdict(set)
        for _process, source, target in self.flows():
            following[source].add(target)
        stack = sorted({e.element for e in self.expressions() if e.role == "timer"})
        seen, found = set(stack), set()
        while stack:
            for target in following[stack.pop()]:
                element = self.elements.get(target)
                if element is None or target in seen:
                    continue
                seen.add(target)
                if element.manual:
                    found.add(target)
                elif "Gateway" in element.kind:
                    stack.append(target)
        return frozenset(found)

    def expressions(self) -> Iterator[Expression]:
        """Yield every script, condition and expression the process may run."""
        seen = set()
        for process in self._specs():
            for task_spec in process.task_specs.values():
                if getattr(task_spec, "bpmn_id", None) is None:
                    continue
                for expression in _expressions(task_spec):
                    if expression not in seen:  # a multi-instance child repeats its parent's
                        seen.add(expression)
                        yield expression


def _wire_loops(process) -> None:
    """Connect each loop or multi-instance child to its parent's merge, as Spiff itself does only
    when it creates the children: a process that merely loads a saved state would otherwise never
    merge an instance's result (and the activity would never complete)."""
    for task_spec in process.task_specs.values():
        if isinstance(task_spec, LoopTask):
            child = process.task_specs[task_spec.task_spec]
            if not child.completed_event.is_connected(task_spec.merge_child):
                child.completed_event.connect(task_spec.merge_child)


def _note_decisions(process) -> None:
    """Let each business rule task tell the workflow which DMN rules hit (for coverage), without
    putting anything in the task's data or the saved state."""
    for task_spec in process.task_specs.values():
        if not isinstance(task_spec, BusinessRuleTaskMixin) or getattr(task_spec.dmnEngine, "ekd_noted", False):
            continue
        engine = task_spec.dmnEngine
        decide = engine.decide

        def noting(task, decide=decide):
            rules = decide(task)
            decisions = getattr(task.workflow.top_workflow, "decisions", None)
            if decisions is not None:
                decisions[task.id] = tuple(rule.id for rule in rules)
            return rules
        engine.decide = noting
        engine.ekd_noted = True


def _element(task_spec, process) -> Element:
    repeat = None
    if isinstance(task_spec, LoopTask):
        repeat = "loop" if isinstance(task_spec, StandardLoopTask) else \
            "sequential" if "Sequential" in type(task_spec).__name__ else "parallel"
        task_spec = process.task_specs[task_spec.task_spec]
    properties = (getattr(task_spec, "extensions", None) or {}).get("properties", {})
    return Element(
        id=original_id(task_spec.bpmn_id),
        name=getattr(task_spec, "bpmn_name", None) or original_id(task_spec.bpmn_id),
        kind=task_spec.description or type(task_spec).__name__,
        process=process.name,
        file=getattr(process, "file", None),
        lane=getattr(task_spec, "lane", None),
        form=properties.get(FORM_PROPERTY),
        documentation=getattr(task_spec, "documentation", None),
        manual=bool(task_spec.manual),
        repeat=repeat,
        action=properties.get(ACTION_PROPERTY),
    )


def _successors(task_spec) -> Iterator[str]:
    """Yield the bpmn ids reachable in one step, looking through Spiff's internal specs."""
    seen = set()
    stack = list(task_spec.outputs)
    if isinstance(task_spec, LoopTask):
        stack = [o for o in stack if o.name != task_spec.task_spec]
    while stack:
        spec = stack.pop()
        if spec.name in seen:
            continue
        seen.add(spec.name)
        if getattr(spec, "bpmn_id", None) is not None:
            yield spec.bpmn_id
        else:
            stack.extend(spec.outputs)


def _expressions(task_spec) -> Iterator[Expression]:
    element = original_id(task_spec.bpmn_id)
    script = getattr(task_spec, "script", None)
    if script:
        yield Expression(element, "script", script, "exec")
    for role in ("prescript", "postscript"):
        if getattr(task_spec, role, None):
            yield Expression(element, role, getattr(task_spec, role), "exec")
    for condition, _target in getattr(task_spec, "cond_task_specs", None) or []:
        if condition is not None:
            yield Expression(element, "condition", condition.args[0], "eval")
    event = getattr(task_spec, "event_definition", None)
    if isinstance(event, TimerEventDefinition):
        yield Expression(element, "timer", event.expression, "eval", timer_kind(task_spec))
    if isinstance(task_spec, MultiInstanceTask):
        if task_spec.cardinality:
            yield Expression(element, "cardinality", task_spec.cardinality, "eval")
        if task_spec.condition:
            yield Expression(element, "completion condition", task_spec.condition, "eval")
    if isinstance(task_spec, StandardLoopTask) and task_spec.condition:
        yield Expression(element, "loop condition", task_spec.condition, "eval")
    if isinstance(task_spec, BusinessRuleTaskMixin):
        yield from _dmn_expressions(element, task_spec.dmnEngine.decision_table)


def _dmn_expressions(element: str, table) -> Iterator[Expression]:
    for decision_input in table.inputs:
        if decision_input.expression:
            yield Expression(element, f"DMN-invoer '{decision_input.label or decision_input.id}'",
                             decision_input.expression, "eval")
    for rule in table.rules:
        for entry in rule.inputEntries:
            for text in entry.lhs:
                if text and text.strip() not in ("", "-"):
                    yield Expression(element, f"DMN-regel {rule.row_number}", text, "dmn-entry", rule=rule.id)
        for entry in rule.outputEntries:
            if entry.text and entry.text.strip():
                yield Expression(element, f"DMN-regel {rule.row_number} uitvoer", entry.text, "eval", rule=rule.id)


def timer_problem(expression_value: str, kind: str) -> str | None:
    """Say what is wrong with a timer's ISO 8601 value, or None when it parses."""
    try:
        if kind == "cycle":
            CycleTimerEventDefinition.parse_iso_recurring_interval(expression_value)
        elif kind == "duration":
            TimerEventDefinition.parse_iso_duration(expression_value)
        else:
            TimerEventDefinition.get_datetime(expression_value)
    except Exception as error:  # Spiff raises bare Exception/ValueError for bad values
        return f"'{expression_value}' is geen geldige ISO 8601-waarde ({error})"
    return None


def timer_kind(task_spec) -> str | None:
    """Return 'date', 'duration' or 'cycle' for a timer event's spec."""
    event = getattr(task_spec, "event_definition", None)
    if isinstance(event, CycleTimerEventDefinition):
        return "cycle"
    if isinstance(event, DurationTimerEventDefinition):
        return "duration"
    if isinstance(event, TimeDateEventDefinition):
        return "date"
    return None
