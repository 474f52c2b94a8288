"""The auditors' redaction rule (engine/access.py): pseudonyms keyed apart from the database, ages as
bands, free text hidden, the guideline's choices, dates, flags and numbers shown."""

from __future__ import annotations

from datetime import date

import pytest

from engine import access, guidelines
from engine.access import HIDDEN, Field
from engine.actors import Actor
from engine.history.chain import Key
from tests.conftest import FORMS, PROCESSES

KEY = Key.of("een-auditsleutel")
ON = date(2026, 10, 1)
KINDS = {"urgentie": Field.CODE, "intake_datum": Field.DATE, "aanleiding": Field.TEXT, "crisis": Field.FLAG,
         "totaal_iq": Field.NUMBER, "naam": Field.TEXT}


def test_a_pseudonym_is_stable_per_child_and_differs_between_children_and_keys():
    first = access.pseudonym(KEY, "kind-1")
    assert first == access.pseudonym(KEY, "kind-1") and first.startswith("K-") and len(first) == 12
    assert first != access.pseudonym(KEY, "kind-2")
    assert first != access.pseudonym(Key.of("een-andere-sleutel"), "kind-1")


def test_the_pseudonyms_key_is_not_the_chains_key():
    sub = access.pseudonym_key(KEY)
    assert sub.secret != KEY.secret and sub.mac("kind", "x") != KEY.mac("kind", "x")


@pytest.mark.parametrize(("born", "band"), [
    (date(2025, 1, 1), "0-2"), (date(2022, 10, 1), "3-5"), (date(2022, 10, 2), "3-5"), (date(2016, 5, 14), "6-11"),
    (date(2010, 1, 1), "12-17"), (date(2004, 1, 1), "18-24"), (date(1990, 1, 1), "25+")])
def test_ages_are_bands(born, band):
    assert access.age_band(born, ON) == band


@pytest.mark.parametrize(("name", "value", "shown", "hidden"), [
    ("urgentie", "gemiddeld", "gemiddeld", False),
    ("urgentie", "Iets Vrij", HIDDEN, True),                 # not a choice's value
    ("intake_datum", "2026-09-15", "2026-09-15", False),
    ("aanleiding", "Lotte heeft moeite met lezen", HIDDEN, True),
    ("naam", "Sofie Janssens", HIDDEN, True),
    ("crisis", False, False, False),
    ("totaal_iq", 97, 97, False),
    ("kind_geboortedatum", "2016-05-14", "6-11", True),
    ("onbekend_veld", "psychologist", "psychologist", False),   # an identifier a script set
    ("onbekend_veld", "16051412351", HIDDEN, True),             # digits: an INSZ is never shown
    ("onbekend_veld", "Lotte", HIDDEN, True),
    ("onbekend_veld", {"geen": "blad"}, HIDDEN, True),
    (None, None, None, False),
])
def test_one_value_as_an_auditor_sees_it(name, value, shown, hidden):
    assert access.redact(name, value, KINDS, ON) == (shown, hidden)


def test_the_shipped_forms_free_text_is_text_and_their_choices_codes():
    kinds = access.field_kinds(guidelines.load([PROCESSES], FORMS).forms)
    for name in ("aanleiding", "hulpvraag_kind", "naam", "telefoon", "email", "visie_ouders", "gezinssituatie"):
        assert kinds[name] is Field.TEXT, name
    for name in ("urgentie", "gekozen_disciplines", "relatie", "kind_instemming"):
        assert kinds[name] is Field.CODE, name
    assert kinds["intake_datum"] is Field.DATE and kinds["crisis"] is Field.FLAG


def test_conflicting_kinds_of_one_name_are_free_text():
    forms = {"a": {"properties": {"x": {"type": "string", "enum": ["ja"]}}},
             "b": {"properties": {"x": {"type": "string"}}}}
    assert access.field_kinds(forms)["x"] is Field.TEXT


def test_only_auditors_use_the_workbench_and_a_reveal_needs_a_reason():
    access.require_auditor(Actor("a", "a", frozenset({"auditor"})))
    with pytest.raises(access.Forbidden):
        access.require_auditor(Actor("q", "q", frozenset({"quality_center", "coordinator"})))
    with pytest.raises(access.Forbidden, match="reden"):
        access.reveal_reason("   kort ")
    assert access.reveal_reason("  dossier   nakijken na klacht ") == "dossier nakijken na klacht"
