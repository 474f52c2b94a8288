"""The auditor's workbench in a real browser: step through a trajectory with two investigation rounds
(the rounds apart on the diagram and in the table), with the keyboard and a link per step; verify and
see a tampered event flagged; read the access log. axe-core finds nothing serious on any of it."""

from __future__ import annotations

from sqlalchemy import text

from tests.browser.test_journeys import accessible, shoot
from tests.web.audit_world import two_rounds


def _seq(services, trajectory, path) -> int:
    with services.uow() as uow:
        return next(e.seq for e in uow.events.of_trajectory(trajectory) if f'"path":"{path}"' in (e.payload or ""))


def test_an_auditor_steps_through_two_investigation_rounds(open_as, people, services, everyone, test_clock):
    world = two_rounds(services, everyone)
    motor = _seq(services, world.trajectory, "diagnostische_fase/onderzoek[0]/onderzoek_motorisch")
    page = open_as("auditor", lands="/audit")
    page.get_by_role("link", name="Stap voor stap").first.click()
    page.wait_for_selector("figure.diagram[data-ready='true']")
    page.goto(f"{page.base}/audit/trajecten/{world.trajectory}/stappen/{motor - 1}")
    page.wait_for_selector("figure.diagram[data-ready='true']")
    page.keyboard.press("ArrowRight")                              # the next step, from the keyboard
    page.wait_for_url(f"{page.base}/audit/trajecten/{world.trajectory}/stappen/{motor}")
    page.wait_for_selector("figure.diagram[data-ready='true']")
    assert page.locator(".step-timeline [aria-current='step']").inner_text().startswith(f"{motor}.")
    facts = page.inner_text("section[aria-labelledby='deze-stap'] dl.facts")
    assert "Al Les" in facts and "Kinesitherapeut" in facts and "2026-11-03" in facts
    runs = page.locator("table.runs tbody tr")
    motor_run = runs.filter(has_text="onderzoek[0]/onderzoek_motorisch").inner_text()
    assert "\t2\t0\tgedaan" in motor_run                           # round 2, instance 0, done
    assert "\t2\t" in runs.filter(has_text="diagnostische_fase/teamoverleg").inner_text()
    rows = page.locator("table.elements tbody tr")
    assert rows.filter(has_text="Psychologisch").first.inner_text().split("\t")[2] == "1"
    assert rows.filter(has_text="Motorisch").first.inner_text().split("\t")[2] == "2"
    page.get_by_role("button", name="Diagnostische fase").click()       # the called process, in the figure
    page.wait_for_selector("figure.diagram[data-process='diagnostische_fase'][data-ready='true']")
    assert page.locator(".ekd-badge", has_text="ronde 2").count() >= 3
    assert page.locator(".ekd-badge", has_text="2×").count() >= 1      # the two instances of round one
    accessible(page)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    page.evaluate("window.scrollTo(0, document.querySelector('h1').offsetTop - 8)")
    shoot(page, "audit-stap-voor-stap")
    for secret in world.secrets:
        assert secret not in page.content()
    page.select_option("#item", "/laatste_bevindingen/0/samenvatting")        # one item, for a reason
    page.fill("#reden", "klacht van de ouders over dit verslag")
    page.get_by_role("button", name="Tonen").click()
    page.wait_for_selector(".revealed")
    assert page.locator("span.revealed").inner_text() in world.markers
    accessible(page)
    page.fill("#n", "3")
    page.get_by_role("button", name="Ga").click()
    page.wait_for_url(f"{page.base}/audit/trajecten/{world.trajectory}/stappen/3")


def test_a_tampered_event_is_flagged_after_verify_and_the_access_log_shows_who_read(open_as, people, services,
                                                                                    everyone, test_clock):
    world = two_rounds(services, everyone, marked=False)
    intake = _seq(services, world.trajectory, "intake")
    with services.database.engine.begin() as connection:
        connection.execute(text("UPDATE events SET payload = replace(payload, 'intake_datum', 'intake_dag') "
                                "WHERE trajectory_id = :t AND seq = :s"), {"t": world.trajectory, "s": intake})
    quality = open_as("quality-center", lands="/kwaliteit")
    quality.goto(f"{quality.base}/audit")                                # refused, and logged
    page = open_as("auditor", lands="/audit")
    page.select_option("#traject", world.trajectory)
    page.get_by_role("button", name="Verifiëren").click()
    page.wait_for_selector(".flash-error")
    first = page.locator("section.problems").first.inner_text()
    assert f"gebeurtenis {intake}" in first and "bewerkt" in first
    accessible(page)
    page.get_by_role("link", name=f"gebeurtenis {intake}").first.click()
    page.wait_for_url(f"{page.base}/audit/trajecten/{world.trajectory}/stappen/{intake}")
    assert "gebroken" in page.inner_text("dd.seal") and "inhoud gewijzigd" in page.inner_text("dd.seal")

    page.get_by_role("link", name="Audit").first.click()
    page.get_by_role("link", name="Toegangslog").click()
    page.check("input[name='refused']")
    page.get_by_role("button", name="Tonen").click()
    refused = page.locator("table.access-log tbody tr").first.inner_text()
    assert "Quality Center" in refused and "geweigerd" in refused and "/audit" in refused
    page.fill("#person", "auditor")
    page.uncheck("input[name='refused']")
    page.get_by_role("button", name="Tonen").click()
    mine = page.inner_text("table.access-log")
    assert "stap" in mine and "audit" in mine and "Auditor" in mine
    accessible(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="CSV downloaden").click()
    assert download.value.suggested_filename == "toegangslog.csv"
