"""A home for every role: `/` and logging in lead there, and the header links only to what the
person may use."""

from __future__ import annotations

import re

import pytest

from engine.roles import ROLES

HOMES = {"coordinator": "/taken", "psychologist": "/taken", "team_lead": "/taken",
         "quality_center": "/kwaliteit", "auditor": "/audit", "admin": "/beheer/mensen"}


def _nav(html: str) -> list[str]:
    menu = re.search(r'<nav aria-label="Hoofdmenu">(.*?)</nav>', html, re.S).group(1)
    return re.findall(r'href="([^"]+)"', menu)


@pytest.mark.parametrize("role", sorted(HOMES))
def test_each_role_lands_on_its_home(browser, people, role):
    person = browser()
    logged_in = person.login(role.replace("_", "-"))
    assert logged_in.headers["Location"] == HOMES[role]
    assert person.get("/").headers["Location"] == HOMES[role]
    assert person.get(HOMES[role]).status_code == 200


@pytest.mark.parametrize("role", ROLES)
def test_the_header_links_only_to_pages_the_person_may_use(browser, people, role):
    person = browser(role.replace("_", "-"))
    home = person.get(person.get("/").headers["Location"])
    links = _nav(home.text)
    assert links, role
    for link in links:
        assert person.get(link).status_code == 200, (role, link)
    assert ("/kinderen" in links) == (role not in ("quality_center", "auditor", "admin"))


def test_auditors_see_every_trajectory_without_client_data(browser, people, services, child, team_trajectory):
    page = browser("auditor").get("/audit")
    assert page.status_code == 200 and team_trajectory in page.text and "lopend" in page.text
    record = services.children.get(child, people["coordinator"]).child
    for secret in (record.given_name, record.family_name, record.insz, child):
        assert secret not in page.text
    with services.uow() as uow:
        assert [e.action for e in uow.access.about("trajecten")] == ["lijst"]
    assert browser("quality-center").get("/audit").status_code == 403
