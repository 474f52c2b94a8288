"""Checks a person expects that JSON Schema cannot express (engine/domain_checks): dates against
the child's birth and today, codes against their classification, the capability rule with the
age from the child record, VAPH codes when VAPH help is asked, and "Nee" never submitting."""

from __future__ import annotations

import copy
from datetime import date, datetime, timezone

import pytest

from engine import clock, domain_checks, forms, runtime
from engine.adocument import SUBMIT
from engine.casework import Casework
from engine.domain_checks import Facts
from tests.steps.trajectory import SCENARIOS

TODAY = date(2026, 12, 1)
DATED = {"type": "object", "properties": {
    "op": {"type": "string", "format": "date", "x-ekd-date": ["not-before-birth", "not-in-future"]},
    "rijen": {"type": "array", "items": {"type": "object", "properties": {
        "datum": {"type": "string", "format": "date", "x-ekd-date": "not-in-future"}}}}}}


def facts(**data) -> Facts:
    return Facts(today=TODAY, data={"kind_geboortedatum": "2016-05-14", **data})


def found(schema, data, known: Facts | None = None) -> dict[str, tuple[str, str]]:
    return {e.field: (e.code, e.message) for e in domain_checks.errors(schema, data, known or facts())}


@pytest.mark.parametrize("day, code", [
    ("2016-05-13", "date-before-birth"), ("2016-05-14", None), ("2026-12-01", None), ("2026-12-02", "date-in-future"),
])
def test_a_date_lies_between_the_childs_birth_and_today(day, code):
    problems = found(DATED, {"op": day})
    assert problems.get("op", (None,))[0] == code


def test_date_messages_say_why_in_dutch():
    assert found(DATED, {"op": "2016-01-01"})["op"][1] == "ligt vóór de geboortedatum van het kind (14/05/2016)"
    assert found(DATED, {"op": "2027-01-01"})["op"][1] == "ligt in de toekomst (vandaag is het 01/12/2026)"


def test_a_date_in_a_list_row_is_named_by_its_row():
    assert found(DATED, {"rijen": [{"datum": "2026-11-30"}, {"datum": "2026-12-24"}]}) == {
        "rijen[1].datum": ("date-in-future", "ligt in de toekomst (vandaag is het 01/12/2026)")}


def test_without_a_known_birth_date_only_today_counts():
    assert found(DATED, {"op": "1990-01-01"}, Facts(today=TODAY)) == {}


def test_a_date_the_schema_already_refuses_is_left_to_the_schema():
    assert found(DATED, {"op": "14/05/2016"}) == {}


CODED = {"type": "object", "properties": {"rijen": {"type": "array", "items": {"type": "object", "properties": {
    "systeem": {"type": "string", "oneOf": [{"const": s, "title": s} for s in ("DSM-5", "ICD-10", "ICD-11")]},
    "code": {"type": "string", "x-ekd-code": {"system-field": "systeem"}}}}},
    "stoornis": {"type": "string", "x-ekd-code": "VAPH-stoornis"},
    "handicap": {"type": "string", "x-ekd-code": "VAPH-handicap"}}}


@pytest.mark.parametrize("system, code, valid", [
    ("DSM-5", "F84.0", True), ("DSM-5", "299.00", True), ("DSM-5", "315.00", True), ("DSM-5", "F90.2", True),
    ("DSM-5", "Z63.0", True), ("DSM-5", "V61.20", True), ("DSM-5", "dyslexie", False), ("DSM-5", "6A02.0", False),
    ("ICD-10", "F84.0", True), ("ICD-10", "F84", True), ("ICD-10", "F70.01", True), ("ICD-10", "f84.0", False),
    ("ICD-10", "299.00", False), ("ICD-10", "6A02.0", False), ("ICD-10", "F8", False),
    ("ICD-11", "6A02.0", True), ("ICD-11", "6A02", True), ("ICD-11", "6A05.2", True), ("ICD-11", "6A00.1", True),
    ("ICD-11", "6A01.20", True), ("ICD-11", "MB23.A", True), ("ICD-11", "6A02.0&XS25", True),
    ("ICD-11", "F84.0", False), ("ICD-11", "6I02", False), ("ICD-11", "autisme", False),
])
def test_a_diagnosis_code_has_the_form_of_its_classification(system, code, valid):
    problems = found(CODED, {"rijen": [{"systeem": system, "code": code}]})
    assert ("rijen[0].code" not in problems) is valid, problems


@pytest.mark.parametrize("field, code, valid", [
    ("stoornis", "F84", True), ("stoornis", "F70", True), ("stoornis", "F84.0", True), ("stoornis", "30", False),
    ("stoornis", "autisme", False), ("handicap", "1200", True), ("handicap", "12", True), ("handicap", "F84", False),
    ("handicap", "12000", False),
])
def test_vaph_codes_have_their_form(field, code, valid):
    assert (field not in found(CODED, {field: code})) is valid


def test_a_code_message_names_the_classification_and_an_example():
    assert found(CODED, {"rijen": [{"systeem": "ICD-10", "code": "autisme"}]})["rijen[0].code"] == (
        "code-format", "is geen geldige ICD-10-code (bv. F84.0)")


@pytest.fixture(scope="module")
def consent(shipped_guideline):
    return shipped_guideline.form("instemming.json")


PARENT = [{"naam": "Sofie Janssens", "relatie": "moeder", "instemming": True}]


def consent_of(born: str, **answer) -> tuple[dict, Facts]:
    data = {"instemming_datum": "2026-09-08", "wettelijke_vertegenwoordigers": PARENT, "kind_instemming": "ja",
            "instemming_reikwijdte": ["diagnostiek"], **answer}
    return data, Facts(today=TODAY, data={"kind_geboortedatum": born})


@pytest.mark.parametrize("born, answer, expected", [
    ("2018-03-01", {"wettelijke_vertegenwoordigers": []},
     {"wettelijke_vertegenwoordigers": "capability-representative"}),
    ("2018-03-01", {}, {}),                                                       # heard, the parents decide
    ("2018-03-01", {"kind_instemming": "niet_gevraagd"}, {}),
    ("2013-03-02", {"kind_instemming": "niet_gevraagd"}, {"kind_instemming": "capability-ask-child"}),
    ("2013-03-02", {"kind_instemming": "niet_gevraagd", "bekwaamheid_oordeel": "niet_bekwaam",
                    "bekwaamheid_motivering": "Ernstige verstandelijke beperking, begrijpt de vraag niet."}, {}),
    ("2015-02-01", {"kind_instemming": "niet_gevraagd", "bekwaamheid_oordeel": "bekwaam",
                    "bekwaamheid_motivering": "Ze begrijpt goed wat het onderzoek inhoudt."},
     {"kind_instemming": "capability-ask-child"}),
    ("2008-05-01", {"wettelijke_vertegenwoordigers": []}, {}),                    # 18: the young adult alone
    ("2008-05-01", {"wettelijke_vertegenwoordigers": [], "kind_instemming": "niet_gevraagd"},
     {"kind_instemming": "capability-adult"}),
    ("2008-05-01", {"bekwaamheid_oordeel": "niet_bekwaam", "bekwaamheid_motivering": "Twijfel over begrip."},
     {"bekwaamheid_oordeel": "capability-adult-judgement"}),
    ("2008-09-09", {"wettelijke_vertegenwoordigers": []}, {"wettelijke_vertegenwoordigers":
                                                           "capability-representative"}),   # 18 the day after
])
def test_the_capability_rule_follows_the_age_on_the_day_of_consent(consent, born, answer, expected):
    data, known = consent_of(born, **answer)
    assert {field: code for field, (code, _) in found(consent, data, known).items()} == expected


def test_an_eight_year_old_consenting_alone_is_told_why(consent):
    data, known = consent_of("2018-03-01", wettelijke_vertegenwoordigers=[], bekwaamheid_oordeel="standaard")
    assert found(consent, data, known)["wettelijke_vertegenwoordigers"][1] == (
        "het kind is 8 jaar op de dag van de instemming: registreer het antwoord van minstens één wettelijke "
        "vertegenwoordiger (pas vanaf 18 jaar beslist de jongere alleen)")


def test_the_age_never_comes_from_typed_data(consent):
    data, _ = consent_of("2018-03-01", wettelijke_vertegenwoordigers=[])
    typed = {**data, "kind_geboortedatum": "2000-01-01"}          # not a field of the form: refused
    assert {e.field: e.code for e in forms.errors(consent, typed)}["kind_geboortedatum"] == "unknown"
    known = Facts(today=TODAY, data={"kind_geboortedatum": "2018-03-01"})
    assert "wettelijke_vertegenwoordigers" in found(consent, typed, known)


def test_without_a_birth_date_the_capability_rule_is_not_guessed(consent):
    data, _ = consent_of("2018-03-01", wettelijke_vertegenwoordigers=[])
    assert found(consent, data, Facts(today=TODAY)) == {}


@pytest.fixture(scope="module")
def conclusion(shipped_guideline):
    return shipped_guideline.form("conclusie.json")


CONCLUDED = {"diagnostische_conclusie": "ASS.", "advies": "Dagbesteding.",
             "classificaties": [{"systeem": "DSM-5", "code": "299.00", "omschrijving": "ASS"}]}


def test_a_vaph_request_needs_disorder_and_disability_codes(conclusion):
    asked = facts(vaph_hulp_gevraagd=True)
    assert found(conclusion, CONCLUDED, asked) == {
        "vaph_stoorniscodes": ("required-when", "is verplicht bij een VAPH-aanvraag"),
        "vaph_handicapcodes": ("required-when", "is verplicht bij een VAPH-aanvraag")}
    assert set(found(conclusion, {**CONCLUDED, "vaph_stoorniscodes": [], "vaph_handicapcodes": []}, asked)) == {
        "vaph_stoorniscodes", "vaph_handicapcodes"}
    coded = {**CONCLUDED, "vaph_stoorniscodes": [{"code": "F84"}], "vaph_handicapcodes": [{"code": "1200"}]}
    assert found(conclusion, coded, asked) == {}
    assert found(conclusion, CONCLUDED, facts(vaph_hulp_gevraagd=False)) == {}


def test_validate_without_a_trajectory_still_checks_codes_and_today(shipped_guideline):
    """The A-document's own form and the page's agreement are validated without a task."""
    with pytest.raises(forms.FormInvalid) as invalid:
        forms.validate(shipped_guideline.form("a_document.json"), {"vaph_stoorniscodes": [{"code": "dertig"}]})
    assert [(e.field, e.code) for e in invalid.value.errors] == [("vaph_stoorniscodes[0].code", "code-format")]
    with clock.frozen(datetime(2026, 12, 1, 12, tzinfo=timezone.utc)), pytest.raises(forms.FormInvalid) as late:
        forms.validate(shipped_guideline.form("akkoord_client.json"),
                       {"akkoord_datum": "2027-01-05", "akkoorden": [{"naam": "An", "rol": "kind", "akkoord": True}]})
    assert [(e.field, e.code) for e in late.value.errors] == [("akkoord_datum", "date-in-future")]


# -- through Casework: the same checks for the server, `ekd simulate` and the features --------

def task(element: str, form: str, data: dict, action: str | None = None) -> runtime.ReadyTask:
    return runtime.ReadyTask(id="t", element=element, name=element, lane="coordinator", form=form, path=element,
                             data=data, action=action)


@pytest.fixture
def casework(shipped_guideline):
    with clock.frozen(datetime(2026, 12, 1, 12, tzinfo=timezone.utc)):
        yield Casework(shipped_guideline)


def test_nee_on_the_submission_is_refused_at_the_field(casework):
    submission = task("a_document_indienen", "indienen.json", {}, SUBMIT)
    with pytest.raises(forms.FormInvalid) as invalid:
        casework.prepare(submission, {"indienen_bevestigd": False})
    assert [(e.field, e.code) for e in invalid.value.errors] == [("indienen_bevestigd", "confirm-submit")]
    assert "kies Ja" in invalid.value.errors[0].message
    assert casework.prepare(submission, {"indienen_bevestigd": True})["indienen_bevestigd"] is True


def test_the_birth_date_of_the_record_is_not_overwritten(casework):
    registration = copy.deepcopy(SCENARIOS["standaard"]["aanmelding"])
    known = task("aanmelding", "aanmelding.json", {"kind_geboortedatum": "2016-05-14"})
    with pytest.raises(forms.FormInvalid) as invalid:
        casework.prepare(known, {**registration, "kind_geboortedatum": "2008-05-14"})
    assert [(e.field, e.code) for e in invalid.value.errors] == [("kind_geboortedatum", "read-only")]
    registration.pop("kind_geboortedatum")
    assert casework.prepare(known, registration)["kind_geboortedatum"] == "2016-05-14"   # taken from the record


def test_casework_checks_dates_against_the_birth_date_it_knows(casework):
    registration = {**SCENARIOS["standaard"]["aanmelding"], "aanmeldingsdatum": "2015-01-10"}
    with pytest.raises(forms.FormInvalid) as invalid:
        casework.prepare(task("aanmelding", "aanmelding.json", {"kind_geboortedatum": "2016-05-14"}), registration)
    assert [(e.field, e.code) for e in invalid.value.errors] == [("aanmeldingsdatum", "date-before-birth")]


def test_simulate_refuses_nee_on_the_submission(tmp_path):
    from engine.errors import EkdError
    from engine.simulation import simulate
    from tests.conftest import FORMS, PROCESSES
    answers = copy.deepcopy(SCENARIOS["standaard"])
    answers["a_document_indienen"] = {"indienen_bevestigd": False}
    with pytest.raises(EkdError, match="a_document_indienen.*indienen_bevestigd: kies Ja"):
        simulate([PROCESSES], "diagnostisch_traject", answers, forms_dir=FORMS)
