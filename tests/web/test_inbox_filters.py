"""The inbox says when its filters hide tasks, how many, and how to see them all again."""

from __future__ import annotations

from datetime import date

import pytest

from tests.store.helpers import make_child, run_scenario, start_with_team


@pytest.fixture
def busy(services, everyone):
    """Someone in every lane of a trajectory at its investigations: four of them and an escalation."""
    child = make_child(services, everyone, "14012012392", date(2014, 1, 20))
    trajectory = start_with_team(services, child, everyone)
    run_scenario(services, trajectory, everyone, "vaph_aanvraag", stop_at="onderzoek_psychologisch")
    assert len(services.inbox.tasks(everyone)) == 5
    return everyone


def test_without_filters_nothing_is_said(browser, busy):
    page = browser("alleskunner").get("/taken?sorteer=kind")            # sorting hides nothing
    assert "De filters verbergen" not in page.text and "Filters wissen" not in page.text


def test_a_filter_says_how_many_tasks_it_hides_and_links_to_all(browser, services, busy):
    person = browser("alleskunner")
    page = person.get("/taken?rol=psychologist")
    assert "De filters verbergen 4 taken." in page.text
    assert '<a href="/taken">Filters wissen en alle taken tonen</a>' in page.text
    services.inbox.claim(services.inbox.tasks(busy)[0].task_id, busy)
    assert "De filters verbergen 1 taak." in person.get("/taken?genomen=vrij").text
    none = person.get("/taken?te_laat=1")
    assert "De filters verbergen 5 taken." in none.text and "Geen taken die aan de filters voldoen." in none.text
    everything = person.get("/taken?zoek=Peeters")
    assert "Er zijn filters actief; ze verbergen geen taken." in everything.text
    assert services.inbox.listing(busy, lane="physician").hidden == 4


def test_the_notice_speaks_english_with_plurals(browser, busy):
    person = browser("alleskunner")
    person.post("/taal", {"lang": "en", "next": "/taken"})
    assert "The filters hide 4 tasks." in person.get("/taken?rol=physician").text
