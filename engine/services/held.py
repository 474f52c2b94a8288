"""Workflows this process has just saved, held for its next change of the same trajectory: taking
one costs nothing, deserialising the stored state costs about a millisecond and many objects.

An entry is keyed by the trajectory and the head of its chain after the save. Every change of a
trajectory appends to its chain, whichever process makes it, so an entry another process has made
stale never matches: the head it was kept under is no longer the head. An entry is taken out to be
used (two requests of one process never share a workflow) and put back only after the commit that
made its head the head; a use case that fails drops what it took."""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Any

from engine import runtime
from engine.store.models import Trajectory

SIZE = 256      # a workflow of the shipped guideline takes about 70 KB in memory (tracemalloc): 18 MB in all


class Held:
    """A small least-recently-used map (trajectory, chain head) → workflow, safe across threads."""

    def __init__(self, size: int = SIZE):
        self.size = size
        self._entries: OrderedDict[str, tuple[str, str, runtime.Instance, Any]] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = self.misses = 0

    def take(self, trajectory: Trajectory) -> tuple[runtime.Instance, Any] | None:
        """The workflow held for the trajectory's present head, with what it was kept with (the rows its
        state implies), removed from here; or None."""
        with self._lock:
            entry = self._entries.pop(trajectory.id, None)
            if (entry is None or trajectory.state is None
                    or entry[:2] != (trajectory.head_hash, trajectory.guideline_version_id)):
                self.misses += 1
                return None
            self.hits += 1
            return entry[2], entry[3]

    def keep(self, trajectory: Trajectory, instance: runtime.Instance, implied: Any = None) -> None:
        """Hold the workflow just committed as the trajectory's state at its present head, with what its
        state implies (the caller's to interpret)."""
        if self.size <= 0:
            return
        with self._lock:
            self._entries[trajectory.id] = (trajectory.head_hash, trajectory.guideline_version_id, instance, implied)
            self._entries.move_to_end(trajectory.id)
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)

    def drop(self, trajectory_id: str) -> None:
        """Forget what is held for a trajectory (its state was rewritten outside a change)."""
        with self._lock:
            self._entries.pop(trajectory_id, None)
