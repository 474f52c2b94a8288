"""Steps for features/aanvullend_onderzoek.feature."""

from __future__ import annotations

import copy

from pytest_bdd import given, parsers, scenarios, then, when

from tests.steps.test_disciplines import INVESTIGATION
from tests.steps.trajectory import ROLE_NAMES, SCENARIOS, roles

scenarios("aanvullend_onderzoek.feature")

MEETING = {"teamoverleg_datum": "2026-11-03", "deelnemers": ["psychologist"],
           "integratief_beeld": "Beeld na deze ronde."}


@given(parsers.parse("het traject staat aan het teamoverleg na onderzoek door {rollen}"))
def at_team_meeting(traject, rollen):
    traject.answers = copy.deepcopy(SCENARIOS["aanvullend_onderzoek"])
    traject.answers["strategie"]["gekozen_disciplines"] = roles(rollen)
    traject.run_until("teamoverleg")


@when("het team geen aanvullend onderzoek nodig vindt")
def no_more(traject):
    traject.do("teamoverleg", {**MEETING, "aanvullend_onderzoek_nodig": False})


@when(parsers.parse("het team aanvullend onderzoek vraagt aan de {rol}"))
def more(traject, rol):
    traject.do("teamoverleg", {**MEETING, "aanvullend_onderzoek_nodig": True,
                               "aanvullende_disciplines": [ROLE_NAMES[rol]]})


@when(parsers.parse("de {rol} het onderzoek afrondt"))
def finish(traject, rol):
    traject.do(INVESTIGATION[ROLE_NAMES[rol]])


@then(parsers.parse("krijgt alleen de {rol} een onderzoekstaak"))
def only(traject, rol):
    role = ROLE_NAMES[rol]
    assert traject.investigations() == {INVESTIGATION[role]: role}


@then(parsers.parse("zijn er bevindingen uit ronde {ronde:d} van {rollen}"))
def findings_of_round(traject, ronde, rollen):
    found = [f["discipline"] for f in traject.findings if f["ronde"] == ronde]
    assert sorted(found) == sorted(roles(rollen))


@then(parsers.parse("tekenen {rollen} later het verslag"))
def signers(traject, rollen):
    assert traject.data["betrokken_disciplines"] == [r for r in ("psychologist", "physician", "social_worker",
                                                                  "speech_therapist", "physiotherapist")
                                                      if r in roles(rollen)]
