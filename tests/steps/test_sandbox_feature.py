"""Steps for features/sandbox.feature."""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape

from pytest_bdd import given, parsers, scenarios, then, when

from engine import guidelines, runtime
from engine.errors import ScriptError

scenarios("sandbox.feature")

MODEL = """<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="http://ekd.test">
  <bpmn:process id="proef" isExecutable="true">
    <bpmn:startEvent id="begin"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:scriptTask id="{element}"><bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing>
      <bpmn:script>{code}</bpmn:script></bpmn:scriptTask>
    <bpmn:endEvent id="einde"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="begin" targetRef="{element}"/>
    <bpmn:sequenceFlow id="f2" sourceRef="{element}" targetRef="einde"/>
  </bpmn:process>
</bpmn:definitions>
"""


@given(parsers.parse('een richtlijn met een scripttaak "{element}" met de code:'), target_fixture="model")
def model_with_script(tmp_path, element, docstring):
    path = tmp_path / "proef.bpmn"
    path.write_text(MODEL.format(element=element, code=escape(docstring)), encoding="utf-8")
    return path


@when("de kwaliteitsmedewerker de richtlijn controleert", target_fixture="outcome")
def check(model):
    return guidelines.check(guidelines.load([model]))


@when("het proces gestart wordt", target_fixture="outcome")
def start(model):
    definition = runtime.parse([runtime.Source(model.name, model.read_bytes())]).process("proef")
    try:
        runtime.Engine().start(definition)
    except ScriptError as error:
        return error
    return None


@then(parsers.parse('meldt de controle bij element "{element}": "{melding}"'))
def reported(outcome, element, melding):
    assert any(p.element == element and melding in p.message for p in outcome), [str(p) for p in outcome]


@then(parsers.parse('wordt het geweigerd bij element "{element}" omdat "{reden}"'))
def refused(outcome, element, reden):
    assert isinstance(outcome, ScriptError), outcome
    assert outcome.element == element and reden in outcome.reason, str(outcome)


@then(parsers.parse('bestaat het bestand "{pad}" niet'))
def no_file(pad):
    assert not Path(pad).exists()
