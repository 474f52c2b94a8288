"""A change on PostgreSQL works without holding its trajectory and writes only if nobody changed it
meanwhile (engine/services/changes.py): overtaken, it is done again holding the row. (SQLite holds
its write lock for the whole change: tests/store/test_held_workflows.py.)"""

from __future__ import annotations

import threading

import pytest
from sqlalchemy.exc import DBAPIError

from engine.casework import Casework
from engine.history import events
from engine.services import changes
from tests.conftest import backend_url
from tests.store.test_concurrency import assert_all_landed


@pytest.fixture
def database_url(request, tmp_path):
    """PostgreSQL only: where late writers are (row locks; SQLite's one writer holds the whole database)."""
    return backend_url("postgresql", tmp_path, request)


def completed_tasks(services, trajectory) -> list[str]:
    with services.uow() as uow:
        return [events.payload(e)["task"] for e in uow.events.of_trajectory(trajectory)
                if e.type == events.TASK_COMPLETED]


def test_a_change_overtaken_while_it_worked_is_done_again_and_both_land(services, everyone, parallel_tasks,
                                                                         monkeypatch):
    """Another discipline's completion commits while this one does its engine work: this one notices
    (its conditional write of the trajectory's row finds another version), does its work again on the
    new state and lands too. Nothing is lost, the chain and every projection verify."""
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


class _Refusal(Exception):
    def __init__(self, sqlstate: str):
        self.sqlstate = sqlstate


@pytest.mark.parametrize(("sqlstate", "late", "again"), [
    ("40P01", False, True), ("40P01", True, True), ("40001", False, True),     # deadlock, serialization: any
    ("23505", True, True), ("23505", False, False),                           # a key taken: a late writer's
    ("23503", True, False), ("42P01", True, False)])                          # anything else is an error
def test_which_refusals_of_the_database_mean_do_it_again(sqlstate, late, again):
    error = DBAPIError("statement", {}, _Refusal(sqlstate))
    assert changes.overtaken(error, late) is again
