"""The auditor's use cases: replay a trajectory to any event, verify every chain and state."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from engine import clock, runtime
from engine.actors import Actor
from engine.history import chain
from engine.history.replay import Checkpoint, replay
from engine.services.changes import load, save
from engine.services.errors import NotFound
from engine.services.library import Library
from engine.store import UnitOfWork


@dataclass
class ReplayView:
    """A trajectory as it stood after one of its events."""

    trajectory_id: str
    upto: int
    event_count: int
    path: list[str]
    ready: list[runtime.ReadyTask]
    waiting: list[runtime.Waiting]
    data: dict[str, Any]
    mismatches: list[str] = field(default_factory=list)
    resumed_at: int = 0       # the checkpoint the re-execution started from (0: from event 1)


class Audit:
    def __init__(self, uow: Callable[..., UnitOfWork], library: Library):
        self._uow = uow
        self._library = library

    def _log(self, actor: Actor, action: str, subject: str, detail: str | None = None) -> None:
        with self._uow(write=True) as uow:
            uow.access.record(clock.now(), actor.id, action, subject, detail)
            uow.commit()

    def replay(self, trajectory_id: str, actor: Actor, upto: int | None = None,
               from_start: bool = False) -> ReplayView:
        """Re-execute a trajectory's events up to event `upto` (all when None), from the
        nearest checkpoint before it, or from event 1 when `from_start`. `verify` checks
        every checkpoint against a re-execution from event 1."""
        self._log(actor, "replay", f"traject:{trajectory_id}", f"tot {upto}" if upto else None)
        with self._uow() as uow:
            trajectory = uow.trajectories.get(trajectory_id)
            if trajectory is None:
                raise NotFound(f"traject '{trajectory_id}' bestaat niet")
            casework = self._library.casework(trajectory.guideline_version_id)
            count = trajectory.event_count
            kept = None if from_start else uow.checkpoints.nearest(trajectory_id, upto or count)
            start = Checkpoint(trajectory.process_id, kept.seq, kept.state, kept.steps) if kept else None
            history = uow.events.of_trajectory(trajectory_id, upto, after=start.seq if start else 0)
        replayed = replay(casework, trajectory_id, history, upto, start)
        instance = replayed.instance
        return ReplayView(trajectory_id, replayed.upto, count, replayed.path,
                          instance.ready_tasks() if instance else [], instance.waiting() if instance else [],
                          instance.data if instance else {}, replayed.mismatches, replayed.resumed_at)

    def verify(self, actor: Actor, trajectory_id: str | None = None) -> dict[str, list[str]]:
        """Check each chain and re-execute each trajectory against its stored state.
        Return the problems per trajectory; a trajectory without problems is absent."""
        self._log(actor, "audit", f"traject:{trajectory_id}" if trajectory_id else "alle trajecten")
        with self._uow() as uow:
            ids = [trajectory_id] if trajectory_id else uow.trajectories.ids()
        found = {}
        for one in ids:
            problems = self._verify_one(one)
            if problems:
                found[one] = problems
        return found

    def _verify_one(self, trajectory_id: str) -> list[str]:
        with self._uow() as uow:
            trajectory = uow.trajectories.get(trajectory_id)
            if trajectory is None:
                return ["traject bestaat niet"]
            history = uow.events.of_trajectory(trajectory_id)
            problems = chain.problems(trajectory_id, history, trajectory.head_hash, trajectory.event_count)
            casework = self._library.casework(trajectory.guideline_version_id)
            stored = trajectory.state
            checkpoints = uow.checkpoints.of_trajectory(trajectory_id)
        replayed = replay(casework, trajectory_id, history, keep=frozenset(c.seq for c in checkpoints))
        problems += replayed.mismatches
        if not replayed.mismatches:
            problems += _checkpoint_problems(checkpoints, replayed)
        if not replayed.mismatches and replayed.instance is not None and stored is not None \
                and json.loads(replayed.instance.dumps()) != json.loads(stored):
            problems.append("heruitvoering geeft een andere toestand dan de opgeslagen toestand")
        if stored is None:
            problems.append("opgeslagen toestand ontbreekt (wordt herbouwd bij het volgende gebruik)")
        return problems

    def rebuild(self, trajectory_id: str, actor: Actor) -> None:
        """Rebuild a trajectory's stored state from its events (after it was lost)."""
        self._log(actor, "herbouw", f"traject:{trajectory_id}")
        with self._uow(write=True) as uow:
            trajectory = uow.trajectories.lock(trajectory_id)
            if trajectory is None:
                raise NotFound(f"traject '{trajectory_id}' bestaat niet")
            casework = self._library.casework(trajectory.guideline_version_id)
            trajectory.state = None
            instance = load(uow, casework, trajectory)
            save(uow, trajectory, instance, trajectory.updated_at)
            uow.commit()


def _checkpoint_problems(checkpoints, replayed) -> list[str]:
    """Each checkpoint must hold the re-executed state and steps after its event."""
    problems, steps_before = [], 0
    for checkpoint in checkpoints:
        state, steps_upto = replayed.states.get(checkpoint.seq, (None, steps_before))
        same = state is not None and _same_json(state, checkpoint.state) \
            and replayed.path[steps_before:steps_upto] == checkpoint.steps
        if not same:
            problems.append(f"controlepunt na gebeurtenis {checkpoint.seq} verschilt van de heruitvoering")
        steps_before = steps_upto
    return problems


def _same_json(one: str, other: str) -> bool:
    try:
        return json.loads(one) == json.loads(other)
    except ValueError:
        return False
