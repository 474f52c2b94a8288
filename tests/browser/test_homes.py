"""The homes of the roles without client work, and the administrator's people and roles, in a real
browser: each role lands on its own start page, the header offers only what it may use, and axe-core
finds no serious or critical problem on any of them."""

from __future__ import annotations

import re

from tests.browser.test_journeys import accessible, shoot
from tests.store.helpers import make_child, start_with_team


def _menu(page) -> list[str]:
    return page.locator("header nav a").all_inner_texts()


def test_the_quality_center_lands_on_its_workbench(open_as, people):
    page = open_as("quality-center", lands="/kwaliteit")
    assert _menu(page) == ["Richtlijnen"]
    accessible(page)
    shoot(page, "kwaliteitscentrum")


def test_auditors_see_the_trajectories_without_client_data(open_as, people, services):
    coordinator = people["coordinator"]
    trajectory = start_with_team(services, make_child(services, coordinator), coordinator)
    page = open_as("auditor", lands="/audit")
    assert _menu(page) == ["Audit"]
    row = page.locator("table.tasks tbody tr")
    assert row.count() == 1 and trajectory in row.inner_text() and "lopend" in row.inner_text()
    assert "Lotte" not in page.content() and "16051412351" not in page.content()
    accessible(page)
    shoot(page, "audit")


def test_the_admin_adds_a_person_who_sets_a_password_and_logs_in(open_as, people, server):
    admin = open_as("admin", lands="/beheer/mensen")
    assert _menu(admin) == ["Mensen en rollen"]
    accessible(admin)
    admin.get_by_text("Persoon toevoegen").click()
    admin.fill("#username", "an.peeters")
    admin.fill("#display_name", "An Peeters")
    admin.get_by_label("Psycholoog / orthopedagoog").check()
    admin.get_by_role("button", name="Toevoegen").click()
    admin.wait_for_selector("#link")
    link = admin.input_value("#link")
    assert re.search(r"/wachtwoord/[A-Za-z0-9_-]{20,}$", link)
    accessible(admin)

    newcomer = open_as(None)
    newcomer.goto(link)
    assert "an.peeters" in newcomer.inner_text("main")
    accessible(newcomer)
    newcomer.fill("#password", "mijn-wachtwoord-1")
    newcomer.fill("#confirm", "mijn-wachtwoord-1")
    newcomer.get_by_role("button", name="Wachtwoord instellen").click()
    newcomer.wait_for_url(f"{server}/login")
    newcomer.fill("#username", "an.peeters")
    newcomer.fill("#password", "mijn-wachtwoord-1")
    newcomer.click("button.primary")
    newcomer.wait_for_url(f"{server}/taken")

    admin.get_by_role("link", name="Naar An Peeters").click()
    admin.get_by_role("button", name="Deactiveren").click()
    admin.wait_for_selector(".flash-success")
    assert "gedeactiveerd" in admin.inner_text("dl.facts")
    accessible(admin)
    newcomer.goto(f"{server}/taken")
    assert newcomer.url.startswith(f"{server}/login")              # the session ended at once

    admin.get_by_role("link", name="Mensen en rollen").first.click()
    admin.select_option("#rol", "psychologist")
    admin.get_by_role("button", name="Tonen").click()
    assert admin.locator("table.tasks tbody tr").count() == 2
    admin.goto(f"{server}/beheer/mensen")
    accessible(admin)
    shoot(admin, "mensen-en-rollen")
