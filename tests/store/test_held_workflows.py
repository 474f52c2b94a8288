"""Who holds a trajectory while a change works on it, and the workflows a process keeps after its own
saves (engine/services/held.py), on SQLite and PostgreSQL."""

from __future__ import annotations

import threading

from sqlalchemy import delete, text

from engine.actors import COMMAND_LINE
from engine.casework import Casework
from engine.services import Services
from engine.store import Database
from engine.store.models import Timer
from tests.conftest import AUDIT_KEY
from tests.store.test_concurrency import assert_all_landed
from tests.store.test_late_writers import completed_tasks


def test_who_holds_the_trajectory_while_a_change_works(services, everyone, parallel_tasks, monkeypatch):
    """While another transaction holds the trajectory, a completion on PostgreSQL does its engine work
    (a late writer) and writes once the other has finished. On SQLite it waits for the write lock
    before it starts: there one writer holds the whole database, and a late writer would be overtaken
    by any commit at all (measured: nearly every change done twice, bench/README.md)."""
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
        if services.database.sqlite:
            assert not worked.wait(1), "the completion worked while another writer held the database"
        else:
            assert worked.wait(30), "the completion waited for the lock before doing its work"
        assert thread.is_alive()                   # and it has not written: the other still holds it
        holder.rollback()
    thread.join(60)
    assert failures == []
    assert task_id in completed_tasks(services, trajectory)


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


def test_rows_that_no_longer_hold_what_the_state_implied_are_derived_again(services, everyone, parallel_tasks):
    """A change writes only the difference of the inbox and timer rows; when the rows turn out not to hold
    what the state implied (here: every timer row gone behind ekd's back), it derives them all again."""
    trajectory, work = parallel_tasks
    with services.uow(write=True) as uow:
        assert uow.timers.of_trajectory(trajectory)
        uow.session.execute(delete(Timer).where(Timer.trajectory_id == trajectory))
        uow.commit()
    task_id, data = work[0]
    services.trajectories.complete_task(task_id, data, everyone)     # its deadline's timer goes with it
    waiting = {(w.element, w.path, w.due) for w in services.trajectories.view(trajectory).waiting
               if w.kind == "timer" and w.due is not None}
    with services.uow() as uow:
        assert {(t.element, t.path, t.due_at) for t in uow.timers.of_trajectory(trajectory)} == waiting != set()
    assert services.audit.verify(COMMAND_LINE, trajectory) == {}
