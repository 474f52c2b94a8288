"""Steps for features/crisis.feature."""

from __future__ import annotations

from pytest_bdd import parsers, scenarios, then, when

scenarios("crisis.feature")


@when("de screening geen crisis vaststelt")
def no_crisis(traject):
    traject.do("aanmelding")
    traject.do("screening", {"crisis": False})


@when("de screening een crisis vaststelt")
def crisis(traject):
    traject.do("aanmelding")
    traject.do("screening", {"crisis": True, "urgentie": "hoog"})


@when("de crisisafstemming gebeurd is")
def crisis_handled(traject):
    traject.do("crisisafstemming", {"crisismeldpunt_gecontacteerd": True, "crisis_datum": "2026-09-02",
                                    "crisis_maatregelen": "Crisisopvang geregeld."})


@when(parsers.parse("er {uren:d} uur verstrijken"))
@when(parsers.parse("er nog {uren:d} uur verstrijken"))
def hours_pass(traject, test_clock, uren):
    test_clock.advance(hours=uren)
    traject.instance.advance()


@then("ligt er geen crisisafstemming klaar")
def no_crisis_task(traject):
    assert "crisisafstemming" not in [t.element for t in traject.ready()]
