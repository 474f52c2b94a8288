"""Run a process headless, in memory, answering its user tasks from a file (`ekd simulate`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from engine import guidelines, runtime, scenarios
from engine.casework import Casework
from engine.errors import GuidelineError
from engine.scripts import Sandbox

# The answers do not fit the process being simulated (one error for simulate and scenario runs).
SimulationError = scenarios.ScenarioError


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


def simulate(paths: list[Path], process_id: str, answers: Any, *, forms_dir: Path | None = None,
             sandbox: Sandbox | None = None) -> Simulation:
    """Run `process_id` from the given BPMN/DMN files until it ends or waits on a timer/message.
    `answers` is a scenario (with clock steps and expectations) or a bare answers object."""
    scenario = scenarios.Scenario.parse(answers, "antwoorden")
    guideline = guidelines.load(paths, forms_dir)
    if process_id not in guideline.process_ids():
        known = ", ".join(sorted(guideline.process_ids())) or "geen"
        raise GuidelineError(f"onbekend proces '{process_id}' (gekend: {known})")
    warnings = [f"formulier niet gebruikt: {problem}" for problem in guideline.form_problems.values()]
    done = scenarios.run(Casework(guideline, runtime.Engine(sandbox)), process_id, scenario)
    if done.error is not None:
        raise SimulationError(done.error)
    if done.failure is not None:
        warnings.append(f"scenario '{scenario.name}' haalt zijn verwachting niet: {done.failure}")
    return Simulation(done.completed, done.path, done.data, done.waiting, warnings)
