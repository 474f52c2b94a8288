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


def _strings(node, pointer=""):
    """Every schema in `node` that accepts a string, with its JSON pointer."""
    if isinstance(node, dict):
        kind = node.get("type")
        if kind == "string" or (isinstance(kind, list) and "string" in kind):
            yield pointer, node
        for key, value in node.items():
            yield from _strings(value, f"{pointer}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _strings(value, f"{pointer}/{index}")


def _a_choice(schema: dict) -> bool:
    options = schema.get("oneOf") or schema.get("anyOf")
    return "enum" in schema or "const" in schema or bool(options) and all("const" in o for o in options)


def test_every_text_in_every_shipped_form_has_a_maximum_length():
    import json

    from tests.conftest import FORMS
    unbounded = [f"{form.name}:{pointer}" for form in sorted(FORMS.glob("*.json"))
                 for pointer, schema in _strings(json.loads(form.read_text(encoding="utf-8")))
                 if "maxLength" not in schema and not _a_choice(schema)]
    assert unbounded == []


@pytest.mark.parametrize("value, code", [
    ("Sofie \u202eJanssens", "characters"), ("a\u2066b", "characters"), ("\x1b[31mrood", "characters"),
    ("nul\x00", "characters"), ("los\ud800", "characters"),
])
def test_text_with_hidden_characters_is_refused_with_its_path(shipped_guideline, value, code):
    schema = shipped_guideline.form("aanmelding.json")
    data = {"kind_geboortedatum": "2016-05-14", "aanmeldingsdatum": "2026-09-01", "aanleiding": "Vraag.",
            "aanmelder": {"naam": value, "organisatie": "CLB"}}
    found = {e.field: e for e in forms.errors(schema, data)}
    assert found["aanmelder.naam"].code == code and "U+" in found["aanmelder.naam"].message


def test_line_breaks_and_tabs_are_text(shipped_guideline):
    schema = shipped_guideline.form("aanmelding.json")
    data = {"kind_geboortedatum": "2016-05-14", "aanmeldingsdatum": "2026-09-01",
            "aanleiding": "Eerste regel.\r\nTweede regel.\n\tMet tab.",
            "aanmelder": {"naam": "Els", "organisatie": "CLB"}}
    assert [e for e in forms.errors(schema, data) if e.code == "characters"] == []


def test_a_hidden_character_in_a_list_item_names_the_item():
    schema = {"type": "object", "properties": {"rijen": {"type": "array", "items": {"type": "string", "maxLength": 9}}}}
    assert [(e.field, e.code) for e in forms.errors(schema, {"rijen": ["ok", "n\u202eiet"]})] == [
        ("rijen[1]", "characters")]
