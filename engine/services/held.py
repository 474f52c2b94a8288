"""Workflows this process has just saved, held for its next change of the same trajectory: taking
one costs nothing, deserialising the stored state costs about a millisecond and many objects.

An entry is keyed by the trajectory, its chain head and its row's version after the save. Whatever
another process writes of the trajectory moves the row's version on (a change, a rebuild of its
state, an erasure), so an entry another process has made stale never matches. An entry is taken out
to be used (two requests of one process never share a workflow) and put back only after the commit
that made it the trajectory's state; a use case that fails drops what it took."""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Any

from engine import runtime
from engine.store.models import Trajectory

SIZE = 256      # a workflow of the shipped guideline takes about 70 KB in memory (tracemalloc): 18 MB in all


class Held:
    """A small least-recently-used map (trajectory, chain head, row version) → workflow, safe across threads."""

    def __init__(self, size: int = SIZE):
        self.size = size
        self._entries: OrderedDict[str, tuple[tuple, runtime.Instance, Any]] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = self.misses = 0

    def take(self, trajectory: Trajectory) -> tuple[runtime.Instance, Any] | None:
        """The workflow held for the trajectory's present head, with what it was kept with (the rows its
        state implies), removed from here; or None."""
        with self._lock:
            entry = self._entries.pop(trajectory.id, None)
            if entry is None or trajectory.state is None or entry[0] != _key(trajectory):
                self.misses += 1
                return None
            self.hits += 1
            return entry[1], entry[2]

    def keep(self, trajectory: Trajectory, instance: runtime.Instance, implied: Any = None) -> None:
        """Hold the workflow just committed as the trajectory's state at its present head, with what its
        state implies (the caller's to interpret)."""
        if self.size <= 0:
            return
        with self._lock:
            self._entries[trajectory.id] = (_key(trajectory), instance, implied)
            self._entries.move_to_end(trajectory.id)
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)

    def drop(self, trajectory_id: str) -> None:
        """Forget what is held for a trajectory (its state was rewritten outside a change)."""
        with self._lock:
            self._entries.pop(trajectory_id, None)


def _key(trajectory: Trajectory) -> tuple:
    return trajectory.head_hash, trajectory.version, trajectory.guideline_version_id
