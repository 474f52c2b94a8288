"""Forms that ask for the legal representatives again are answered from the child record."""

from __future__ import annotations

import json

import pytest

from engine.services.care.representatives import legal, prefill
from tests.conftest import FORMS

FAMILY = [{"naam": "Oma Rita", "relatie": "andere", "telefoon": "", "email": "", "wettelijk": False,
           "in_contact": True},
          {"naam": "Tom Peeters", "relatie": "vader", "telefoon": "", "email": "", "wettelijk": True,
           "in_contact": False},
          {"naam": "Sofie Janssens", "relatie": "moeder", "telefoon": "0470 12 34 56", "email": "",
           "wettelijk": True, "in_contact": True}]


def _form(name: str) -> dict:
    return json.loads((FORMS / name).read_text(encoding="utf-8"))


def test_only_legal_representatives_count_and_those_in_contact_come_first():
    assert [p["naam"] for p in legal(FAMILY)] == ["Sofie Janssens", "Tom Peeters"]


def test_the_consent_form_gets_every_legal_representative_and_leaves_their_answer_open():
    values, filled = prefill(_form("instemming.json"), {"instemming_datum": "2026-09-08"}, legal(FAMILY))
    assert filled == ["wettelijke_vertegenwoordigers"]
    assert values == {"instemming_datum": "2026-09-08", "wettelijke_vertegenwoordigers": [
        {"naam": "Sofie Janssens", "relatie": "moeder"}, {"naam": "Tom Peeters", "relatie": "vader"}]}


@pytest.mark.parametrize("form", ["a_document.json", "verslag.json"])
def test_the_recipient_of_the_documents_is_the_first_legal_representative(form):
    values, filled = prefill(_form(form), {}, legal(FAMILY))
    assert filled == ["ontvanger_documenten"]
    assert values["ontvanger_documenten"] == {"naam": "Sofie Janssens", "relatie": "moeder"}


def test_what_the_trajectory_recorded_wins():
    known = {"wettelijke_vertegenwoordigers": [{"naam": "Voogd X", "relatie": "voogd", "instemming": True}]}
    values, filled = prefill(_form("instemming.json"), known, legal(FAMILY))
    assert values == known and filled == []


def test_nothing_is_filled_for_a_reader_who_may_not_see_the_family_or_a_form_that_does_not_ask():
    assert prefill(_form("instemming.json"), {}, []) == ({}, [])
    assert prefill(_form("intake.json"), {}, legal(FAMILY)) == ({}, [])


def test_a_relation_the_form_does_not_know_is_left_for_the_person_to_choose():
    odd = [{"naam": "Jan", "relatie": "buurman", "wettelijk": True}]
    values, _ = prefill(_form("instemming.json"), {}, odd)
    assert values["wettelijke_vertegenwoordigers"] == [{"naam": "Jan"}]
