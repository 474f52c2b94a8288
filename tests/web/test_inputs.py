"""Names, free text and searches: bounded, without hidden characters, refused with the field and the reason."""

from __future__ import annotations

import pytest

from tests.web.test_api import token
from tests.web.test_pages import register

PROBLEM = "application/problem+json"


def _field_errors(response) -> dict[str, str]:
    assert response.content_type == PROBLEM, response.data[:300]
    return {e["field"]: e["message"] for e in response.json["errors"]}


# -- task form data -------------------------------------------------------------------------

def test_task_data_with_a_bidi_override_is_422_with_the_field(app, people, team_trajectory):
    client, auth = app.test_client(), token(app, "psychologist")
    task = client.get("/api/v1/tasks", headers=auth).json[0]["id"]
    response = client.post(f"/api/v1/tasks/{task}/complete", headers=auth,
                           json={"bevinding": {"samenvatting": "Kort \u202eesrever.", "conclusie": "Geen."}})
    assert response.status_code == 422
    assert ("bevinding.samenvatting", "characters") in {(e["field"], e["code"]) for e in response.json["errors"]}


def test_the_task_page_shows_a_control_character_next_to_its_field(browser, people, services, team_trajectory):
    task = next(r.task_id for r in services.inbox.tasks(people["psychologist"])
                if r.element == "onderzoek_psychologisch")
    page = browser("psychologist").post(f"/taken/{task}", {"actie": "afronden", "bevinding.samenvatting": "a\x1b[2Jb",
                                                           "bevinding.conclusie": "Geen."}, token_from=f"/taken/{task}")
    assert page.status_code == 422
    assert 'id="f-bevinding-samenvatting-error"' in page.text and "stuurteken" in page.text


# -- names ------------------------------------------------------------------------------------

def test_a_ten_thousand_character_name_is_not_stored(browser, people, services):
    page = register(browser("coordinator"), voornaam="L" * 10_000)
    assert page.status_code == 422
    assert 'id="e-voornaam"' in page.text and "hoogstens 100 tekens" in page.text
    assert services.children.visible(people["coordinator"]) == []


def test_a_bidi_override_in_a_representatives_name_is_shown_at_that_field(browser, people, services):
    page = register(browser("coordinator"), **{"vertegenwoordiger.0.naam": "Sofie \u202eJanssens"})
    assert page.status_code == 422
    assert 'id="e-vertegenwoordiger.0.naam"' in page.text and "U+202E" in page.text
    assert services.children.visible(people["coordinator"]) == []


def test_the_registry_refuses_names_whoever_calls_it(services, everyone):
    from datetime import date

    from engine.text import InvalidInput
    with pytest.raises(InvalidInput) as refused:
        services.children.register("16051412351", "Lotte", "Peeters", date(2016, 5, 14), everyone,
                                   [{"naam": "Sofie", "relatie": "moeder", "telefoon": "0470\x00", "email": "",
                                     "wettelijk": True, "in_contact": True}])
    assert refused.value.field == "vertegenwoordiger[0].telefoon"


# -- searches ---------------------------------------------------------------------------------

def test_a_fifty_thousand_character_search_is_422_at_the_search_field(browser, people, team_trajectory):
    psychologist = browser("psychologist")
    for url in ("/kinderen", "/taken"):
        page = psychologist.get(f"{url}?zoek={'x' * 50_000}")
        assert page.status_code == 422, url
        assert 'id="e-zoek"' in page.text and "hoogstens 100 tekens" in page.text
        found = psychologist.get(f"{url}?zoek=Lotte")
        assert found.status_code == 200 and "Lotte Peeters" in found.text
