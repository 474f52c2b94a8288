"""Web benchmarks over real HTTP (a werkzeug server on 127.0.0.1, a client in the same process):
the inbox page with 10,000 open tasks; the server and client the other benchmarks use."""

from __future__ import annotations

import http.client
import json
import logging
import random
import tempfile
import threading
import time
import uuid
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from werkzeug.serving import make_server

from bench.machine import summary
from bench.walk import ekd_trajectory
from engine.history import chain
from engine.roles import DISCIPLINES
from engine.store.models import Child, Member, Task, Trajectory
from web.app import create_app
from web.config import PROJECT, Config
from web.serving import settle

logging.getLogger("werkzeug").setLevel(logging.ERROR)


class Server:
    def __init__(self, services, folder: Path):
        config = Config(processes_dir=PROJECT / "processes", forms_dir=PROJECT / "forms", instance_dir=folder,
                        database_url=services.database.url, secret_key="bench", tick_seconds=3600,
                        secure_cookies=False)
        self.http = make_server("127.0.0.1", 0, create_app(config, services), threaded=True)
        settle()                                 # as ekd's server does once it is built (web/wsgi.py)
        threading.Thread(target=self.http.serve_forever, daemon=True).start()
        self.port = self.http.server_port

    def connection(self) -> http.client.HTTPConnection:
        return http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)

    def close(self):
        self.http.shutdown()


def call(connection, method, path, body=None, headers=None):
    connection.request(method, path, body=body, headers=headers or {})
    response = connection.getresponse()
    return response.status, response.read(), response


def token(server, username, password):
    connection = server.connection()
    status, body, _ = call(connection, "POST", "/api/v1/auth/token",
                           json.dumps({"username": username, "password": password}),
                           {"Content-Type": "application/json"})
    assert status == 200, body
    return {"Authorization": f"Bearer {json.loads(body)['token']}", "Content-Type": "application/json"}


def session_cookie(server, username, password) -> str:
    connection = server.connection()
    status, body, response = call(connection, "GET", "/login")
    cookie = response.getheader("Set-Cookie").split(";")[0]
    csrf = body.decode().split('name="csrf_token" value="')[1].split('"')[0]
    form = f"username={username}&password={password}&csrf_token={csrf}"
    status, _, response = call(connection, "POST", "/login", form,
                               {"Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie,
                                "Referer": f"http://127.0.0.1:{server.port}/login"})
    assert status == 302, status
    return response.getheader("Set-Cookie").split(";")[0]


def fill_inbox(services, actor, count: int = 10_000, per_trajectory: int = 4):
    """Bulk rows: `count` open tasks over count/per_trajectory trajectories; the actor is on a
    quarter of the teams, so they see 2,500 of them (the inbox lists the first 200)."""
    now = datetime.now(timezone.utc)
    version = services.library.current()
    rng = random.Random(7)
    children, trajectories, rows = [], [], []
    for number in range(count // per_trajectory):
        child, trajectory = str(uuid.uuid4()), str(uuid.uuid4())
        children.append(Child(id=child, insz=f"{90000000000 + number:011d}", given_name=f"Kind{number}",
                              family_name="Bench", birth_date=date(2015, 1, 1), created_at=now, representatives=[]))
        trajectories.append(Trajectory(id=trajectory, child_id=child, guideline_version_id=version,
                                       process_id="diagnostisch_traject", status="lopend", started_at=now,
                                       updated_at=now, state=None, consent="gegeven", event_count=0,
                                       head_hash=chain.GENESIS))
        if number % 4 == 0:
            rows += [Member(trajectory_id=trajectory, person_id=actor.id, role=role) for role in DISCIPLINES]
        for index in range(per_trajectory):
            rows.append(Task(id=str(uuid.uuid4()), trajectory_id=trajectory, element=f"onderzoek_{index}",
                             name=f"Onderzoek {index}", lane=DISCIPLINES[(number + index) % len(DISCIPLINES)],
                             form=None, path=f"onderzoek_{index}",
                             ready_since=now - timedelta(minutes=rng.randint(0, 10_000)),
                             due_at=now + timedelta(days=rng.randint(-10, 60))))
    with services.uow(write=True) as uow:
        for batch in (children, trajectories, rows):      # parents first: no relationships tell the order
            uow.session.add_all(batch)
            uow.flush()
        uow.commit()


def inbox(samples: int = 100) -> dict:
    with tempfile.TemporaryDirectory() as folder:
        services, _, _ = ekd_trajectory(Path(folder))
        reader = services.people.add("lezer", "bench-wachtwoord", list(DISCIPLINES))
        fill_inbox(services, reader)
        server = Server(services, Path(folder))
        cookie = session_cookie(server, "lezer", "bench-wachtwoord")
        connection = server.connection()
        timings = {"page": [], "page_overdue_filter": [], "service": []}
        for _ in range(samples):
            started = time.perf_counter()
            status, body, _ = call(connection, "GET", "/taken", headers={"Cookie": cookie})
            timings["page"].append(time.perf_counter() - started)
            assert status == 200 and body.count(b"<tr") > 40
            started = time.perf_counter()
            call(connection, "GET", "/taken?te_laat=1&sorteer=kind", headers={"Cookie": cookie})
            timings["page_overdue_filter"].append(time.perf_counter() - started)
            started = time.perf_counter()
            services.inbox.tasks(reader)
            timings["service"].append(time.perf_counter() - started)
        server.close()
        with services.uow() as uow:
            open_tasks = uow.session.query(Task).count()
        services.database.dispose()
    return {"open_tasks": open_tasks, **{name: summary(values) for name, values in timings.items()}}
