"""Step definitions shared by the guideline's features (features/*.feature, in Dutch)."""

from __future__ import annotations

import pytest
from pytest_bdd import given, parsers, then

from engine.casework import Casework
from engine.forms import FormInvalid
from tests.steps.trajectory import ROLE_NAMES, Trajectory


@pytest.fixture
def traject(shipped_guideline, test_clock):
    return Trajectory(Casework(shipped_guideline))


@given(parsers.parse('het traject is gevorderd tot "{naam}"'))
def advanced_to(traject, naam):
    traject.run_until_named(naam)


@given("een nieuw traject volgens de richtlijn")
def new_trajectory(traject):
    traject.start()


@given(parsers.parse("een kind geboren op {datum}"))
def child_born(traject, datum):
    traject.born(datum)


@given("de aanmelding en de screening zijn geregistreerd")
def registered(traject):
    traject.do("aanmelding")
    traject.do("screening")


@then(parsers.parse('ligt "{naam}" klaar voor de {rol}'))
def task_ready_for(traject, naam, rol):
    matching = [t for t in traject.ready() if t.name == naam]
    assert matching, f"'{naam}' ligt niet klaar; wel: {[t.name for t in traject.ready()]}"
    assert matching[0].lane == ROLE_NAMES[rol], matching[0].lane


@then(parsers.parse('is het traject beëindigd met "{einde}"'))
def ended_with(traject, einde):
    assert traject.instance.completed
    assert traject.path[-1] == einde, traject.path[-3:]


@then(parsers.parse("wordt de {taak} geweigerd met de meldingen:"))
@then(parsers.parse("wordt het {taak} geweigerd met de meldingen:"))
def refused_with(traject, taak, datatable):
    assert isinstance(traject.error, FormInvalid), traject.error
    expected = {row[0]: row[1] for row in datatable[1:]}
    assert {e.field: e.message for e in traject.error.errors} == expected
    assert traject.instance.dumps() == traject.state_before, "een geweigerde taak verandert niets"


@then("ligt er geen escalatie klaar")
def no_escalation(traject):
    assert not [t.element for t in traject.ready() if t.element.startswith("escalatie")]
