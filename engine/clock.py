"""The engine's notion of now: real time by default, fixed or recorded when asked.

Timers and scripts read the time through this module, so tests control time without
sleeping and a replay re-uses the clock values a run recorded.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from datetime import date, datetime, timezone

_source: ContextVar[Callable[[], datetime] | None] = ContextVar("ekd_clock", default=None)


def now() -> datetime:
    """Return the current time (timezone-aware, UTC)."""
    source = _source.get()
    return source() if source is not None else datetime.now(timezone.utc)


@contextlib.contextmanager
def using(source: Callable[[], datetime]) -> Iterator[None]:
    """Read the time from `source` inside the block (in this thread or task only)."""
    token = _source.set(source)
    try:
        yield
    finally:
        _source.reset(token)


def frozen(at: datetime) -> contextlib.AbstractContextManager[None]:
    """Stop the clock at `at` inside the block."""
    if at.tzinfo is None:
        raise ValueError("a frozen time needs a timezone")
    return using(lambda: at)


class ClockedDatetime(datetime):
    """`datetime` whose now()/today()/utcnow() read ekd's clock."""

    @classmethod
    def now(cls, tz=None):
        current = now()
        if tz is None:
            current = current.astimezone().replace(tzinfo=None)
        else:
            current = current.astimezone(tz)
        return cls._from(current)

    @classmethod
    def today(cls):
        return cls.now()

    @classmethod
    def utcnow(cls):
        return cls._from(now().astimezone(timezone.utc).replace(tzinfo=None))

    @classmethod
    def _from(cls, value: datetime) -> ClockedDatetime:
        return cls(value.year, value.month, value.day, value.hour, value.minute, value.second,
                   value.microsecond, value.tzinfo, fold=value.fold)


class ClockedDate(date):
    """`date` whose today() reads ekd's clock."""

    @classmethod
    def today(cls):
        local = now().astimezone()
        return cls(local.year, local.month, local.day)
