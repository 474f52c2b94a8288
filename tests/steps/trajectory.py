"""The world the guideline's scenarios act in: one trajectory on the shipped guideline."""

from __future__ import annotations

import copy
import json
from typing import Any

from engine import runtime
from engine.casework import Casework
from engine.roles import DISCIPLINES
from engine.scenarios import Scenario
from tests.conftest import PROCESSES

# The answers of each shipped scenario file (engine/scenarios.py reads their clock steps and expectations).
SCENARIOS = {path.stem: Scenario.parse(json.loads(path.read_text(encoding="utf-8")), path.stem).answers
             for path in sorted((PROCESSES / "scenarios").glob("*.json"))}

ROLE_NAMES = {
    "coördinator": "coordinator", "psycholoog": "psychologist", "arts": "physician",
    "maatschappelijk werker": "social_worker", "logopedist": "speech_therapist",
    "kinesitherapeut": "physiotherapist", "teamverantwoordelijke": "team_lead",
}


def answer(scenario: dict, element: str, round_number: int = 0) -> dict[str, Any]:
    """Return the scenario's answer for `element` (the n-th one when it lists several)."""
    value = scenario[element]
    if isinstance(value, list):
        value = value[min(round_number, len(value) - 1)]
    return copy.deepcopy(value)


def roles(text: str) -> list[str]:
    """Turn 'psycholoog, arts en logopedist' into role ids."""
    names = [part.strip() for part in text.replace(" en ", ",").split(",") if part.strip()]
    return [ROLE_NAMES[name] for name in names]


class Trajectory:
    """A trajectory driven task by task with the answers of the standard scenario,
    each of which a step can change."""

    def __init__(self, casework: Casework, scenario: str = "standaard"):
        self.casework = casework
        self.answers = copy.deepcopy(SCENARIOS[scenario])
        self.instance: runtime.Instance | None = None
        self.path: list[str] = []
        self.rounds: dict[str, int] = {}
        self.error: Exception | None = None
        self.findings: list[dict[str, Any]] = []   # (discipline, round) of every investigation completed

    def start(self) -> None:
        self.instance = self.casework.start("diagnostisch_traject")
        self.path += [c.element for c in self.instance.take_completions()]

    def ready(self) -> list[runtime.ReadyTask]:
        return self.instance.ready_tasks()

    def task(self, element: str) -> runtime.ReadyTask:
        found = [t for t in self.ready() if t.element == element]
        assert found, f"'{element}' ligt niet klaar; wel: {[t.element for t in self.ready()]}"
        return found[0]

    def do(self, element: str, changes: dict[str, Any] | None = None, as_roles=None) -> None:
        """Complete the ready task `element` with the scenario's answer plus `changes`."""
        task = self.task(element)
        number = self.rounds.get(element, 0)
        data = answer(self.answers, element, number) if element in self.answers else {}
        data.update(changes or {})
        done = self.casework.complete(self.instance, task.id, data, as_roles)
        self.path += [c.element for c in done.completions]
        if "bevinding" in done.data:
            self.findings.append({"discipline": task.lane, "ronde": task.data.get("onderzoeksronde")})
        self.rounds[element] = number + 1

    def try_do(self, element: str, changes: dict[str, Any]) -> None:
        try:
            self.do(element, changes)
        except Exception as error:  # the scenario checks what went wrong
            self.error = error

    def run_until(self, element: str) -> None:
        """Complete ready tasks in the engine's order until `element` is ready."""
        for _ in range(200):
            ready = [t.element for t in self.ready()]
            if element in ready:
                return
            assert ready, f"traject wacht of is klaar voor '{element}' klaarligt"
            self.do(ready[0])
        raise AssertionError(f"'{element}' kwam niet")

    def investigations(self) -> dict[str, str]:
        """Return the ready investigation tasks: element → lane."""
        return {t.element: t.lane for t in self.ready() if t.lane in DISCIPLINES}

    @property
    def data(self) -> dict[str, Any]:
        return self.instance.data
