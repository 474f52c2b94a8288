"""Steps for features/instemming.feature."""

from __future__ import annotations

from pytest_bdd import given, parsers, scenarios, then, when

scenarios("instemming.feature")

PARENTS = [{"naam": "Sofie Janssens", "relatie": "moeder", "instemming": True}]
ANSWERS = {"weigert": "nee", "instemt": "ja"}


def reach_consent(traject):
    if "instemming" not in [t.element for t in traject.ready()]:
        traject.do("aanmelding")
        traject.do("screening")


@when(parsers.parse('de ouders instemmen en het kind "{antwoord}" op {datum}'))
def parents_consent(traject, antwoord, datum):
    reach_consent(traject)
    traject.do("instemming", {"instemming_datum": datum, "wettelijke_vertegenwoordigers": PARENTS,
                              "kind_instemming": ANSWERS[antwoord], **getattr(traject, "judgement", {})})


@when(parsers.parse('er geen vertegenwoordiger instemt en de jongere "{antwoord}" op {datum}'))
def young_adult_alone(traject, antwoord, datum):
    reach_consent(traject)
    traject.do("instemming", {"instemming_datum": datum, "wettelijke_vertegenwoordigers": [],
                              "kind_instemming": ANSWERS[antwoord]})


@given(parsers.parse('het team het kind bekwaam acht omdat "{motivering}"'))
def judged_capable(traject, motivering):
    traject.judgement = {"bekwaamheid_oordeel": "bekwaam", "bekwaamheid_motivering": motivering}


@when("de coördinator het traject afsluit")
def close(traject):
    traject.do("bemiddeling", {"bemiddeling_resultaat": "afsluiten",
                               "bemiddeling_toelichting": "Geen instemming na gesprek."})


@when("de coördinator na bemiddeling de instemming opnieuw vraagt")
def ask_again(traject):
    traject.do("bemiddeling", {"bemiddeling_resultaat": "opnieuw_vragen",
                               "bemiddeling_toelichting": "Tweede gesprek gepland."})


@then(parsers.parse('is de instemming "{status}"'))
def consent_status(traject, status):
    assert traject.data["instemming_status"] == status, traject.data.get("instemming_reden")


@then("is het kind bekwaam bevonden")
def found_capable(traject):
    assert traject.data["bekwaam"] is True


@then(parsers.parse("is het kind {leeftijd:d} jaar bij de instemming"))
def age_at_consent(traject, leeftijd):
    assert traject.data["leeftijd_bij_instemming"] == leeftijd
