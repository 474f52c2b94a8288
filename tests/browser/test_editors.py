"""The quality center's editors in a real browser: a gateway condition changed in the modeler's
properties panel (broken first: the finding appears on the flow; then fixed), a form field changed in
the form editor with its English text, the scenarios run, the diff lists both as behaviour changes,
and the draft's zip passes `ekd validate`. axe-core on every editor page."""

from __future__ import annotations

import io
import re
import subprocess
import sys
import zipfile
from pathlib import Path

from tests.browser.test_journeys import accessible, shoot

FILE = "diagnostisch_traject.bpmn"
EKD = str(Path(sys.executable).with_name("ekd"))


def ready(page, selector: str) -> None:
    page.locator(f"{selector}[data-ready]").wait_for()
    assert page.locator(selector).get_attribute("data-ready") == "true"


def saved(page, selector: str) -> None:
    page.locator(f"{selector}[data-saved]:not([data-saved='busy'])").wait_for()
    assert page.locator(selector).get_attribute("data-saved") != "error", page.locator("#modeler-status").inner_text()


def set_condition(page, text: str) -> None:
    page.locator("#element-kiezen").select_option("f_crisis")
    condition = page.locator("#bio-properties-panel-ekd-condition")
    condition.fill(text)
    condition.press("Tab")                                  # leave the field: the debounced change lands
    page.locator("#modeler").evaluate("e => e.removeAttribute('data-saved')")
    page.locator("#modeler-bewaren").click()
    saved(page, "#modeler")


def test_a_condition_and_a_field_changed_in_the_editors_change_behaviour(open_as, people, services, server, tmp_path):
    shipped = services.library.current()
    author = open_as("quality-center", lands="/kwaliteit")
    author.locator(f'tr[data-version="{shipped}"]').get_by_role("button", name="Nieuw concept").click()
    author.wait_for_url(re.compile(r".*/kwaliteit/concepten/[0-9a-f-]{36}$"))
    draft_url = author.url
    draft = draft_url.rsplit("/", 1)[1]

    author.get_by_role("link", name=f"Bewerken {FILE}").click()
    ready(author, "#modeler")
    accessible(author)
    set_condition(author, "crisis ==")                       # deliberately broken
    gateway = author.locator('#modeler-canvas [data-element-id="gw_crisis"]').first     # the condition's gateway
    assert "ekd-q-finding" in gateway.get_attribute("class")
    badge = author.locator("#modeler-canvas .ekd-note-badge.error")
    assert badge.count() == 1 and "ongeldige Python" in badge.get_attribute("aria-label")
    assert "ekd/script · gw_crisis" in author.locator("#modeler-bevindingen").inner_text()
    assert "1" in author.locator("#modeler-status").inner_text()
    accessible(author)
    shoot(author, "kwaliteit-modeler-bevinding")

    set_condition(author, "crisis is True")                  # fixed: same path, other text
    assert "ekd-q-finding" not in gateway.get_attribute("class")
    assert author.locator("#modeler-canvas .ekd-note-badge").count() == 0
    author.locator("#toon-verschillen").check()
    author.locator("#modeler[data-diff]").wait_for()
    flow = author.locator('#modeler-canvas [data-element-id="f_crisis"]').first
    assert "ekd-q-changed" in flow.get_attribute("class")    # the comparison, painted on the same canvas

    author.goto(f"{server}/kwaliteit/concepten/{draft}/bewerken/screening.json")
    ready(author, "#form-editor")
    author.locator("#form-editor[data-checked]:not([data-checked='busy'])").wait_for()
    assert author.locator("#voorbeeld #f-motivering_urgentie").get_attribute("maxlength") == "10000"
    source = author.locator("#schema-bron")
    original = source.input_value()
    source.fill(original.replace('"maxLength": 10000,', '"maxLength": 10000'))          # a syntax error
    author.get_by_text(re.compile("geen geldige JSON op regel \\d+")).wait_for()
    source.fill(original.replace('"maxLength": 10000,', '"maxLength": -5,'))              # a schema error
    author.get_by_text(re.compile("maxLength.*-5|-5.*minimum")).wait_for()
    source.fill(original.replace('"maxLength": 10000,', '"maxLength": 5000,'))
    author.get_by_text("Geldig JSON Schema.").wait_for()
    author.locator('#voorbeeld #f-motivering_urgentie[maxlength="5000"]').wait_for()
    english = author.locator('#engelse-teksten input[data-pointer="/properties/motivering_urgentie/title"]')
    assert english.input_value() == "Motivation"
    english.fill("Reason for the urgency")
    author.get_by_label("English").check()
    author.locator("#voorbeeld").get_by_text("Reason for the urgency").wait_for()
    accessible(author)
    author.locator("#modeler-bewaren").click()
    saved(author, "#form-editor")

    author.goto(draft_url)
    assert author.locator("table.findings tr.finding-error").count() == 0
    assert "vertaling" in author.locator("table.files").inner_text()
    author.get_by_role("button", name="Scenario's uitvoeren").click()
    author.wait_for_selector("table.scenarios")
    assert author.locator("table.scenarios tr.passed").count() == 5

    author.get_by_role("link", name=f"Bewerken {FILE}").click()
    ready(author, "#modeler")
    author.locator("#toon-dekking").check()
    assert "ekd-q-taken" in author.locator('#modeler-canvas [data-element-id="intake"]').get_attribute("class")
    assert "ekd-q-untaken" in author.locator(
        '#modeler-canvas [data-element-id="verslag_bijwerken"]').get_attribute("class")

    author.goto(draft_url)
    author.locator("#vergelijk-huidig").click()
    author.wait_for_url(re.compile(r".*/kwaliteit/vergelijk\?.*"))
    condition = author.locator('table.changes tr[data-element="f_crisis"]').inner_text()
    assert "verandert gedrag" in condition and "crisis is True" in condition
    field = author.locator('table.changes tr[data-element="/properties/motivering_urgentie"]').inner_text()
    assert "verandert gedrag" in field and "5000" in field

    archive = author.request.get(f"{server}/kwaliteit/richtlijnen/{draft}/export.zip")
    assert archive.status == 200
    zipfile.ZipFile(io.BytesIO(archive.body())).extractall(tmp_path)
    assert (tmp_path / "i18n" / "en.json").exists()
    result = subprocess.run([EKD, "validate", str(tmp_path)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
