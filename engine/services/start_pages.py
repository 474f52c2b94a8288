"""What the auditors' start page lists: every trajectory — never client data (no names, no INSZ)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from engine import access, clock
from engine.actors import Actor
from engine.store import UnitOfWork
from engine.store.models import GuidelineVersion, Trajectory

LISTED = 500


@dataclass(frozen=True)
class TrajectoryEntry:
    id: str
    status: str
    guideline_version: str
    guideline_number: int
    started_at: datetime
    event_count: int


class StartPages:
    def __init__(self, uow: Callable[..., UnitOfWork]):
        self._uow = uow

    def trajectories(self, actor: Actor) -> list[TrajectoryEntry]:
        """Every trajectory, newest first, for auditors: ids, status, version, start, number of events
        — no client data. The listing is logged."""
        access.require(actor.has("auditor"), "alleen een auditor ziet de lijst van alle trajecten")
        query = (select(Trajectory.id, Trajectory.status, Trajectory.guideline_version_id, GuidelineVersion.number,
                        Trajectory.started_at, Trajectory.event_count)
                 .join(GuidelineVersion, GuidelineVersion.id == Trajectory.guideline_version_id)
                 .order_by(Trajectory.started_at.desc(), Trajectory.id).limit(LISTED))
        with self._uow(write=True) as uow:
            found = [TrajectoryEntry(*row) for row in uow.session.execute(query)]
            uow.access.record(clock.now(), actor.id, "lijst", "trajecten", f"{len(found)} traject(en)")
            uow.commit()
        return found
