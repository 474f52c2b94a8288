"""A guideline's BPMN and DMN as the quality center reads them: elements, flows, lanes, rules, layout.

Read from the XML itself (hardened parsing), not from SpiffWorkflow's specs: the checks, coverage
and the diff need sequence-flow ids, extension elements and the diagram, which Spiff drops.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

from engine import xmlsafe

BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL"
DI = ("http://www.omg.org/spec/BPMN/20100524/DI", "http://www.omg.org/spec/DD/20100524/DC",
      "http://www.omg.org/spec/DD/20100524/DI")
SPIFF = "http://spiffworkflow.org/bpmn/schema/1.0/core"
GATEWAYS = ("exclusiveGateway", "parallelGateway", "inclusiveGateway", "eventBasedGateway", "complexGateway")
ACTIVITIES = ("task", "userTask", "manualTask", "scriptTask", "serviceTask", "sendTask", "receiveTask",
              "businessRuleTask", "callActivity", "subProcess", "transaction", "adHocSubProcess")
EVENTS = ("startEvent", "endEvent", "intermediateCatchEvent", "intermediateThrowEvent", "boundaryEvent")
FLOW_NODES = frozenset(GATEWAYS + ACTIVITIES + EVENTS)


@dataclass(frozen=True)
class Node:
    """A flow node: what it is, where it sits and everything that decides how it behaves."""

    id: str
    kind: str                               # the BPMN tag: userTask, exclusiveGateway, boundaryEvent, ...
    name: str
    process: str
    file: str
    line: int | None
    lane: str | None = None
    parent: str | None = None               # the embedded subprocess it is in
    incoming: tuple[str, ...] = ()
    outgoing: tuple[str, ...] = ()
    attached_to: str | None = None
    interrupting: bool = True
    events: tuple[str, ...] = ()            # event definitions: timer, message, error, terminate, ...
    default: str | None = None
    behaviour: tuple[tuple[str, str], ...] = ()   # (what, text): script, timer, form, called element, ...
    documentation: str = ""


@dataclass(frozen=True)
class Flow:
    """A sequence flow from one node to another, with its condition."""

    id: str
    source: str
    target: str
    process: str
    file: str
    name: str = ""
    condition: str | None = None


@dataclass(frozen=True)
class Rule:
    """One row of a DMN decision table."""

    id: str
    decision: str
    file: str
    inputs: tuple[str, ...]
    outputs: tuple[str, ...]
    description: str = ""


@dataclass
class Process:
    """One process of a BPMN file, its nodes and flows by id."""

    id: str
    name: str
    file: str
    executable: bool
    properties: dict[str, str] = field(default_factory=dict)
    nodes: dict[str, Node] = field(default_factory=dict)
    flows: dict[str, Flow] = field(default_factory=dict)
    lanes: dict[str, str] = field(default_factory=dict)          # lane id -> name

    def called(self) -> set[str]:
        """The processes this one calls (call activities)."""
        return {text for node in self.nodes.values() for what, text in node.behaviour if what == "aangeroepen proces"}


@dataclass
class Model:
    """All processes, decisions and diagram shapes of a set of BPMN/DMN files."""

    processes: dict[str, Process] = field(default_factory=dict)
    decisions: dict[str, dict] = field(default_factory=dict)      # decision id -> {name, file, hit_policy, inputs}
    rules: dict[str, Rule] = field(default_factory=dict)
    layout: dict[str, tuple] = field(default_factory=dict)         # element id -> bounds or waypoints
    files: dict[str, str] = field(default_factory=dict)            # process or decision id -> file

    def reachable(self, root: str) -> list[Process]:
        """`root` and every process it calls, directly or not."""
        seen, stack = [], [root]
        while stack:
            current = stack.pop()
            if current in self.processes and current not in [p.id for p in seen]:
                seen.append(self.processes[current])
                stack.extend(sorted(self.processes[current].called()))
        return seen


def read(files: dict[str, bytes]) -> Model:
    """Read the BPMN and DMN files (others are ignored); raise UnsafeXml for hostile or broken XML."""
    model = Model()
    for name in sorted(files):
        if not name.endswith((".bpmn", ".dmn")):
            continue
        root = xmlsafe.parse(files[name], name)
        if etree.QName(root).namespace == BPMN:
            _bpmn(root, name, model)
        else:
            _dmn(root, name, model)
    return model


def _local(element) -> str:
    return etree.QName(element).localname if isinstance(element.tag, str) else ""


def _text(element, tag: str) -> str | None:
    found = [child for child in element if _local(child) == tag]
    return (found[0].text or "").strip() if found else None


def _bpmn(root, file: str, model: Model) -> None:
    for element in root.iter():
        if _local(element) in ("BPMNShape", "BPMNEdge") and etree.QName(element).namespace in DI:
            bounds = [(child.get("x"), child.get("y"), child.get("width"), child.get("height"))
                      for child in element.iter() if _local(child) in ("Bounds", "waypoint")]
            model.layout[element.get("bpmnElement") or ""] = tuple(bounds)
    for process_element in (e for e in root if _local(e) == "process"):
        process = Process(process_element.get("id") or "", process_element.get("name") or "", file,
                          process_element.get("isExecutable") == "true", _properties(process_element))
        model.processes[process.id] = process
        model.files[process.id] = file
        lanes = {}
        for lane in (e for e in process_element.iter() if _local(e) == "lane"):
            process.lanes[lane.get("id") or ""] = lane.get("name") or ""
            for ref in (e for e in lane if _local(e) == "flowNodeRef"):
                lanes[(ref.text or "").strip()] = lane.get("name") or lane.get("id")
        _container(process_element, process, lanes, None)


def _container(container, process: Process, lanes: dict[str, str], parent: str | None) -> None:
    for element in container:
        kind = _local(element)
        if kind == "sequenceFlow":
            condition = _text(element, "conditionExpression")
            process.flows[element.get("id") or ""] = Flow(
                element.get("id") or "", element.get("sourceRef") or "", element.get("targetRef") or "",
                process.id, process.file, element.get("name") or "", condition or None)
        elif kind in FLOW_NODES:
            process.nodes[element.get("id") or ""] = _node(element, kind, process, lanes, parent)
            if kind in ("subProcess", "transaction", "adHocSubProcess"):
                _container(element, process, lanes, element.get("id"))


def _node(element, kind: str, process: Process, lanes: dict[str, str], parent: str | None) -> Node:
    events = tuple(_local(e).replace("EventDefinition", "") for e in element if _local(e).endswith("EventDefinition"))
    return Node(
        id=element.get("id") or "", kind=kind, name=(element.get("name") or "").strip(), process=process.id,
        file=process.file, line=element.sourceline, lane=lanes.get(element.get("id") or "", None), parent=parent,
        incoming=tuple((e.text or "").strip() for e in element if _local(e) == "incoming"),
        outgoing=tuple((e.text or "").strip() for e in element if _local(e) == "outgoing"),
        attached_to=element.get("attachedToRef"), interrupting=element.get("cancelActivity") != "false",
        events=events, default=element.get("default"), behaviour=_behaviour(element, kind),
        documentation=_text(element, "documentation") or "")


def _properties(element) -> dict[str, str]:
    return {e.get("name"): e.get("value") or "" for e in element.iter()
            if _local(e) == "property" and etree.QName(e).namespace == SPIFF and e.get("name")
            and _owner(e) is element}


def _owner(element):
    """The BPMN element an extension element belongs to."""
    current = element.getparent()
    while current is not None and _local(current) != "extensionElements":
        current = current.getparent()
    return current.getparent() if current is not None else None


def _behaviour(element, kind: str) -> tuple[tuple[str, str], ...]:
    """What decides how the node runs, as (what, text) pairs in a fixed order: the diff compares these."""
    found: list[tuple[str, str]] = []
    if kind == "scriptTask" and _text(element, "script") is not None:
        found.append(("script", _text(element, "script")))
    for extension in (e for e in element if _local(e) == "extensionElements"):
        for item in extension.iter():
            local = _local(item)
            if local in ("preScript", "postScript"):
                found.append((local, (item.text or "").strip()))
            elif local == "calledDecisionId":
                found.append(("beslissing", (item.text or "").strip()))
            elif local == "property" and _owner(item) is element:
                found.append((f"eigenschap {item.get('name')}", item.get("value") or ""))
            elif local in ("messageVariable", "instructionsForEndUser", "serviceTaskOperator"):
                found.append((local, (item.text or "").strip() or etree.tostring(item, encoding="unicode")))
    if kind == "callActivity":
        found.append(("aangeroepen proces", element.get("calledElement") or ""))
    for definition in (e for e in element if _local(e) == "timerEventDefinition"):
        for timer in definition:
            if _local(timer) in ("timeDuration", "timeDate", "timeCycle"):
                found.append((f"timer {_local(timer)}", (timer.text or "").strip()))
    for definition in (e for e in element if _local(e).endswith("EventDefinition")):
        for attribute in ("messageRef", "errorRef", "signalRef", "escalationRef"):
            if definition.get(attribute):
                found.append((f"{_local(definition)} {attribute}", definition.get(attribute)))
    for loop in (e for e in element if _local(e) in ("multiInstanceLoopCharacteristics",
                                                      "standardLoopCharacteristics")):
        found.append(("herhaling", f"{_local(loop)} sequentieel={loop.get('isSequential', 'false')}"))
        for part in loop:
            if _local(part) in ("loopCardinality", "loopDataInputRef", "loopDataOutputRef", "completionCondition",
                                "loopCondition", "inputDataItem", "outputDataItem"):
                found.append((f"herhaling {_local(part)}", (part.text or part.get("name") or "").strip()))
    if element.get("default"):
        found.append(("standaardpad", element.get("default")))
    if kind == "boundaryEvent":
        found.append(("onderbrekend", "ja" if element.get("cancelActivity") != "false" else "nee"))
    return tuple(found)


def _dmn(root, file: str, model: Model) -> None:
    for decision in (e for e in root.iter() if _local(e) == "decision"):
        table = next((e for e in decision.iter() if _local(e) == "decisionTable"), None)
        if table is None:
            continue
        inputs = [next((_text(x, "text") for x in i if _local(x) == "inputExpression"), "") or ""
                  for i in table if _local(i) == "input"]
        model.decisions[decision.get("id") or ""] = {
            "name": decision.get("name") or "", "file": file, "hit_policy": table.get("hitPolicy") or "UNIQUE",
            "inputs": tuple(inputs), "outputs": tuple(o.get("name") or o.get("label") or "" for o in table
                                                     if _local(o) == "output")}
        model.files[decision.get("id") or ""] = file
        for rule in (e for e in table if _local(e) == "rule"):
            model.rules[rule.get("id") or ""] = Rule(
                rule.get("id") or "", decision.get("id") or "", file,
                tuple(_text(e, "text") or "" for e in rule if _local(e) == "inputEntry"),
                tuple(_text(e, "text") or "" for e in rule if _local(e) == "outputEntry"),
                _text(rule, "description") or "")
