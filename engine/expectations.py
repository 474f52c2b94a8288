"""What a scenario expects, compared with what a run did: the first difference, said in Dutch."""

from __future__ import annotations

import json
from typing import Any


def unmet(expect: dict[str, Any], completed: bool, path: list[str], data: dict[str, Any],
          waiting: list[str]) -> str | None:
    """The first expectation a run does not meet, in Dutch; None when it meets them all."""
    if "completed" in expect and expect["completed"] != completed:
        if expect["completed"]:
            return f"verwacht: afgerond; het proces wacht nog (op {', '.join(waiting) or 'niets'})"
        return "verwacht: niet afgerond; het proces is afgerond"
    if "path" in expect and expect["path"] != path:
        return _path_difference(expect["path"], path)
    for element in expect.get("path_contains", []):
        if element not in path:
            return f"het pad bevat '{element}' niet"
    if "waiting" in expect and sorted(expect["waiting"]) != sorted(waiting):
        return f"wacht op [{', '.join(waiting)}], verwacht [{', '.join(expect['waiting'])}]"
    if "data" in expect:
        return _data_difference(expect["data"], data, "")
    return None


def _path_difference(expected: list[str], got: list[str]) -> str:
    for number, (want, have) in enumerate(zip(expected, got, strict=False), 1):
        if want != have:
            return f"pad wijkt af bij stap {number}: verwacht '{want}', kreeg '{have}'"
    if len(expected) > len(got):
        return f"pad stopt na {len(got)} stappen; verwacht daarna '{expected[len(got)]}'"
    return f"pad gaat verder dan verwacht: stap {len(expected) + 1} is '{got[len(expected)]}'"


def _data_difference(expected: Any, got: Any, where: str) -> str | None:
    """Whether `got` contains `expected` (objects: a subset of keys, recursively; lists and values: equal)."""
    if isinstance(expected, dict):
        if not isinstance(got, dict):
            return f"gegevens: '{where or '/'}' is geen object"
        for key, value in expected.items():
            if key not in got:
                return f"gegevens: '{where}/{key}' ontbreekt"
            problem = _data_difference(value, got[key], f"{where}/{key}")
            if problem:
                return problem
        return None
    if isinstance(expected, list) and isinstance(got, list) and len(expected) == len(got):
        for index, (want, have) in enumerate(zip(expected, got, strict=True)):
            problem = _data_difference(want, have, f"{where}/{index}")
            if problem:
                return problem
        return None
    if expected != got or type(expected) is not type(got) and not _numbers(expected, got):
        return f"gegevens: '{where}' is {_show(got)}, verwacht {_show(expected)}"
    return None


def _numbers(a: Any, b: Any) -> bool:
    return all(isinstance(x, int | float) and not isinstance(x, bool) for x in (a, b))


def _show(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= 80 else text[:77] + "…"
