"""Scenarios: answers for a process's user tasks, clock steps, and what the run must show.

One runner for `ekd simulate`, the quality center's test runs, the tests and the benchmarks
(DESIGN.md §8). A scenario file is `{"name", "answers", "clock": [{"after", "advance"}], "expect"}`;
a bare answers object is a scenario without clock steps or expectations. Pure: it takes the
parsed guideline and a scenario, and returns what the run did.
"""

from __future__ import annotations

import copy
import json
import re
from collections import defaultdict, deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from engine import clock, expectations, forms, runtime
from engine.casework import Casework
from engine.errors import EkdError

# User tasks one run may complete before the runner calls it an endless loop.
MAX_TASKS = 2_000
EXPECTATIONS = ("completed", "path", "path_contains", "data", "waiting")
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
BELGIUM = ZoneInfo("Europe/Brussels")
_DURATION = re.compile(r"^P(?!$)(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?"
                       r"(?:T(?=\d)(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$")


class ScenarioError(EkdError):
    """A scenario does not fit the process it runs on, or is not a valid scenario."""


@dataclass(frozen=True)
class ClockStep:
    """After the element `after` completes, the clock moves on by `advance` (ISO 8601 duration)."""

    after: str
    advance: str

    def moved(self, moment: datetime) -> datetime:
        """Return `moment` plus this step's duration (months and years by the calendar)."""
        parts = _DURATION.match(self.advance).groups()
        years, months, weeks, days, hours, minutes, seconds = (int(part or 0) for part in parts)
        month = moment.month - 1 + months + 12 * years
        year, month = moment.year + month // 12, month % 12 + 1
        day = min(moment.day, _days_in(year, month))
        return moment.replace(year=year, month=month, day=day) + timedelta(
            weeks=weeks, days=days, hours=hours, minutes=minutes, seconds=seconds)


def _days_in(year: int, month: int) -> int:
    following = datetime(year + month // 12, month % 12 + 1, 1)
    return (following - timedelta(days=1)).day


@dataclass(frozen=True)
class Scenario:
    """One scenario: a name, answers per user task, clock steps and expectations."""

    name: str
    answers: dict[str, Any]
    clock: tuple[ClockStep, ...] = ()
    expect: dict[str, Any] = field(default_factory=dict)
    start: datetime | None = None        # when the run starts (default: now)

    @classmethod
    def parse(cls, value: Any, name: str) -> Scenario:
        """Read a scenario file's JSON, or a bare answers object; raise ScenarioError saying what is wrong."""
        if not isinstance(value, dict):
            raise ScenarioError(f"scenario '{name}': moet een JSON-object zijn")
        if not is_scenario(value):
            return cls(name, _answers(value, name))
        unknown = sorted(set(value) - {"name", "answers", "clock", "expect", "start", "description"})
        if unknown:
            raise ScenarioError(f"scenario '{name}': onbekende onderdelen {', '.join(unknown)}")
        name = value.get("name", name)
        if not isinstance(name, str) or not name.strip():
            raise ScenarioError("scenario: 'name' moet een niet-lege tekst zijn")
        return cls(name, _answers(value["answers"], name), _clock(value.get("clock", []), name),
                   _expect(value.get("expect", {}), name), _start(value.get("start"), name))


def files_in(folder: Path) -> dict[str, dict[str, Any]]:
    """The scenario files of a folder (e.g. processes/scenarios), by file name, as parsed JSON."""
    found = {}
    for path in sorted(folder.glob("*.json")) if folder.is_dir() else []:
        value = json.loads(path.read_text(encoding="utf-8"))
        if is_scenario(value):
            found[path.name] = value
    return found


def is_scenario(value: Any) -> bool:
    """A JSON object with an `answers` member is a scenario (any other JSON file is a form)."""
    return isinstance(value, dict) and "answers" in value


def _answers(answers: Any, name: str) -> dict[str, Any]:
    if not isinstance(answers, dict):
        raise ScenarioError(f"scenario '{name}': de antwoorden moeten een JSON-object zijn: taak-id → antwoord")
    for element, answer in answers.items():
        items = answer if isinstance(answer, list) else [answer]
        if not all(isinstance(item, dict) for item in items):
            raise ScenarioError(f"antwoord voor taak '{element}' moet een object of een lijst van objecten zijn")
    return answers


def _clock(steps: Any, name: str) -> tuple[ClockStep, ...]:
    if not isinstance(steps, list):
        raise ScenarioError(f"scenario '{name}': 'clock' moet een lijst zijn van {{\"after\", \"advance\"}}")
    found = []
    for number, step in enumerate(steps, 1):
        if not isinstance(step, dict) or set(step) != {"after", "advance"} \
                or not isinstance(step["after"], str) or not isinstance(step["advance"], str):
            raise ScenarioError(f"scenario '{name}': klokstap {number} moet precies 'after' (een element-id) "
                                "en 'advance' (een ISO 8601-duur zoals \"P7D\") hebben")
        if not _DURATION.match(step["advance"]):
            raise ScenarioError(f"scenario '{name}': klokstap {number}: '{step['advance']}' is geen ISO 8601-duur "
                                "(bv. P7D, P4M, PT72H)")
        found.append(ClockStep(step["after"], step["advance"]))
    return tuple(found)


def _expect(expect: Any, name: str) -> dict[str, Any]:
    if not isinstance(expect, dict):
        raise ScenarioError(f"scenario '{name}': 'expect' moet een JSON-object zijn")
    unknown = sorted(set(expect) - set(EXPECTATIONS))
    if unknown:
        raise ScenarioError(f"scenario '{name}': onbekende verwachting(en) {', '.join(unknown)} "
                            f"(gekend: {', '.join(EXPECTATIONS)})")
    if "path" in expect and "path_contains" in expect:
        raise ScenarioError(f"scenario '{name}': verwacht 'path' of 'path_contains', niet beide")
    kinds = {"completed": bool, "path": list, "path_contains": list, "data": dict, "waiting": list}
    for key, value in expect.items():
        if not isinstance(value, kinds[key]) or key in ("path", "path_contains", "waiting") and \
                not all(isinstance(item, str) for item in value):
            raise ScenarioError(f"scenario '{name}': verwachting '{key}' heeft de verkeerde vorm")
    return expect


def _start(value: Any, name: str) -> datetime | None:
    if value is None:
        return None
    try:
        moment = datetime.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        moment = None
    if moment is None or moment.tzinfo is None:
        raise ScenarioError(f"scenario '{name}': 'start' moet een ISO 8601-tijdstip met tijdzone zijn")
    return moment


class Answers:
    """Hands out a user task's answer: the same object each time, or the next one of a list."""

    def __init__(self, answers: dict[str, Any]):
        self._answers = answers
        self._used: dict[str, int] = {}

    def peek(self, element: str, name: str) -> dict[str, Any]:
        """Return the answer the next pass of `element` would get, without using it up."""
        answer = self._answers.get(element)
        if isinstance(answer, list) and self._used.get(element, 0) < len(answer):
            return answer[self._used.get(element, 0)]
        return answer if isinstance(answer, dict) else {}

    def next(self, element: str, name: str) -> dict[str, Any]:
        """Return the answer for the next pass of `element`."""
        if element not in self._answers:
            raise ScenarioError(f"element '{element}' ({name}): geen antwoord in het antwoordbestand")
        answer = self._answers[element]
        if isinstance(answer, dict):
            return copy.deepcopy(answer)
        used = self._used.get(element, 0)
        if used >= len(answer):
            raise ScenarioError(f"element '{element}' ({name}): antwoorden zijn op "
                                f"({len(answer)} gegeven, doorgang {used + 1} heeft er een nodig)")
        self._used[element] = used + 1
        return copy.deepcopy(answer[used])


@dataclass
class Run:
    """What one run of a scenario did, and whether it showed what the scenario expects."""

    name: str
    completed: bool
    path: list[str]
    data: dict[str, Any]
    waiting: list[dict[str, Any]]
    completions: list[runtime.Completion] = field(default_factory=list, repr=False)
    error: str | None = None            # the run stopped: an answer missing, a script error, ...
    failure: str | None = None          # the first expectation it did not meet (or the error)

    @property
    def passed(self) -> bool:
        """Whether the run ended without error and met every expectation."""
        return self.failure is None

    def as_json(self) -> dict[str, Any]:
        """Return the documented output object of `ekd simulate`."""
        return {"completed": self.completed, "path": self.path, "data": self.data, "waiting": self.waiting}


def run(casework: Casework, process_id: str, scenario: Scenario) -> Run:
    """Run `process_id` with the scenario's answers and clock steps until it ends or waits; then
    compare with the scenario's expectations. Errors of the run are in the result, not raised."""
    moment = [scenario.start or clock.now()]
    steps: dict[str, deque[ClockStep]] = defaultdict(deque)
    for step in scenario.clock:
        steps[step.after].append(step)
    completions: list[runtime.Completion] = []
    instance, error = None, None
    with clock.using(lambda: moment[0]):
        try:
            instance = casework.start(process_id)
            _drive(casework, instance, Answers(scenario.answers), steps, moment, completions)
        except EkdError as failed:
            error = str(failed)
    done = Run(scenario.name, bool(instance and instance.completed), [c.element for c in completions],
               instance.data if instance else {}, _waiting(instance) if instance else [], completions, error)
    unused = [step.after for queue in steps.values() for step in queue]
    waiting = [w["element"] for w in done.waiting]
    done.failure = error or expectations.unmet(scenario.expect, done.completed, done.path, done.data, waiting) or (
        f"klokstap na '{unused[0]}' werd nooit toegepast: '{unused[0]}' werd niet afgerond" if unused else None)
    return done


def _drive(casework: Casework, instance: runtime.Instance, answers: Answers, steps: dict[str, deque[ClockStep]],
           moment: list[datetime], completions: list[runtime.Completion]) -> None:
    due: list[ClockStep] = []

    def note(new: list[runtime.Completion]) -> None:
        completions.extend(new)
        due.extend(steps[c.element].popleft() for c in new if steps.get(c.element))

    note(instance.take_completions())
    for _ in range(MAX_TASKS):
        while due:
            moment[0] = due.pop(0).moved(moment[0])
            instance.advance()            # fires the timers that are due now
            note(instance.take_completions())
        ready = instance.ready_tasks()
        if not ready:
            return
        task = ready[0]
        if _reach(answers.peek(task.element, task.name), moment):
            instance.advance()            # what fell due meanwhile fires before the person answers
            note(instance.take_completions())
            continue
        answer = answers.next(task.element, task.name)
        try:
            note(casework.complete(instance, task.id, answer).completions)
        except forms.FormInvalid as invalid:
            raise ScenarioError(f"element '{task.element}' ({task.name}): {invalid}") from None
    raise ScenarioError(f"meer dan {MAX_TASKS} taken afgerond: eindeloze lus in de antwoorden?")


def _reach(answer: Any, moment: list[datetime]) -> bool:
    """Move the clock on to the latest day the answer names, at 10:00 in Belgium: a person records
    what happened on that day or later (ekd refuses dates in the future). Whether it moved."""
    days = sorted(_days(answer))
    if not days or days[-1] <= moment[0].astimezone(BELGIUM).date():
        return False
    moment[0] = datetime.combine(days[-1], time(10), BELGIUM).astimezone(timezone.utc)
    return True


def _days(value: Any) -> Iterator[date]:
    if isinstance(value, dict):
        for item in value.values():
            yield from _days(item)
    elif isinstance(value, list):
        for item in value:
            yield from _days(item)
    elif isinstance(value, str) and _DAY.fullmatch(value):
        try:
            yield date.fromisoformat(value)
        except ValueError:
            return


def _waiting(instance: runtime.Instance) -> list[dict[str, Any]]:
    return [{"element": w.element, "kind": w.kind, "name": w.name, "due": w.due.isoformat() if w.due else None}
            for w in instance.waiting()]
