"""What data the steps after a task read and write, up to the next task for a person: a move checks
that the new version's next steps find what they read (names in conditions, scripts and timers,
found with Python's own parser; a name only a later step writes counts as there)."""

from __future__ import annotations

import ast
import builtins
from collections.abc import Iterator

from SpiffWorkflow.bpmn.specs.event_definitions.timer import TimerEventDefinition

from engine.runtime.naming import original_id

# Names an expression may use that are not the trajectory's data.
KNOWN_NAMES = frozenset(dir(builtins)) | {"datetime", "date", "timedelta", "timezone", "json", "math", "re"}


def _label(spec) -> str:
    return original_id(spec.bpmn_id or spec.name.split(".")[0].split(" [")[0])


def after(start) -> tuple[dict[str, str], set[str]]:
    """What the steps after `start` read (variable -> the first element reading it) and write, up to
    the next task for a person."""
    needed: dict[str, str] = {}
    written = _stored(start)
    seen, stack = set(), list(start.outputs)
    while stack:
        spec = stack.pop()
        if spec.name in seen or spec.manual:
            continue
        seen.add(spec.name)
        written |= _stored(spec)
        for read in _read(spec):
            needed.setdefault(read, _label(spec))
        stack.extend(spec.outputs)
    return needed, written


def _sources(spec) -> Iterator[tuple[str, str]]:
    for condition, _target in getattr(spec, "cond_task_specs", None) or []:
        if condition is not None:
            yield condition.args[0], "eval"
    if getattr(spec, "script", None):
        yield spec.script, "exec"
    event = getattr(spec, "event_definition", None)
    if isinstance(event, TimerEventDefinition):
        yield event.expression, "eval"


def _names(source: str, mode: str) -> tuple[set[str], set[str]]:
    try:
        tree = ast.parse(source, mode=mode)
    except SyntaxError:
        return set(), set()
    called = {n.func.id for n in ast.walk(tree) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)}
    loaded, stored = set(), set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name):
            (stored if isinstance(node.ctx, ast.Store) else loaded).add(node.id)
        elif isinstance(node, (ast.FunctionDef, ast.Lambda, ast.comprehension)):
            for target in ast.walk(node.target if isinstance(node, ast.comprehension) else node.args):
                if isinstance(target, (ast.Name, ast.arg)):
                    stored.add(getattr(target, "id", None) or getattr(target, "arg", ""))
    return loaded - called - KNOWN_NAMES, stored


def _read(spec) -> set[str]:
    found, written = set(), set()
    for source, mode in _sources(spec):
        loaded, stored = _names(source, mode)
        found |= loaded
        written |= stored
    return found - written


def _stored(spec) -> set[str]:
    written = set()
    for source, mode in _sources(spec):
        written |= _names(source, mode)[1]
    for item in ("data_output", "output_item"):
        reference = getattr(spec, item, None)
        if reference is not None:
            written.add(reference.bpmn_id)
    return written
