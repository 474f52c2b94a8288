"""Timers: fire each due timer exactly once, whichever process runs the scheduler."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime

from engine import clock, runtime
from engine.actors import SYSTEM
from engine.errors import EkdError
from engine.history import log as history
from engine.history.replay import seed
from engine.services.changes import Outcome, load, record, save
from engine.services.library import Library
from engine.store import UnitOfWork

log = logging.getLogger(__name__)


class Scheduler:
    def __init__(self, uow: Callable[..., UnitOfWork], library: Library):
        self._uow = uow
        self._library = library

    def tick(self, now: datetime | None = None) -> int:
        """Fire the timers due at `now`; return how many trajectories moved on."""
        now = now or clock.now()
        with self._uow() as uow:
            due = [(timer.id, timer.trajectory_id) for timer in uow.timers.due(now)]
        fired = 0
        for timer_id, trajectory_id in due:
            try:
                fired += self._fire(timer_id, trajectory_id, now)
            except EkdError as error:
                log.error("timer %s of trajectory %s failed: %s", timer_id, trajectory_id, error)
                self._fail(timer_id, trajectory_id, now, error)
        return fired

    def _fire(self, timer_id: int, trajectory_id: str, now: datetime) -> int:
        with self._uow(write=True) as uow:
            # The trajectory row first, then the timer: the same lock order as every other use case.
            trajectory = uow.trajectories.lock(trajectory_id)
            if trajectory is None or not uow.timers.claim(timer_id, now):
                return 0                      # another scheduler fired it already
            casework = self._library.casework(trajectory.guideline_version_id)
            instance = load(uow, casework, trajectory)
            due = [w for w in instance.waiting() if w.kind == "timer" and w.due and w.due <= now]
            with clock.frozen(now), runtime.repeatable(seed(trajectory.id, trajectory.event_count + 1)):
                instance.advance()
                completions = instance.take_completions()
            if not completions:
                return 0                      # not due for the engine yet (it fires strictly after)
            timers = [{"element": w.element, "path": w.path, "due": w.due.isoformat()} for w in due]
            record(uow, trajectory, SYSTEM, Outcome(history.TimerFired(timers=timers), completions), now)
            save(uow, trajectory, instance, now)
            uow.commit()
            return 1

    def _fail(self, timer_id: int, trajectory_id: str, now: datetime, error: EkdError) -> None:
        """Record the failure on the trajectory and take the timer out, so it is not retried forever."""
        with self._uow(write=True) as uow:
            trajectory = uow.trajectories.lock(trajectory_id)
            if trajectory is None or not uow.timers.claim(timer_id, now):
                return
            record(uow, trajectory, SYSTEM, Outcome(history.Failed(timer=timer_id, error=str(error)), []), now)
            uow.commit()
