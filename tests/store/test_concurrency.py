"""Never a lost update: disciplines completing parallel tasks at the same moment all land."""

from __future__ import annotations

import multiprocessing
import threading

import pytest

from engine.actors import COMMAND_LINE, Actor
from engine.history import events
from engine.services import Services
from engine.store import Database
from tests.conftest import AUDIT_KEY
from tests.store.helpers import INVESTIGATIONS


def assert_all_landed(services, trajectory):
    with services.uow() as uow:
        completed = [events.payload(e)["element"] for e in uow.events.of_trajectory(trajectory)
                     if e.type == events.TASK_COMPLETED]
    assert sorted(c for c in completed if c in INVESTIGATIONS) == sorted(INVESTIGATIONS)
    view = services.trajectories.view(trajectory)
    assert [t.element for t in view.ready if t.lane == "coordinator"] == \
        ["teamoverleg"], [(t.element, t.lane) for t in view.ready]
    assert services.audit.verify(COMMAND_LINE, trajectory) == {}


def test_concurrent_threads(services, everyone, parallel_tasks):
    trajectory, work = parallel_tasks
    barrier = threading.Barrier(len(work))
    failures = []

    def complete(task_id, data):
        try:
            barrier.wait()
            services.trajectories.complete_task(task_id, data, everyone)
        except Exception as error:  # reported below
            failures.append(error)

    threads = [threading.Thread(target=complete, args=item) for item in work]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert failures == []
    assert_all_landed(services, trajectory)


def _complete_in_a_process(url, actor_fields, task_id, data, barrier, results):
    services = Services(Database(url), audit_key=AUDIT_KEY)
    actor = Actor(*actor_fields)
    barrier.wait()
    try:
        services.trajectories.complete_task(task_id, data, actor)
        results.put("ok")
    except Exception as error:  # reported by the parent
        results.put(f"{type(error).__name__}: {error}")


def test_concurrent_processes(services, everyone, parallel_tasks, database_url):
    trajectory, work = parallel_tasks
    context = multiprocessing.get_context("fork")
    barrier, results = context.Barrier(len(work)), context.Queue()
    fields = (everyone.id, everyone.username, everyone.roles, everyone.display_name)
    processes = [context.Process(target=_complete_in_a_process,
                                 args=(database_url, fields, task_id, data, barrier, results))
                 for task_id, data in work]
    for process in processes:
        process.start()
    for process in processes:
        process.join(120)
    assert [results.get(timeout=5) for _ in processes] == ["ok"] * len(work)
    assert_all_landed(services, trajectory)


def test_a_task_completed_twice_at_once_lands_once(services, everyone, parallel_tasks):
    trajectory, work = parallel_tasks
    task_id, data = work[0]
    barrier = threading.Barrier(2)
    outcomes = []

    def complete():
        barrier.wait()
        try:
            services.trajectories.complete_task(task_id, data, everyone)
            outcomes.append("ok")
        except Exception as error:  # one of the two must be refused
            outcomes.append(type(error).__name__)

    threads = [threading.Thread(target=complete) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert sorted(outcomes) in (["NotFound", "ok"], ["UnknownTask", "ok"], ["TaskNotReady", "ok"])
    with services.uow() as uow:
        assert sum(1 for e in uow.events.of_trajectory(trajectory)
                   if e.type == events.TASK_COMPLETED and events.payload(e)["task"] == task_id) == 1


def _try_writers_lock(path: str, result) -> None:
    import fcntl
    with open(path, "ab") as file:
        try:
            fcntl.flock(file, fcntl.LOCK_EX | fcntl.LOCK_NB)
            result.put("free")
        except BlockingIOError:
            result.put("taken")


def test_sqlite_writers_queue_across_processes_and_threads(tmp_path):
    """A writing unit of work holds the queue: another process finds its file lock taken,
    another thread waits; both are free again once the unit of work ends, even after an error."""
    database = Database(f"sqlite:///{tmp_path / 'ekd.sqlite'}")
    lock_file = str(tmp_path / "ekd.sqlite.writers")
    context = multiprocessing.get_context("spawn")

    def probe() -> str:
        result = context.Queue()
        process = context.Process(target=_try_writers_lock, args=(lock_file, result))
        process.start()
        process.join(60)
        return result.get(timeout=5)

    entered = threading.Event()
    with pytest.raises(RuntimeError), Services(database, audit_key=AUDIT_KEY).uow(write=True):
        assert probe() == "taken"
        other = threading.Thread(target=lambda: (database.writers.acquire(), entered.set(),
                                                 database.writers.release()))
        other.start()
        assert not entered.wait(0.3)
        raise RuntimeError("the use case fails")
    other.join(10)
    assert entered.is_set() and probe() == "free"
    with Services(database, audit_key=AUDIT_KEY).uow():                       # a reader does not queue
        assert probe() == "free"
    database.dispose()
