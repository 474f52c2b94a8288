"""f. One step of the auditor's step-through at 1,000 events (issue 17; target ≤ 50 ms).

A trajectory of the shipped guideline on SQLite whose team meetings keep asking one more
investigation, walked to 1,000 events; then, interleaved at random steps: the use case
(`StepThrough.step`: replay from the checkpoint before N−1, progress over the 1,000 payloads,
redaction, the seal, the access-log row), the page `GET /audit/trajecten/{id}/stappen/{n}` and the API
`GET /api/v1/audit/trajectories/{id}/steps/{n}`, both through the Flask app in this process (a
session cookie, a bearer token). Wall time and the process's CPU time are both kept: on a shared
machine the wall time mostly measures the neighbours; the CPU time is what one step costs (the
commit's fsync is wall time only).

`python -m bench.audit` runs this part alone (about a minute)."""

from __future__ import annotations

import json
import random
import sys
import tempfile
import time
from pathlib import Path

from bench.machine import describe, summary
from bench.walk import ROOT, Walk, ekd_trajectory, next_ready
from engine.actors import Actor
from tests.web.conftest import BASE, Browser
from web.app import create_app
from web.config import Config

EVENTS = 1000
SAMPLES = 30
PASSWORD = "bench-wachtwoord"


def walk_to(services, trajectory, actor, events: int) -> int:
    walk = Walk()
    while True:
        with services.uow() as uow:
            count = uow.trajectories.get(trajectory).event_count
        if count >= events:
            return count
        task = next_ready(services.trajectories.view(trajectory).ready)
        services.trajectories.complete_task(task.id, walk.answer(task.element), actor)


def run(events: int = EVENTS, samples: int = SAMPLES) -> dict:
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        services, trajectory, actor = ekd_trajectory(folder)
        count = walk_to(services, trajectory, actor, events)
        person = services.people.add("auditor", PASSWORD, ["auditor"], "Bench Auditor")
        auditor = Actor(person.id, person.username, frozenset({"auditor"}), person.display_name)
        config = Config(processes_dir=ROOT / "processes", forms_dir=ROOT / "forms", instance_dir=folder,
                        database_url=f"sqlite:///{folder / 'bench.sqlite'}", secret_key="bench", tick_seconds=3600)
        app = create_app(config, services)
        browser = Browser(app)
        assert browser.login("auditor", PASSWORD).status_code == 302
        api = app.test_client()
        token = api.post("/api/v1/auth/token", json={"username": "auditor", "password": PASSWORD}).json["token"]
        headers = {"Authorization": f"Bearer {token}"}
        rng = random.Random(17)
        timings: dict[str, list[float]] = {f"{part}{kind}": [] for part in ("use_case", "page", "api")
                                           for kind in ("", "_cpu")}

        def timed(part: str, work):
            wall, cpu = time.perf_counter(), time.process_time()
            result = work()
            timings[part].append(time.perf_counter() - wall)
            timings[f"{part}_cpu"].append(time.process_time() - cpu)
            return result

        for n in [rng.randint(2, count) for _ in range(samples)] + [count]:
            view = timed("use_case", lambda n=n: services.step_through.step(trajectory, n, auditor))
            assert view.seq == n and not view.mismatches and not view.seal
            page = timed("page", lambda n=n: browser.get(f"/audit/trajecten/{trajectory}/stappen/{n}"))
            assert page.status_code == 200
            answer = timed("api", lambda n=n: api.get(f"/api/v1/audit/trajectories/{trajectory}/steps/{n}",
                                                      headers=headers, base_url=BASE))
            assert answer.status_code == 200 and answer.json["n"] == n
        page_bytes, api_bytes = len(page.data), len(answer.data)
        services.database.dispose()
    return {"events": count, "samples": samples + 1, "page_bytes": page_bytes, "api_bytes": api_bytes,
            **{part: summary(values) for part, values in timings.items()}}


def report(result: dict) -> None:
    print(f"\nf. auditor's step-through, one step at {result['events']} events (ms, {result['samples']} random steps)")
    print(f"{'':12} {'wall p50':>9} {'p95':>7} {'CPU p50':>8} {'p95':>7}")
    for part in ("use_case", "page", "api"):
        wall, cpu = result[part], result[f"{part}_cpu"]
        print(f"{part:12} {wall['median_ms']:9.1f} {wall['p95_ms']:7.1f} {cpu['median_ms']:8.1f} {cpu['p95_ms']:7.1f}")
    print(f"  page {result['page_bytes']} B, API answer {result['api_bytes']} B; target: page and API ≤ 50 ms")


if __name__ == "__main__":
    info = describe()
    print(f"machine: {info['cores']} cores, {info['cpu']}, Python {info['python']}, {info['date']}")
    found = run(*(int(a) for a in sys.argv[1:2]))
    report(found)
    out = Path(__file__).parent / "results" / f"{info['date']}.json"
    earlier = json.loads(out.read_text()) if out.exists() else {}
    found["machine"] = info                     # the file's own machine belongs to the other parts
    out.write_text(json.dumps(earlier | {"audit_step": found}, indent=2, ensure_ascii=False) + "\n")
    print(f"\nwritten: bench/results/{out.name}")
