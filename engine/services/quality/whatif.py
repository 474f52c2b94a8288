"""What-if: re-run a trajectory's recorded answers on another guideline version, in memory, and show
where its path would differ. The quality center sees the impact of a change on real cases without
seeing client data: the answer shows element ids only (no identities, no free text, no data)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import PurePath

from engine import clock, runtime
from engine.actors import Actor
from engine.errors import EkdError
from engine.history import events, log
from engine.history.replay import element_of, seed
from engine.services.errors import NotFound
from engine.services.library import Library
from engine.services.quality.common import log as log_access
from engine.services.quality.common import require_member, subject
from engine.store import UnitOfWork


@dataclass(frozen=True)
class WhatIf:
    """Both paths (BPMN ids in completion order) and where they first differ (None: they do not)."""

    trajectory: str
    recorded_on: list[str]
    recorded: list[str]
    version: str
    path: list[str]
    first_difference: int | None
    stopped: str | None = None             # why the run on `version` could not go on (no client data)
    differs_at: dict = field(default_factory=dict)   # {"recorded": element, "version": element} at the difference
    waiting_at: list[str] = field(default_factory=list)   # the tasks that were ready on `version` when it stopped
    # Both paths on the diagrams: {"recorded"|"version": (guideline version, {BPMN file: {element: mark}})},
    # mark "taken" up to the first difference and "changed" from there on.
    diagrams: dict = field(default_factory=dict)


class WhatIfs:
    def __init__(self, uow: Callable[..., UnitOfWork], library: Library):
        self._uow = uow
        self._library = library

    def run(self, version: str, trajectory_id: str, actor: Actor) -> WhatIf:
        """Re-run `trajectory_id`'s recorded answers on `version`, in memory (nothing is stored)."""
        require_member(actor)
        with self._uow(write=True) as uow:
            trajectory = uow.trajectories.get(trajectory_id)
            if trajectory is None:
                raise NotFound(f"traject '{trajectory_id}' bestaat niet")
            if uow.guidelines.get(version) is None:
                raise NotFound(f"richtlijnversie '{version}' bestaat niet")
            history = uow.events.of_trajectory(trajectory_id)
            versions = [v for v, _, _ in uow.events.versions(trajectory_id)]
            process = uow.guidelines.get(version).main_process
            log_access(uow, actor, "wat-als", subject(version), f"traject:{trajectory_id}")
            uow.commit()
        bodies = [(event, events.payload(event)) for event in history]
        recorded = [element_of(p) for _, body in bodies for p in (body or {}).get("completed") or []]
        path, stopped, waiting = self._rerun(version, process, trajectory_id, bodies)
        first = next((i for i, (x, y) in enumerate(zip(recorded, path, strict=False)) if x != y), None)
        if first is None and len(recorded) != len(path):
            first = min(len(recorded), len(path))
        at = {} if first is None else {"recorded": recorded[first] if first < len(recorded) else None,
                                        "version": path[first] if first < len(path) else next(iter(waiting), None)}
        diagrams = {"recorded": (versions[-1], self._marks(versions[-1], recorded, first)) if versions else None,
                    "version": (version, self._marks(version, path, first))}
        return WhatIf(trajectory_id, versions, recorded, version, path, first, stopped, at, waiting,
                      {side: value for side, value in diagrams.items() if value is not None})

    def _marks(self, version: str, steps: list[str], first: int | None) -> dict[str, dict[str, str]]:
        """The steps of one path per BPMN file of `version`: 'taken' before the difference, 'changed' after."""
        guideline = self._library.casework(version).guideline
        file_of = {element.id: PurePath(element.file or "").name for process in guideline.process_ids()
                   for element in guideline.process(process).elements.values()}
        marks: dict[str, dict[str, str]] = {}
        for index, step in enumerate(steps):
            if step in file_of:
                current = marks.setdefault(file_of[step], {})
                if current.get(step) != "changed":          # a step met again after the difference stays changed
                    current[step] = "changed" if first is not None and index >= first else "taken"
        return marks

    def _rerun(self, version: str, process: str, trajectory_id: str, bodies
               ) -> tuple[list[str], str | None, list[str]]:
        casework = self._library.casework(version)
        instance, path = None, []
        for event, body in bodies:
            if body is None:
                return path, "de gegevens van dit traject zijn gewist", []
            item = log.typed(event.type, body)
            at = datetime.fromisoformat(body["clock"])
            try:
                with clock.frozen(at), runtime.repeatable(seed(trajectory_id, event.seq)):
                    if isinstance(item, log.Started):
                        instance = casework.start(process, item.data)
                    elif instance is None:
                        return path, "het traject begint niet met een start", []
                    elif isinstance(item, log.TaskCompleted):
                        ready = [t for t in instance.ready_tasks() if t.element == item.element]
                        if not ready:
                            path += [c.element for c in instance.take_completions()]
                            return path, f"'{item.element}' ligt op deze versie niet klaar", [
                                t.element for t in instance.ready_tasks()]
                        task = next((t for t in ready if t.path == item.path), ready[0])
                        path += [c.element for c in casework.complete(instance, task.id, item.data).completions]
                        continue
                    elif isinstance(item, log.TimerFired):
                        instance.advance()
                    else:
                        continue
                    path += [c.element for c in instance.take_completions()]
            except EkdError as error:
                # The error's text may quote recorded data: name only where and what kind of error.
                return path, f"{getattr(error, 'element', None) or 'stap'}: {type(error).__name__}", []
        return path, None, [t.element for t in instance.ready_tasks()] if instance is not None else []
