"""Where a task completion's CPU goes (issue 19), two ways:

1. One client, in this process: the JSON API's complete-task request (Flask's test client, a bearer
   token) walking 8 trajectories round robin, on SQLite and on a durable PostgreSQL. The functions of
   each phase are wrapped and their thread CPU time summed (inclusive); SQL statements are counted.
2. 16 clients against gunicorn (2 workers, PostgreSQL), one worker sampled by py-spy (`--gil`: only
   the thread holding the interpreter, so CPU, not waiting): the share of each phase in that worker.

`python -m bench.profile` (also a part of `make bench`: `profile`)."""

from __future__ import annotations

import collections
import json
import re
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from sqlalchemy import event

from bench import throughput
from bench.walk import Walk, ekd_services, new_trajectory
from engine.casework import Casework
from engine.runtime.instance import Instance
from engine.services import changes
from engine.services.care import adocuments, trajectories

try:
    from engine.services.held import Held
    from web.serving import settle
except ImportError:                           # ekd before issue 19 (measured with this script too)
    Held, settle = object, lambda: None
from engine.store import journal, queues, records, uow
from web import api, auth
from web.app import create_app
from web.config import PROJECT, Config

# (label, [(owner, attribute), ...]): the phases of one completion, outermost first. Where ekd before
# issue 19 did a phase with other functions, they are named too, so the script measures both versions.
PHASES = (
    ("request (all of it)", []),
    ("  log-in check (token → person)", [(auth, "token_login")]),
    ("  use case", [(trajectories.Trajectories, "complete_task")]),
    ("    task and trajectory read", [(records.Trajectories, "lock_of_task"), (records.Trajectories, "lock"),
                                      (queues.Tasks, "get")]),
    ("    workflow held / deserialised", [(Held, "take"), (changes, "load")]),
    ("    who may (team, claim)", [(trajectories, "check_may_work_on")]),
    ("    form validation and domain checks", [(Casework, "prepare")]),
    ("    engine (SpiffWorkflow steps, sandbox)", [(Instance, "complete")]),
    ("    A-document: do signatures still bind?", [(adocuments.ADocuments, "after_change")]),
    ("    drafts discarded", [(queues.Drafts, "discard")]),
    ("    event appended (keyed chain)", [(changes, "record")]),
    ("    state to JSON", [(Instance, "dumps")]),
    ("    trajectory row", [(records.Trajectories, "write")]),
    ("    inbox rows", [(queues.Tasks, "follow"), (queues.Tasks, "replace")]),
    ("    timer rows", [(queues.Timers, "follow"), (queues.Timers, "replace")]),
    ("    checkpoint (every 4th event)", [(journal.Checkpoints, "add")]),
    ("    commit (with the session's flush)", [(uow.UnitOfWork, "commit")]),
)
TRAJECTORIES, ROUNDS, WARM = 8, 6, 2


class Phases:
    """Thread CPU time and calls per phase, by wrapping the functions of PHASES."""

    def __init__(self):
        self.cpu = collections.Counter()
        self.calls = collections.Counter()
        self.statements = 0
        self._undo = []
        self._inside: set[str] = set()

    def __enter__(self) -> Phases:
        for label, functions in PHASES[1:]:
            for owner, name in functions:
                if name not in vars(owner):
                    continue                 # not in this version of ekd
                self._undo.append((owner, name, vars(owner)[name]))
                setattr(owner, name, self._timed(label, getattr(owner, name)))
        self._undo.append((api, "token_login", api.token_login))      # web.api calls its own reference
        api.token_login = auth.token_login
        return self

    def __exit__(self, *exc) -> None:
        for owner, name, original in reversed(self._undo):
            setattr(owner, name, original)

    def _timed(self, label, function):
        def timed(*args, **kwargs):
            if label in self._inside:        # a phase of several functions that call each other: count once
                return function(*args, **kwargs)
            self._inside.add(label)
            started = time.thread_time()
            try:
                return function(*args, **kwargs)
            finally:
                self._inside.discard(label)
                self.cpu[label] += time.thread_time() - started
                self.calls[label] += 1
        return timed

    def reset(self) -> None:
        self.cpu.clear()
        self.calls.clear()
        self.statements = 0


def one_client(url: str, folder: Path) -> dict:
    """Walk TRAJECTORIES trajectories round robin over the API in this process; the phases per completion."""
    services, actor = ekd_services(url)
    walk = Walk()
    walked = [new_trajectory(services, actor, number) for number in range(TRAJECTORIES)]
    config = Config(processes_dir=PROJECT / "processes", forms_dir=PROJECT / "forms", instance_dir=folder,
                    database_url=url, secret_key="bench", tick_seconds=3600, secure_cookies=False)
    client = create_app(config, services).test_client()
    settle()                                 # as the server does once it is built (web/wsgi.py)
    token = client.post("/api/v1/auth/token", json={"username": "bench", "password": "bench-wachtwoord"}).json
    headers = {"Authorization": f"Bearer {token['token']}", "Content-Type": "application/json"}
    ready = {t: [r.__dict__ for r in services.trajectories.view(t).ready] for t in walked}
    phases = Phases()

    @event.listens_for(services.database.engine, "before_cursor_execute")
    def count(*_args):
        phases.statements += 1

    done = 0
    with phases:
        for round_ in range(ROUNDS + WARM):
            if round_ == WARM:
                phases.reset()
                done = 0
            for trajectory in walked:
                task = next(t for t in ready[trajectory] if not t["element"].startswith("escalatie"))
                started = time.thread_time()
                answer = client.post(f"/api/v1/tasks/{task['id']}/complete",
                                     data=json.dumps(walk.answer(task["element"])), headers=headers)
                phases.cpu[PHASES[0][0]] += time.thread_time() - started
                assert answer.status_code == 200, answer.data
                ready[trajectory] = answer.json["ready"]
                done += 1
    services.database.dispose()
    return {"completions": done, "statements_per_completion": round(phases.statements / done, 1),
            "phases": [{"phase": label, "cpu_ms": round(1000 * phases.cpu[label] / done, 3),
                        "calls": round(phases.calls[label] / done, 2) if label in phases.calls else 1.0}
                       for label, _functions in PHASES]}


def sixteen_clients(seconds: float = 30.0) -> dict | None:
    """py-spy on one of two gunicorn workers while 16 clients complete tasks (PostgreSQL): share per phase."""
    spy = str(Path(sys.executable).with_name("py-spy"))          # make bench installs it in the venv
    if not Path(spy).exists():
        return None
    with tempfile.TemporaryDirectory() as name:
        raw = Path(name) / "profile.txt"
        original = throughput.Server.__init__

        def start_spy(server, *args, **kwargs):
            original(server, *args, **kwargs)

            def record():
                time.sleep(throughput.WARM_UP + 1)
                worker = subprocess.run(["pgrep", "-P", str(server.process.pid)], capture_output=True,
                                        text=True).stdout.split()[0]
                subprocess.run([spy, "record", "-p", worker, "-d", str(int(seconds) - 3), "-r", "100", "-f", "raw",
                                "-o", str(raw), "--nonblocking", "--gil"], capture_output=True)
            threading.Thread(target=record, daemon=True).start()

        throughput.Server.__init__ = start_spy
        try:
            row = throughput.run(seconds, (("postgresql", 2, 16),))[0]
        finally:
            throughput.Server.__init__ = original
        time.sleep(1)
        shares = shares_of(raw.read_text() if raw.exists() else "")
    return {"per_second": row["per_second"], "cpu_ms_per_completion": row["cpu_ms_per_completion"],
            "workers_counted": row.get("workers_counted"), "shares": shares}


# What to look for in a sampled stack, for each phase (a frame's function name, as py-spy prints it).
SAMPLED = (("request in Flask", "Flask.wsgi_app"), ("log-in check", "token_login"),
           ("use case", "Trajectories.complete_task"),
           ("task and trajectory read", "Trajectories.lock_of_task|Trajectories.lock|Tasks.get"),
           ("workflow deserialised", "Engine.load"), ("who may", "check_may_work_on"),
           ("form validation", "Casework.prepare"), ("engine", "Instance.complete"),
           ("A-document check", "ADocuments.after_change"), ("drafts", "Drafts.discard"),
           ("event appended", "record"), ("state to JSON", "Instance.dumps"),
           ("trajectory row", "Trajectories.write"), ("inbox rows", "Tasks.follow|Tasks.replace"),
           ("timer rows", "Timers.follow|Timers.replace"),
           ("checkpoint", "Checkpoints.add"), ("commit", "UnitOfWork.commit"),
           ("SQLAlchemy + psycopg, all of it", "Session.execute|Session.scalars|Session.get|Session.flush|"
                                               "Session.commit|Session.scalar"))


def shares_of(text: str) -> dict[str, float]:
    """Per phase, the share of the samples whose stack passes through it (py-spy's raw format)."""
    total, counts = 0, collections.Counter()
    for line in text.splitlines():
        stack, _, count = line.rpartition(" ")
        if not count.isdigit():
            continue
        total += int(count)
        functions = {re.sub(r" \(.*$", "", frame) for frame in stack.split(";")}
        for label, pattern in SAMPLED:
            if any(re.fullmatch(pattern, function) for function in functions):
                counts[label] += int(count)
    return {label: round(100 * counts[label] / total, 1) for label, _ in SAMPLED} if total else {}


def run() -> dict:
    result = {}
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        result["sqlite"] = one_client(f"sqlite:///{folder / 'profile.sqlite'}", folder)
    cluster = throughput.Cluster(throughput.BENCH_CLUSTER, durable=True)
    try:
        database = cluster.create()
        with tempfile.TemporaryDirectory() as name:
            result["postgresql"] = one_client(cluster.url(database), Path(name))
        cluster.drop(database)
    finally:
        cluster.stop()
    result["sixteen_clients"] = sixteen_clients()
    return result


def report(result: dict) -> None:
    print("\nprofile: one completion over the API (one client, in this process), thread CPU ms, inclusive")
    print(f"{'phase':52} {'SQLite':>8} {'PostgreSQL':>11} {'calls':>6}")
    for mine, theirs in zip(result["sqlite"]["phases"], result["postgresql"]["phases"], strict=True):
        print(f"{mine['phase']:52} {mine['cpu_ms']:8.2f} {theirs['cpu_ms']:11.2f} {mine['calls']:6.2f}")
    print(f"{'SQL statements per completion':52} {result['sqlite']['statements_per_completion']:8.1f}"
          f" {result['postgresql']['statements_per_completion']:11.1f}")
    spied = result.get("sixteen_clients")
    if spied:
        print(f"\n16 clients, gunicorn 2 workers × 8 threads, PostgreSQL: {spied['per_second']} completions/s, "
              f"CPU ms per completion {spied['cpu_ms_per_completion']}, {spied['workers_counted']}; "
              "one worker sampled (py-spy --gil):")
        for label, share in spied["shares"].items():
            print(f"  {label:40} {share:5.1f} %")


if __name__ == "__main__":
    outcome = run()
    report(outcome)
