"""Steps for features/formulieren.feature."""

from __future__ import annotations

from pytest_bdd import given, parsers, scenarios, when

scenarios("formulieren.feature")


@given("de aanmelding is geregistreerd")
def registered(traject):
    traject.do("aanmelding")


@when(parsers.parse('de coördinator de screening indient met urgentie "{urgentie}" en zonder motivering'))
def invalid_screening(traject, urgentie):
    traject.answers["screening"].pop("motivering_urgentie")
    traject.state_before = traject.instance.dumps()
    traject.try_do("screening", {"urgentie": urgentie})


@when(parsers.parse('de coördinator de instemming indient met het oordeel "{oordeel}" zonder motivering'))
def invalid_consent(traject, oordeel):
    traject.state_before = traject.instance.dumps()
    traject.try_do("instemming", {"bekwaamheid_oordeel": oordeel})

