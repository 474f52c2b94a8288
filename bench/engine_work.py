"""a. One request's engine work at N completed tasks — load → complete one task → engine steps
→ save — in plain SpiffWorkflow, beside ekd's runtime doing the same on its own state."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from bench.machine import summary
from bench.plain import Plain
from bench.walk import GUIDELINE, LOOP, Walk, next_ready
from engine import runtime

POINTS = (10, 100, 1000)
# SpiffWorkflow's task iterator stops at a depth of 1,000 tasks (SpiffWorkflow/util/task.py,
# max_depth=1000) and its task tree grows with every loop round: past that depth it no longer
# finds the ready tasks, and the trajectory silently stands still.


def runs_at(point: int) -> int:
    return 60 if point <= 100 else 15


class Workload:
    """A process and how to answer its tasks."""

    def __init__(self, name: str, files: list[Path], process_id: str, answer: Callable[[str], dict]):
        self.name, self.files, self.process_id, self.answer = name, files, process_id, answer


class Pair:
    """The same trajectory in plain SpiffWorkflow and in ekd's runtime, walked in step."""

    def __init__(self, workload: Workload):
        self.workload = workload
        self.definition = runtime.parse([runtime.Source(str(f), f.read_bytes()) for f in workload.files]) \
            .process(workload.process_id)
        self.engine = runtime.Engine()
        self.ekd = self.engine.start(self.definition)
        self.plain = Plain(workload.files, workload.process_id).start()
        self.completed = 0
        self.plain_stalled_at: int | None = None

    def next(self):
        """The next task in both engines (None for plain SpiffWorkflow once it stalled), with its answer."""
        task = next_ready(self.ekd.ready_tasks())
        spiff = None
        if self.plain_stalled_at is None:
            spiff = next((t for t in Plain.ready(self.plain) if t.task_spec.bpmn_id.split("__")[0] == task.element),
                         None)
            if spiff is None:
                self.plain_stalled_at = self.completed
                self.plain = None
        return task, spiff, self.workload.answer(task.element)

    def step(self) -> None:
        task, spiff, data = self.next()
        self.ekd.complete(task.id, data)
        if spiff is not None:
            Plain.complete(self.plain, spiff.id, data)
        self.completed += 1

    def measure(self, runs: int) -> dict:
        task, spiff, data = self.next()
        ekd_state = self.ekd.dumps()
        plain_state = Plain.dumps(self.plain) if spiff is not None else None
        ekd_samples, plain_samples = [], []
        for _ in range(runs):                     # interleaved, so both see the same machine
            started = time.perf_counter()
            instance = self.engine.load(self.definition, ekd_state)
            instance.complete(task.id, data)
            instance.dumps()
            ekd_samples.append(time.perf_counter() - started)
            if plain_state is not None:
                started = time.perf_counter()
                Plain.request(plain_state, spiff.id, data)
                plain_samples.append(time.perf_counter() - started)
        ekd = summary(ekd_samples)
        plain = summary(plain_samples) if plain_samples else None
        return {"workload": self.workload.name, "completed_tasks": self.completed, "ekd": ekd,
                "plain_spiffworkflow": plain, "plain_stalled_at": self.plain_stalled_at,
                "ratio_median": round(ekd["median_ms"] / plain["median_ms"], 3) if plain else None,
                "ekd_state_bytes": len(ekd_state), "plain_state_bytes": len(plain_state) if plain_state else None}


def run(points=POINTS) -> list[dict]:
    walk = Walk()
    workloads = [Workload("richtlijn (standaard, lus via teamoverleg)", GUIDELINE, "diagnostisch_traject", walk.answer),
                 Workload("teamoverleg-lus (user_loop.bpmn)", LOOP, "overleg_lus", lambda _: {"nog_een_ronde": True})]
    rows = []
    for workload in workloads:
        pair = Pair(workload)
        for point in points:
            while pair.completed < point:
                pair.step()
            rows.append(pair.measure(runs_at(point)))
    return rows
