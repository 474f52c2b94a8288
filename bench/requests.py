"""a, b and c on one trajectory of the shipped guideline, at exactly N completed tasks:
a. plain SpiffWorkflow's request work on the same trajectory (load → complete → steps → save);
b. ekd's complete-task use case (SQLite file, event log, sandbox, inbox rows, timers);
c. the complete-task HTTP request (the JSON API on a threaded server in this process), the stored
   state deserialised; and again with the workflow held, as by a worker that made the last change of
   the trajectory itself (engine/services/held.py).
Every sample starts from the same point: the database file is put back between samples, so
b and c complete the same task on the same stored state each time, as a does."""

from __future__ import annotations

import json
import os
import random
import shutil
import tempfile
import time
from pathlib import Path

from sqlalchemy import func, select

from bench.machine import summary
from bench.plain import Plain
from bench.walk import GUIDELINE, SCENARIO, Walk, ekd_trajectory, next_ready, scenario_answers
from bench.web import Server, call, token
from engine.actors import COMMAND_LINE
from engine.services import Services
from engine.services.changes import waits_of
from engine.store.models import Checkpoint

POINTS = (10, 100, 1000)


def runs_at(point: int) -> int:
    return 30 if point <= 100 else 20


class Snapshot:
    """The SQLite file at one moment, to put back before each sample."""

    def __init__(self, services: Services, folder: Path):
        self.services = services
        self.file = folder / "bench.sqlite"
        self.copy = folder / "snapshot.sqlite"
        services.database.dispose()               # closes the WAL into the file
        shutil.copyfile(self.file, self.copy)

    def restore(self) -> None:
        self.services.database.dispose()
        for extra in ("-wal", "-shm"):
            self.file.with_name(self.file.name + extra).unlink(missing_ok=True)
        shutil.copyfile(self.copy, self.file)
        os.sync()                                  # no write-back of the copy during the sample
        with self.services.uow() as uow:           # a warm connection, as a running server has
            uow.trajectories.ids()


def stored_size(services: Services, trajectory: str) -> dict:
    with services.uow() as uow:
        row = uow.trajectories.get(trajectory)
        history = uow.events.of_trajectory(trajectory)
        checkpoints, packed = uow.session.execute(
            select(func.count(), func.sum(func.length(Checkpoint.state))).where(
                Checkpoint.trajectory_id == trajectory)).one()
    return {"state_bytes": len(row.state), "events": len(history),
            "event_bytes": sum(len(e.payload or "") + 64 * 3 for e in history),
            "checkpoints": checkpoints, "checkpoint_bytes": packed or 0}


def measure(services, trajectory, actor, server, headers, plain, folder: Path, walk: Walk, runs: int) -> dict:
    task = next_ready(services.trajectories.view(trajectory).ready)
    data = walk.answer(task.element)
    spiff = None
    if plain is not None:
        spiff = next((t for t in Plain.ready(plain) if t.task_spec.bpmn_id.split("__")[0] == task.element), None)
    plain_state = Plain.dumps(plain) if spiff is not None else None
    snapshot = Snapshot(services, folder)
    samples = {"a": [], "b": [], "c": [], "held": []}
    connection = server.connection()
    for _ in range(runs):                                # interleaved: a, b, c, a, b, c, ...
        if plain_state is not None:
            started = time.perf_counter()
            Plain.request(plain_state, spiff.id, data)
            samples["a"].append(time.perf_counter() - started)
        snapshot.restore()
        started = time.perf_counter()
        services.trajectories.complete_task(task.id, data, actor)
        samples["b"].append(time.perf_counter() - started)
        snapshot.restore()
        started = time.perf_counter()
        status, body, _ = call(connection, "POST", f"/api/v1/tasks/{task.id}/complete", json.dumps(data), headers)
        samples["c"].append(time.perf_counter() - started)
        assert status == 200, body
        snapshot.restore()
        hold(services, trajectory)
        started = time.perf_counter()
        status, body, _ = call(connection, "POST", f"/api/v1/tasks/{task.id}/complete", json.dumps(data), headers)
        samples["held"].append(time.perf_counter() - started)
        assert status == 200, body
    snapshot.restore()
    return {name: summary(values) if values else None for name, values in samples.items()} | {
        "plain_state_bytes": len(plain_state) if plain_state else None}


def hold(services: Services, trajectory: str) -> None:
    """Hold the stored state's workflow as the server does after its own last change of the trajectory."""
    with services.uow() as uow:
        row = uow.trajectories.get(trajectory)
        instance = services.library.casework(row.guideline_version_id).load(row.process_id, row.state)
    services.library.held.keep(row, instance, waits_of(row.id, instance, row.updated_at))


def run(points=POINTS, replay_samples: int = 50) -> dict:
    walk = Walk()
    rows = []
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        services, trajectory, actor = ekd_trajectory(folder)
        server = Server(services, folder)
        headers = token(server, "bench", "bench-wachtwoord")
        plain = Plain(GUIDELINE, "diagnostisch_traject").start()
        completed, stalled = 0, None
        for point in points:
            while completed < point:
                task = next_ready(services.trajectories.view(trajectory).ready)
                data = walk.answer(task.element)
                services.trajectories.complete_task(task.id, data, actor)
                if plain is not None:
                    spiff = next((t for t in Plain.ready(plain)
                                  if t.task_spec.bpmn_id.split("__")[0] == task.element), None)
                    if spiff is None:
                        plain, stalled = None, completed      # past SpiffWorkflow's depth limit
                    else:
                        Plain.complete(plain, spiff.id, data)
                completed += 1
            row = measure(services, trajectory, actor, server, headers, plain, folder, walk, runs_at(point))
            rows.append({"completed_tasks": point, "plain_spiffworkflow_request": row["a"], "ekd_use_case": row["b"],
                         "http_request": row["c"], "http_request_held": row["held"], "plain_stalled_at": stalled,
                         "stored": stored_size(services, trajectory), "plain_state_bytes": row["plain_state_bytes"]})
        replays = replay_times(services, trajectory, replay_samples)
        server.close()
        services.database.dispose()
    return {"points": rows, "replay": replays}


def replay_times(services: Services, trajectory: str, samples: int) -> dict:
    """Replay to random events of the trajectory (from the nearest checkpoint), and once from event 1."""
    with services.uow() as uow:
        count = uow.trajectories.get(trajectory).event_count
    rng = random.Random(11)
    targets = [rng.randint(1, count) for _ in range(samples)]
    timings = []
    for upto in targets:
        started = time.perf_counter()
        view = services.audit.replay(trajectory, COMMAND_LINE, upto)
        timings.append(time.perf_counter() - started)
        assert view.upto == upto and not view.mismatches
    started = time.perf_counter()
    full = services.audit.replay(trajectory, COMMAND_LINE, count, from_start=True)
    from_start = time.perf_counter() - started
    assert full.upto == count and not full.mismatches
    return {"events": count, "to_random_event": summary(timings), "max_ms": round(max(timings) * 1000, 3),
            "from_event_1_to_last_ms": round(from_start * 1000, 1)}


def standard_trajectory_size() -> dict:
    """The stored size of the standard scenario, run to its end."""
    answer = scenario_answers()
    with tempfile.TemporaryDirectory() as folder:
        services, trajectory, actor = ekd_trajectory(Path(folder))
        while True:
            ready = [t for t in services.trajectories.view(trajectory).ready if t.element in SCENARIO]
            if not ready:
                break
            services.trajectories.complete_task(ready[0].id, answer(ready[0].element, 0), actor)
        size = stored_size(services, trajectory)
        services.database.dispose()
    return size
