"""Steps for features/controles.feature."""

from __future__ import annotations

import copy
from datetime import datetime

from pytest_bdd import given, parsers, scenarios, then, when

from engine.forms import FormInvalid
from tests.conftest import BELGIUM
from tests.steps.trajectory import SCENARIOS

scenarios("controles.feature")

PARENTS = [{"naam": "Sofie Janssens", "relatie": "moeder", "instemming": True}]


def reach_consent(traject):
    traject.run_until_named("Informeren en instemming")


@when(parsers.parse("de coördinator de instemming registreert zonder vertegenwoordiger, met het kind dat instemt "
                    "op {datum}"))
def alone(traject, datum):
    reach_consent(traject)
    traject.try_do("instemming", {"instemming_datum": datum, "wettelijke_vertegenwoordigers": [],
                                  "kind_instemming": "ja", "bekwaamheid_oordeel": "standaard"})


@given(parsers.parse('het team het kind niet bekwaam acht omdat "{motivering}"'))
def judged_not_capable(traject, motivering):
    traject.answers["instemming"].update({"bekwaamheid_oordeel": "niet_bekwaam",
                                          "bekwaamheid_motivering": motivering})


@when(parsers.parse("de ouders instemmen en het kind niet gevraagd wordt op {datum}"))
def not_asked(traject, datum):
    reach_consent(traject)
    traject.try_do("instemming", {"instemming_datum": datum, "wettelijke_vertegenwoordigers": PARENTS,
                                  "kind_instemming": "niet_gevraagd"})


@then(parsers.parse('is de instemming "{status}"'))
def consent_status(traject, status):
    assert traject.error is None, traject.error
    assert traject.data["instemming_status"] == status, traject.data.get("instemming_reden")


@when(parsers.parse("de coördinator bij de aanmelding de geboortedatum {datum} intypt"))
def typed_birth_date(traject, datum):
    traject.try_do("aanmelding", {"kind_geboortedatum": datum})


@when(parsers.parse("de coördinator de aanmelding registreert met aanmeldingsdatum {datum}"))
def registered_on(traject, datum):
    traject.try_do("aanmelding", {"aanmeldingsdatum": datum})


@when(parsers.parse("de psycholoog op {vandaag} een test registreert van {datum}"))
def dated_test(traject, test_clock, vandaag, datum):
    test_clock.set(datetime.fromisoformat(f"{vandaag}T10:00").replace(tzinfo=BELGIUM))
    finding = copy.deepcopy(traject.answers["onderzoek_psychologisch"]["bevinding"])
    finding["afgenomen_onderzoeken"][0]["datum"] = datum
    traject.try_do("onderzoek_psychologisch", {"bevinding": finding}, on_the_day=False)


@when(parsers.parse('de conclusie de {systeem}-code "{code}" geeft'))
def concluded_with(traject, systeem, code):
    traject.try_do("conclusie", {"classificaties": [{"systeem": systeem, "code": code,
                                                     "omschrijving": "Specifieke leerstoornis"}]})


@then(parsers.parse("is de code {oordeel}"))
def code_judged(traject, oordeel):
    if oordeel == "aanvaard":
        assert traject.error is None, traject.error
        assert "conclusie" in traject.path
    else:
        assert isinstance(traject.error, FormInvalid), traject.error
        assert [(e.field, e.code) for e in traject.error.errors] == [("classificaties[0].code", "code-format")]


@given("het traject vraagt VAPH-ondersteuning")
def vaph(traject):
    traject.answers = copy.deepcopy(SCENARIOS["vaph_aanvraag"])


@when("de conclusie zonder VAPH-codes ingediend wordt")
def without_vaph_codes(traject):
    traject.answers["conclusie"].pop("vaph_stoorniscodes")
    traject.answers["conclusie"].pop("vaph_handicapcodes")
    traject.try_do("conclusie", {})


@when(parsers.parse('de coördinator op "Ik dien het A-document in" Nee antwoordt'))
def says_no(traject):
    traject.try_do("a_document_indienen", {"indienen_bevestigd": False})


@then("is het traject nog niet afgerond")
def not_completed(traject):
    assert not traject.instance.completed
    assert "traject_afgerond" not in traject.path


@when(parsers.parse('de psycholoog niet ondertekent omdat "{reden}"'))
def does_not_sign(traject, reden):
    traject.do("ondertekenen_psychologisch", {"akkoord_met_verslag": False, "opmerkingen_bij_verslag": reden})


@when("de logopedist ondertekent")
def signs(traject):
    traject.do("ondertekenen_logopedisch", {"akkoord_met_verslag": True})
