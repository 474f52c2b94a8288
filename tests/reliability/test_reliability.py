"""Reliability over HTTP, on SQLite and PostgreSQL, with gunicorn (2 workers):
many disciplines completing at the same moment, and the server killed while it writes."""

from __future__ import annotations

import http.client
import os
import random
import subprocess
import sys
import threading
import time
from pathlib import Path

from engine.actors import COMMAND_LINE
from engine.history import events
from engine.roles import DISCIPLINES
from engine.services import Services
from engine.store import Database
from tests.conftest import AUDIT_KEY, ROOT
from tests.gunicorn import Server
from tests.reliability.setup import ANSWERS, PASSWORD, prepare


def audit_verify(database_url: str) -> subprocess.CompletedProcess:
    """`ekd audit verify` on the database, as an operator runs it."""
    return subprocess.run([str(Path(sys.executable).with_name("ekd")), "audit", "verify"], cwd=ROOT, text=True,
                          env={**os.environ, "EKD_DATABASE_URL": database_url}, capture_output=True, timeout=300)


def completed_tasks(services: Services, trajectories) -> dict[str, int]:
    counted: dict[str, int] = {}
    with services.uow() as uow:
        for trajectory in trajectories:
            for event in uow.events.of_trajectory(trajectory):
                if event.type == events.TASK_COMPLETED:
                    task = events.payload(event)["task"]
                    counted[task] = counted.get(task, 0) + 1
    return counted


def test_fifty_trajectories_five_disciplines_at_the_same_moment(database_url, tmp_path):
    work = prepare(database_url, 50)
    server = Server(database_url, tmp_path)
    try:
        tokens = {role: server.token(role.replace("_", "-"), PASSWORD) for role in DISCIPLINES}
        jobs = [(task_id, lane, element) for _, ready in work for element, (task_id, lane) in ready.items()]
        barrier = threading.Barrier(len(jobs))
        statuses = []

        def complete(task_id, lane, element):
            barrier.wait()
            statuses.append(server.call("POST", f"/api/v1/tasks/{task_id}/complete", ANSWERS[element],
                                        tokens[lane], timeout=180)[0])

        threads = [threading.Thread(target=complete, args=job) for job in jobs]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(300)
    finally:
        server.stop()
    assert len(statuses) == 250 and set(statuses) == {200}
    services = Services(Database(database_url), audit_key=AUDIT_KEY)
    counted = completed_tasks(services, [t for t, _ in work])
    assert all(counted.get(task_id) == 1 for task_id, _, _ in jobs)
    for trajectory, _ in work:
        assert "teamoverleg" in [t.element for t in services.trajectories.view(trajectory).ready]
    assert services.audit.verify(COMMAND_LINE) == {}
    services.database.dispose()
    assert audit_verify(database_url).returncode == 0


def _work(server, tokens, pending, confirmed, lock, killed, refused):
    """Complete pending tasks until none is left or the server is killed; re-queue unknown outcomes."""
    while not killed.is_set():
        with lock:
            if not pending:
                return
            task_id, lane, element = pending.pop()
        try:
            status, body = server.call("POST", f"/api/v1/tasks/{task_id}/complete", ANSWERS[element],
                                       tokens[lane], timeout=30)
        except (OSError, http.client.HTTPException):
            status, body = None, b""                   # the server died under this request
        with lock:
            if status == 200:
                confirmed.add(task_id)
            elif status is None or status >= 500:
                pending.insert(0, (task_id, lane, element))   # unknown outcome: try again later
            else:
                refused.append((task_id, status, body[:300]))


def test_killing_the_server_during_writes_loses_nothing_it_confirmed(database_url, tmp_path):
    work = prepare(database_url, 12)
    jobs = [(task_id, lane, element) for _, ready in work for element, (task_id, lane) in ready.items()]
    random.Random(3).shuffle(jobs)
    confirmed, pending, lock, refused = set(), list(jobs), threading.Lock(), []
    for round_number in range(4):
        server = Server(database_url, tmp_path)
        tokens = {role: server.token(role.replace("_", "-"), PASSWORD) for role in DISCIPLINES}
        killed = threading.Event()
        threads = [threading.Thread(target=_work, args=(server, tokens, pending, confirmed, lock, killed, refused))
                   for _ in range(6)]
        for thread in threads:
            thread.start()
        if round_number < 3:
            time.sleep(0.4 + 0.3 * round_number)
            server.kill()                               # SIGKILL while requests are being written
            killed.set()
        for thread in threads:
            thread.join(120)
        server.stop()
    services = Services(Database(database_url), audit_key=AUDIT_KEY)
    counted = completed_tasks(services, [t for t, _ in work])
    assert confirmed and confirmed <= set(counted), "a confirmed completion is missing from the event log"
    assert all(count == 1 for count in counted.values()), "a task was completed twice"
    assert {task_id for task_id, _, _ in jobs} <= set(counted), f"not every task was completed: {refused}"
    assert services.audit.verify(COMMAND_LINE) == {}
    services.database.dispose()
    assert audit_verify(database_url).returncode == 0
