"""A change works without holding its trajectory and writes only if nobody changed it meanwhile
(engine/services/changes.py); the workflows a process keeps after its own saves are never used
once another process moved the chain on (engine/services/held.py). On SQLite and PostgreSQL."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import text

from engine.actors import COMMAND_LINE
from engine.casework import Casework
from engine.history import events
from engine.services import Services, changes
from engine.store import Database
from tests.conftest import AUDIT_KEY
from tests.store.test_concurrency import assert_all_landed


def completed_tasks(services, trajectory) -> list[str]:
    with services.uow() as uow:
        return [events.payload(e)["task"] for e in uow.events.of_trajectory(trajectory)
                if e.type == events.TASK_COMPLETED]


def test_the_engine_work_is_done_while_another_writer_holds_the_trajectory(services, everyone, parallel_tasks,
                                                                         monkeypatch):
    """While another transaction holds the trajectory (its row on PostgreSQL, the write lock on SQLite),
    a completion still does its engine work; it writes once the other has finished."""
    trajectory, work = parallel_tasks
    (task_id, data), _ = work[0], work[1:]
    worked = threading.Event()
    original = Casework.complete

    def complete(self, *args, **kwargs):
        worked.set()
        return original(self, *args, **kwargs)

    monkeypatch.setattr(Casework, "complete", complete)
    failures = []
    with services.database.engine.execution_options(ekd_write=True).connect() as holder:
        if services.database.sqlite:
            holder.exec_driver_sql("SELECT 1")         # begins with BEGIN IMMEDIATE: the write lock
        else:
            holder.execute(text("SELECT id FROM trajectories WHERE id = :id FOR UPDATE"), {"id": trajectory})

        def run():
            try:
                services.trajectories.complete_task(task_id, data, everyone)
            except Exception as error:  # reported below
                failures.append(error)

        thread = threading.Thread(target=run)
        thread.start()
        assert worked.wait(30), "the completion waited for the lock before doing its work"
        assert thread.is_alive()                   # and it has not written: the other still holds it
        holder.rollback()
    thread.join(60)
    assert failures == []
    assert task_id in completed_tasks(services, trajectory)


def test_a_change_overtaken_while_it_worked_is_done_again_and_both_land(services, everyone, parallel_tasks,
                                                                         monkeypatch):
    """Another discipline's completion commits while this one does its engine work: this one notices
    (the chain head moved, or SQLite refuses the write of an older reading), does its work again on
    the new state and lands too. Nothing is lost, the chain and every projection verify."""
    trajectory, work = parallel_tasks
    (first, first_data), (second, second_data) = work[0], work[1]
    original = Casework.complete
    overtaken = []

    def complete(self, instance, task_id, *args, **kwargs):
        if task_id == first and not overtaken:
            overtaken.append(True)
            other = threading.Thread(target=services.trajectories.complete_task,
                                     args=(second, second_data, everyone))
            other.start()
            other.join(30)
            assert not other.is_alive(), "the other writer waited for this one: the trajectory was held"
        return original(self, instance, task_id, *args, **kwargs)

    monkeypatch.setattr(Casework, "complete", complete)
    again = changes.TALLY.again
    services.trajectories.complete_task(first, first_data, everyone)
    assert changes.TALLY.again == again + 1
    done = completed_tasks(services, trajectory)
    assert done.index(second) < done.index(first)
    for task_id, data in work[2:]:
        services.trajectories.complete_task(task_id, data, everyone)
    assert_all_landed(services, trajectory)


def test_a_refusal_on_what_changed_meanwhile_is_checked_again(services, everyone, parallel_tasks, monkeypatch):
    """A colleague completes the same task while this attempt works on it: this attempt's refusal
    comes from the state after the colleague's completion (the task is gone), not from its older reading."""
    trajectory, work = parallel_tasks
    task_id, data = work[0]
    original = Casework.complete
    raced = []

    def complete(self, instance, done_id, *args, **kwargs):
        if not raced:
            raced.append(True)
            other = threading.Thread(target=services.trajectories.complete_task, args=(task_id, data, everyone))
            other.start()
            other.join(30)
        return original(self, instance, done_id, *args, **kwargs)

    monkeypatch.setattr(Casework, "complete", complete)
    with pytest.raises(Exception) as refused:
        services.trajectories.complete_task(task_id, data, everyone)
    assert type(refused.value).__name__ in ("NotFound", "UnknownTask", "TaskNotReady")
    assert completed_tasks(services, trajectory).count(task_id) == 1


def test_a_workflow_held_by_one_process_is_not_used_after_another_changed_the_trajectory(
        services, everyone, parallel_tasks, database_url):
    """Two processes (two sets of services on one database) take turns on a trajectory: each uses
    what it holds only while it made the last change itself."""
    trajectory, work = parallel_tasks
    other = Services(Database(database_url), audit_key=AUDIT_KEY)
    try:
        mine, theirs = services.library.held, other.library.held
        (a, a_data), (b, b_data), (c, c_data), (d, d_data) = work
        hits, misses = mine.hits, mine.misses
        services.trajectories.complete_task(a, a_data, everyone)     # this process made the last change
        services.trajectories.complete_task(b, b_data, everyone)     # and again
        assert (mine.hits, mine.misses) == (hits + 2, misses)
        other.trajectories.complete_task(c, c_data, everyone)        # the other process moves the chain on
        assert (theirs.hits, theirs.misses) == (0, 1)
        services.trajectories.complete_task(d, d_data, everyone)     # what this one holds is stale: not used
        assert (mine.hits, mine.misses) == (hits + 2, misses + 1)
    finally:
        other.database.dispose()
    assert_all_landed(services, trajectory)
    assert services.audit.verify(COMMAND_LINE, trajectory) == {}
