"""Doing a task of a guideline: who may, what data is valid, what then happens.

Storage-free: the services of the store wrap these rules in a unit of work; `ekd simulate`
and the guideline's features use them directly.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from engine import domain_checks, forms, runtime
from engine.errors import EkdError, GuidelineError
from engine.guidelines import Guideline


class NotAllowed(EkdError):
    """The person does not hold the role of the task's lane."""

    def __init__(self, task: runtime.ReadyTask, roles: Iterable[str]):
        self.task = task
        self.roles = tuple(roles)
        super().__init__(f"taak '{task.name}' hoort bij de rol '{task.lane}'; "
                         f"jouw rollen: {', '.join(self.roles) or 'geen'}")


@dataclass(frozen=True)
class Done:
    """A completed task: which one, with what (validated, defaulted) data, and what followed."""

    task: runtime.ReadyTask
    data: dict[str, Any]
    completions: list[runtime.Completion]
    ready: list[runtime.ReadyTask] = field(default_factory=list)     # the tasks ready after it


class Casework:
    """Starts processes of one guideline version and completes their tasks by its rules."""

    def __init__(self, guideline: Guideline, engine: runtime.Engine | None = None,
                 versions: Callable[[str], Casework] | None = None):
        self.guideline = guideline
        self.engine = engine or runtime.Engine()
        self._versions = versions

    @property
    def version(self) -> str:
        return self.guideline.version

    def at(self, version: str | None) -> Casework:
        """The casework of another version of the same library (this one for its own or None): a
        replay switches where the trajectory moved."""
        if version is None or version == self.guideline.version:
            return self
        if self._versions is None:
            raise GuidelineError(f"richtlijnversie '{version}' is hier niet beschikbaar")
        return self._versions(version)

    def migrate(self, instance: runtime.Instance, process_id: str, mapping: dict[str, str]) -> runtime.Instance:
        """`instance` (of another version) moved onto this version's process `process_id`."""
        return runtime.migrate(instance, self.guideline.process(process_id), mapping)

    def start(self, process_id: str, data: dict[str, Any] | None = None) -> runtime.Instance:
        """Start a process of this guideline and run it to its first wait."""
        return self.engine.start(self.guideline.process(process_id), data)

    def load(self, process_id: str, state: str) -> runtime.Instance:
        """Rebuild a stored instance of this guideline's process."""
        return self.engine.load(self.guideline.process(process_id), state)

    def prepare(self, task: runtime.ReadyTask, data: dict[str, Any]) -> dict[str, Any]:
        """Validate `data` against the task's form and the domain checks it declares, against the
        trajectory's data as the task sees it (the child's birth date, VAPH asked) and today; fill
        read-only fields from the trajectory and the form's defaults. The result is in canonical
        key order, as the event log stores it, so a replay completes the very same data."""
        schema = self.guideline.form(task.form)
        if schema is not None:
            facts = domain_checks.Facts.now(task.data, task.action)
            data = domain_checks.taken_over(schema, data, facts)
            forms.validate(schema, data, task.form, facts)
            data = forms.with_defaults(schema, data)
        return json.loads(json.dumps(data, sort_keys=True))

    def complete(self, instance: runtime.Instance, task_id: str, data: dict[str, Any],
                 roles: Iterable[str] | None = None) -> Done:
        """Complete a ready task as someone holding `roles` (None: no role check, e.g. simulate)."""
        task = instance.ready_task(task_id)
        if roles is not None and task.lane is not None and task.lane not in set(roles):
            raise NotAllowed(task, roles)
        prepared = self.prepare(task, data)
        completions = instance.complete(task_id, prepared)
        return Done(task, prepared, completions, instance.ready_tasks())
