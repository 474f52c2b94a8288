"""The one scenario runner: answers, clock steps that fire timers, expectations that explain."""

from __future__ import annotations

import json
from datetime import datetime, timezone

import pytest

from engine import runtime, scenarios
from engine.casework import Casework
from engine.quality.bundle import Bundle
from engine.scenarios import ClockStep, Scenario, ScenarioError
from tests.conftest import PROCESSES
from tests.quality import guideline


@pytest.fixture(scope="module")
def casework():
    return Casework(Bundle(guideline.files()).guideline(), runtime.Engine())


def run(casework, **scenario):
    return scenarios.run(casework, guideline.PROCESS, Scenario.parse({"name": "t", **scenario}, "t"))


URGENT = guideline.URGENT["answers"]
NORMAL = guideline.REMINDED["answers"]


def test_a_bare_answers_object_is_a_scenario_without_expectations(casework):
    done = scenarios.run(casework, guideline.PROCESS, Scenario.parse(URGENT, "kaal"))
    assert done.passed and done.completed and done.path[-1] == "klaar" and done.data["besluit"] == "toegekend"


def test_a_clock_step_fires_the_boundary_timer(casework):
    quiet = run(casework, answers=NORMAL, start="2026-10-01T09:00:00+02:00")
    assert "herinnering" not in quiet.path
    late = run(casework, answers=NORMAL, start="2026-10-01T09:00:00+02:00", clock=[{"after": "aanvraag",
                                                                                      "advance": "P14DT1S"}])
    assert late.path.index("termijn_beoordeling") < late.path.index("herinnering")


@pytest.mark.parametrize(("expect", "failure"), [
    ({"completed": False}, "verwacht: niet afgerond; het proces is afgerond"),
    ({"path_contains": ["herinnering"]}, "het pad bevat 'herinnering' niet"),
    ({"path": ["begin", "aanvraag", "beoordeling"]}, "pad wijkt af bij stap 3: verwacht 'beoordeling', kreeg "
                                                     "'categorie_bepalen'"),
    ({"data": {"categorie": "ouder"}}, "gegevens: '/categorie' is \"jong\", verwacht \"ouder\""),
    ({"data": {"onbekend": 1}}, "gegevens: '/onbekend' ontbreekt"),
    ({"waiting": ["termijn"]}, "wacht op [], verwacht [termijn]"),
])
def test_the_first_failed_expectation_is_said_in_dutch(casework, expect, failure):
    done = run(casework, answers=URGENT, expect=expect)
    assert not done.passed and done.failure == failure and done.path      # with the path and the data
    assert done.data["categorie"] == "jong"


def test_a_run_that_stops_is_a_failure_with_what_it_did(casework):
    done = run(casework, answers={"aanvraag": {"leeftijd": 9, "dringend": False}})
    assert done.error and "element 'beoordeling'" in done.failure and "geen antwoord" in done.failure
    assert done.path[:2] == ["begin", "aanvraag"]


def test_a_clock_step_that_never_applies_is_reported(casework):
    done = run(casework, answers=URGENT, clock=[{"after": "herinnering", "advance": "P1D"}])
    assert done.failure == "klokstap na 'herinnering' werd nooit toegepast: 'herinnering' werd niet afgerond"


@pytest.mark.parametrize(("value", "message"), [
    ({"answers": [], "name": "x"}, "JSON-object"),
    ({"answers": {}, "klok": []}, "onbekende onderdelen klok"),
    ({"answers": {}, "clock": [{"after": "a"}]}, "klokstap 1"),
    ({"answers": {}, "clock": [{"after": "a", "advance": "7 dagen"}]}, "geen ISO 8601-duur"),
    ({"answers": {}, "expect": {"path": [], "path_contains": []}}, "niet beide"),
    ({"answers": {}, "expect": {"klaar": True}}, "onbekende verwachting"),
    ({"answers": {}, "start": "2026-10-01"}, "tijdzone"),
])
def test_invalid_scenarios_say_what_is_wrong(value, message):
    with pytest.raises(ScenarioError, match=message):
        Scenario.parse(value, "x")


def test_months_move_by_the_calendar():
    moment = datetime(2027, 1, 31, 9, tzinfo=timezone.utc)
    assert ClockStep("x", "P1M").moved(moment) == datetime(2027, 2, 28, 9, tzinfo=timezone.utc)
    assert ClockStep("x", "P1Y2M3W4DT5H6M7S").moved(moment) == datetime(2028, 4, 25, 14, 6, 7, tzinfo=timezone.utc)


def test_every_shipped_scenario_meets_its_expectations(shipped_guideline):
    casework = Casework(shipped_guideline, runtime.Engine())
    for path in sorted((PROCESSES / "scenarios").glob("*.json")):
        scenario = Scenario.parse(json.loads(path.read_text(encoding="utf-8")), path.stem)
        assert scenario.expect, path.name
        done = scenarios.run(casework, "diagnostisch_traject", scenario)
        assert done.passed, f"{path.name}: {done.failure}"


def test_time_passes_as_the_answers_say(casework):
    """An answer dated 19 days after the start is given then: the 14-day reminder fires before it."""
    dated = {**NORMAL, "beoordeling": {"beoordeling": "2026-10-20"}}
    done = run(casework, answers=dated, start="2026-10-01T09:00:00+02:00")
    assert done.passed and done.path.index("termijn_beoordeling") < done.path.index("beoordeling")
    assert "herinnering" in done.path
    same_day = run(casework, answers={**NORMAL, "beoordeling": {"beoordeling": "2026-10-01"}},
                   start="2026-10-01T09:00:00+02:00")
    assert "herinnering" not in same_day.path
