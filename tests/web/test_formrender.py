"""Reading a submitted form back into data, shaped by its JSON Schema."""

from __future__ import annotations

from werkzeug.datastructures import MultiDict

from engine import forms
from web import formrender

SCHEMA = {"type": "object", "properties": {
    "tekst": {"type": "string", "maxLength": 200}, "lang": {"type": "string", "maxLength": 5000},
    "getal": {"type": "integer"}, "bedrag": {"type": "number"}, "datum": {"type": "string", "format": "date"},
    "keuze": {"type": "string", "oneOf": [{"const": "a", "title": "A"}, {"const": "b", "title": "B"}]},
    "meer": {"type": "array", "items": {"type": "string", "oneOf": [{"const": "x", "title": "X"},
                                                                  {"const": "y", "title": "Y"}]}},
    "janee": {"type": "boolean"},
    "groep": {"type": "object", "properties": {"naam": {"type": "string"}}},
    "rijen": {"type": "array", "items": {"type": "object", "properties": {"code": {"type": "string"},
                                                                          "n": {"type": "integer"}}}}}}


def test_every_type_is_read_back():
    form = MultiDict([("tekst", " hallo "), ("lang", "regel 1\r\nregel 2"), ("getal", "12"), ("bedrag", "3,5"),
                      ("datum", "2026-09-15"), ("keuze", "b"), ("meer", "x"), ("meer", "y"), ("janee", "nee"),
                      ("groep.naam", "An"), ("rijen.__present__", "1"), ("rijen.0.code", "A1"), ("rijen.0.n", "1"),
                      ("rijen.7.code", "B2"), ("rijen.3.code", "")])
    assert formrender.parse(SCHEMA, form) == {
        "tekst": "hallo", "lang": "regel 1\nregel 2", "getal": 12, "bedrag": 3.5, "datum": "2026-09-15",
        "keuze": "b", "meer": ["x", "y"], "janee": False, "groep": {"naam": "An"},
        "rijen": [{"code": "A1", "n": 1}, {"code": "B2"}]}


def test_empty_fields_are_left_out_so_required_and_defaults_apply():
    assert formrender.parse(SCHEMA, MultiDict([("tekst", ""), ("groep.naam", ""), ("meer.__present__", "1")])) == \
        {"meer": []}


def test_wrong_numbers_reach_the_validator_as_text():
    data = formrender.parse(SCHEMA, MultiDict([("getal", "twaalf")]))
    assert data == {"getal": "twaalf"}
    assert forms.errors(SCHEMA, data)[0].field == "getal"


def test_built_fields_carry_values_errors_and_browser_hints():
    fields = formrender.build(SCHEMA, {"rijen": [{"code": "A"}]}, {"rijen.0.code": "is verplicht"},
                              lambda pointer, dutch: dutch)
    kinds = {f.name: f.kind for f in fields}
    assert kinds == {"tekst": "text", "lang": "textarea", "getal": "integer", "bedrag": "number", "datum": "date",
                     "keuze": "choice", "meer": "multi", "janee": "yesno", "groep": "group", "rijen": "list"}
    rows = next(f for f in fields if f.name == "rijen").rows
    assert rows[0][0].value == "A" and rows[0][0].error == "is verplicht"
    assert next(f for f in fields if f.name == "tekst").attributes["maxlength"] == 200
