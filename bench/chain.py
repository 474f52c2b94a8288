"""e. What the keyed chain and the extra events cost (issue 11), beside a baseline in the same run.

ekd as it is walks the standard scenario (the team formed and the anchor named first) on SQLite
and on a durable PostgreSQL; interleaved with it, the baseline walks the same scenario with the
code paths of before issue 11 put back for this measurement: events linked with unkeyed SHA-256,
the access log written without its chain, one event per use case (no signature, agreement or
submission events of their own), the team and the anchor written straight into their tables.
Each sample is one call of the use case; every walk is a new trajectory in the mode's own database.

`python -m bench.chain` runs this part alone (about a minute)."""

from __future__ import annotations

import itertools
import json
import os
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from datetime import date
from pathlib import Path
from unittest import mock

from bench.machine import describe, summary
from bench.walk import SCENARIO, ekd_services, insz, scenario_answers
from engine import clock
from engine.history import chain, events
from engine.roles import DISCIPLINES
from engine.services import changes
from engine.services.care.teams import InvalidTeam, Teams
from engine.services.errors import NotFound
from engine.store.journal import AccessLog
from tests.postgres import Cluster

WALKS = 8
BENCH_CLUSTER = Path("/tmp") / f"ekd-bench-postgres-{os.getuid()}"


def _unkeyed(key, prev_hash, trajectory_id, seq, kind, actor, recorded_at, digest):
    return chain.unkeyed_link(prev_hash, trajectory_id, seq, kind, actor, recorded_at, digest)


_numbers = itertools.count(1)


def _unchained(self: AccessLog) -> None:
    pending, self._pending = self._pending, []
    for entry in pending:                 # as before: a plain row (the chain columns filled with nothing)
        entry.seq, entry.prev_hash, entry.hash = next(_numbers), "", ""
        self.session.add(entry)


def _one_event(uow, trajectory, actor, outcome, now) -> None:
    body = {**outcome.event.body(), "clock": now.isoformat(), "completed": [c.path for c in outcome.completions]}
    events.append(uow, trajectory, outcome.event.kind, actor.id, body, now)


def _set_role_directly(self: Teams, trajectory_id, role, person_ids, actor) -> None:
    with self._uow(write=True) as uow:
        trajectory = uow.trajectories.lock(trajectory_id)
        if trajectory is None:
            raise NotFound(trajectory_id)
        self._coordinates(uow, trajectory, actor)
        for person_id in person_ids:
            person = uow.people.get(person_id)
            if person is None or role not in {r.role for r in person.roles}:
                raise InvalidTeam(person_id)
        uow.members.replace_role(trajectory_id, role, person_ids)
        uow.access.record(clock.now(), actor.id, "team", f"traject:{trajectory_id}", f"{role}: {len(person_ids)}")
        uow.commit()


def _set_anchor_directly(self: Teams, trajectory_id, person_id, actor) -> None:
    with self._uow(write=True) as uow:
        trajectory = uow.trajectories.lock(trajectory_id)
        self._coordinates(uow, trajectory, actor)
        trajectory.anchor_person_id = person_id
        uow.access.record(clock.now(), actor.id, "ankerfiguur", f"traject:{trajectory_id}", person_id)
        uow.commit()


@contextmanager
def baseline() -> Iterator[None]:
    """The code paths of before issue 11, for this measurement only."""
    with mock.patch.object(chain, "link", _unkeyed), mock.patch.object(AccessLog, "seal", _unchained), \
            mock.patch.object(changes, "record", _one_event), \
            mock.patch.object(Teams, "set_role", _set_role_directly), \
            mock.patch.object(Teams, "set_anchor", _set_anchor_directly):
        yield


class Walker:
    """One database and one person; walks new trajectories through the standard scenario."""

    def __init__(self, url: str):
        self.services, self.actor = ekd_services(url)
        self.answer = scenario_answers()
        self.number = 0
        self.times: dict[str, list[float]] = {"completion": [], "team": [], "read": []}
        self.events = self.completions = self.walks = 0

    def walk(self) -> None:
        services, actor = self.services, self.actor
        child = services.children.register(insz(self.number), f"Kind{self.number}", "Peeters",
                                           date(2016, 5, 14), actor)
        self.number += 1
        trajectory = services.trajectories.start(child, actor)
        for role in (*DISCIPLINES, "team_lead"):
            self._timed("team", services.teams.set_role, trajectory, role, [actor.id], actor)
        self._timed("team", services.teams.set_anchor, trajectory, actor.id, actor)
        rounds: dict[str, int] = {}
        while True:
            ready = [t for t in services.trajectories.view(trajectory).ready if t.element in SCENARIO]
            if not ready:
                break
            task = ready[0]
            data = self.answer(task.element, rounds.get(task.element, 0))
            self._timed("completion", services.trajectories.complete_task, task.id, data, actor)
            self._timed("read", services.trajectories.read, trajectory, actor)      # a read with its access-log row
            rounds[task.element] = rounds.get(task.element, 0) + 1
            self.completions += 1
        with services.uow() as uow:
            self.events += uow.trajectories.get(trajectory).event_count
        self.walks += 1

    def _timed(self, name: str, call, *args) -> None:
        started = time.perf_counter()
        call(*args)
        self.times[name].append(time.perf_counter() - started)


def link_cost(runs: int = 20_000) -> dict:
    """µs per event link: HMAC-SHA256 under the key, and the old unkeyed SHA-256."""
    key, at, digest = chain.Key.of("bench-sleutel"), clock.now(), "0" * 64
    timings = {}
    for name, link in (("keyed_us", lambda: chain.link(key, digest, "t", 7, "taak_afgerond", "a", at, digest)),
                       ("unkeyed_us", lambda: chain.unkeyed_link(digest, "t", 7, "taak_afgerond", "a", at, digest))):
        started = time.perf_counter()
        for _ in range(runs):
            link()
        timings[name] = round((time.perf_counter() - started) / runs * 1e6, 2)
    return timings


def measure(urls: dict[str, str], walks: int) -> dict:
    walkers = {mode: Walker(url) for mode, url in urls.items()}
    for number in range(walks):              # interleaved, each mode first in turn: b k, k b, b k, …
        for mode in ("baseline", "keyed") if number % 2 == 0 else ("keyed", "baseline"):
            with baseline() if mode == "baseline" else nullcontext():
                walkers[mode].walk()
    result = {}
    for mode, walker in walkers.items():
        result[mode] = {"completion": summary(walker.times["completion"]), "team_change": summary(walker.times["team"]),
                        "logged_read": summary(walker.times["read"]),
                        "events_per_walk": round(walker.events / walker.walks, 1),
                        "completions_per_walk": round(walker.completions / walker.walks, 1)}
        walker.services.database.dispose()
    return result


def run(walks: int = WALKS) -> dict:
    result = {"link": link_cost(), "walks": walks}
    with tempfile.TemporaryDirectory() as folder:
        result["sqlite"] = measure({mode: f"sqlite:///{folder}/{mode}.sqlite" for mode in ("baseline", "keyed")},
                                   walks)
    cluster = Cluster(BENCH_CLUSTER, durable=True)
    names = {mode: cluster.create() for mode in ("baseline", "keyed")}
    try:
        result["postgresql"] = measure({mode: cluster.url(name) for mode, name in names.items()}, walks)
    finally:
        for name in names.values():
            cluster.drop(name)
        cluster.stop()
    return result


def report(result: dict) -> None:
    link = result["link"]
    print(f"\ne. the keyed chain and the extra events (issue 11), {result['walks']} walks of the standard scenario "
          "per mode, interleaved; ms")
    print(f"  one event link: HMAC-SHA256 {link['keyed_us']} µs, unkeyed SHA-256 {link['unkeyed_us']} µs")
    print(f"  {'database':11} {'':22} {'baseline p50':>12} {'p95':>7} {'keyed p50':>10} {'p95':>7} {'Δ p50':>7}"
          f"   events per walk (baseline → keyed)")
    for database in ("sqlite", "postgresql"):
        base, keyed = result[database]["baseline"], result[database]["keyed"]
        for name, label in (("completion", "per task completion"), ("team_change", "per team/anchor change"),
                            ("logged_read", "per logged read")):
            b, k = base[name], keyed[name]
            events = (f"   {base['events_per_walk']} → {keyed['events_per_walk']} "
                      f"({keyed['completions_per_walk']} completions, 7 team/anchor changes)"
                      if name == "completion" else "")
            print(f"  {database:11} {label:22} {b['median_ms']:12.2f} {b['p95_ms']:7.2f} {k['median_ms']:10.2f}"
                  f" {k['p95_ms']:7.2f} {k['median_ms'] - b['median_ms']:+7.2f}{events}")


if __name__ == "__main__":
    info = describe()
    print(f"machine: {info['cores']} cores, {info['cpu']}, Python {info['python']}, {info['date']}")
    outcome = run(int(sys.argv[1]) if len(sys.argv) > 1 else WALKS)
    report(outcome)
    out = Path(__file__).parent / "results" / f"{info['date']}.json"
    earlier = json.loads(out.read_text()) if out.exists() else {}
    out.write_text(json.dumps(earlier | {"machine": info, "chain": outcome}, indent=2, ensure_ascii=False) + "\n")
    print(f"\nwritten: bench/results/{out.name}")
