"""d. Throughput: client threads complete tasks across many trajectories for 60 s, against
gunicorn (1, 2 or 4 workers × 8 threads) on SQLite or PostgreSQL (a durable cluster: fsync on);
16 client threads, and once one alone (what concurrency adds to a completion's CPU).

Each client thread walks its own trajectories (the answers of bench.walk, team meetings asking
for one more round), taking the next task from the `ready` list of the previous completion's
answer. The client runs on the same machine as the server and the database."""

from __future__ import annotations

import http.client
import json
import os
import resource
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from bench.machine import summary
from bench.walk import Walk, ekd_services, new_trajectory
from engine.history import events
from tests.gunicorn import Server
from tests.postgres import Cluster

SECONDS, WARM_UP = 60.0, 5.0
TRAJECTORIES, CLIENTS = 64, 16
# (database, gunicorn workers, client threads)
CONFIGS = (("sqlite", 1, 16), ("sqlite", 2, 16), ("postgresql", 1, 16), ("postgresql", 2, 16), ("postgresql", 4, 16),
           ("postgresql", 2, 1))
BENCH_CLUSTER = Path("/tmp") / f"ekd-bench-postgres-{os.getuid()}"


@dataclass
class Tally:
    """What the clients saw inside the measured window (and how many completions in all)."""
    latencies: list[float] = field(default_factory=list)
    errors: dict[str, int] = field(default_factory=dict)
    landed: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, outcome: str, seconds: float, counted: bool) -> None:
        with self.lock:
            if outcome == "200":
                self.landed += 1
                if counted:
                    self.latencies.append(seconds)
            else:
                self.errors[outcome] = self.errors.get(outcome, 0) + 1


class Client:
    """One thread: a keep-alive connection, its own trajectories, round robin."""

    def __init__(self, port: int, headers: dict, trajectories: list[str], answers: dict[str, bytes]):
        self.port, self.headers, self.answers = port, headers, answers
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        self.ready = {trajectory: self._ready_of(trajectory) for trajectory in trajectories}

    def _call(self, method: str, path: str, body: bytes | None = None) -> tuple[int, bytes]:
        try:
            self.connection.request(method, path, body=body, headers=self.headers)
            response = self.connection.getresponse()
            return response.status, response.read()
        except (OSError, http.client.HTTPException):
            self.connection.close()
            self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
            raise

    def _ready_of(self, trajectory: str) -> list[dict]:
        status, body = self._call("GET", f"/api/v1/trajectories/{trajectory}")
        assert status == 200, body
        return json.loads(body)["ready"]

    def run(self, tally: Tally, start: float, end: float) -> None:
        while time.monotonic() < end:
            for trajectory, ready in self.ready.items():
                task = next(t for t in ready if not t["element"].startswith("escalatie"))
                began = time.monotonic()
                try:
                    status, body = self._call("POST", f"/api/v1/tasks/{task['id']}/complete",
                                              self.answers[task["element"]])
                except (OSError, http.client.HTTPException) as error:
                    status, body = type(error).__name__, b""
                finished = time.monotonic()
                tally.record(str(status), finished - began, start <= began and finished <= end)
                self.ready[trajectory] = json.loads(body)["ready"] if status == 200 else self._ready_of(trajectory)
                if finished >= end:
                    return


def completed_events(services) -> int:
    with services.uow() as uow:
        return sum(1 for t in uow.trajectories.ids() for e in uow.events.of_trajectory(t)
                   if e.type == events.TASK_COMPLETED)


def run_one(url: str, folder: Path, workers: int, seconds: float, clients: int = CLIENTS) -> dict:
    services, actor = ekd_services(url)
    trajectories = [new_trajectory(services, actor, number) for number in range(TRAJECTORIES)]
    before = completed_events(services)
    walk = Walk()
    stats = folder / "stats"
    stats.mkdir()
    server = Server(url, folder, workers=workers, threads=8, env={"EKD_STATS_DIR": str(stats)})
    try:
        status, body = server.call("POST", "/api/v1/auth/token",
                                   {"username": "bench", "password": "bench-wachtwoord"})
        assert status == 200, body
        headers = {"Authorization": f"Bearer {json.loads(body)['token']}", "Content-Type": "application/json"}
        answers = Answers(walk)
        walkers = [Client(server.port, headers, trajectories[n::clients], answers) for n in range(clients)]
        tally = Tally()
        start = time.monotonic() + WARM_UP
        end = start + seconds
        threads = [threading.Thread(target=walker.run, args=(tally, start, end)) for walker in walkers]
        for thread in threads:
            thread.start()
        time.sleep(max(0.0, start - time.monotonic()))
        before_cpu = cpu_seconds(server.process.pid)
        for thread in threads:
            thread.join()
        used = {name: spent - before_cpu[name] for name, spent in cpu_seconds(server.process.pid).items()}
    finally:
        server.stop()
    stored = completed_events(services) - before
    services.database.dispose()
    measured = len(tally.latencies)
    counted = [json.loads(file.read_text()) for file in stats.glob("*.json")]
    return {"workers": workers, "threads_per_worker": 8, "clients": clients, "trajectories": TRAJECTORIES,
            "seconds": seconds, "completions": measured, "per_second": round(measured / seconds, 1),
            "latency": summary(tally.latencies) if measured else None, "errors": tally.errors,
            "answered_200_in_all": tally.landed, "task_completed_events": stored,
            "every_200_in_event_log": stored == tally.landed,
            "workers_counted": {key: sum(one[key] for one in counted) for key in
                                ("changes", "done_again", "held_used", "held_missed")} if counted else None,
            "cpu_ms_per_completion": {name: round(1000 * spent / max(measured, 1), 1) for name, spent in used.items()}}


def cpu_seconds(server_pid: int) -> dict[str, float]:
    """CPU time (user + system) so far of the gunicorn processes, PostgreSQL's and this client's."""
    def of(pids: list[int]) -> float:
        total = 0
        for pid in pids:
            try:
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue                            # gone meanwhile
            total += int(fields[11]) + int(fields[12])
        return total / os.sysconf("SC_CLK_TCK")

    def pgrep(*args: str) -> list[int]:
        found = subprocess.run(["pgrep", *args], capture_output=True, text=True).stdout.split()
        return [int(pid) for pid in found]

    own = resource.getrusage(resource.RUSAGE_SELF)
    return {"gunicorn": of([server_pid, *pgrep("-P", str(server_pid))]), "postgresql": of(pgrep("-u", "postgres")),
            "client": own.ru_utime + own.ru_stime}


class Answers(dict):
    """Form answers by element, as request bodies, made on first use."""

    def __init__(self, walk: Walk):
        super().__init__()
        self.walk = walk

    def __missing__(self, element: str) -> bytes:
        self[element] = json.dumps(self.walk.answer(element)).encode()
        return self[element]


def run(seconds: float = SECONDS, configs=CONFIGS) -> list[dict]:
    rows = []
    cluster = None
    for backend, workers, clients in configs:
        with tempfile.TemporaryDirectory() as name:
            folder = Path(name)
            if backend == "sqlite":
                url, database = f"sqlite:///{folder / 'bench.sqlite'}", None
            else:
                cluster = cluster or Cluster(BENCH_CLUSTER, durable=True)
                database = cluster.create()
                url = cluster.url(database)
            rows.append({"database": backend, **run_one(url, folder, workers, seconds, clients)})
            if database:
                cluster.drop(database)
    if cluster:
        cluster.stop()
    return rows
