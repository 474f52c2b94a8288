"""Helpers the guideline's step definitions share: scenarios and walking a trajectory."""

from __future__ import annotations

import copy
import json
from typing import Any

from tests.conftest import PROCESSES

SCENARIOS = {path.stem: json.loads(path.read_text(encoding="utf-8"))
             for path in sorted((PROCESSES / "scenarios").glob("*.json"))}


def answer(scenario: dict, element: str, round_number: int = 0) -> dict[str, Any]:
    """Return the scenario's answer for `element` (the n-th one when it lists several)."""
    value = scenario[element]
    if isinstance(value, list):
        value = value[min(round_number, len(value) - 1)]
    return copy.deepcopy(value)
