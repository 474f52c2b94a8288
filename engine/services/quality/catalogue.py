"""The guideline library: every version and open draft, and any of them as a zip."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from engine.actors import Actor
from engine.services.quality.common import find, log, require_member, subject
from engine.store import UnitOfWork


@dataclass(frozen=True)
class Entry:
    """One row of the library: a version (published or retired) or a draft."""

    id: str
    kind: str                     # version, draft
    status: str                   # published, retired, draft
    title: str
    created_by: str
    created_at: datetime
    published_at: datetime | None
    running_trajectories: int
    current: bool = False         # new trajectories start on it
    based_on: str | None = None


@dataclass(frozen=True)
class Download:
    filename: str
    data: bytes


class Catalogue:
    def __init__(self, uow: Callable[..., UnitOfWork]):
        self._uow = uow

    def entries(self, actor: Actor) -> list[Entry]:
        """Versions (newest first), then open drafts (a logged read)."""
        require_member(actor)
        with self._uow(write=True) as uow:
            running = uow.guidelines.running()
            current = uow.guidelines.current()
            found = [Entry(id=v.id, kind="version", status=v.status, title=f"Versie {v.number}: {v.main_process}",
                           created_by=v.loaded_by, created_at=v.loaded_at, published_at=v.loaded_at,
                           running_trajectories=running.get(v.id, 0),
                           current=current is not None and v.id == current.id)
                     for v in reversed(uow.guidelines.all())]
            found += [Entry(id=d.id, kind="draft", status="draft", title=d.title, created_by=d.created_by,
                            created_at=d.created_at, published_at=None, running_trajectories=0, based_on=d.based_on)
                      for d in uow.guideline_drafts.open()]
            log(uow, actor, "lijst", "richtlijnen")
            uow.commit()
        return found

    def export(self, guideline_id: str, actor: Actor) -> Download:
        """A version or draft as a zip: BPMN, DMN and forms at the top, scenarios/ beside them."""
        require_member(actor)
        with self._uow(write=True) as uow:
            found = find(uow, guideline_id)
            log(uow, actor, "download", subject(found.id), "zip")
            uow.commit()
        return Download(f"richtlijn-{found.id}.zip", found.bundle.zip())
