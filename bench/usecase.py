"""ekd's complete-task use case (database, event log, sandbox) at N completed tasks,
beside plain SpiffWorkflow's request work (load → complete → steps → save) at the same point.

The trajectory is the shipped guideline's standard scenario; past its first team meeting it
loops through repeated team meetings with an extra investigation, as a long trajectory does."""

from __future__ import annotations

import copy
import json
import tempfile
import time
from datetime import date
from pathlib import Path

from bench.engine_work import GUIDELINE, ROOT, guideline_answers
from bench.machine import summary
from bench.plain import Plain
from engine import guidelines
from engine.actors import COMMAND_LINE
from engine.roles import DISCIPLINES
from engine.services import Services
from engine.store import Database
from web import migrate

SCENARIO = json.loads((ROOT / "processes" / "scenarios" / "standaard.json").read_text())
EXTRA_ROUND = {"teamoverleg_datum": "2026-11-03", "deelnemers": ["psychologist"],
               "integratief_beeld": "Nog een ronde nodig.", "aanvullend_onderzoek_nodig": True,
               "aanvullende_disciplines": ["psychologist"]}


class Walk:
    """The next answer for a task: the scenario's, but team meetings keep asking for more."""

    def __init__(self):
        self.scenario_answer = guideline_answers()

    def answer(self, element: str) -> dict:
        if element == "teamoverleg":
            return copy.deepcopy(EXTRA_ROUND)
        return self.scenario_answer(element, 0)


def ekd_trajectory(folder: Path) -> tuple[Services, str, object]:
    services = Services(Database(f"sqlite:///{folder / 'bench.sqlite'}"))
    migrate.upgrade(services.database)
    services.library.publish(guidelines.load([ROOT / "processes"], ROOT / "forms"), COMMAND_LINE)
    actor = services.people.add("bench", "bench-wachtwoord", ["coordinator", *DISCIPLINES, "team_lead"])
    child = services.children.register("16051412351", "Lotte", "Peeters", date(2016, 5, 14), actor)
    trajectory = services.trajectories.start(child, actor)
    for role in (*DISCIPLINES, "team_lead"):
        services.teams.set_role(trajectory, role, [actor.id], actor)
    return services, trajectory, actor


def next_task(services: Services, trajectory: str):
    ready = [t for t in services.trajectories.view(trajectory).ready if not t.element.startswith("escalatie")]
    return ready[0]


def stored_size(services: Services, trajectory: str) -> dict:
    with services.uow() as uow:
        row = uow.trajectories.get(trajectory)
        history = uow.events.of_trajectory(trajectory)
        tasks = uow.tasks.of_trajectory(trajectory)
    return {"state_bytes": len(row.state), "events": len(history),
            "event_bytes": sum(len(e.payload or "") + 64 * 3 for e in history), "ready_rows": len(tasks)}


def run(points=(10, 100), samples: int = 30) -> list[dict]:
    walk = Walk()
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        services, trajectory, actor = ekd_trajectory(Path(folder))
        plain = Plain(GUIDELINE, "diagnostisch_traject")
        workflow = plain.start()
        completed = 0
        for point in points:
            ekd_samples, plain_samples = [], []
            while completed < point + samples:
                task = next_task(services, trajectory)
                data = walk.answer(task.element)
                spiff = [t for t in Plain.ready(workflow) if t.task_spec.bpmn_id == task.element][0]
                state = Plain.dumps(workflow)
                if completed >= point:                        # measure, interleaved
                    started = time.perf_counter()
                    services.trajectories.complete_task(task.id, data, actor)
                    ekd_samples.append(time.perf_counter() - started)
                    started = time.perf_counter()
                    state = Plain.request(state, spiff.id, data)
                    plain_samples.append(time.perf_counter() - started)
                    workflow = Plain.load(state)
                else:
                    services.trajectories.complete_task(task.id, data, actor)
                    Plain.complete(workflow, spiff.id, data)
                completed += 1
            ekd, base = summary(ekd_samples), summary(plain_samples)
            rows.append({"completed_tasks": point, "ekd_use_case": ekd, "plain_spiffworkflow_request": base,
                         "ratio_median": round(ekd["median_ms"] / base["median_ms"], 2),
                         "stored": stored_size(services, trajectory),
                         "plain_state_bytes": len(Plain.dumps(workflow))})
        services.database.dispose()
    return rows


def standard_trajectory_size() -> dict:
    """The stored size of the standard scenario, run to its end."""
    walk_answer = guideline_answers()
    with tempfile.TemporaryDirectory() as folder:
        services, trajectory, actor = ekd_trajectory(Path(folder))
        while True:
            ready = [t for t in services.trajectories.view(trajectory).ready if t.element in SCENARIO]
            if not ready:
                break
            services.trajectories.complete_task(ready[0].id, walk_answer(ready[0].element, 0), actor)
        size = stored_size(services, trajectory)
        services.database.dispose()
    return size
