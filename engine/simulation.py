"""Run a process headless, in memory, answering its user tasks from a file (`ekd simulate`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from engine import forms, guidelines, runtime
from engine.casework import Casework
from engine.errors import EkdError, GuidelineError
from engine.scripts import Sandbox


class SimulationError(EkdError):
    """The answers do not fit the process being simulated."""


@dataclass
class Simulation:
    """What a simulated run did: completed or waiting, the path taken and the final data."""

    completed: bool
    path: list[str]
    data: dict[str, Any]
    waiting: list[dict[str, Any]]
    warnings: list[str] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        """Return the documented output object of `ekd simulate`."""
        return {"completed": self.completed, "path": self.path, "data": self.data,
                "waiting": self.waiting}


class Answers:
    """Hands out a user task's answer: the same object each time, or the next one of a list."""

    def __init__(self, answers: Any):
        if not isinstance(answers, dict):
            raise SimulationError("het antwoordbestand moet een JSON-object zijn: taak-id → antwoord")
        for element, answer in answers.items():
            items = answer if isinstance(answer, list) else [answer]
            if not all(isinstance(item, dict) for item in items):
                raise SimulationError(f"antwoord voor taak '{element}' moet een object of een lijst "
                                      "van objecten zijn")
        self._answers = answers
        self._used: dict[str, int] = {}

    def next(self, element: str, name: str) -> dict[str, Any]:
        """Return the answer for the next pass of `element`."""
        if element not in self._answers:
            raise SimulationError(f"element '{element}' ({name}): geen antwoord in het antwoordbestand")
        answer = self._answers[element]
        if isinstance(answer, dict):
            return answer
        used = self._used.get(element, 0)
        if used >= len(answer):
            raise SimulationError(f"element '{element}' ({name}): antwoorden zijn op "
                                  f"({len(answer)} gegeven, doorgang {used + 1} heeft er een nodig)")
        self._used[element] = used + 1
        return answer[used]


def simulate(paths: list[Path], process_id: str, answers: Any, *, forms_dir: Path | None = None,
             sandbox: Sandbox | None = None) -> Simulation:
    """Run `process_id` from the given BPMN/DMN files until it ends or waits on a timer/message."""
    replies = Answers(answers)
    guideline = guidelines.load(paths, forms_dir)
    if process_id not in guideline.process_ids():
        known = ", ".join(sorted(guideline.process_ids())) or "geen"
        raise GuidelineError(f"onbekend proces '{process_id}' (gekend: {known})")
    warnings = [f"formulier niet gebruikt: {problem}" for problem in guideline.form_problems.values()]
    casework = Casework(guideline, runtime.Engine(sandbox))
    instance = casework.start(process_id)
    path = [c.element for c in instance.take_completions()]
    while ready := instance.ready_tasks():
        task = ready[0]
        answer = replies.next(task.element, task.name)
        try:
            path += [c.element for c in casework.complete(instance, task.id, answer).completions]
        except forms.FormInvalid as error:
            raise SimulationError(f"element '{task.element}' ({task.name}): {error}") from None
    waiting = [{"element": w.element, "kind": w.kind, "name": w.name,
                "due": w.due.isoformat() if w.due else None} for w in instance.waiting()]
    return Simulation(instance.completed, path, instance.data, waiting, warnings)
