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

import pytest

from tests.browser.test_journeys import accessible, shoot
from tests.conftest import ROOT

FILE = "diagnostisch_traject.bpmn"
EKD = str(Path(sys.executable).with_name("ekd"))


@pytest.fixture(autouse=True)
def bundled():
    """The editors are esbuild bundles (make run / make test build them)."""
    assert (ROOT / "web" / "static" / "build" / "modeler.js").exists(), "run `make bundle` first"


def ready(page, selector: str) -> None:
    page.locator(f"{selector}[data-ready]").wait_for()
    assert page.locator(selector).get_attribute("data-ready") == "true"


def saved(page, selector: str) -> None:
    page.locator(f"{selector}[data-saved]:not([data-saved='busy'])").wait_for()
    assert page.locator(selector).get_attribute("data-saved") != "error", page.locator("#modeler-status").inner_text()


def watch(page) -> list[str]:
    """The page's script errors and console errors (a CSP refusal is one)."""
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    return errors


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
    errors = watch(author)
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
    author.locator("#modeler-testen").click()                # the scenarios, run from the canvas
    author.locator("#modeler[data-tested]:not([data-tested='busy'])").wait_for()
    assert author.locator("#modeler").get_attribute("data-tested") == "true"
    assert "5 van 5" in author.locator("#modeler-status").inner_text()
    assert "ekd-q-taken" in author.locator('#modeler-canvas [data-element-id="intake"]').get_attribute("class")
    author.locator("#toon-dekking").uncheck()
    assert "ekd-q-taken" not in author.locator('#modeler-canvas [data-element-id="intake"]').get_attribute("class")
    author.locator("#toon-verschillen").check()
    author.locator("#modeler[data-diff]").wait_for()
    flow = author.locator('#modeler-canvas [data-element-id="f_crisis"]').first
    assert "ekd-q-changed" in flow.get_attribute("class")
    shoot(author, "kwaliteit-modeler-verschillen")    # the comparison, painted on the same canvas

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
    shoot(author, "kwaliteit-formulier")
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
    shoot(author, "kwaliteit-modeler-dekking")

    author.goto(draft_url)
    author.locator("#vergelijk-huidig").click()
    author.wait_for_url(re.compile(r".*/kwaliteit/vergelijk\?.*"))
    condition = author.locator('table.changes tr[data-element="f_crisis"]').inner_text()
    assert "verandert gedrag" in condition and "crisis is True" in condition
    field = author.locator('table.changes tr[data-element="/properties/motivering_urgentie"]').inner_text()
    assert "verandert gedrag" in field and "5000" in field
    accessible(author)
    author.locator('table.changes tr[data-element="f_crisis"]').scroll_into_view_if_needed()
    shoot(author, "kwaliteit-verschillen-editors")

    archive = author.request.get(f"{server}/kwaliteit/richtlijnen/{draft}/export.zip")
    assert archive.status == 200
    zipfile.ZipFile(io.BytesIO(archive.body())).extractall(tmp_path)
    assert (tmp_path / "i18n" / "en.json").exists()
    result = subprocess.run([EKD, "validate", str(tmp_path)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert errors == []


def new_draft(services, people) -> str:
    return services.quality.drafts.create(people["quality_center"], from_version=services.library.current())


def test_the_properties_panel_edits_every_extension_ekd_reads_and_a_save_loses_nothing(open_as, people, services,
                                                                                      server):
    draft = new_draft(services, people)
    author = open_as("quality-center", lands="/kwaliteit")
    errors = watch(author)
    author.goto(f"{server}/kwaliteit/concepten/{draft}/bewerken/{FILE}")
    ready(author, "#modeler")
    entries = {"Lane_coordinator": ["ekd-role"], "screening": ["ekd-form", "ekd-action", "ekd-prescript"],
               "termijnen_berekenen": ["ekd-script", "ekd-postscript"], "termijn_crisis": ["ekd-timer-kind",
                                                                                          "ekd-timer-value"],
               "diagnostische_fase": ["ekd-called"], "f_opnieuw": ["ekd-condition"]}
    for element, ids in entries.items():
        author.locator("#element-kiezen").select_option(element)
        for entry in ids:
            author.locator(f"#bio-properties-panel-{entry}").wait_for()
    author.locator("#element-kiezen").focus()
    for _ in range(8):                          # by keyboard from the element list into the panel
        if author.evaluate("() => document.activeElement.id").startswith("bio-properties-panel-"):
            break
        author.keyboard.press("Tab")
    assert author.evaluate("() => document.activeElement.id").startswith("bio-properties-panel-")
    author.locator("#element-kiezen").select_option("termijn_crisis")
    assert author.locator("#bio-properties-panel-ekd-timer-value").input_value() == '"PT72H"'
    author.locator("#bio-properties-panel-ekd-timer-value").fill('"PT48H"')
    author.locator("#bio-properties-panel-ekd-timer-value").press("Tab")
    author.locator("#element-kiezen").select_option("screening")
    author.locator("#bio-properties-panel-ekd-form").select_option("escalatie.json")
    author.locator("#bio-properties-panel-ekd-prescript").fill("voorgescreend = True")
    author.locator("#bio-properties-panel-ekd-prescript").press("Tab")
    author.locator("#element-kiezen").select_option("Lane_coordinator")
    assert author.locator("#bio-properties-panel-ekd-role").input_value() == "coordinator"
    author.keyboard.press("Escape")
    author.locator("#modeler-bewaren").click()
    saved(author, "#modeler")
    assert errors == []
    accessible(author)

    text = services.quality.drafts.file(draft, FILE, people["quality_center"])
    assert 'value="escalatie.json"' in text
    assert "<spiffworkflow:preScript>voorgescreend = True</spiffworkflow:preScript>" in text
    assert '"PT48H"' in text and "<bpmn:loopDataInputRef>" in text
    changes = services.quality.comparisons.compare(services.library.current(), draft, people["quality_center"])
    changed = {d.element: d for d in changes.differences}
    assert set(changed) == {"screening", "termijn_crisis"}, [d.as_json() for d in changes.differences]
    assert all(d.effect == "changes behaviour" for d in changed.values())


def test_a_decision_table_edited_in_the_browser_is_checked_in_the_sandbox(open_as, people, services, server):
    draft = new_draft(services, people)
    author = open_as("quality-center", lands="/kwaliteit")
    errors = watch(author)
    author.goto(f"{server}/kwaliteit/concepten/{draft}")
    author.get_by_role("link", name="Bewerken vaph_mdt_disciplines.dmn").click()
    ready(author, "#dmn-editor")
    accessible(author)
    cell = author.locator('#dmn-canvas td[data-element-id="regel_vaph_uit"]')
    cell.click()
    author.keyboard.press("End")
    author.keyboard.type(" +")                                          # ["…"] + : no Python
    author.locator("#dmn-editor").evaluate("e => e.removeAttribute('data-saved')")
    author.locator("#modeler-bewaren").click()
    saved(author, "#dmn-editor")
    assert "regel_vaph_uit: Malformed Output Expression" in author.locator("#modeler-bevindingen").inner_text()
    assert "ekd-q-finding" in cell.get_attribute("class")
    shoot(author, "kwaliteit-dmn")
    cell.click()
    author.keyboard.press("End")
    author.keyboard.press("Backspace")
    author.keyboard.press("Backspace")
    author.locator("#dmn-editor").evaluate("e => e.removeAttribute('data-saved')")
    author.locator("#modeler-bewaren").click()
    saved(author, "#dmn-editor")
    assert "regel_vaph_uit" not in author.locator("#modeler-bevindingen").inner_text()
    assert "ekd-q-finding" not in cell.get_attribute("class")
    accessible(author)
    assert errors == []
