"""Recorded values as people read them (engine/presentation.py, engine/adocument/display.py): pure
rules, table-driven, no app and no database."""

from __future__ import annotations

import json
from datetime import date, datetime, timezone

import pytest

from engine.adocument import display
from engine.adocument.assemble import assemble, recorded
from engine.adocument.sections import seal
from engine.presentation import Item, Kind, Text, present
from tests.conftest import FORMS


def _form(name: str) -> dict:
    return json.loads((FORMS / name).read_text(encoding="utf-8"))


def _flat(items, prefix="") -> dict[str, Item]:
    found = {}
    for item in items:
        found[prefix + item.key] = item
        found.update(_flat(item.items, f"{prefix}{item.key}."))
    return found


SCHEMA = {"type": "object", "properties": {
    "zin": {"type": "string", "title": "Zin", "maxLength": 200},
    "verhaal": {"type": "string", "title": "Verhaal", "maxLength": 10000},
    "getal": {"type": "number", "title": "Getal"},
    "aantal": {"type": "integer", "title": "Aantal"},
    "ja": {"type": "boolean", "title": "Ja of nee"},
    "keuze": {"type": "string", "title": "Keuze", "oneOf": [{"const": "een_ding", "title": "Eén ding"},
                                                           {"const": "ander", "title": "Iets anders"}]},
    "opsomming": {"enum": ["rood", "groen"], "title": "Kleur"},
    "dag": {"type": "string", "format": "date", "title": "Dag"},
    "moment": {"type": "string", "format": "date-time", "title": "Moment"},
    "lijst": {"type": "array", "title": "Lijst", "items": {"type": "string"}},
    "keuzes": {"type": "array", "title": "Keuzes", "items": {"oneOf": [{"const": "a", "title": "Aa"}]}},
    "rijen": {"type": "array", "title": "Rijen", "items": {"type": "object", "properties": {
        "naam": {"type": "string", "title": "Naam"}, "op": {"type": "string", "format": "date", "title": "Op"}}}},
    "groep": {"type": "object", "title": "Groep", "properties": {
        "binnen": {"type": "object", "title": "Binnen", "properties": {"diep": {"type": "boolean", "title": "Diep"}}}}},
}}


@pytest.mark.parametrize("key, value, kind, shown", [
    ("zin", "kort", Kind.TEXT, "kort"),
    ("verhaal", "lang\nverhaal", Kind.LONG_TEXT, "lang\nverhaal"),
    ("getal", 3.5, Kind.NUMBER, 3.5),
    ("aantal", 7, Kind.NUMBER, 7),
    ("ja", False, Kind.BOOLEAN, False),
    ("keuze", "een_ding", Kind.CHOICE, Text("Eén ding", "f.json", "/properties/keuze/oneOf/0/title")),
    ("opsomming", "groen", Kind.CHOICE, Text("groen")),
    ("dag", "2018-03-21", Kind.DATE, date(2018, 3, 21)),
    ("moment", "2026-03-21T13:05:00+00:00", Kind.MOMENT, datetime(2026, 3, 21, 13, 5, tzinfo=timezone.utc)),
    ("dag", "", Kind.DATE, None),
])
def test_every_type_is_shown_by_its_schema(key, value, kind, shown):
    item = _flat(present(SCHEMA, {key: value}, "f.json"))[key]
    assert (item.kind, item.value) == (kind, shown)
    assert item.label == Text(SCHEMA["properties"][key]["title"], "f.json", f"/properties/{key}/title")


def test_lists_and_nested_objects_keep_every_entry_in_order():
    items = _flat(present(SCHEMA, {"lijst": ["x", "y"], "keuzes": ["a"],
                                   "rijen": [{"op": "2026-01-02", "naam": "b"}, {"naam": "c"}],
                                   "groep": {"binnen": {"diep": True}}}, "f.json"))
    assert [i.value for i in items["lijst"].items] == ["x", "y"]
    assert items["keuzes.0"].value == Text("Aa", "f.json", "/properties/keuzes/items/oneOf/0/title")
    assert [i.key for i in items["rijen.0"].items] == ["naam", "op"]              # the form's order
    assert items["rijen.0.op"].value == date(2026, 1, 2) and items["rijen.1.op"].value is None
    assert items["rijen"].table
    assert items["groep.binnen.diep"].value is True
    assert items["groep.binnen.diep"].label.pointer == "/properties/groep/properties/binnen/properties/diep/title"


def test_fields_come_in_the_forms_order_and_nothing_recorded_is_left_out():
    data = dict(sorted({"ja": True, "zin": "z", "onbekend_veld": "los", "groep": {}}.items()))  # stored sorted
    keys = [i.key for i in present(SCHEMA, data)]
    assert keys == [*SCHEMA["properties"], "onbekend_veld"]
    extra = present(SCHEMA, data)[-1]
    assert extra.label == Text("Onbekend veld") and extra.value == "los"


def test_without_a_schema_the_value_says_what_it_is():
    items = _flat(present(None, {"klaar": True, "op": "2026-05-01", "n": 4, "rijen": [{"a": "b"}]}))
    assert [items[k].kind for k in ("klaar", "op", "n", "rijen", "rijen.0")] == [
        Kind.BOOLEAN, Kind.DATE, Kind.NUMBER, Kind.LIST, Kind.GROUP]


def test_a_choice_outside_the_options_and_a_date_that_does_not_parse_still_show():
    items = _flat(present(SCHEMA, {"keuze": "verdwenen", "dag": "morgen"}))
    assert items["keuze"].value == Text("verdwenen") and (items["dag"].kind, items["dag"].value) == (Kind.TEXT,
                                                                                                    "morgen")


def test_every_shipped_form_reads_back_every_field_it_can_record():
    for path in sorted(FORMS.glob("*.json")):
        schema = json.loads(path.read_text(encoding="utf-8"))
        items = present(schema, {}, path.name)
        assert [i.key for i in items] == list(schema.get("properties", {})), path.name
        assert all(i.label.form == path.name for i in items), path.name


# -- the A-document ---------------------------------------------------------------------------------

MEDICAL = {"bevinding": {"samenvatting": "s", "conclusie": "c", "anamnese": "a", "medische_bevindingen": "m",
                         "medicatie": [{"naam": "Melatonine", "dosis": "2 mg"}],
                         "diagnosecodes": [{"systeem": "ICD-11", "code": "6A02"}],
                         "afgenomen_onderzoeken": [{"instrument": "WISC-V", "datum": "2026-10-06",
                                                    "resultaat": "TIQ 101"}]}}
PSYCHOLOGICAL = {"bevinding": {"samenvatting": "s", "conclusie": "c", "totaal_iq": 101,
                               "afgenomen_onderzoeken": [{"instrument": "WISC-V", "datum": "2026-10-07",
                                                          "resultaat": "r"}]}}


def _content():
    facts, findings = recorded([("physician", MEDICAL, "onderzoek_medisch.json"),
                                ("psychologist", PSYCHOLOGICAL, "onderzoek_psychologisch.json"),
                                ("coordinator", {"urgentie": "hoog", "crisis": False, "vaph_hulp_gevraagd": True,
                                                 "typemodules": [{"typemodule": "verblijf", "termijn": "12 maanden"}]},
                                 "verslag.json")])
    child = {"naam": "Lotte", "insz": "16051412351", "geboortedatum": "2016-05-14",
             "representatives": [{"naam": "Sofie", "relatie": "moeder", "wettelijk": True}]}
    return assemble(child, facts, findings, {})


def _forms(name):
    path = FORMS / name
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else None


def test_the_findings_keep_every_field_and_the_form_they_were_recorded_in():
    content = _content()
    medical = content["medisch"]["bevindingen"][0]
    assert medical["medicatie"] == [{"naam": "Melatonine", "dosis": "2 mg"}]
    assert medical["formulier"] == "onderzoek_medisch.json" and medical["discipline"] == "physician"
    assert content["diagnostiek"]["bevindingen"][0]["totaal_iq"] == 101


def test_the_a_documents_reading_shows_lists_choices_dates_and_yes_no():
    sections = {s.key: _flat(s.items) for s in display.sections(_content(), _forms)}
    medical = sections["diagnostiek"]["medisch.physician-1.medicatie.0.naam"]
    assert medical.value == "Melatonine"
    assert sections["diagnostiek"]["medisch.physician-1.diagnosecodes.0.systeem"].value.dutch == "ICD-11"
    assert sections["diagnostiek"]["psychologist-1.afgenomen_onderzoeken.0.datum"].value == date(2026, 10, 7)
    assert sections["diagnostiek"]["psychologist-1.totaal_iq"].value == 101
    assert sections["urgentie"]["urgentie"].value.dutch == "Hoog"
    assert sections["urgentie"]["crisis"].kind is Kind.BOOLEAN
    assert sections["gewenste_jeugdhulp"]["typemodules.0.typemodule"].value.dutch == "Verblijf"
    assert sections["identificatie"]["minderjarige.insz"].kind is Kind.INSZ
    assert sections["identificatie"]["wettelijke_vertegenwoordigers.0.relatie"].value == Text("Moeder")
    assert sections["identificatie"]["ontvanger_documenten"].missing            # a regievoorwaarde
    assert sections["financieel"]["bestemming_kinderbijslag"].missing           # verblijf touches the benefit


def test_a_sealed_section_reads_as_sealed_and_shows_none_of_its_content():
    sections = display.sections(seal(_content()), _forms)
    flat = _flat(next(s for s in sections if s.key == "diagnostiek").items)
    assert flat["medisch"].kind is Kind.SEALED and not any(k.startswith("medisch.") for k in flat)
    assert "Melatonine" not in repr(sections)


def test_an_a_document_of_an_unknown_guideline_still_reads():
    sections = display.sections(_content(), lambda name: None)
    flat = _flat(next(s for s in sections if s.key == "diagnostiek").items)
    assert flat["medisch.physician-1.medicatie.0.naam"].value == "Melatonine"
    assert flat["psychologist-1.afgenomen_onderzoeken.0.datum"].value == date(2026, 10, 7)
