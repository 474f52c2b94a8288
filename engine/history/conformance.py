"""How trajectories went against their guideline version, read from their events alone (no replay):
deadlines met or missed, escalations, repeated rounds, consent withdrawals, migrations, the path of
user tasks; per version the lead time per step (median and p90), the share of each path and the
deadlines missed per step. Pure functions over the typed log: the services feed them rows.

Times are the engine's clock (each event's `clock`), the time timers read. A completion records when
its task became ready and when it was taken (`klaar_sinds`, `genomen`); for older completions that lack
them the task counts as ready since the event before (an estimate, flagged on the step).
"""

from __future__ import annotations

import math
import statistics
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from engine.history.log import Kind
from engine.quality.model import Model

MIGRATED = Kind.MOVED                     # a move to another version of the guideline


class Met(StrEnum):
    MET = "gehaald"
    MISSED = "gemist"
    RUNNING = "lopend"                    # the activity is not done and its timer has not fired yet
    NOT_REACHED = "niet_bereikt"          # the trajectory never got to the activity


@dataclass(frozen=True)
class Entry:
    """One event as conformance reads it."""

    seq: int
    kind: str
    clock: datetime
    body: dict[str, Any]


@dataclass(frozen=True)
class Deadline:
    """A timer on the boundary of an activity: the activity is due before the timer fires."""

    id: str
    name: str
    activity: str


@dataclass(frozen=True)
class Guide:
    """What conformance needs of one guideline version."""

    names: dict[str, str]                                  # element id -> its name
    user_tasks: frozenset[str]
    deadlines: tuple[Deadline, ...]
    escalations: frozenset[str]                            # user tasks a timer makes ready

    @classmethod
    def of(cls, model: Model) -> Guide:
        nodes = {node.id: node for process in model.processes.values() for node in process.nodes.values()}
        following: dict[str, set[str]] = defaultdict(set)
        for process in model.processes.values():
            for flow in process.flows.values():
                following[flow.source].add(flow.target)
        timers = sorted(n.id for n in nodes.values() if n.kind == "boundaryEvent" and "timer" in n.events
                        and n.attached_to)
        stack, seen, escalations = list(timers), set(timers), set()
        while stack:
            for target in following[stack.pop()]:
                node = nodes.get(target)
                if node is None or target in seen:
                    continue
                seen.add(target)
                if node.kind == "userTask":
                    escalations.add(target)
                elif node.kind.endswith("Gateway"):
                    stack.append(target)
        return cls(names={n.id: n.name or n.id for n in nodes.values()},
                   user_tasks=frozenset(n.id for n in nodes.values() if n.kind == "userTask"),
                   deadlines=tuple(Deadline(t, nodes[t].name or t, nodes[t].attached_to) for t in timers),
                   escalations=frozenset(escalations))

    def name(self, element: str) -> str:
        return self.names.get(element, element)


@dataclass(frozen=True)
class Step:
    """One user task done: when it became ready, was taken (if it was claimed) and was completed."""

    element: str
    path: str
    role: str | None
    ready: datetime
    taken: datetime | None
    done: datetime
    estimated: bool = False               # `ready` is the event before's time (an older completion)

    @property
    def lead(self) -> timedelta:
        return self.done - self.ready

    @property
    def waiting(self) -> timedelta | None:
        return self.taken - self.ready if self.taken else None

    @property
    def working(self) -> timedelta | None:
        return self.done - self.taken if self.taken else None


@dataclass(frozen=True)
class DeadlineResult:
    id: str
    name: str
    activity: str
    state: Met
    at: datetime | None                   # when it was met or missed


@dataclass(frozen=True)
class Conformance:
    """One trajectory against its version."""

    trajectory: str
    version: str
    status: str
    started: datetime | None
    last: datetime | None
    steps: tuple[Step, ...]
    deadlines: tuple[DeadlineResult, ...]
    escalations: tuple[str, ...]          # escalation tasks that became work (done)
    repeated: dict[str, int]              # element -> times it was done, where more than once
    rounds: int                           # the most times any one element was done (1: no repeats)
    withdrawals: int
    migrations: int
    deviations: tuple[str, ...]           # elements done that the version does not have
    submitted: bool
    roles: tuple[str, ...]

    @property
    def path(self) -> tuple[str, ...]:
        return tuple(step.element for step in self.steps)

    @property
    def duration(self) -> timedelta | None:
        return self.last - self.started if self.started and self.last else None

    @property
    def missed(self) -> tuple[DeadlineResult, ...]:
        return tuple(d for d in self.deadlines if d.state is Met.MISSED)


def _when(text: Any) -> datetime | None:
    if not isinstance(text, str):
        return None
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        return None


def _element(path: str) -> str:
    """The element id of a completed path (`fase/onderzoek[1]/taak` -> `taak`)."""
    return path.rsplit("/", 1)[-1].split("[", 1)[0]


def trace(trajectory: str, version: str, status: str, entries: Iterable[Entry], guide: Guide) -> Conformance:
    """How one trajectory went against `guide`, from its events in order."""
    steps: list[Step] = []
    fired: dict[str, datetime] = {}
    finished: dict[str, datetime] = {}
    done_counts: Counter[str] = Counter()
    withdrawals = migrations = 0
    submitted = False
    started = last = previous = None
    timers = {d.id for d in guide.deadlines}
    for entry in entries:
        started = started or entry.clock
        last = entry.clock
        for path in entry.body.get("completed") or ():
            element = _element(path)
            finished.setdefault(element, entry.clock)
            if element in timers:
                fired.setdefault(element, entry.clock)
        if entry.kind == Kind.TIMER_FIRED:
            for timer in entry.body.get("timers") or ():
                if isinstance(timer, dict) and isinstance(timer.get("element"), str):
                    fired.setdefault(_element(timer["element"]), entry.clock)
        elif entry.kind == Kind.TASK_COMPLETED:
            path = str(entry.body.get("path") or entry.body.get("element") or "")
            element = str(entry.body.get("element") or _element(path))
            ready = _when(entry.body.get("klaar_sinds"))
            steps.append(Step(element, path, entry.body.get("role"), ready or previous or entry.clock,
                              _when(entry.body.get("genomen")), entry.clock, estimated=ready is None))
            done_counts[element] += 1
        elif entry.kind == Kind.CONSENT_WITHDRAWN:
            withdrawals += 1
        elif entry.kind == Kind.DOCUMENT_SUBMITTED:
            submitted = True
        elif entry.kind == MIGRATED:
            migrations += 1
        previous = entry.clock
    results = []
    for deadline in guide.deadlines:
        if deadline.id in fired:
            results.append(DeadlineResult(deadline.id, deadline.name, deadline.activity, Met.MISSED,
                                          fired[deadline.id]))
        elif deadline.activity in finished:
            results.append(DeadlineResult(deadline.id, deadline.name, deadline.activity, Met.MET,
                                          finished[deadline.activity]))
        else:
            results.append(DeadlineResult(deadline.id, deadline.name, deadline.activity,
                                          Met.RUNNING if status == "lopend" else Met.NOT_REACHED, None))
    return Conformance(
        trajectory=trajectory, version=version, status=status, started=started, last=last, steps=tuple(steps),
        deadlines=tuple(results), escalations=tuple(s.element for s in steps if s.element in guide.escalations),
        repeated={e: n for e, n in sorted(done_counts.items()) if n > 1}, rounds=max(done_counts.values(), default=0),
        withdrawals=withdrawals, migrations=migrations,
        deviations=tuple(sorted({s.element for s in steps} - guide.user_tasks)), submitted=submitted,
        roles=tuple(sorted({s.role for s in steps if s.role})))


@dataclass(frozen=True)
class Spread:
    """Median and 90th percentile of some durations, in seconds."""

    count: int
    median: float | None
    p90: float | None

    @classmethod
    def of(cls, durations: Iterable[timedelta | None]) -> Spread:
        seconds = sorted(d.total_seconds() for d in durations if d is not None)
        if not seconds:
            return cls(0, None, None)
        return cls(len(seconds), statistics.median(seconds), _percentile(seconds, 0.9))


def _percentile(ordered: list[float], share: float) -> float:
    """The nearest-rank percentile of sorted values."""
    rank = max(1, math.ceil(round(share * len(ordered), 9)))
    return ordered[min(rank, len(ordered)) - 1]


@dataclass(frozen=True)
class StepSummary:
    element: str
    name: str
    lead: Spread
    waiting: Spread
    working: Spread
    missed: int                           # deadlines on this activity missed


@dataclass(frozen=True)
class VersionSummary:
    version: str
    trajectories: int
    steps: tuple[StepSummary, ...]
    paths: tuple[tuple[tuple[str, ...], int], ...] = field(default=())   # path -> trajectories, most first
    missed: dict[str, int] = field(default_factory=dict)                  # deadline id -> times missed

    def share(self, count: int) -> float:
        return count / self.trajectories if self.trajectories else 0.0


def summarise(version: str, results: list[Conformance], guide: Guide) -> VersionSummary:
    """Lead times per step, paths and missed deadlines over the trajectories of one version."""
    by_element: dict[str, list[Step]] = defaultdict(list)
    missed_by_activity: Counter[str] = Counter()
    missed: Counter[str] = Counter()
    for result in results:
        for step in result.steps:
            by_element[step.element].append(step)
        for deadline in result.missed:
            missed_by_activity[deadline.activity] += 1
            missed[deadline.id] += 1
    elements = sorted(set(by_element) | set(missed_by_activity),
                      key=lambda e: (-len(by_element.get(e, ())), guide.name(e)))
    steps = tuple(StepSummary(e, guide.name(e), Spread.of(s.lead for s in by_element.get(e, ())),
                              Spread.of(s.waiting for s in by_element.get(e, ())),
                              Spread.of(s.working for s in by_element.get(e, ())), missed_by_activity[e])
                  for e in elements)
    paths = Counter(result.path for result in results)
    return VersionSummary(version, len(results), steps, tuple(sorted(paths.items(), key=lambda p: (-p[1], p[0]))),
                          dict(sorted(missed.items())))
