"""Make a workflow operation repeatable: SpiffWorkflow's task ids and state-change stamps come
from a seed and ekd's clock, so replaying the same events rebuilds the same state, byte for byte."""

from __future__ import annotations

import contextlib
import time
import uuid
from collections.abc import Iterator
from contextvars import ContextVar

import SpiffWorkflow.task as spiff_task

from engine import clock

NAMESPACE = uuid.UUID("6f2b3e52-8d0c-4b6e-9a7e-0e4b1c2d3a10")


class _Sequence:
    def __init__(self, seed: str):
        self.seed = seed
        self.ids = 0
        self.stamps = 0
        self.base = clock.now().timestamp()

    def uuid(self) -> uuid.UUID:
        self.ids += 1
        return uuid.uuid5(NAMESPACE, f"{self.seed}/{self.ids}")

    def stamp(self) -> float:
        self.stamps += 1
        return self.base + self.stamps / 1_000_000


_current: ContextVar[_Sequence | None] = ContextVar("ekd_repeatable", default=None)


def _uuid4() -> uuid.UUID:
    sequence = _current.get()
    return sequence.uuid() if sequence is not None else uuid.uuid4()


class _Time:
    """Stands in for the `time` module inside SpiffWorkflow.task."""

    def time(self) -> float:
        sequence = _current.get()
        return sequence.stamp() if sequence is not None else time.time()

    def __getattr__(self, name):
        return getattr(time, name)


def install() -> None:
    """Route SpiffWorkflow.task's uuid4 and time through this module (idempotent)."""
    if spiff_task.uuid4 is not _uuid4:
        spiff_task.uuid4 = _uuid4
        spiff_task.time = _Time()


@contextlib.contextmanager
def repeatable(seed: str) -> Iterator[None]:
    """Inside the block, new task ids and stamps follow from `seed` and the clock's current time."""
    token = _current.set(_Sequence(seed))
    try:
        yield
    finally:
        _current.reset(token)
