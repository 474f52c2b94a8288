"""The editors' server side: a form's source judged as you type, the preview drawn by ekd's own form
renderer in Dutch or English, an editor's save (a revision with its findings as JSON), the draft's
English texts (i18n.en.json) as a file of its own kind, checked and zipped as ekd validate reads it."""

from __future__ import annotations

import io
import json
import zipfile

import pytest

from engine.access import Forbidden
from engine.quality import checks
from engine.quality.bundle import Bundle, Kind
from tests.quality import guideline
from tests.web.conftest import BASE, SAME_ORIGIN, Browser, csrf

SCREENING = json.dumps({"type": "object", "title": "Screening", "required": ["crisis"], "properties": {
    "crisis": {"type": "boolean", "title": "Crisis?"},
    "motivering": {"type": "string", "title": "Motivering", "maxLength": 100}}})


@pytest.mark.parametrize(("source", "problem"), [
    ('{"type": "object",\n "properties": {', "geen geldige JSON op regel 2, kolom 17"),
    ('{"type": "object", "properties": {"x": {"type": "tekst"}}}', "properties/x/type"),
    ('{"type": "array"}', "'type': 'object'"),
    ("[1, 2]", "JSON-object"),
])
def test_a_form_source_says_what_is_wrong_and_where(services, members, source, problem):
    judged = services.quality.editing.form_source(source, members["an"])
    assert judged.schema is None and problem in judged.problems[0]


def test_a_valid_form_source_is_its_schema_and_only_members_ask(services, members):
    assert services.quality.editing.form_source(SCREENING, members["an"]).schema["title"] == "Screening"
    with pytest.raises(Forbidden):
        services.quality.editing.form_source(SCREENING, services.people.add("psy", "wachtwoord-123", ["psychologist"],
                                                                            "Psy"))


def test_the_draft_s_english_texts_are_a_file_of_their_own_kind_checked_and_zipped():
    files = guideline.files()
    form = next(name for name, text in files.items() if name.endswith(".json") and '"answers"' not in text)
    texts = {form: {"/title": "Advice"}, "weg.json": {"/title": "Gone"}}
    bundle = Bundle({**files, "i18n.en.json": json.dumps(texts)})
    assert bundle.kind("i18n.en.json") == Kind.TRANSLATION and "i18n.en.json" not in bundle.forms()
    assert bundle.version == Bundle(files).version                      # texts are no behaviour
    assert bundle.translations("en")[form] == {"/title": "Advice"}
    assert "i18n/en.json" in zipfile.ZipFile(io.BytesIO(bundle.zip())).namelist()
    found = checks._files(bundle)
    assert [(f.rule, f.element, f.severity) for f in found] == [("ekd/i18n", "weg.json", "warning")]
    broken = Bundle({**files, "i18n.en.json": json.dumps({form: {"title": 3}})})
    assert [(f.rule, f.severity) for f in checks._files(broken)] == [("ekd/i18n", "error")]


def json_post(browser: Browser, url: str, body: str | bytes, token_from: str, content_type="application/json"):
    token = csrf(browser.get(token_from).text)
    return browser.client.post(url, data=body, base_url=BASE, content_type=content_type,
                               headers={**SAME_ORIGIN, "X-CSRFToken": token, "Accept": "application/json"})


def test_the_preview_is_ekd_s_own_form_in_dutch_or_english(app, members):
    an = Browser(app)
    an.login("an")
    dutch = json_post(an, "/kwaliteit/formulieren/voorbeeld", json.dumps({"source": SCREENING}), "/kwaliteit").json
    assert dutch["problems"] == [] and 'id="f-motivering"' in dutch["html"] and 'maxlength="100"' in dutch["html"]
    assert "Motivering" in dutch["html"] and "required" in dutch["html"]
    english = json_post(an, "/kwaliteit/formulieren/voorbeeld", json.dumps(
        {"source": SCREENING, "language": "en", "texts": {"/properties/motivering/title": "<b>Reason</b>"}}),
        "/kwaliteit").json
    assert "&lt;b&gt;Reason&lt;/b&gt;" in english["html"] and "Motivering" not in english["html"]
    assert " Yes" in english["html"] and " Ja" in dutch["html"] and " Ja" not in english["html"]
    broken = json_post(an, "/kwaliteit/formulieren/voorbeeld", json.dumps({"source": "{"}), "/kwaliteit").json
    assert broken["html"] is None and "regel 1" in broken["problems"][0]


def test_an_editor_saves_a_revision_and_gets_its_findings(app, services, members, shipped_version):
    an = Browser(app)
    an.login("an")
    draft = services.quality.drafts.create(members["an"], from_version=shipped_version)
    page = f"/kwaliteit/concepten/{draft}"
    editor = an.get(f"{page}/bewerken/diagnostisch_traject.bpmn")
    assert editor.status_code == 200 and 'id="modeler"' in editor.text and "coordinator" in editor.text
    form_editor = an.get(f"{page}/bewerken/screening.json")
    assert "Is this a crisis situation?" in form_editor.text           # the shipped English texts, to start from
    assert an.get(f"{page}/bewerken/onbekend.bpmn").status_code == 404
    text = services.quality.drafts.file(draft, "diagnostisch_traject.bpmn", members["an"])
    saved = json_post(an, f"{page}/bestanden/diagnostisch_traject.bpmn",
                      text.replace(">crisis</bpmn:conditionExpression>", ">crisis ==</bpmn:conditionExpression>"),
                      page, "application/xml")
    assert saved.status_code == 200 and "1 fout(en)" in saved.json["message"]
    assert [f["element"] for f in saved.json["findings"] if f["rule"] == "ekd/script"] == ["gw_crisis"]
    assert services.quality.drafts.read(draft, members["an"]).revision == 2
    refused = json_post(an, f"{page}/bestanden/../x.bpmn", "x", page, "application/xml")
    assert refused.status_code in (404, 422)
    ran = json_post(an, f"{page}/testrun", "", page).json          # the modeler's run: JSON, no redirect
    assert ran["refused"] and "gw_crisis" in ran["refused"] and "Testrun: 0 van 5" in ran["message"]
    marks = an.get(f"/kwaliteit/vergelijk/markeringen?a={shipped_version}&b={draft}"
                   "&bestand=diagnostisch_traject.bpmn").json
    assert marks["markers"] == {"f_crisis": "changed"} and "1 wijziging(en)" in marks["summary"]


def test_a_decision_table_s_cells_are_judged_in_the_sandbox_like_scripts(services, members, shipped_version):
    draft = services.quality.drafts.create(members["an"], from_version=shipped_version)
    name = "vaph_mdt_disciplines.dmn"
    text = services.quality.drafts.file(draft, name, members["an"])
    hostile = text.replace("<text>[]</text>", '<text>__import__("os").getcwd()</text>')
    findings = services.quality.drafts.put(draft, {name: hostile.encode()}, members["an"])
    assert [(f.rule, f.element, f.file) for f in findings if f.severity == "error"] == [
        ("ekd/script", "regel_geen_vaph", name)]
    assert not [f for f in services.quality.drafts.put(draft, {name: text.encode()}, members["an"])
                if f.severity == "error"]
