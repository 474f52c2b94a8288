"""The only door to SpiffWorkflow: parse, start, ready tasks, complete, steps, serialize."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

from SpiffWorkflow.util.task import TaskState

from engine.runtime import clockwork, determinism, state, upgrade
from engine.runtime.definition import Definition, timer_problem
from engine.runtime.determinism import repeatable
from engine.runtime.diff import Mapping
from engine.runtime.failures import translated
from engine.runtime.instance import Instance
from engine.runtime.model import Completion, Element, Expression, ReadyTask, Waiting
from engine.runtime.parsing import Definitions, Source, parse
from engine.runtime.scripting import SandboxScriptEngine
from engine.runtime.tracking import TrackedWorkflow
from engine.runtime.upgrade import Blocker, Check, Deadline
from engine.scripts import Sandbox

__all__ = ["Blocker", "Check", "Completion", "Deadline", "Definition", "Definitions", "Element", "Engine",
           "Expression", "Instance", "ReadyTask", "Source", "Waiting", "check", "migrate", "parse", "repeatable",
           "timer_problem"]


def check(instance: Instance, target: Definition, mapping: dict[str, str],
          provides: Callable[[str], set[str]] = lambda element: set()) -> Check:
    """Whether `instance` can move onto `target` with `mapping` (old id -> new id), and what a move does."""
    with translated():
        return upgrade.check(instance, target, Mapping(dict(mapping)), provides)


def migrate(instance: Instance, target: Definition, mapping: dict[str, str]) -> Instance:
    """`instance` moved onto `target` (only after `check` found no blocker)."""
    with translated():
        return upgrade.migrate(instance, target, Mapping(dict(mapping)))


class Engine:
    """Starts and loads workflows that run every script in ekd's sandbox."""

    def __init__(self, sandbox: Sandbox | None = None):
        self.sandbox = sandbox or Sandbox()
        self.script_engine = SandboxScriptEngine(self.sandbox)
        clockwork.install()
        determinism.install()

    def start(self, definition: Definition, data: dict[str, Any] | None = None) -> Instance:
        """Start `definition` with initial `data` and run it up to its first wait."""
        with translated():
            workflow = TrackedWorkflow(definition.spec, definition.subprocess_specs,
                                       script_engine=self.script_engine)
            for task in workflow.get_tasks(state=TaskState.READY):
                task.data.update(copy.deepcopy(data or {}))
        instance = Instance(definition, workflow)
        instance.advance()
        return instance

    def load(self, definition: Definition, text: str) -> Instance:
        """Rebuild an instance from state text written by Instance.dumps()."""
        with translated():
            workflow = state.loads(definition, text)
        workflow.script_engine = self.script_engine
        return Instance(definition, workflow)

