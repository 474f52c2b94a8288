"""The family's own view in a real Chromium, at phone width (390 px) and on a desktop: a parent and
a 13-year-old are invited, log in, see the phase line, give consent (the trajectory moves on), write
their words (they appear in the team's task and in the A-document), agree to the A-document, download
their copy; the 13-year-old's objection hides the chosen part from the parent. axe-core finds no
serious problem on any family page."""

from __future__ import annotations

import json

import pytest

from tests.browser.conftest import PASSWORD
from tests.browser.test_journeys import accessible, shoot
from tests.family.helpers import BORN_13
from tests.store.helpers import make_child, run_scenario, start_with_team

PHONE, DESKTOP = (390, 844), (1280, 860)


def _invite(coordinator, child_id: str, name: str, role: str) -> str:
    coordinator.goto(f"{coordinator.base}/kinderen/{child_id}")
    coordinator.locator("summary", has_text="Het gezin uitnodigen").click()
    accessible(coordinator)
    form = coordinator.locator("form", has=coordinator.locator("input[name=naam]"))
    form.locator("input[name=naam]").fill(name)
    form.locator("select[name=rol]").select_option(role)
    form.get_by_role("button", name="Uitnodiging maken").click()
    coordinator.wait_for_selector(".invitation-slip .code")
    return coordinator.locator(".invitation-slip .code").inner_text().strip()


def _accept(page, code: str, username: str, shots: str | None = None) -> None:
    page.goto(f"{page.base}/uitnodiging/{code}")
    accessible(page)
    if shots:
        shoot(page, f"{shots}-uitnodiging")
    page.fill("#username", username)
    page.fill("#password", PASSWORD)
    page.fill("#confirm", PASSWORD)
    page.get_by_role("button", name="Aan de slag").click()
    page.wait_for_url(f"{page.base}/login")
    page.fill("#username", username)
    page.fill("#password", PASSWORD)
    page.click("button.primary")
    page.wait_for_url(f"{page.base}/gezin")


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["telefoon", "desktop"])
def test_a_parent_and_a_13_year_old_follow_consent_speak_agree_and_object(open_as, services, everyone, viewport):
    child = make_child(services, everyone, insz="13030112373", born=BORN_13)
    trajectory = start_with_team(services, child, everyone)
    run_scenario(services, trajectory, everyone, "standaard", stop_at="instemming")
    coordinator = open_as("alleskunner")
    mother_code = _invite(coordinator, child, "Sofie Janssens", "legal_representative")
    kid_code = _invite(coordinator, child, "Lotte Peeters", "child")
    accessible(coordinator)

    phone = viewport == PHONE
    mother, kid = open_as(None, viewport=viewport), open_as(None, viewport=viewport)
    _accept(mother, mother_code, "sofie", "gezin" if phone else None)
    phases = mother.locator("ol.phases li")
    assert phases.count() == 6 and mother.locator("ol.phases li[aria-current=step]").inner_text().strip() \
        .startswith("Kennismaking")
    accessible(mother)
    if phone:
        shoot(mother, "gezin-telefoon")
    mother.get_by_role("button", name="Ja, ik ga akkoord").click()
    assert "We wachten nog op" in mother.locator("main").inner_text()

    _accept(kid, kid_code, "lotte")
    kid.get_by_role("button", name="Ja, ik ga akkoord").click()
    assert "het traject gaat verder" in kid.locator("main").inner_text()
    assert "intake" in [t.element for t in services.trajectories.view(trajectory).ready]
    kid.fill("#tekst", "Ik wil weten waarom lezen zo moeilijk is.")
    kid.locator("form[action$='/gezin/woorden'] button").click()
    accessible(kid)

    intake = next(t for t in services.trajectories.view(trajectory).ready if t.element == "intake")
    coordinator.goto(f"{coordinator.base}/taken/{intake.id}")
    assert "Ik wil weten waarom lezen zo moeilijk is." in coordinator.locator(".family-words").inner_text()
    assert "in eigen woorden via ekd" in coordinator.locator("[name=hulpvraag_kind]").input_value()
    accessible(coordinator)

    run_scenario(services, trajectory, everyone, "standaard", stop_at="akkoord_client")
    kid.goto(f"{kid.base}/gezin")
    kid.fill("#tekst", "Ik ben blij met het advies over lezen.")
    kid.locator("form[action$='/gezin/woorden'] button").click()
    coordinator.goto(f"{coordinator.base}/trajecten/{trajectory}/a-document")
    assert "Ik ben blij met het advies over lezen." in coordinator.locator("main").inner_text()

    mother.goto(f"{mother.base}/gezin")
    assert "Ik ben blij met het advies over lezen." in mother.content()
    accessible(mother)
    if phone:
        mother.locator("#a-document").scroll_into_view_if_needed()
        shoot(mother, "gezin-a-document")
    mother.fill("#toelichting-akkoord", "Duidelijk uitgelegd.")
    mother.get_by_role("button", name="Ik ga akkoord", exact=True).click()
    kid.goto(f"{kid.base}/gezin")
    kid.get_by_role("button", name="Ik ga akkoord", exact=True).click()
    assert "Iedereen antwoordde" in kid.locator("main").inner_text()
    assert "a_document_indienen" in [t.element for t in services.trajectories.view(trajectory).ready]

    with mother.expect_download() as download:
        mother.get_by_role("link", name="Download een kopie van wat het dossier over jullie bevat").click()
    copy = json.loads(open(download.value.path(), encoding="utf-8").read())
    assert copy["kind"]["voornaam"] == "Lotte" and any(a["soort"] == "gezin_akkoord" for a in copy["gezin"])

    kid.locator("input[name=delen][value=stem]").check()
    kid.locator("form[action$='/gezin/bezwaar'] button").click()
    assert "Je ouders zien deze delen niet" in kid.locator("main").inner_text()
    mother.goto(f"{mother.base}/gezin")
    assert "Ik ben blij met het advies over lezen." not in mother.content()
    assert "wil sommige delen niet met jou delen" in mother.locator("main").inner_text()
    accessible(mother)
    if phone:
        kid.locator("#rechten").scroll_into_view_if_needed()
        shoot(kid, "gezin-kind")


def test_a_family_member_is_refused_every_professional_page(open_as, services, everyone):
    child = make_child(services, everyone, insz="13030112373", born=BORN_13)
    trajectory = start_with_team(services, child, everyone)
    issued = services.invitations.invite(trajectory, "Tom Peeters", "parent", everyone)
    services.invitations.accept(issued.code, "tom", PASSWORD)
    page = open_as("tom", viewport=PHONE, lands="/gezin")
    assert "Geef je toestemming" not in page.locator("main").inner_text()      # a parent in contact does not consent
    for path in ("/taken", f"/kinderen/{child}", f"/trajecten/{trajectory}/a-document"):
        response = page.goto(f"{page.base}{path}")
        assert response.status == 403
    page.goto(f"{page.base}/uitnodiging")
    accessible(page)
