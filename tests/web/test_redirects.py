"""A form's `next` leads to a page of this site, never to another one."""

from __future__ import annotations

import pytest

from tests.web.conftest import BASE, PASSWORD, SAME_ORIGIN, csrf
from web.navigation import same_site

OFF_SITE = ["//evil.example/taken", "///evil.example", "/\\evil.example", "\\\\evil.example", "\\/evil.example",
            "https://evil.example/", "javascript:alert(1)", "/\t/evil.example", "/\n/evil.example",
            "/taken\r\nSet-Cookie: x=1", "evil.example", "http:/evil.example", " //evil.example"]


@pytest.mark.parametrize("target", OFF_SITE)
def test_same_site_refuses_other_sites(target):
    assert same_site(target) is None


@pytest.mark.parametrize("target", ["/taken", "/kinderen/abc?zoek=Lotte&rol=psychologist", "/taken?next=//x",
                                    "/kinderen/%2F%2Fevil.example"])
def test_same_site_keeps_paths_of_this_site(target):
    assert same_site(target) == target


def _task(services, person, element="onderzoek_psychologisch"):
    return next(r.task_id for r in services.inbox.tasks(person) if r.element == element)


def test_every_form_with_next_stays_on_the_site(browser, people, services, team_trajectory, child):
    coordinator, psychologist = browser("coordinator"), browser("psychologist")
    tokens = {id(person): csrf(person.get(f"/kinderen/{child}").text) for person in (coordinator, psychologist)}
    task = _task(services, people["psychologist"])
    posts = [
        (coordinator, f"/trajecten/{team_trajectory}/team", {"rol": "psychologist",
                                                             "personen": [people["psychologist"].id]}, "/taken"),
        (coordinator, f"/trajecten/{team_trajectory}/ankerfiguur", {"persoon": people["psychologist"].id}, "/taken"),
        (coordinator, f"/trajecten/{team_trajectory}/instemming", {"actie": "intrekken", "toelichting": "x"}, "/taken"),
        (coordinator, f"/trajecten/{team_trajectory}/instemming", {"actie": "herstellen", "toelichting": "y"},
         "/taken"),
        (psychologist, f"/taken/{task}/nemen", {}, "/taken"),
        (psychologist, f"/taken/{task}/vrijgeven", {}, "/taken"),
        (psychologist, "/taal", {"lang": "nl"}, "/"),
    ]
    for target in OFF_SITE:
        for person, url, data, fallback in posts:
            response = person.post(url, {**data, "next": target, "csrf_token": tokens[id(person)]})
            assert (response.status_code, response.headers["Location"]) == (302, fallback), (url, target)


def test_logging_in_stays_on_the_site(app, people):
    for target in OFF_SITE:
        client = app.test_client()
        token = csrf(client.get("/login", base_url=BASE).text)
        response = client.post("/login", query_string={"next": target}, base_url=BASE, headers=SAME_ORIGIN,
                               data={"username": "psychologist", "password": PASSWORD, "csrf_token": token})
        assert (response.status_code, response.headers["Location"]) == (302, "/taken"), target


def test_a_same_site_next_is_followed(browser, people, team_trajectory, child):
    dossier = f"/kinderen/{child}"
    response = browser("coordinator").post(f"/trajecten/{team_trajectory}/ankerfiguur",
                                           {"persoon": "", "next": dossier}, token_from=dossier)
    assert response.headers["Location"] == dossier
