"""Guideline versions in the store: load (publish) one, find the current one, run one."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import PurePath
from threading import Lock

from engine import clock, runtime
from engine.actors import Actor
from engine.casework import Casework
from engine.errors import GuidelineError
from engine.guidelines import Guideline
from engine.services.held import Held
from engine.store import UnitOfWork
from engine.store.models import GuidelineVersion


def main_process(guideline: Guideline) -> str:
    """The one process no other process calls: where a trajectory starts."""
    ids = guideline.process_ids()
    called = set()
    for process_id in ids:
        called |= set(guideline.process(process_id).subprocess_specs)
    roots = sorted(set(ids) - called)
    if len(roots) != 1:
        raise GuidelineError(f"de richtlijn moet precies één hoofdproces hebben, niet {roots or 'geen'}")
    return roots[0]


class Library:
    """Stored guideline versions. A version never changes, so parsed ones are cached for good."""

    def __init__(self, uow: Callable[..., UnitOfWork], engine: runtime.Engine):
        self._uow = uow
        self._engine = engine
        self._cache: dict[str, Casework] = {}
        self._lock = Lock()
        self.held = Held()          # the workflows this process saved last, for its next change of them

    def publish(self, guideline: Guideline, actor: Actor, scenarios: dict | None = None) -> tuple[str, bool]:
        """Store `guideline` (with the scenarios that test it) as a version; return (version, whether it was new)."""
        with self._uow(write=True) as uow:
            if uow.guidelines.get(guideline.version) is not None:
                return guideline.version, False
            files = {PurePath(name).name: data.decode("utf-8") for name, data in guideline.files.items()}
            uow.guidelines.add(GuidelineVersion(id=guideline.version, number=uow.guidelines.next_number(),
                                                main_process=main_process(guideline),
                                                files=files, forms=guideline.forms, loaded_at=clock.now(),
                                                loaded_by=actor.username, scenarios=scenarios or {}))
            uow.commit()
            return guideline.version, True

    def casework(self, version_id: str) -> Casework:
        """The rules and engine of one stored version."""
        with self._lock:
            cached = self._cache.get(version_id)
        if cached is not None:
            return cached
        with self._uow() as uow:
            row = uow.guidelines.get(version_id)
            if row is None:
                raise GuidelineError(f"richtlijnversie '{version_id}' bestaat niet")
            guideline = Guideline({name: text.encode("utf-8") for name, text in row.files.items()}, row.forms)
        if guideline.version != version_id:
            raise GuidelineError(f"richtlijnversie '{version_id}' is gewijzigd (inhoud-hash {guideline.version})")
        for process_id in guideline.process_ids():
            guideline.process(process_id)         # parse every process now, not in the middle of a request
        casework = Casework(guideline, self._engine, versions=self.casework)
        with self._lock:
            return self._cache.setdefault(version_id, casework)

    def file(self, version_id: str, name: str) -> str | None:
        """One BPMN or DMN file of a stored version, as text."""
        with self._uow() as uow:
            row = uow.guidelines.get(version_id)
            return row.files.get(name) if row else None

    def current(self) -> str | None:
        """The version new trajectories start on."""
        with self._uow() as uow:
            row = uow.guidelines.current()
            return row.id if row else None
