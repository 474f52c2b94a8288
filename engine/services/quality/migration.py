"""Move running trajectories from one guideline version to another: a dry run that names every
blocker, then the move itself, each trajectory in its own transaction with a 'moved' event in its chain.

The quality center starts it and sees trajectory ids, elements and reasons, never client data. The
coordinator of each moved trajectory hears of it in their inbox; a blocked trajectory is untouched.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from engine import clock, runtime, text
from engine.actors import Actor
from engine.casework import Casework
from engine.history import log
from engine.history.log import Status
from engine.services.changes import Outcome, change, load
from engine.services.errors import Conflict, NotFound
from engine.services.library import Library
from engine.services.quality.common import log as log_access
from engine.services.quality.common import require_member, subject
from engine.store import UnitOfWork
from engine.store.models import Task, Trajectory
from engine.store.queues import MOVED_NOTICE, NOTICE
from engine.store.queues import moved_notice as notice_id

REASON_LENGTH = 1000


class Verdict(StrEnum):
    CAN_MOVE = "can_move"
    BLOCKED = "blocked"
    MOVED = "moved"


@dataclass(frozen=True)
class Result:
    """One trajectory's outcome: can move, blocked (with every blocker) or moved; the deadlines that
    run and what the move does to them; the tokens that change element."""

    trajectory: str
    status: Verdict
    blockers: list[runtime.Blocker] = field(default_factory=list)
    deadlines: list[runtime.Deadline] = field(default_factory=list)
    moves: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Plan:
    """A move from `source` to `target` with the quality center's explicit `mapping`."""

    source: str
    target: str
    mapping: dict[str, str]
    process: str
    casework: Casework

    def provides(self, element: str) -> set[str]:
        """The fields the target version's form of `element` fills in."""
        found = self.casework.guideline.process(self.process).element(element)
        schema = self.casework.guideline.form(found.form) if found else None
        return set((schema or {}).get("properties", {}))


class Migrations:
    def __init__(self, uow: Callable[..., UnitOfWork], library: Library):
        self._uow = uow
        self._library = library

    def migrate(self, target: str, source: str, trajectories: list[str] | str, mappings: dict[str, str],
                dry_run: bool, actor: Actor, reason: str = "") -> list[Result]:
        """Dry-run or run the move of `trajectories` (ids, or "all" running on `source`) to `target`."""
        require_member(actor)
        why = text.clean(reason or "", "reden", REASON_LENGTH, multiline=True)
        plan = self.plan(source, target, mappings)
        with self._uow(write=True) as uow:
            ids = uow.trajectories.running_on(source) if trajectories == "all" else list(trajectories)
            log_access(uow, actor, "migratie proefdraaien" if dry_run else "migratie", subject(target),
                       f"van {source}: {len(ids)} trajecten")
            uow.commit()
        results = [self._dry(plan, one) for one in ids]
        if dry_run:
            return results
        return [self._move_or_say(plan, result.trajectory, actor, why) if result.status == Verdict.CAN_MOVE
                else result for result in results]

    def _move_or_say(self, plan: Plan, trajectory_id: str, actor: Actor, reason: str) -> Result:
        """Move one trajectory; a failure leaves it untouched (its own transaction rolled back) and is
        reported as its blocker, so the others are still tried and the report names what moved."""
        try:
            return self._move(plan, trajectory_id, actor, reason)
        except Exception as error:        # whatever went wrong, the batch goes on and says so
            return Result(trajectory_id, Verdict.BLOCKED, [runtime.Blocker(
                plan.process, f"verplaatsen mislukte en het traject bleef ongewijzigd ({type(error).__name__})")])

    def plan(self, source: str, target: str, mappings: dict[str, str]) -> Plan:
        """Check the two versions and the mapping; raise NotFound or Conflict naming what is wrong."""
        if not isinstance(mappings, dict) or not all(isinstance(k, str) and isinstance(v, str)
                                                     for k, v in mappings.items()):
            raise Conflict("de koppeling moet een object zijn van oude stap-id naar nieuwe stap-id")
        with self._uow() as uow:
            rows = {version: uow.guidelines.get(version) for version in (source, target)}
        for version, row in rows.items():
            if row is None:
                raise NotFound(f"richtlijnversie '{version}' bestaat niet")
        if source == target:
            raise Conflict("de versie om naar te verplaatsen is dezelfde als de huidige")
        if rows[target].status == "retired":
            raise Conflict(f"versie {rows[target].number} is ingetrokken: verplaats naar een gepubliceerde versie")
        old, new = self._library.casework(source), self._library.casework(target)
        process = rows[target].main_process
        mapping = dict(mappings)
        if rows[source].main_process != process:
            mapping.setdefault(rows[source].main_process, process)
        old_ids = {e for p in old.guideline.process_ids() for e in old.guideline.process(p).elements} | \
            set(old.guideline.process_ids())
        new_ids = {e for p in new.guideline.process_ids() for e in new.guideline.process(p).elements} | \
            set(new.guideline.process_ids())
        unknown = [f"'{k}' is geen stap van de huidige versie" for k in mapping if k not in old_ids]
        unknown += [f"'{v}' is geen stap van de nieuwe versie" for v in mapping.values() if v not in new_ids]
        if unknown:
            raise Conflict("koppeling: " + "; ".join(unknown))
        return Plan(source, target, mapping, process, new)

    def _dry(self, plan: Plan, trajectory_id: str) -> Result:
        with self._uow() as uow:
            trajectory = uow.trajectories.get(trajectory_id)
            refused = _refusal(trajectory, trajectory_id, plan)
            if refused is not None:
                return refused
            instance = load(uow, self._library.casework(trajectory.guideline_version_id), trajectory)
        checked = runtime.check(instance, plan.casework.guideline.process(plan.process), plan.mapping, plan.provides)
        return Result(trajectory_id, Verdict.CAN_MOVE if checked.can_move else Verdict.BLOCKED, checked.blockers,
                      checked.deadlines, checked.moves)

    def _move(self, plan: Plan, trajectory_id: str, actor: Actor, reason: str) -> Result:
        """Move one trajectory in its own transaction, checking it again under its lock."""
        def operation(uow: UnitOfWork, casework: Casework, instance: runtime.Instance, trajectory: Trajectory):
            refused = _refusal(trajectory, trajectory_id, plan)
            definition = plan.casework.guideline.process(plan.process)
            checked = runtime.check(instance, definition, plan.mapping, plan.provides) if refused is None else None
            if refused is not None or not checked.can_move:
                outcome[0] = refused or Result(trajectory_id, Verdict.BLOCKED, checked.blockers, checked.deadlines,
                                               checked.moves)
                return None
            moved = plan.casework.migrate(instance, plan.process, plan.mapping)
            trajectory.guideline_version_id, trajectory.process_id = plan.target, plan.process
            _notify(uow, trajectory, plan, clock.now())
            outcome[0] = Result(trajectory_id, Verdict.MOVED, [], checked.deadlines, checked.moves)
            event = log.Moved(source=plan.source, target=plan.target, process=plan.process, mapping=plan.mapping,
                              moves=checked.moves, deadlines=[_deadline(d) for d in checked.deadlines], reason=reason)
            return Outcome(event, [], instance=moved)

        outcome: list[Result | None] = [None]
        change(self._uow, self._library, trajectory_id, actor, operation)
        return outcome[0]


def _refusal(trajectory: Trajectory | None, trajectory_id: str, plan: Plan) -> Result | None:
    if trajectory is None:
        return Result(trajectory_id, Verdict.BLOCKED, [runtime.Blocker("traject", "dit traject bestaat niet")])
    if trajectory.guideline_version_id != plan.source:
        return Result(trajectory_id, Verdict.BLOCKED, [runtime.Blocker(
            "traject", "dit traject loopt niet op de versie waarvan je verplaatst")])
    if trajectory.status == Status.DONE:
        return Result(trajectory_id, Verdict.BLOCKED, [runtime.Blocker("traject", "dit traject is afgerond")])
    return None


def _notify(uow: UnitOfWork, trajectory: Trajectory, plan: Plan, now: datetime) -> None:
    """Tell the coordinator in their inbox (an item of ekd's own, about the event about to be recorded)."""
    seq = trajectory.event_count + 1
    number = uow.guidelines.get(plan.target).number
    uow.tasks.notify(Task(id=notice_id(trajectory.id, seq), trajectory_id=trajectory.id, element=MOVED_NOTICE,
                          name=f"Traject verplaatst naar richtlijnversie {number}", lane="coordinator", form=None,
                          path=f"ekd/{MOVED_NOTICE}/{seq}", ready_since=now, due_at=None, kind=NOTICE))


def _deadline(deadline: runtime.Deadline) -> dict:
    return {"element": deadline.element, "pad": deadline.path, "soort": deadline.kind,
            "vervalt": deadline.due.isoformat() if deadline.due else None, "gevolg": deadline.outcome}
