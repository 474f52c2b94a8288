"""The auditor's use cases: replay a trajectory to any event; verify every chain, every state and
every projection, against an anchor too; print an anchor."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from engine import clock, runtime
from engine.actors import Actor
from engine.history.problems import Flaw, Problem
from engine.history.replay import Checkpoint, replay
from engine.services.audit import accesslog, anchors, registrations, verification
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
    version: str | None = None                                  # the guideline version in effect at `upto`
    versions: dict[int, str] = field(default_factory=dict)      # seq -> the version the event ran on


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
            start = None
            if kept:
                version = uow.events.version_at(trajectory_id, kept.seq) or trajectory.guideline_version_id
                row = uow.guidelines.get(version)
                start = Checkpoint(row.main_process if row else trajectory.process_id, kept.seq, kept.state,
                                   kept.steps, version)
            history = uow.events.of_trajectory(trajectory_id, upto, after=start.seq if start else 0)
        replayed = replay(casework, trajectory_id, history, upto, start)
        instance = replayed.instance
        return ReplayView(trajectory_id, replayed.upto, count, replayed.path,
                          instance.ready_tasks() if instance else [], instance.waiting() if instance else [],
                          instance.data if instance else {}, replayed.mismatches, replayed.resumed_at,
                          replayed.version, replayed.versions)

    def verify(self, actor: Actor, trajectory_id: str | None = None, anchor: str | None = None
               ) -> dict[str, list[Problem]]:
        """Check every chain (trajectories and access log), re-execute every trajectory against its
        stored state and checkpoints, re-derive its tables from its events, and — given an anchor's
        text — check that nothing the anchor covered was truncated or rewritten. Return the problems
        per scope ('traject <id>', 'toegangslog <segment>', 'kind <id>', 'anker'); empty when intact."""
        self._log(actor, "audit", f"traject:{trajectory_id}" if trajectory_id else "alle trajecten")
        found: dict[str, list[Problem]] = {}

        def add(problems: list[Problem]) -> None:
            for problem in problems:
                if trajectory_id is None or problem.scope in (f"traject {trajectory_id}", anchors.SCOPE):
                    found.setdefault(problem.scope, []).append(problem)

        ids = self._guarded("alle trajecten", lambda: [trajectory_id] if trajectory_id else self._read(
            lambda uow: uow.trajectories.ids()))
        for one in ids:
            if isinstance(one, Problem):
                add([one])
            else:
                add(self._guarded(f"traject {one}", lambda one=one: self.verified(one).problems))
        if trajectory_id is None:
            add(self._guarded("toegangslog", lambda: self._read(lambda uow: accesslog.problems(uow.session, uow.key))))
            add(self._guarded("kinderen", lambda: self._read(lambda uow: registrations.problems(uow.session))))
        if anchor is not None:
            add(self._guarded(anchors.SCOPE, lambda: self._read(
                lambda uow: anchors.problems(uow.session, uow.key, anchor))))
        return found

    def anchor(self, actor: Actor) -> str:
        """The signed heads of every chain as text, to be kept elsewhere (write-once)."""
        self._log(actor, "anker", "alle trajecten")
        return self._read(lambda uow: anchors.make(uow.session, uow.key, clock.now()))

    def verified(self, trajectory_id: str) -> verification.Verified:
        """One trajectory's problems and the projection its events make (for retention, too)."""
        return verification.verify(self._uow, self._library, trajectory_id)

    def _read(self, work: Callable[[UnitOfWork], Any]) -> Any:
        with self._uow() as uow:
            return work(uow)

    @staticmethod
    def _guarded(scope: str, work: Callable[[], list]) -> list:
        """Run one part of the verification; whatever goes wrong is a problem it names, not a crash."""
        try:
            return work()
        except Exception as error:    # verify never crashes: it names what it could not check
            return [Problem(scope, "verificatie", Flaw.UNREADABLE,
                            f"kon niet verder: {type(error).__name__}: {' '.join(str(error).split())[:300]}")]

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
        self._library.held.drop(trajectory_id)      # what this process held stood on the doubted state

