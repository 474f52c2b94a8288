"""How every use case changes a trajectory: load it (or take the workflow this process holds), act
with a frozen clock and a repeatable seed, record its events, write the trajectory's row (holding it
from then on, or from the start), the events, the state, tasks and timers — in one transaction."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm.exc import StaleDataError

from engine import clock, runtime
from engine.actors import Actor
from engine.casework import Casework
from engine.errors import EkdError
from engine.history import events
from engine.history.log import LogEvent
from engine.history.projection import consent_after, status_of
from engine.history.replay import replay, seed, steps_of
from engine.services.errors import Busy, NotFound
from engine.services.library import Library
from engine.store import UnitOfWork
from engine.store.models import Task, Trajectory

RETRIES = 5
CHECKPOINT_EVERY = 4       # keep the state after every 4th event: a replay re-executes at most 3


class StateLost(EkdError):
    """A trajectory's state is missing and its events cannot rebuild it."""


@dataclass
class Outcome:
    """What an operation did: the event to record (and the facts it brought about, each an event of
    its own after it: a signature, an agreement, a submission), and its result for the caller."""

    event: LogEvent
    completions: list[runtime.Completion]
    result: Any = None
    also: list[LogEvent] = field(default_factory=list)
    instance: runtime.Instance | None = None     # the workflow to save instead (a move makes a new one)


Operation = Callable[[UnitOfWork, Casework, runtime.Instance, Trajectory], Outcome | None]
Locate = Callable[[UnitOfWork], str]


@dataclass(frozen=True)
class Waits:
    """What the inbox and the scheduler keep of a workflow: the rows of its ready tasks, its timers."""

    tasks: list[Task]
    timers: list[tuple[str, str, datetime]]


def waits_of(trajectory_id: str, instance: runtime.Instance, now: datetime) -> Waits:
    escalations = instance.definition.escalations
    return Waits([Task(id=task.id, trajectory_id=trajectory_id, element=task.element, name=task.name, lane=task.lane,
                       form=task.form, path=task.path, ready_since=now, due_at=task.due,
                       escalation=task.element in escalations) for task in instance.ready_tasks()],
                 [(w.element, w.path, w.due) for w in instance.waiting() if w.kind == "timer" and w.due is not None])


def save(uow: UnitOfWork, trajectory: Trajectory, instance: runtime.Instance, now: datetime,
         since: int | None = None, before: Waits | None = None) -> Waits:
    """Store the state and refresh the inbox rows and timers it implies; keep a checkpoint when the
    events recorded after event `since` (the last one when None) reach a multiple of CHECKPOINT_EVERY.
    `before`: what the stored state implied (so the rows hold it), to write only the difference.
    Return what the new state implies."""
    trajectory.state = instance.dumps()
    trajectory.consent = consent_after(trajectory.consent, instance.value("instemming_status"))
    trajectory.status = status_of(trajectory.consent, instance.completed)
    trajectory.updated_at = now
    uow.trajectories.write(trajectory)          # the row first: whoever changed it meanwhile wins, we retry
    uow.events.send()
    since = trajectory.event_count - 1 if since is None else since
    kept = trajectory.event_count // CHECKPOINT_EVERY * CHECKPOINT_EVERY
    if kept > since:
        # Only the first event of a use case moves the workflow: the state after `kept` is this one.
        steps = steps_of(uow.events.payloads(trajectory.id, after=kept - CHECKPOINT_EVERY, upto=kept))
        uow.checkpoints.add(trajectory.id, kept, trajectory.state, steps)
    after = waits_of(trajectory.id, instance, now)
    if before is None:
        uow.tasks.replace(trajectory.id, after.tasks)
        uow.timers.replace(trajectory.id, after.timers)
    else:
        uow.tasks.follow(trajectory.id, before.tasks, after.tasks)
        uow.timers.follow(trajectory.id, before.timers, after.timers)
    return after


def record(uow: UnitOfWork, trajectory: Trajectory, actor: Actor, outcome: Outcome, now: datetime) -> None:
    """Append the outcome's event, then the facts it brought about, to the trajectory's chain."""
    body = {**outcome.event.body(), "clock": now.isoformat(), "completed": [c.path for c in outcome.completions]}
    events.append(uow, trajectory, outcome.event.kind, actor.id, body, now)
    for fact in outcome.also:
        events.append(uow, trajectory, fact.kind, actor.id, {**fact.body(), "clock": now.isoformat(),
                                                              "completed": []}, now)


def load(uow: UnitOfWork, casework: Casework, trajectory: Trajectory) -> runtime.Instance:
    """Load the stored state; when it is missing, rebuild it from the event log."""
    if trajectory.state is not None:
        return casework.load(trajectory.process_id, trajectory.state)
    rebuilt = replay(casework, trajectory.id, uow.events.of_trajectory(trajectory.id))
    if rebuilt.mismatches or rebuilt.instance is None or rebuilt.upto != trajectory.event_count:
        raise StateLost(f"traject {trajectory.id}: toestand ontbreekt en kan niet herbouwd worden: "
                        + "; ".join(rebuilt.mismatches))
    return rebuilt.instance


def change(uow_factory: Callable[..., UnitOfWork], library: Library, trajectory_id: str | Locate, actor: Actor,
           operation: Operation) -> Any:
    """Apply `operation` to a trajectory as one use case. On PostgreSQL the first attempt works without
    holding the trajectory (a late writer: other writers go on meanwhile) and writes only if nobody
    changed the trajectory since it read it; when somebody did, the work is done again, holding it from
    the start. (On SQLite every attempt holds the write lock from its start: engine/store/uow.py.)"""
    for attempt in range(RETRIES):
        late = False
        try:
            with uow_factory(write=True, late=attempt == 0) as uow:
                late = uow.late
                if callable(trajectory_id):
                    trajectory_id = trajectory_id(uow)
                trajectory = uow.trajectories.lock(trajectory_id)
                if trajectory is None:
                    raise NotFound(f"traject '{trajectory_id}' bestaat niet")
                head = trajectory.head_hash
                casework = library.casework(trajectory.guideline_version_id)
                instance, waits = library.held.take(trajectory) or (load(uow, casework, trajectory), None)
                now = clock.now()
                waits = waits or waits_of(trajectory.id, instance, now)      # what the rows hold now
                try:
                    with clock.frozen(now), runtime.repeatable(seed(trajectory.id, trajectory.event_count + 1)):
                        outcome = operation(uow, casework, instance, trajectory)
                except EkdError:
                    if late and not uow.trajectories.confirm(trajectory, head):
                        raise Overtaken(trajectory_id) from None     # refused on what changed meanwhile: again
                    raise
                if outcome is None:
                    if late and not uow.trajectories.confirm(trajectory, head):
                        raise Overtaken(trajectory_id)
                    uow.commit()
                    return None
                # The trajectory's row is written conditional on the version read (the ORM's version
                # counter): a late writer overtaken meanwhile fails there (StaleDataError) and is done again.
                before = trajectory.event_count
                record(uow, trajectory, actor, outcome, now)
                saved = outcome.instance or instance
                implied = save(uow, trajectory, saved, now, since=before, before=waits)
                uow.commit()
                library.held.keep(trajectory, saved, implied)
                TALLY.count(attempt)
                return outcome.result
        except (StaleDataError, Overtaken):
            continue
        except DBAPIError as error:
            if not overtaken(error, late):
                raise
    raise Busy(f"traject '{trajectory_id}' veranderde {RETRIES} keer tijdens deze handeling; probeer opnieuw")


class Overtaken(EkdError):
    """Another writer changed the trajectory while a late writer worked on it."""


# PostgreSQL's words for a writer another got ahead of: a deadlock or a serialization failure (any writer:
# a late one writes rows before it waits for the trajectory's), and for a late writer a unique key another
# writer just took (a row it read as absent).
_AGAIN, _AGAIN_LATE = {"40P01", "40001"}, {"23505"}


def overtaken(error: DBAPIError, late: bool) -> bool:
    """Whether a database error says that another writer got there first (so the attempt may be made again)."""
    state = getattr(error.orig, "sqlstate", None)
    return state in _AGAIN or (late and state in _AGAIN_LATE)


class Tally:
    """How many changes this process made, and how many of them needed another attempt (`make bench` reads it)."""

    def __init__(self):
        self._lock = threading.Lock()
        self.changes = self.again = 0

    def count(self, attempt: int) -> None:
        with self._lock:
            self.changes += 1
            self.again += attempt > 0


TALLY = Tally()
