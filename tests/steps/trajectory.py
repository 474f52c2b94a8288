"""The world the guideline's scenarios act in: one trajectory on the shipped guideline."""

from __future__ import annotations

import copy
import json
from typing import Any

from engine import runtime
from engine.casework import Casework
from engine.roles import DISCIPLINES
from engine.scenarios import Scenario
from tests.conftest import PROCESSES, reach

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


def as_recorded(data: dict[str, Any]) -> dict[str, Any]:
    """The answer as a person records it in ekd: on (or after) the days it names — the test's hand
    clock moves on — and without the child's birth date, which ekd takes from the child record."""
    reach(data)
    return {k: v for k, v in data.items() if k != "kind_geboortedatum"}


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
        self.state_before: str | None = None     # the state before a task was tried
        self.findings: list[dict[str, Any]] = []   # (discipline, round) of every investigation completed

    def start(self, record: dict[str, Any] | None = None) -> None:
        """Start the trajectory; `record` is what the child record gives it (as the server does)."""
        self.instance = self.casework.start("diagnostisch_traject", record)
        self.path = [c.element for c in self.instance.take_completions()]

    def born(self, day: str) -> None:
        """The child record says the child was born on `day`: start again from that record."""
        assert not self.rounds, "de geboortedatum komt uit het dossier, vóór de eerste taak"
        self.answers["aanmelding"].pop("kind_geboortedatum", None)
        self.start({"kind_geboortedatum": day})

    def ready(self) -> list[runtime.ReadyTask]:
        return self.instance.ready_tasks()

    def task(self, element: str) -> runtime.ReadyTask:
        found = [t for t in self.ready() if t.element == element]
        assert found, f"'{element}' ligt niet klaar; wel: {[t.element for t in self.ready()]}"
        return found[0]

    def do(self, element: str, changes: dict[str, Any] | None = None, as_roles=None, on_the_day: bool = True) -> None:
        """Complete the ready task `element` with the scenario's answer plus `changes`, on the
        latest day the answer names (the hand clock moves on) unless `on_the_day` is False."""
        task = self.task(element)
        number = self.rounds.get(element, 0)
        data = answer(self.answers, element, number) if element in self.answers else {}
        data.update(changes or {})
        if on_the_day:
            reach(data)
        done = self.casework.complete(self.instance, task.id, data, as_roles)
        self.path += [c.element for c in done.completions]
        if "bevinding" in done.data:
            self.findings.append({"discipline": task.lane, "ronde": task.data.get("onderzoeksronde")})
        self.rounds[element] = number + 1

    def try_do(self, element: str, changes: dict[str, Any], on_the_day: bool = True) -> None:
        self.state_before = self.instance.dumps()
        try:
            self.do(element, changes, on_the_day=on_the_day)
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

    def run_until_named(self, name: str) -> None:
        """Complete ready tasks in the engine's order until a task called `name` is ready."""
        for _ in range(200):
            ready = self.ready()
            if name in [t.name for t in ready]:
                return
            assert ready, f"traject wacht of is klaar voor '{name}' klaarligt"
            self.do(ready[0].element)
        raise AssertionError(f"'{name}' kwam niet")

    def investigations(self) -> dict[str, str]:
        """Return the ready investigation tasks: element → lane."""
        return {t.element: t.lane for t in self.ready() if t.lane in DISCIPLINES}

    @property
    def data(self) -> dict[str, Any]:
        return self.instance.data
