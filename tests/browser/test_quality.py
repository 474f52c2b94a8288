"""The quality center in a real browser: a finding on the diagram, scenarios run with coverage painted,
a draft compared with the published version, a second member approving and publishing; then a new
trajectory starts on the new version while a running one stays on the old. axe-core on every page."""

from __future__ import annotations

import re
from datetime import date

from tests.browser.conftest import PASSWORD
from tests.browser.test_journeys import accessible, shoot
from tests.store.helpers import make_child

FILE = "diagnostisch_traject.bpmn"


def element(page, element_id: str, index: int = 0):
    return page.locator(f'.quality-canvas [data-element-id="{element_id}"]').nth(index)


def upload(page, text: str) -> None:
    page.set_input_files("#bestanden", files=[{"name": FILE, "mimeType": "application/xml", "buffer": text.encode()}])
    page.get_by_role("button", name="Bewaren", exact=True).click()
    page.wait_for_selector(".flash")


def drawn(page) -> None:
    """Wait until every diagram on the page is drawn (no string evaluation: the pages' CSP forbids it)."""
    canvases = page.locator(".quality-canvas")
    for index in range(canvases.count()):
        canvases.nth(index).and_(page.locator("[data-ready]")).wait_for()
    assert page.locator(".quality-canvas[data-ready='error']").count() == 0


def test_from_a_finding_to_a_publication_that_new_trajectories_start_on(open_as, people, services, server):
    second = services.people.add("kwaliteit-twee", PASSWORD, ["quality_center"], "Tweede Lid")     # four eyes
    coordinator = people["coordinator"]
    shipped = services.library.current()
    running = services.trajectories.start(make_child(services, coordinator), coordinator)
    text = services.quality.drafts.file(shipped, FILE, second)

    author = open_as("quality-center", lands="/kwaliteit")     # the quality center lands on its workbench
    author.get_by_role("link", name="Richtlijnen").click()
    author.wait_for_url(f"{server}/kwaliteit")
    accessible(author)
    author.locator(f'tr[data-version="{shipped}"]').get_by_role("button", name="Nieuw concept").click()
    author.wait_for_url(re.compile(r".*/kwaliteit/concepten/[0-9a-f-]{36}$"))
    draft_url = author.url

    upload(author, text.replace('name="Crisis?"', 'name=""'))                  # an unlabelled choice
    drawn(author)
    assert "label-required" in author.locator("table.findings").inner_text()
    gateway = element(author, "gw_crisis")
    assert "ekd-q-finding" in gateway.get_attribute("class")
    badge = author.locator(".djs-overlay-container .ekd-note-badge.error")
    assert badge.count() == 1 and "geen naam" in badge.get_attribute("aria-label")
    accessible(author)
    shoot(author, "kwaliteit-bevinding")

    upload(author, text.replace('name="Crisis?"', 'name="Is er een crisis?"'))
    assert author.locator("table.findings").count() == 0
    author.get_by_role("button", name="Scenario's uitvoeren").click()
    author.wait_for_selector("table.scenarios")
    drawn(author)
    assert author.locator("table.scenarios tr.passed").count() == 5
    assert author.locator("#dekking-knopen").inner_text() == "75/80"
    assert "ekd-q-taken" in element(author, "intake").get_attribute("class")
    assert "ekd-q-untaken" in element(author, "verslag_bijwerken").get_attribute("class")
    assert "ekd-q-untaken" in element(author, "f_geen_akkoord").get_attribute("class")    # a sequence flow
    accessible(author)
    shoot(author, "kwaliteit-dekking")

    author.locator("#vergelijk-huidig").click()
    author.wait_for_url(re.compile(r".*/kwaliteit/vergelijk\?.*"))
    drawn(author)
    row = author.locator('table.changes tr[data-element="gw_crisis"]')
    assert "enkel opmaak" in row.inner_text() and "Is er een crisis?" in row.inner_text()
    assert author.locator('.quality-canvas [data-element-id="gw_crisis"].ekd-q-changed').count() == 2   # both sides
    accessible(author)
    assert not author.locator("#goedkeuren").count()

    reviewer = open_as("kwaliteit-twee", lands="/kwaliteit")
    reviewer.goto(draft_url)
    reviewer.get_by_role("button", name=re.compile("goedkeuren")).click()
    reviewer.wait_for_selector(".flash-success")
    reviewer.get_by_role("button", name="Publiceren").click()
    reviewer.wait_for_url(f"{server}/kwaliteit")
    published = reviewer.locator(".flash-success").inner_text()
    version = services.library.current()
    assert version != shipped and version in published
    assert "nieuwe trajecten starten hier" in reviewer.locator(f'tr[data-version="{version}"]').inner_text()
    accessible(reviewer)

    ruben = services.children.register("14012012392", "Ruben", "Claes", date(2014, 1, 20), coordinator)
    desk = open_as("coordinator")
    desk.goto(f"{server}/kinderen/{ruben}")
    desk.get_by_role("button", name="Traject starten").click()
    desk.wait_for_selector("section.trajectory")
    assert version[:8] in desk.locator("section.trajectory dl.facts").first.inner_text()
    with services.uow() as uow:
        versions = {t.child_id: t.guideline_version_id for t in
                    (uow.trajectories.get(i) for i in uow.trajectories.ids())}
    assert versions[ruben] == version and services.trajectories.view(running).guideline_version == shipped
    reviewer.reload()
    assert reviewer.locator(f'tr[data-version="{shipped}"] td').nth(3).inner_text() == "1"
    assert reviewer.locator(f'tr[data-version="{version}"] td').nth(3).inner_text() == "1"
