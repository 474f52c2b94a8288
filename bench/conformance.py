"""g. Conformance and the research exports over 1,000 trajectories (issue 18), beside the floor every
approach pays in the same run: reading the same events from the database and parsing their JSON.

Four trajectories walk the standard scenario through ekd's use cases (one stops at the
investigations, one at the signatures); 996 more are copies of their rows (trajectory and events,
under new ids), so the 1,000 hold real event logs. Each sample is one call of the use case as the
auditor's page and API make it; the XES is read back by pm4py for scale.

`python -m bench.conformance` runs this part alone (about a minute)."""

from __future__ import annotations

import contextlib
import io
import json
import sys
import tempfile
import time
import uuid
import warnings
from pathlib import Path

from sqlalchemy import insert, select

from bench.machine import describe, summary
from bench.walk import ekd_services, new_trajectory, scenario_answers
from engine.store.models import Event, Trajectory

TRAJECTORIES = 1000
SAMPLES = 7
STOPS = (None, None, "strategie", "ondertekenen_psychologisch")


def _walk(services, actor, trajectory: str, stop: str | None) -> None:
    answer, rounds = scenario_answers(), {}
    while True:
        ready = [t for t in services.trajectories.view(trajectory).ready if not t.element.startswith("escalatie")]
        if not ready or (stop and stop in [t.element for t in ready]):
            return
        task = ready[0]
        services.trajectories.complete_task(task.id, answer(task.element, rounds.get(task.element, 0)), actor)
        rounds[task.element] = rounds.get(task.element, 0) + 1


def _copy(services, originals: list[str], total: int) -> None:
    with services.uow(write=True) as uow:
        session = uow.session
        rows = {t.id: t for t in session.scalars(select(Trajectory).where(Trajectory.id.in_(originals)))}
        events = {tid: list(session.scalars(select(Event).where(Event.trajectory_id == tid).order_by(Event.seq)))
                  for tid in originals}
        columns = [c.key for c in Trajectory.__table__.columns]
        event_columns = [c.key for c in Event.__table__.columns if c.key != "id"]
        for n in range(total - len(originals)):
            source = originals[n % len(originals)]
            new = str(uuid.uuid4())
            session.execute(insert(Trajectory), [{**{c: getattr(rows[source], c) for c in columns}, "id": new}])
            session.execute(insert(Event), [{**{c: getattr(e, c) for c in event_columns}, "trajectory_id": new}
                                            for e in events[source]])
        uow.commit()


def _floor(services) -> None:
    with services.uow() as uow:
        for (payload,) in uow.session.execute(select(Event.payload)):
            if payload:
                json.loads(payload)


def _timed(call) -> float:
    started = time.perf_counter()
    call()
    return time.perf_counter() - started


def run() -> dict:
    with tempfile.TemporaryDirectory() as folder:
        services, actor = ekd_services(f"sqlite:///{Path(folder) / 'bench.sqlite'}")
        auditor = services.people.add("auditor", "bench-wachtwoord", ["auditor"])
        originals = []
        for number, stop in enumerate(STOPS):
            trajectory = new_trajectory(services, actor, number)
            _walk(services, actor, trajectory, stop)
            originals.append(trajectory)
        _copy(services, originals, TRAJECTORIES)
        with services.uow() as uow:
            events = uow.session.query(Event).count()
        calls = {"floor": lambda: _floor(services),
                 "conformance": lambda: services.research.conformance(auditor),
                 "xes": lambda: services.research.xes(auditor),
                 "csv": lambda: services.research.csv(auditor)}
        services.research.conformance(auditor)                   # the versions' guides read once, as a worker does
        samples: dict[str, list[float]] = {name: [] for name in calls}
        for _ in range(SAMPLES):                                  # interleaved
            for name, call in calls.items():
                samples[name].append(_timed(call))
        written = Path(folder) / "ekd.xes"
        written.write_bytes(services.research.xes(auditor))
        with warnings.catch_warnings(), contextlib.redirect_stdout(io.StringIO()):
            warnings.simplefilter("ignore")
            import pm4py  # (it prints a banner)
            pm4py_seconds = _timed(lambda: pm4py.read_xes(str(written), show_progress_bar=False))
        services.database.dispose()
    return {"trajectories": TRAJECTORIES, "events": events,
            **{name: summary(values) for name, values in samples.items()},
            "pm4py_read_xes_ms": round(pm4py_seconds * 1000, 1)}


def report(result: dict) -> None:
    floor = result["floor"]["median_ms"]
    print(f"\ng. conformance and exports over {result['trajectories']} trajectories ({result['events']} events), "
          "SQLite, ms")
    print(f"{'':34} {'p50':>8} {'p95':>8} {'× floor':>8}")
    for name, label in (("floor", "floor: read + parse the events"), ("conformance", "conformance (page/API)"),
                        ("xes", "XES export"), ("csv", "CSV export")):
        row = result[name]
        print(f"  {label:32} {row['median_ms']:8.1f} {row['p95_ms']:8.1f} {row['median_ms'] / floor:7.2f}×")
    print(f"  pm4py reads the XES back in {result['pm4py_read_xes_ms']:.0f} ms")


if __name__ == "__main__":
    info = describe()
    print(f"machine: {info['cores']} cores, {info['cpu']}, Python {info['python']}, {info['date']}", file=sys.stderr)
    report(run())
