"""engine.runtime runs BPMN it has never seen, keeps its state flat, and reports in ekd's terms."""

from __future__ import annotations

from datetime import timedelta

import pytest

from engine import runtime, simulation
from engine.errors import TaskNotReady, UnknownTask
from tests.conftest import FIXTURES

BPMN = FIXTURES / "bpmn"


def simulate(files, process, answers):
    return simulation.simulate([BPMN / f for f in files], process, answers)


def definition(*files, process):
    return runtime.parse([runtime.Source(f, (BPMN / f).read_bytes()) for f in files]).process(process)


@pytest.mark.parametrize(("getal", "opties", "expected"), [
    (12, ["a", "c"], ["groot", "optie_a", "optie_c"]),
    (3, ["b"], ["klein", "optie_b"]),
])
def test_exclusive_parallel_and_inclusive_gateways(getal, opties, expected):
    answers = {"kiezen": {"getal": getal, "opties": opties}, "links": {}, "rechts": {}}
    result = simulate(["gateways.bpmn"], "gateways", answers)
    assert result.completed
    ran = [e for e in result.path if e in {"groot", "klein", "optie_a", "optie_b", "optie_c"}]
    assert sorted(ran) == sorted(expected)
    assert result.path[0] == "Start" and result.path[-1] == "End", "reserved ids are reported as written"
    assert result.path.count("and_join") == 1 and result.path.count("or_join") == 1


def test_a_400_round_loop_runs_to_the_correct_result():
    result = simulation.simulate([BPMN / "loop.bpmn"], "lus", {})
    assert result.completed
    assert result.data["teller"] == 400
    assert result.data["rondes"] == list(range(1, 401))
    assert result.data["som"] == sum(3 * i for i in range(400))
    assert result.path.count("voeg") == 400 and result.path.count("tel") == 400


def test_a_user_task_loop_of_400_rounds_keeps_a_flat_state():
    engine = runtime.Engine()
    instance = engine.start(definition("user_loop.bpmn", process="overleg_lus"))
    sizes = {}
    for round_number in range(1, 401):
        task = instance.ready_tasks()[0]
        instance = engine.load(instance.definition, instance.dumps())   # a new request each round
        instance.complete(task.id, {"nog_een_ronde": round_number < 400})
        sizes[round_number] = len(instance.dumps())
    assert instance.completed and instance.data["rondes"] == 400
    assert sizes[300] <= sizes[10] * 1.1, sizes


def test_multi_instance_collects_every_instance():
    answers = {"beoordelen": [{"resultaat": {"score": s}} for s in (1, 2, 4)]}
    result = simulate(["multi_instance.bpmn"], "meervoudig", answers)
    assert result.completed and result.data["totaal"] == 7
    assert result.path.count("beoordelen") == 3


def test_multi_instance_tasks_have_distinct_instance_paths():
    instance = runtime.Engine().start(definition("multi_instance.bpmn", process="meervoudig"))
    assert [t.path for t in instance.ready_tasks()] == ["beoordelen[0]", "beoordelen[1]", "beoordelen[2]"]
    assert [t.data["item"] for t in instance.ready_tasks()] == ["psycholoog", "arts", "logopedist"]


def test_call_activity_across_files():
    result = simulate(["call_parent.bpmn", "call_child.bpmn"], "hoofdproces", {"nakijken": {}})
    assert result.completed and result.data["dubbel"] == 42
    assert result.path == ["start", "klaarzetten", "Start", "nakijken", "verdubbelen", "End", "aanroep", "einde"]


def test_tasks_in_a_called_process_are_named_by_their_path():
    instance = runtime.Engine().start(definition("call_parent.bpmn", "call_child.bpmn", process="hoofdproces"))
    assert [t.path for t in instance.ready_tasks()] == ["aanroep/nakijken"]


@pytest.mark.parametrize(("leeftijd", "categorie"), [(5, "kind"), (12, "jongere"), (17, "jongere"), (18, "volwassene")])
def test_dmn_business_rule(leeftijd, categorie):
    result = simulate(["decision.bpmn", "decision.dmn"], "beslissen", {"gegevens": {"leeftijd": leeftijd}})
    assert result.completed and result.data["categorie"] == categorie


@pytest.mark.parametrize(("compleet", "end"), [(True, "einde_ok"), (False, "einde_hersteld")])
def test_error_boundary_event_on_a_subprocess(compleet, end):
    answers = {"invullen": {"compleet": compleet}, "herstellen": {}}
    result = simulate(["error_boundary.bpmn"], "foutafhandeling", answers)
    assert result.completed and result.path[-1] == end
    assert ("bij_fout" in result.path) is (not compleet)


def test_state_round_trip_continues_identically():
    engine = runtime.Engine()
    definition_ = definition("gateways.bpmn", process="gateways")
    first = engine.start(definition_)
    task = first.ready_tasks()[0]
    first.complete(task.id, {"getal": 1, "opties": ["a"]})
    second = engine.load(definition_, first.dumps())
    assert [(t.id, t.path) for t in second.ready_tasks()] == [(t.id, t.path) for t in first.ready_tasks()]
    for instance in (first, second):
        for ready in instance.ready_tasks():
            instance.complete(ready.id, {})
    assert first.completed and second.completed and first.data == second.data


def test_completing_an_unknown_or_finished_task_is_an_error():
    engine = runtime.Engine()
    instance = engine.start(definition("gateways.bpmn", process="gateways"))
    task = instance.ready_tasks()[0]
    with pytest.raises(UnknownTask):
        instance.complete("00000000-0000-0000-0000-000000000000", {})
    with pytest.raises(UnknownTask):
        instance.complete("geen-id", {})
    instance.complete(task.id, {"getal": 1, "opties": ["a"]})
    with pytest.raises((TaskNotReady, UnknownTask)):   # done tasks are pruned from the state
        instance.complete(task.id, {})


def test_timers_wait_for_the_clock_and_fire_when_it_passes(shipped_guideline, test_clock):
    from engine.casework import Casework
    from tests.steps.trajectory import SCENARIOS, answer, as_recorded
    casework = Casework(shipped_guideline)
    instance = casework.start("diagnostisch_traject", {"kind_geboortedatum": "2016-05-14"})
    scenario = SCENARIOS["standaard"]
    for element in ("aanmelding", "screening", "instemming", "intake"):
        task = instance.ready_tasks()[0]
        assert task.element == element
        casework.complete(instance, task.id, as_recorded(answer(scenario, element)))
    due = {w.element: w.due for w in instance.waiting()}
    assert due["termijn_a001"].date().isoformat() == "2026-09-22"
    test_clock.set(due["termijn_a001"] + timedelta(seconds=1))
    instance.advance()
    assert "escalatie_a001" in [t.element for t in instance.ready_tasks()]


def test_a_fresh_process_that_loads_a_saved_state_still_merges_multi_instance_results():
    """SpiffWorkflow wires instance merging only where it created the instances; ekd wires it
    when it parses, so a restarted server (or another worker) completes the activity."""
    first = runtime.Engine().start(definition("multi_instance.bpmn", process="meervoudig"))
    saved = first.dumps()
    fresh = runtime.Engine().load(definition("multi_instance.bpmn", process="meervoudig"), saved)
    for score, task in zip((1, 2, 4), fresh.ready_tasks(), strict=True):
        fresh.complete(task.id, {"resultaat": {"score": score}})
    assert fresh.completed and fresh.data["totaal"] == 7
