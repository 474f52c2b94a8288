"""f. Moving running trajectories to a new guideline version (issue 16): 200 trajectories on the
shipped guideline, half waiting at the strategy (inside the called diagnostic phase), half inside the
parallel multi-instance investigation with its running six-week deadlines; version B renames the team
meeting (a mapping). Timed: the dry run of all 200, the move of all 200 (each in its own transaction),
and `ekd audit verify` of every trajectory afterwards. SQLite file on this machine.

`python -m bench.migration` runs this part alone (a few minutes)."""

from __future__ import annotations

import re
import sys
import tempfile
import time
from pathlib import Path, PurePath

from bench.machine import describe, summary
from bench.walk import ekd_services, new_trajectory, next_ready, scenario_answers
from engine import guidelines
from engine.actors import COMMAND_LINE

TRAJECTORIES = 200
MAPPING = {"teamoverleg": "teamoverleg_integratie"}


def _renamed(files: dict[str, bytes], old: str, new: str) -> dict[str, bytes]:
    attribute, node = re.compile(rf'="{old}"'), re.compile(rf"<bpmn:flowNodeRef>{old}<")
    return {name: node.sub(f"<bpmn:flowNodeRef>{new}<", attribute.sub(f'="{new}"', data.decode())).encode()
            for name, data in files.items()}


def _walk(services, actor, trajectory: str, stop_at: str, answer) -> None:
    while True:
        ready = services.trajectories.view(trajectory).ready
        if not ready or any(t.element.startswith(stop_at) for t in ready):
            return
        task = next_ready(ready)
        services.trajectories.complete_task(task.id, answer(task.element, 0), actor)


def run(count: int = TRAJECTORIES) -> dict:
    with tempfile.TemporaryDirectory() as folder:
        services, actor = ekd_services(f"sqlite:///{Path(folder) / 'bench.sqlite'}")
        kcd = services.people.add("kcd", "bench-wachtwoord", ["quality_center"])
        answer = scenario_answers()
        source = services.library.current()
        started = time.perf_counter()
        for number in range(count):
            trajectory = new_trajectory(services, actor, number)
            _walk(services, actor, trajectory, "strategie" if number % 2 else "onderzoek_", answer)
        set_up = time.perf_counter() - started
        base = guidelines.load([Path(__file__).resolve().parent.parent / "processes"],
                               Path(__file__).resolve().parent.parent / "forms")
        files = {PurePath(name).name: data for name, data in base.files.items()}
        target, _ = services.library.publish(guidelines.Guideline(_renamed(files, "teamoverleg",
                                                                            "teamoverleg_integratie"), base.forms),
                                             COMMAND_LINE)
        migrations = services.quality.migrations
        started = time.perf_counter()
        dry = migrations.migrate(target, source, "all", MAPPING, True, kcd)
        dry_seconds = time.perf_counter() - started
        started = time.perf_counter()
        moved = migrations.migrate(target, source, "all", MAPPING, False, kcd, "bench")
        move_seconds = time.perf_counter() - started
        per = []
        for result in moved[:20]:              # one more move each way, timed alone: back and forth
            one = time.perf_counter()
            migrations.migrate(source, target, [result.trajectory], {v: k for k, v in MAPPING.items()}, False, kcd)
            per.append(time.perf_counter() - one)
        started = time.perf_counter()
        problems = services.audit.verify(COMMAND_LINE)
        verify_seconds = time.perf_counter() - started
        services.database.dispose()
    return {"trajectories": count, "set_up_s": round(set_up, 1),
            "can_move": sum(r.status == "can_move" for r in dry), "moved": sum(r.status == "moved" for r in moved),
            "dry_run_s": round(dry_seconds, 2), "dry_run_ms_per_trajectory": round(dry_seconds * 1000 / count, 1),
            "move_s": round(move_seconds, 2), "move_ms_per_trajectory": round(move_seconds * 1000 / count, 1),
            "one_move_back": summary(per), "verify_all_s": round(verify_seconds, 1),
            "verify_problems": sum(len(found) for found in problems.values())}


def report(result: dict) -> None:
    print(f"\nf. moving {result['trajectories']} running trajectories to a new version (SQLite; set-up "
          f"{result['set_up_s']} s)")
    print(f"  dry run of all:  {result['dry_run_s']:7.2f} s  ({result['dry_run_ms_per_trajectory']} ms each, "
          f"{result['can_move']} can move)")
    print(f"  move of all:     {result['move_s']:7.2f} s  ({result['move_ms_per_trajectory']} ms each, "
          f"{result['moved']} moved, each in its own transaction)")
    print(f"  one move back:   p50 {result['one_move_back']['median_ms']:.1f} ms, "
          f"p95 {result['one_move_back']['p95_ms']:.1f} ms")
    print(f"  audit verify of everything afterwards: {result['verify_all_s']} s, "
          f"{result['verify_problems']} problems")


if __name__ == "__main__":
    info = describe()
    print(f"machine: {info['cores']} cores, {info['cpu']}, Python {info['python']}, {info['date']}")
    report(run(int(sys.argv[1]) if len(sys.argv) > 1 else TRAJECTORIES))
