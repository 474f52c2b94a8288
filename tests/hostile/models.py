"""BPMN and DMN documents that carry an attack in one place."""

from __future__ import annotations

from xml.sax.saxutils import escape

HEAD = ('<?xml version="1.0" encoding="UTF-8"?>\n'
        '<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" '
        'xmlns:spiffworkflow="http://spiffworkflow.org/bpmn/schema/1.0/core" '
        'id="defs" targetNamespace="http://ekd.test">\n<bpmn:process id="aanval" isExecutable="true">\n'
        '<bpmn:startEvent id="begin"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>\n')
TAIL = ('<bpmn:endEvent id="einde"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>\n'
        '<bpmn:sequenceFlow id="f1" sourceRef="begin" targetRef="{first}"/>\n'
        '{flows}<bpmn:sequenceFlow id="f2" sourceRef="{last}" targetRef="einde"/>\n'
        '</bpmn:process>\n</bpmn:definitions>\n')


def script(code: str) -> tuple[str, str | None]:
    body = ('<bpmn:scriptTask id="kwaadaardig_script"><bpmn:incoming>f1</bpmn:incoming>'
            f'<bpmn:outgoing>f2</bpmn:outgoing><bpmn:script>{escape(code)}</bpmn:script></bpmn:scriptTask>\n')
    return HEAD + body + TAIL.format(first="kwaadaardig_script", last="kwaadaardig_script", flows=""), None


def condition(expression: str) -> tuple[str, str | None]:
    body = ('<bpmn:exclusiveGateway id="kwaadaardige_keuze" default="f4"><bpmn:incoming>f1</bpmn:incoming>'
            '<bpmn:outgoing>f3</bpmn:outgoing><bpmn:outgoing>f4</bpmn:outgoing></bpmn:exclusiveGateway>\n'
            '<bpmn:exclusiveGateway id="samen"><bpmn:incoming>f3</bpmn:incoming><bpmn:incoming>f4</bpmn:incoming>'
            '<bpmn:outgoing>f2</bpmn:outgoing></bpmn:exclusiveGateway>\n')
    flows = (f'<bpmn:sequenceFlow id="f3" sourceRef="kwaadaardige_keuze" targetRef="samen">'
             f'<bpmn:conditionExpression>{escape(expression)}</bpmn:conditionExpression></bpmn:sequenceFlow>\n'
             '<bpmn:sequenceFlow id="f4" sourceRef="kwaadaardige_keuze" targetRef="samen"/>\n')
    return HEAD + body + TAIL.format(first="kwaadaardige_keuze", last="samen", flows=flows), None


def timer(expression: str) -> tuple[str, str | None]:
    body = ('<bpmn:intermediateCatchEvent id="kwaadaardige_timer"><bpmn:incoming>f1</bpmn:incoming>'
            '<bpmn:outgoing>f2</bpmn:outgoing><bpmn:timerEventDefinition><bpmn:timeDuration>'
            f'"PT1S" if ({escape(expression)}) else "PT1S"</bpmn:timeDuration></bpmn:timerEventDefinition>'
            '</bpmn:intermediateCatchEvent>\n')
    return HEAD + body + TAIL.format(first="kwaadaardige_timer", last="kwaadaardige_timer", flows=""), None


def dmn(expression: str) -> tuple[str, str | None]:
    body = ('<bpmn:businessRuleTask id="kwaadaardige_regel"><bpmn:extensionElements>'
            '<spiffworkflow:calledDecisionId>aanval_beslissing</spiffworkflow:calledDecisionId>'
            '</bpmn:extensionElements><bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing>'
            '</bpmn:businessRuleTask>\n')
    decision = ('<?xml version="1.0" encoding="UTF-8"?>\n'
                '<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="d" name="d" '
                'namespace="http://ekd.test"><decision id="aanval_beslissing" name="Aanval">'
                '<decisionTable id="t" hitPolicy="UNIQUE"><input id="i" label="x">'
                f'<inputExpression id="ie" typeRef="boolean"><text>{escape(expression)}</text></inputExpression>'
                '</input><output id="o" label="uit" name="uit" typeRef="string"/>'
                '<rule id="r1"><inputEntry id="r1i"><text>True</text></inputEntry>'
                '<outputEntry id="r1o"><text>"ja"</text></outputEntry></rule>'
                '<rule id="r2"><inputEntry id="r2i"><text>False</text></inputEntry>'
                '<outputEntry id="r2o"><text>"nee"</text></outputEntry></rule>'
                '</decisionTable></decision></definitions>\n')
    return (HEAD + body + TAIL.format(first="kwaadaardige_regel", last="kwaadaardige_regel", flows=""),
            decision)


BUILDERS = {"script": script, "condition": condition, "timer": timer, "dmn": dmn}


def build(place: str, attack, marker: str) -> tuple[str, str | None]:
    """Return (bpmn, dmn or None) with `attack` in `place`, writing to `marker`."""
    if place == "script":
        code = (attack.statement or f"resultaat = {attack.expression}").format(marker=marker)
        return script(code)
    return BUILDERS[place](attack.expression.format(marker=marker))
