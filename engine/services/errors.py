"""Errors the use cases raise; the web layer maps them to HTTP statuses."""

from __future__ import annotations

from engine.errors import EkdError


class NotFound(EkdError):
    """Something asked for does not exist (or is not visible to the asker)."""


class TaskDone(NotFound):
    """The task is no longer ready because it was completed: its answers are on its step's page."""

    def __init__(self, trajectory_id: str, seq: int):
        self.trajectory_id = trajectory_id
        self.seq = seq
        super().__init__("deze taak is al afgerond")


class Conflict(EkdError):
    """The request clashes with what already exists."""


class DuplicateChild(Conflict):
    """A child with this INSZ is already registered: one child, one dossier. Says who coordinates
    it, nothing more (the asker may not be on its team)."""

    def __init__(self, child_id: str, coordinators: list[str]):
        self.child_id = child_id
        self.coordinators = coordinators
        who = f"; het wordt gecoördineerd door {', '.join(coordinators)}" if coordinators else ""
        super().__init__(f"dit kind heeft al een dossier{who}: één kind, één dossier")


class TrajectoryRunning(Conflict):
    """A child has at most one running trajectory."""

    def __init__(self, trajectory_id: str, started: str):
        self.trajectory_id = trajectory_id
        super().__init__(f"dit kind heeft al een lopend traject ({trajectory_id}, gestart op {started}): "
                         "één kind, één traject")


class NoGuideline(EkdError):
    """No guideline version has been loaded yet."""


class Busy(EkdError):
    """The trajectory kept changing under this use case; try again."""
