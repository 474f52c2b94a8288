"""ekd's own view of a running guideline: what other modules see instead of SpiffWorkflow."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any


@dataclass(frozen=True)
class Element:
    """A flow element of a guideline (task, event, gateway) as the guideline defines it."""

    id: str
    name: str
    kind: str
    process: str
    file: str | None = None
    lane: str | None = None
    form: str | None = None
    documentation: str | None = None
    manual: bool = False
    repeat: str | None = None    # "parallel", "sequential" or "loop" for repeated activities
    action: str | None = None    # what ekd does besides the workflow (spiff property ekdAction)


@dataclass(frozen=True)
class Expression:
    """A script, condition or expression of a guideline, to be checked in the sandbox."""

    element: str
    role: str            # "script", "condition", "timer", "cardinality", "dmn-input", ...
    source: str
    mode: str            # "exec", "eval" or "dmn-entry"
    timer: str | None = None   # "date", "duration" or "cycle" for timer expressions
    rule: str | None = None    # a DMN rule's id, for the entries of a decision table (element: its task)


@dataclass(frozen=True)
class ReadyTask:
    """A user task that waits for a person, identified in this state by `id`."""

    id: str
    element: str
    name: str
    lane: str | None
    form: str | None
    path: str            # BPMN id plus instance path, stable across replays
    data: dict[str, Any] = field(compare=False, repr=False)
    due: datetime | None = None   # the earliest timer attached to the task
    action: str | None = None     # what ekd does besides the workflow (the element's ekdAction)


@dataclass(frozen=True)
class Completion:
    """One flow element that completed, in order."""

    element: str
    path: str
    kind: str
    process: str = ""                 # the process (file's process id) the element belongs to
    source: str | None = None         # the element completed just before it on the way here
    rules: tuple[str, ...] = ()       # for a business rule task: the DMN rules that hit


@dataclass(frozen=True)
class Waiting:
    """A timer or message the trajectory waits for."""

    element: str
    path: str
    kind: str            # "timer", "message", "signal", ...
    name: str
    due: datetime | None = None
