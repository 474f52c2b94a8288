"""Task data is checked against its form, with one clear Dutch message per field."""

from __future__ import annotations

import pytest

from engine import forms


def test_errors_name_each_field_in_dutch(shipped_guideline):
    schema = shipped_guideline.form("aanmelding.json")
    data = {"kind_geboortedatum": "14/05/2016", "aanmelder": {"naam": ""}, "aanleiding": "x", "onbekend": 1}
    found = {e.field: e.message for e in forms.errors(schema, data)}
    assert found == {
        "kind_geboortedatum": "moet een datum (JJJJ-MM-DD) zijn",
        "aanmeldingsdatum": "is verplicht",
        "aanmelder.naam": "mag niet leeg zijn",
        "aanmelder.organisatie": "is verplicht",
        "onbekend": "is geen veld van dit formulier",
    }


def test_choices_and_conditional_requirements(shipped_guideline):
    schema = shipped_guideline.form("instemming.json")
    data = {"instemming_datum": "2026-09-08", "wettelijke_vertegenwoordigers": [],
            "kind_instemming": "misschien", "instemming_reikwijdte": [],
            "bekwaamheid_oordeel": "bekwaam"}
    found = {e.field: e.code for e in forms.errors(schema, data)}
    assert found == {"kind_instemming": "enum", "instemming_reikwijdte": "minItems",
                     "bekwaamheid_motivering": "required"}


def test_valid_data_passes_and_gets_its_defaults(shipped_guideline):
    schema = shipped_guideline.form("screening.json")
    data = {"crisis": False, "urgentie": "laag", "motivering_urgentie": "Geen acute nood."}
    forms.validate(schema, data)
    assert forms.with_defaults(schema, data)["veiligheidsrisico"] is False


def test_invalid_data_raises_with_every_problem(shipped_guideline):
    with pytest.raises(forms.FormInvalid) as invalid:
        forms.validate(shipped_guideline.form("screening.json"), {"crisis": "ja"}, "screening.json")
    assert {e.field for e in invalid.value.errors} == {"crisis", "urgentie", "motivering_urgentie"}


def test_a_form_must_be_a_valid_object_schema():
    assert forms.schema_problems({"type": "object", "properties": {"a": {"type": "datum"}}})
    assert forms.schema_problems({"type": "array"}) == ["een formulier moet 'type': 'object' hebben"]
    assert forms.schema_problems({"type": "object"}) == []
