"""The shipped guideline passes every check, and each rule catches what it should."""

from __future__ import annotations

import json
import shutil

import pytest

from engine import guidelines
from engine.errors import GuidelineError
from tests.conftest import FORMS, PROCESSES

MAIN = "diagnostisch_traject.bpmn"


def test_the_shipped_guideline_has_no_problems(shipped_guideline):
    assert guidelines.check(shipped_guideline) == []
    assert set(shipped_guideline.process_ids()) == {
        "diagnostisch_traject", "diagnostische_fase", "onderzoek_discipline", "ondertekening_discipline"}


def test_every_user_task_of_the_shipped_guideline_has_a_lane_and_a_form(shipped_guideline):
    for process_id in shipped_guideline.process_ids():
        for element in shipped_guideline.process(process_id).elements.values():
            if element.kind == "User Task":
                assert element.lane and shipped_guideline.form(element.form), element.id


@pytest.fixture
def copy(tmp_path):
    """A copy of processes/ and forms/ to break on purpose."""
    shutil.copytree(PROCESSES, tmp_path / "processes", ignore=shutil.ignore_patterns("scenarios"))
    shutil.copytree(FORMS, tmp_path / "forms")
    return tmp_path


def edit(path, old, new, count=1):
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def problems_of(folder):
    guideline = guidelines.load([folder / "processes"], folder / "forms")
    return [str(p) for p in guidelines.check(guideline)]


def test_an_unknown_lane_is_named(copy):
    edit(copy / "processes" / MAIN, 'name="team_lead"', 'name="teamleider"')
    found = problems_of(copy)
    assert any("escalatie_crisis" in p and "'teamleider' is geen gekende rol" in p for p in found), found


def test_a_missing_form_is_named(copy):
    (copy / "forms" / "screening.json").unlink()
    found = problems_of(copy)
    assert any("element 'screening'" in p and "screening.json" in p and "niet gevonden" in p for p in found)


def test_an_invalid_form_schema_is_named(copy):
    schema = json.loads((copy / "forms" / "intake.json").read_text())
    schema["properties"]["intake_datum"]["type"] = "datum"
    (copy / "forms" / "intake.json").write_text(json.dumps(schema))
    assert any("element 'intake'" in p and "intake.json" in p for p in problems_of(copy))


def test_a_script_that_does_not_compile_names_element_and_line(copy):
    edit(copy / "processes" / MAIN, "alle_disciplines_akkoord = all(", "alle_disciplines_akkoord = all((")
    found = problems_of(copy)
    assert any("element 'handtekeningen_controleren'" in p and "regel" in p for p in found), found


def test_a_script_that_breaks_the_sandbox_rules_is_named(copy):
    edit(copy / "processes" / "diagnostische_fase.bpmn", "onderzoeksronde += 1", "onderzoeksronde += 1\nimport os")
    assert any("element 'volgende_ronde'" in p and "importeren" in p for p in problems_of(copy))


def test_a_timer_that_does_not_parse_is_named(copy):
    edit(copy / "processes" / MAIN, '"PT72H"', '"PT72X"')
    assert any("element 'termijn_crisis'" in p and "ISO 8601" in p for p in problems_of(copy))


def test_an_element_without_a_way_to_the_end_is_named(copy):
    edit(copy / "processes" / MAIN,
         '<bpmn:sequenceFlow id="f26" sourceRef="a_document_bevriezen" targetRef="traject_afgerond" />', "")
    edit(copy / "processes" / MAIN, "<bpmn:incoming>f26</bpmn:incoming>", "")
    edit(copy / "processes" / MAIN, "<bpmn:outgoing>f26</bpmn:outgoing>", "")
    found = problems_of(copy)
    assert any("a_document_bevriezen" in p and "geen weg naar een eindgebeurtenis" in p for p in found), found


def test_broken_bpmn_names_file_and_element(copy):
    edit(copy / "processes" / MAIN, 'targetRef="aanmelding"', 'targetRef="bestaat_niet"')
    with pytest.raises(GuidelineError) as error:
        guidelines.check(guidelines.load([copy / "processes"], copy / "forms"))
    assert MAIN in str(error.value)


def test_version_follows_content(copy, shipped_guideline):
    same = guidelines.load([copy / "processes"], copy / "forms")
    assert same.version == shipped_guideline.version
    schema = json.loads((copy / "forms" / "intake.json").read_text())
    schema["title"] = "Intake (herzien)"
    (copy / "forms" / "intake.json").write_text(json.dumps(schema))
    changed = guidelines.load([copy / "processes"], copy / "forms")
    assert changed.version != shipped_guideline.version
