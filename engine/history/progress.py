"""Where a trajectory stood at event N: each element done, active or waiting — each loop round and
each multi-instance instance apart (a gateway loop runs the same instance path again; a
multi-instance element runs one path per instance, `onderzoek[0]`, `onderzoek[1]`).

Pure functions over what the events recorded (the instance paths each event completed) and what a
re-execution has ready and waiting at event N. The dossier's diagram and the auditor's step-through
share it (DESIGN.md §8).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum

_INDEX = re.compile(r"\[([^\]]*)\]$")


class State(StrEnum):
    DONE = "done"
    ACTIVE = "active"
    WAITING = "waiting"


_RANK = {State.DONE: 0, State.WAITING: 1, State.ACTIVE: 2}      # what an element shows when runs differ


@dataclass(frozen=True)
class Run:
    """One run of one element: its instance path the `round`-th time, in `state` at event N."""

    element: str                  # the BPMN id
    path: str                     # the instance path, e.g. 'diagnostische_fase/onderzoek[0]/onderzoek_motorisch'
    round: int                    # 1, 2, …: the how-many-th time this path (or a scope around it) ran
    instances: tuple[str, ...]    # the multi-instance keys along the path ('0' for onderzoek[0])
    state: State
    seq: int | None = None        # the event that completed it (done runs)


@dataclass(frozen=True)
class Element:
    """One element's summary for a diagram: its state, how many rounds and which instances."""

    element: str
    state: State
    rounds: int
    instances: tuple[str, ...]
    runs: int


@dataclass
class Progress:
    runs: list[Run] = field(default_factory=list)

    def elements(self) -> dict[str, Element]:
        """Each element once: the strongest state of its runs (active, waiting, done)."""
        grouped: dict[str, list[Run]] = {}
        for run in self.runs:
            grouped.setdefault(run.element, []).append(run)
        return {element: Element(element, max((r.state for r in runs), key=_RANK.__getitem__),
                                  max(r.round for r in runs),
                                  tuple(sorted({r.instances[-1] for r in runs if r.instances}, key=_natural)),
                                  len(runs))
                for element, runs in grouped.items()}

    def of(self, state: State) -> list[Run]:
        return [run for run in self.runs if run.state is state]


def element_of(path: str) -> str:
    """The BPMN id of an instance path's last segment: 'p/onderzoek[2]/taak' -> 'taak'."""
    return _INDEX.sub("", path.rsplit("/", 1)[-1])


def instances_of(path: str) -> tuple[str, ...]:
    return tuple(m.group(1) for segment in path.split("/") if (m := _INDEX.search(segment)))


def prefixes(path: str) -> list[str]:
    """The scopes around a path and the path itself: 'a/b[0]/c' -> ['a', 'a/b[0]', 'a/b[0]/c']."""
    parts = path.split("/")
    return ["/".join(parts[:i]) for i in range(1, len(parts) + 1)]


def progress(completed: Iterable[tuple[int, Iterable[str]]], ready: Iterable[str] = (),
             waiting: Iterable[str] = ()) -> Progress:
    """The runs up to event N: `completed` gives, per event up to N, its seq and the instance paths it
    completed; `ready` and `waiting` the paths a re-execution has ready (user tasks) and waiting
    (timers, messages) after event N. A run's round is one more than the times its path, or a scope
    around it, completed before it; the scopes around an active or waiting path are active."""
    done: dict[str, int] = {}
    result = Progress()

    def round_of(path: str) -> int:
        return 1 + max(done.get(scope, 0) for scope in prefixes(path))

    for seq, paths in completed:
        for path in paths:
            result.runs.append(Run(element_of(path), path, round_of(path), instances_of(path), State.DONE, seq))
            done[path] = done.get(path, 0) + 1
    open_paths: dict[str, State] = {}
    for state, paths in ((State.WAITING, waiting), (State.ACTIVE, ready)):
        for path in paths:
            for scope in prefixes(path)[:-1]:
                open_paths[scope] = State.ACTIVE
            if open_paths.get(path) is not State.ACTIVE:
                open_paths[path] = state
    result.runs += [Run(element_of(path), path, round_of(path), instances_of(path), state)
                    for path, state in open_paths.items()]
    return result


def _natural(key: str) -> tuple:
    return (0, int(key), "") if key.isdigit() else (1, 0, key)
