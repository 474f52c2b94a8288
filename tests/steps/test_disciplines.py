"""Steps for features/disciplines.feature."""

from __future__ import annotations

import copy

import pytest
from pytest_bdd import given, parsers, scenarios, then, when

from engine.casework import NotAllowed
from tests.steps.trajectory import ROLE_NAMES, SCENARIOS, roles

scenarios("disciplines.feature")

INVESTIGATION = {"psychologist": "onderzoek_psychologisch", "physician": "onderzoek_medisch",
                 "social_worker": "onderzoek_sociaal", "speech_therapist": "onderzoek_logopedisch",
                 "physiotherapist": "onderzoek_motorisch"}


@given(parsers.parse("een traject na de intake, {vaph} VAPH-aanvraag"))
def after_intake(traject, vaph):
    traject.answers = copy.deepcopy(SCENARIOS["vaph_aanvraag"])   # answers for every discipline
    traject.start()
    traject.answers["intake"]["vaph_hulp_gevraagd"] = vaph == "met"
    traject.run_until("strategie")


@when(parsers.parse("de coördinator kiest voor {gekozen}"))
def choose(traject, gekozen):
    traject.do("strategie", {"gekozen_disciplines": roles(gekozen)})


@then(parsers.parse("krijgen precies {onderzoekers} een onderzoekstaak"))
def exactly(traject, onderzoekers):
    expected = {INVESTIGATION[role]: role for role in roles(onderzoekers)}
    assert traject.investigations() == expected


@when(parsers.parse("de {rol} het onderzoek afrondt"))
def finish(traject, rol):
    role = ROLE_NAMES[rol]
    traject.do(INVESTIGATION[role], as_roles=[role])


@then(parsers.parse('ligt "{naam}" nog niet klaar'))
def not_yet(traject, naam):
    assert naam not in [t.name for t in traject.ready()]


@then(parsers.parse("zijn er bevindingen van {rollen}"))
def findings(traject, rollen):
    found = [b["discipline"] for b in traject.data["laatste_bevindingen"]]
    assert sorted(found) == sorted(roles(rollen))


@then(parsers.parse("mag de {rol} het logopedisch onderzoek niet afronden"))
def not_allowed(traject, rol):
    with pytest.raises(NotAllowed):
        traject.do("onderzoek_logopedisch", as_roles=[ROLE_NAMES[rol]])
    assert "onderzoek_logopedisch" in traject.investigations()
