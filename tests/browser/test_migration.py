"""The quality center moves a running trajectory to a new version in a real browser: the dry run's
table names the blocker, a mapping lets it through, 'move these 1' moves it; the coordinator finds
the notice in their inbox and the move in the dossier's timeline. axe-core on every page."""

from __future__ import annotations

from tests.browser.conftest import PASSWORD
from tests.browser.test_journeys import accessible, shoot
from tests.store.helpers import EVERYONE, make_child, start_with_team
from tests.store.versions import drive, publish, renamed


def test_dry_run_and_move_on_the_quality_centers_page(open_as, people, services, server):
    a = services.library.current()
    everyone = services.people.add("alles", PASSWORD, EVERYONE, "Al Les")
    child = make_child(services, everyone)
    trajectory = start_with_team(services, child, everyone)
    drive(services, trajectory, everyone, "standaard", stop_at="strategie")
    b = publish(services, lambda files: renamed(files, "strategie", "strategie_bepalen"))

    kcd = open_as("quality-center", lands="/kwaliteit")
    kcd.goto(f"{server}/kwaliteit")
    kcd.locator(f'tr[data-version="{b}"]').get_by_role("link", name="Trajecten hierheen verplaatsen").click()
    kcd.wait_for_url(f"{server}/kwaliteit/versies/{b}/migratie")
    assert kcd.locator("#van").input_value() == a
    kcd.get_by_role("button", name="Proefdraaien").click()
    row = kcd.locator(f'tr[data-trajectory="{trajectory}"]')
    assert "geblokkeerd" in row.inner_text() and "strategie" in row.inner_text()
    assert kcd.get_by_role("button", name="Verplaats deze 1").count() == 0
    accessible(kcd)

    kcd.fill("#koppeling", "strategie = strategie_bepalen")
    kcd.get_by_role("button", name="Proefdraaien").click()
    row = kcd.locator(f'tr[data-trajectory="{trajectory}"]')
    assert "kan verplaatst worden" in row.inner_text() and "behoudt zijn datum" in row.inner_text()
    accessible(kcd)
    shoot(kcd, "kwaliteit-migratie")
    kcd.fill("#reden", "De strategie heet nu zoals in de richtlijn van het KCD.")
    kcd.get_by_role("button", name="Verplaats deze 1").click()
    kcd.wait_for_selector(".flash")
    assert "1 van 1 trajecten verplaatst" in kcd.locator(".flash").inner_text()
    assert "verplaatst" in kcd.locator(f'tr[data-trajectory="{trajectory}"]').inner_text()
    accessible(kcd)
    assert services.trajectories.view(trajectory).guideline_version == b

    kcd.fill("#wat_als", trajectory)                       # what-if: the recorded answers again on version a
    kcd.get_by_role("button", name="Opnieuw uitvoeren").click()
    kcd.wait_for_selector("ol.path")
    canvases = kcd.locator(".quality-canvas")
    for index in range(canvases.count()):
        canvases.nth(index).and_(kcd.locator("[data-ready]")).wait_for()
    assert kcd.locator('.quality-canvas [data-element-id="intake"].ekd-q-taken').count() >= 1
    accessible(kcd)

    coordinator = open_as("alles")
    notice = coordinator.get_by_role("link", name="Traject verplaatst naar richtlijnversie 2")
    assert notice.count() == 1
    accessible(coordinator)
    notice.click()
    coordinator.wait_for_url(f"{server}/kinderen/{child}")
    coordinator.locator("summary", has_text="Toon de tijdlijn").first.click()
    assert "Verplaatst naar een andere versie van de richtlijn" in coordinator.locator(".timeline").first.inner_text()
    accessible(coordinator)
    assert services.audit.verify(everyone) == {}
