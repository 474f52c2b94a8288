"""What the start pages of the roles without client work list: the quality center's guideline
versions and their diagrams, the auditors' trajectories — never client data (no names, no INSZ)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from engine import access, clock
from engine.actors import Actor
from engine.services.errors import NotFound
from engine.store import UnitOfWork
from engine.store.models import GuidelineVersion, Trajectory

LISTED = 500


@dataclass(frozen=True)
class VersionEntry:
    id: str
    number: int
    main_process: str
    loaded_at: datetime
    loaded_by: str
    current: bool
    diagrams: tuple[str, ...]            # its BPMN files


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

    def guideline_versions(self, actor: Actor) -> list[VersionEntry]:
        """The loaded guideline versions, newest first, for the quality center."""
        access.require(actor.has("quality_center"), "alleen het kwaliteitscentrum ziet de richtlijnversies hier")
        with self._uow() as uow:
            rows = uow.guidelines.all()
        newest = max((row.number for row in rows), default=None)
        return [VersionEntry(row.id, row.number, row.main_process, row.loaded_at, row.loaded_by, row.number == newest,
                             tuple(sorted(name for name in row.files if name.endswith(".bpmn"))))
                for row in reversed(rows)]

    def diagram(self, version: str, name: str, actor: Actor) -> VersionEntry:
        """The version a diagram belongs to, when `name` is one of its BPMN files (quality center)."""
        access.require(actor.has("quality_center"), "alleen het kwaliteitscentrum ziet de richtlijnversies hier")
        with self._uow() as uow:
            row = uow.session.get(GuidelineVersion, version)
            if row is None or not name.endswith(".bpmn") or name not in row.files:
                raise NotFound(f"richtlijnversie '{version[:40]}' heeft geen diagram '{name[:80]}'")
            current = uow.guidelines.current()
        return VersionEntry(row.id, row.number, row.main_process, row.loaded_at, row.loaded_by,
                            current is not None and current.id == row.id, (name,))

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
