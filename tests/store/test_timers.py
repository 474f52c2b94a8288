"""Timers: due times are stored; a due timer fires exactly once, with any number of schedulers."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from datetime import datetime, timezone
from pathlib import Path

import pytest

from engine.actors import COMMAND_LINE
from engine.history import events
from tests.conftest import ROOT
from tests.store.helpers import run_scenario, start_with_team

EKD = str(Path(sys.executable).with_name("ekd"))
INTAKE = datetime(2026, 9, 15, 10, tzinfo=timezone.utc)
AFTER_DEADLINE = datetime(2026, 9, 25, 9, tzinfo=timezone.utc)


@pytest.fixture
def waiting_for_a001(services, everyone, child, test_clock):
    """A trajectory at the A001 registration, whose 7-day deadline runs from the 2026-09-15 intake."""
    test_clock.set(INTAKE)
    trajectory = start_with_team(services, child, everyone)
    run_scenario(services, trajectory, everyone, "standaard", stop_at="registratie_a001")
    return trajectory


def fired_events(services, trajectory):
    with services.uow() as uow:
        return [events.payload(e) for e in uow.events.of_trajectory(trajectory) if e.type == events.TIMER_FIRED]


def escalations(services, trajectory):
    return [t for t in services.trajectories.view(trajectory).ready if t.element == "escalatie_a001"]


def test_due_times_are_stored(services, waiting_for_a001):
    with services.uow() as uow:
        timers = {t.element: t.due_at for t in uow.timers.of_trajectory(waiting_for_a001)}
    assert timers["termijn_a001"].astimezone().isoformat().startswith("2026-09-22T23:59:59")
    assert services.scheduler.tick(datetime(2026, 9, 20, tzinfo=timezone.utc)) == 0
    assert fired_events(services, waiting_for_a001) == []


def test_a_timer_fires_once_with_two_scheduler_threads(services, waiting_for_a001):
    barrier = threading.Barrier(2)
    fired = []

    def scheduler():
        barrier.wait()
        fired.append(services.scheduler.tick(AFTER_DEADLINE))

    threads = [threading.Thread(target=scheduler) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert sorted(fired) == [0, 1]
    assert [e["timers"][0]["element"] for e in fired_events(services, waiting_for_a001)] == ["termijn_a001"]
    assert len(escalations(services, waiting_for_a001)) == 1
    assert services.scheduler.tick(AFTER_DEADLINE) == 0
    assert services.audit.verify(COMMAND_LINE, waiting_for_a001) == {}


def test_a_timer_fires_once_with_two_scheduler_processes(services, waiting_for_a001, database_url):
    env = {**os.environ, "EKD_DATABASE_URL": database_url}
    command = [EKD, "tick", "--at", AFTER_DEADLINE.isoformat()]
    processes = [subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True)
                 for _ in range(2)]
    outputs = sorted(process.communicate(timeout=120)[0].strip() for process in processes)
    assert outputs == ["0 traject(en) verder gezet door een timer", "1 traject(en) verder gezet door een timer"]
    assert len(fired_events(services, waiting_for_a001)) == 1
    assert len(escalations(services, waiting_for_a001)) == 1


def test_a_timer_that_fires_is_recorded_with_its_clock(services, waiting_for_a001):
    services.scheduler.tick(AFTER_DEADLINE)
    (event,) = fired_events(services, waiting_for_a001)
    assert event["clock"] == AFTER_DEADLINE.isoformat()
    assert event["timers"][0]["path"] == "termijn_a001"
    assert "escalatie_a001" not in event["completed"] and "termijn_a001" in event["completed"]
