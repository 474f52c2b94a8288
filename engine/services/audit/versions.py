"""The guideline version in effect at an event: the one place that answers it for the auditor's
workbench (the list's versions, each step's version, the replay's guideline).

Each event records the version in effect (version-aware history, migration 0013); a trajectory moved
to another version runs on it from its move on."""

from __future__ import annotations

from engine.store.models import Event, Trajectory


def version_in_effect(trajectory: Trajectory, event: Event | None = None) -> str:
    """The guideline version (its content hash) in effect at `event` (the trajectory's current one when
    None, or for an event from before versions were recorded)."""
    if event is not None and event.guideline_version_id:
        return event.guideline_version_id
    return trajectory.guideline_version_id


def versions_of(trajectory: Trajectory, events: list[Event] | None = None) -> list[str]:
    """Every version a trajectory ran on, in order of first use."""
    found = [version_in_effect(trajectory, event) for event in (events or [None])]
    return list(dict.fromkeys(found))
