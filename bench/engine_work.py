"""One request's engine work at N completed tasks: ekd's runtime beside plain SpiffWorkflow."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path

from bench.machine import summary
from bench.plain import Plain
from engine import forms, guidelines, runtime

ROOT = Path(__file__).resolve().parent.parent
LOOP = [ROOT / "tests" / "fixtures" / "bpmn" / "user_loop.bpmn"]
GUIDELINE = sorted((ROOT / "processes").glob("*.bpmn")) + sorted((ROOT / "processes").glob("*.dmn"))


class Workload:
    """A process, how to answer its tasks, and where to stop."""

    def __init__(self, name: str, files: list[Path], process_id: str, answer: Callable[[str, int], dict]):
        self.name, self.files, self.process_id, self.answer = name, files, process_id, answer


def loop_answer(element: str, count: int) -> dict:
    return {"nog_een_ronde": True}


def guideline_answers() -> Callable[[str, int], dict]:
    scenario = json.loads((ROOT / "processes" / "scenarios" / "standaard.json").read_text())
    guideline = guidelines.load([ROOT / "processes"], ROOT / "forms")
    forms_by_element = {}
    for process_id in guideline.process_ids():
        for element in guideline.process(process_id).elements.values():
            if element.form:
                forms_by_element[element.id] = guideline.form(element.form)

    def answer(element: str, count: int) -> dict:
        value = scenario[element]
        value = value[min(count, len(value) - 1)] if isinstance(value, list) else value
        return forms.with_defaults(forms_by_element[element], value)
    return answer


def prepare(workload: Workload, completed: int):
    """Bring both engines to `completed` user tasks; return their states and the next task."""
    definition = runtime.parse([runtime.Source(str(f), f.read_bytes()) for f in workload.files]) \
        .process(workload.process_id)
    engine = runtime.Engine()
    ekd = engine.start(definition)
    plain = Plain(workload.files, workload.process_id)
    workflow = plain.start()
    counts: dict[str, int] = {}
    for _ in range(completed):
        task = ekd.ready_tasks()[0]
        data = workload.answer(task.element, counts.get(task.element, 0))
        counts[task.element] = counts.get(task.element, 0) + 1
        ekd.complete(task.id, data)
        spiff_task = Plain.ready(workflow)[0]
        assert spiff_task.task_spec.bpmn_id.split("__")[0] == task.element, (spiff_task.task_spec.bpmn_id, task.element)
        Plain.complete(workflow, spiff_task.id, data)
    task = ekd.ready_tasks()[0]
    data = workload.answer(task.element, counts.get(task.element, 0))
    spiff_task = Plain.ready(workflow)[0]
    return {"engine": engine, "definition": definition, "ekd_state": ekd.dumps(), "ekd_task": task.id,
            "plain_state": Plain.dumps(workflow), "plain_task": spiff_task.id, "data": data}


def ekd_request(prepared) -> str:
    instance = prepared["engine"].load(prepared["definition"], prepared["ekd_state"])
    instance.complete(prepared["ekd_task"], prepared["data"])
    return instance.dumps()


def measure(workload: Workload, completed: int, runs: int) -> dict:
    prepared = prepare(workload, completed)
    ekd_samples, plain_samples = [], []
    for _ in range(runs):                     # interleaved, so both see the same machine
        started = time.perf_counter()
        ekd_request(prepared)
        ekd_samples.append(time.perf_counter() - started)
        started = time.perf_counter()
        Plain.request(prepared["plain_state"], prepared["plain_task"], prepared["data"])
        plain_samples.append(time.perf_counter() - started)
    ekd, plain = summary(ekd_samples), summary(plain_samples)
    return {"workload": workload.name, "completed_tasks": completed, "ekd": ekd, "plain_spiffworkflow": plain,
            "ratio_median": round(ekd["median_ms"] / plain["median_ms"], 2),
            "ekd_state_bytes": len(prepared["ekd_state"]), "plain_state_bytes": len(prepared["plain_state"])}


def run(runs: int = 60) -> list[dict]:
    loop = Workload("teamoverleg-lus (user_loop.bpmn)", LOOP, "overleg_lus", loop_answer)
    guideline = Workload("richtlijn (standaard scenario)", GUIDELINE, "diagnostisch_traject", guideline_answers())
    return [measure(guideline, 10, runs), measure(loop, 10, runs), measure(loop, 100, runs)]
