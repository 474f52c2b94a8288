"""`ekd validate` and `ekd simulate` keep the contract of DESIGN.md §6."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, PROCESSES, ROOT

EKD = str(Path(sys.executable).with_name("ekd"))
MODELS = sorted(str(p) for p in PROCESSES.glob("*.bpmn")) + sorted(str(p) for p in PROCESSES.glob("*.dmn"))
SCENARIOS = sorted(p.stem for p in (PROCESSES / "scenarios").glob("*.json"))


def ekd(*args, cwd=ROOT, timeout=60):
    return subprocess.run([EKD, *args], cwd=cwd, capture_output=True, text=True, timeout=timeout)


def test_validate_the_shipped_guideline():
    result = ekd("validate", "processes/")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("OK: 4 proces(sen)")


def test_validate_reports_problems_and_fails(tmp_path):
    (tmp_path / "x.bpmn").write_bytes((FIXTURES / "bpmn" / "gateways.bpmn").read_bytes())
    result = ekd("validate", str(tmp_path))
    assert result.returncode == 1
    assert "element 'kiezen': taak staat in geen lane" in result.stdout


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_each_shipped_scenario_runs_to_the_end(scenario):
    assert {"standaard", "instemming_geweigerd", "aanvullend_onderzoek", "vaph_aanvraag"} <= set(SCENARIOS)
    result = ekd("simulate", *MODELS, "--process", "diagnostisch_traject",
                 "--answers", f"processes/scenarios/{scenario}.json")
    assert result.returncode == 0, result.stderr
    output = json.loads(result.stdout)
    assert set(output) == {"completed", "path", "data", "waiting"}
    assert output["completed"] is True and output["waiting"] == []
    end = "traject_gestopt" if scenario == "instemming_geweigerd" else "traject_afgerond"
    assert end in output["path"]


def test_simulate_runs_unseen_bpmn_and_reports_reserved_ids(tmp_path):
    answers = tmp_path / "a.json"
    answers.write_text(json.dumps({"kiezen": {"getal": 20, "opties": ["b"]}, "links": {}, "rechts": {}}))
    model = str(FIXTURES / "bpmn" / "gateways.bpmn")
    result = ekd("simulate", model, "--process", "gateways", "--answers", str(answers))
    output = json.loads(result.stdout)
    assert result.returncode == 0 and output["completed"]
    assert output["path"][:4] == ["Start", "kiezen", "xor", "groot"] and output["path"][-1] == "End"
    assert output["data"]["maat"] == "groot" and output["data"]["b"] is True


TIMER = """<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="http://ekd.test">
  <bpmn:process id="wachten" isExecutable="true">
    <bpmn:startEvent id="Start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:intermediateCatchEvent id="een_week"><bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing>
      <bpmn:timerEventDefinition><bpmn:timeDuration>"P7D"</bpmn:timeDuration></bpmn:timerEventDefinition>
    </bpmn:intermediateCatchEvent>
    <bpmn:endEvent id="End"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="Start" targetRef="een_week"/>
    <bpmn:sequenceFlow id="f2" sourceRef="een_week" targetRef="End"/>
  </bpmn:process>
</bpmn:definitions>
"""


def test_simulate_stops_at_a_timer_and_says_so(tmp_path):
    (tmp_path / "w.bpmn").write_text(TIMER)
    (tmp_path / "a.json").write_text("{}")
    result = ekd("simulate", str(tmp_path / "w.bpmn"), "--process", "wachten", "--answers", str(tmp_path / "a.json"))
    output = json.loads(result.stdout)
    assert result.returncode == 0 and output["completed"] is False
    assert output["path"] == ["Start"]
    assert [(w["element"], w["kind"]) for w in output["waiting"]] == [("een_week", "timer")]
    assert output["waiting"][0]["due"]


def script_bpmn(script: str) -> str:
    start = TIMER.index("<bpmn:intermediateCatchEvent")
    end = TIMER.index("</bpmn:intermediateCatchEvent>") + len("</bpmn:intermediateCatchEvent>")
    task = (f'<bpmn:scriptTask id="rekenen"><bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing>'
            f'<bpmn:script>{script}</bpmn:script></bpmn:scriptTask>')
    return (TIMER[:start] + task + TIMER[end:]).replace('"een_week"', '"rekenen"')


@pytest.mark.parametrize(("model", "answers", "process", "expected"), [
    ("gateways", {}, "gateways", "element 'kiezen' (Kiezen): geen antwoord"),
    ("gateways", {"kiezen": [{"getal": 1, "opties": ["a"]}], "links": [], "rechts": {}}, "gateways",
     "element 'links' (Links): antwoorden zijn op"),
    ("gateways", {"kiezen": {"getal": 1}, "links": {}, "rechts": {}}, "gateways",
     "element 'or_split', regel 1: fout in script: NameError: name 'opties' is not defined"),
    ("gateways", {"kiezen": "ja"}, "gateways", "antwoord voor taak 'kiezen' moet een object"),
    ("gateways", {}, "bestaat_niet", "onbekend proces 'bestaat_niet'"),
    ("script:x = 1 / 0", {}, "wachten", "element 'rekenen', regel 1: fout in script: ZeroDivisionError"),
    ("script:x = __import__('os')", {}, "wachten", "element 'rekenen'"),
    ("script:x = 10 ** 10 ** 8", {}, "wachten", "element 'rekenen', regel 1: limiet overschreden"),
    ("script:while True: pass", {}, "wachten", "element 'rekenen', regel 1: limiet overschreden: tijdslimiet"),
    ("notxml", {}, "gateways", "geen geldige XML"),
])
def test_simulate_errors_are_one_clear_line(tmp_path, model, answers, process, expected):
    if model == "gateways":
        path = FIXTURES / "bpmn" / "gateways.bpmn"
    else:
        path = tmp_path / "m.bpmn"
        path.write_text(script_bpmn(model[7:]) if model.startswith("script:") else "<niet", encoding="utf-8")
    (tmp_path / "a.json").write_text(json.dumps(answers))
    result = ekd("simulate", str(path), "--process", process, "--answers", str(tmp_path / "a.json"))
    assert result.returncode != 0 and result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and expected in lines[0], result.stderr


def test_simulate_refuses_invalid_form_data(tmp_path):
    answers = json.loads((PROCESSES / "scenarios" / "standaard.json").read_text())["answers"]
    answers["screening"]["urgentie"] = "dringend"
    (tmp_path / "a.json").write_text(json.dumps(answers))
    result = ekd("simulate", *MODELS, "--process", "diagnostisch_traject", "--answers", str(tmp_path / "a.json"))
    assert result.returncode == 1
    assert "element 'screening'" in result.stderr and "urgentie: moet een van deze waarden zijn" in result.stderr


def test_the_import_contract_holds():
    result = subprocess.run([str(Path(sys.executable).with_name("lint-imports"))], cwd=ROOT,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "3 kept, 0 broken" in result.stdout
