"""Small BPMN processes written as lists of nodes and flows, with a diagram laid out for them
(bpmnlint's no-bpmndi wants every element drawn)."""

from __future__ import annotations

from dataclasses import dataclass, field
from xml.sax.saxutils import escape, quoteattr

HEAD = ('<?xml version="1.0" encoding="UTF-8"?>\n'
        '<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" '
        'xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" '
        'xmlns:di="http://www.omg.org/spec/DD/20100524/DI" '
        'xmlns:spiffworkflow="http://spiffworkflow.org/bpmn/schema/1.0/core" '
        'id="defs_{process}" targetNamespace="http://ekd.test/{process}">\n')
LANE_HEIGHT = 160


@dataclass
class Net:
    """A process: nodes (id, tag, name), flows (id, source, target[, name, condition]), and per node
    extra XML inside it, attributes, a lane and a column."""

    process: str
    nodes: list[tuple[str, str, str]]
    flows: list[tuple]
    inner: dict[str, str] = field(default_factory=dict)
    attrs: dict[str, str] = field(default_factory=dict)
    lanes: dict[str, list[str]] = field(default_factory=dict)
    columns: dict[str, int] = field(default_factory=dict)
    properties: dict[str, str] = field(default_factory=dict)

    def xml(self) -> str:
        """The BPMN document."""
        body = [HEAD.format(process=self.process)]
        if self.lanes:
            body.append(f'<bpmn:collaboration id="samenwerking_{self.process}"><bpmn:participant '
                        f'id="deelnemer_{self.process}" name="{self.process}" processRef="{self.process}"/>'
                        '</bpmn:collaboration>\n')
        body.append(f'<bpmn:process id="{self.process}" name="{self.process}" isExecutable="true">\n')
        if self.properties:
            body.append("<bpmn:extensionElements><spiffworkflow:properties>" + "".join(
                f'<spiffworkflow:property name="{k}" value="{v}"/>' for k, v in self.properties.items())
                + "</spiffworkflow:properties></bpmn:extensionElements>\n")
        if self.lanes:
            body.append(f'<bpmn:laneSet id="lanes_{self.process}">')
            for lane, members in self.lanes.items():
                refs = "".join(f"<bpmn:flowNodeRef>{m}</bpmn:flowNodeRef>" for m in members)
                body.append(f'<bpmn:lane id="lane_{lane}" name="{lane}">{refs}</bpmn:lane>')
            body.append("</bpmn:laneSet>\n")
        for node, tag, name in self.nodes:
            refs = "".join(f"<bpmn:incoming>{f[0]}</bpmn:incoming>" for f in self.flows if f[2] == node)
            refs += "".join(f"<bpmn:outgoing>{f[0]}</bpmn:outgoing>" for f in self.flows if f[1] == node)
            label = f" name={quoteattr(name)}" if name else ""
            inner = self.inner.get(node, "")
            before, after = (inner, "") if inner.startswith("<bpmn:extensionElements") else ("", inner)
            body.append(f'<bpmn:{tag} id="{node}"{label}{self.attrs.get(node, "")}>{before}{refs}{after}'
                        f'</bpmn:{tag}>\n')
        for flow in self.flows:
            flow_id, source, target = flow[:3]
            name = f" name={quoteattr(flow[3])}" if len(flow) > 3 and flow[3] else ""
            condition = (f"<bpmn:conditionExpression>{escape(flow[4])}</bpmn:conditionExpression>"
                         if len(flow) > 4 and flow[4] else "")
            body.append(f'<bpmn:sequenceFlow id="{flow_id}" sourceRef="{source}" targetRef="{target}"{name}>'
                        f'{condition}</bpmn:sequenceFlow>\n')
        body.append("</bpmn:process>\n")
        body.append(self._diagram())
        body.append("</bpmn:definitions>\n")
        return "".join(body)

    def _lane_of(self, node: str) -> int:
        for number, members in enumerate(self.lanes.values()):
            if node in members:
                return number
        return 0

    def _diagram(self) -> str:
        where: dict[str, tuple[int, int, int, int]] = {}
        for number, (node, tag, _name) in enumerate(self.nodes):
            if tag == "boundaryEvent":
                continue
            width, height = (36, 36) if tag.endswith("Event") else (50, 50) if tag.endswith("Gateway") else (100, 80)
            column = self.columns.get(node, number)
            top = self._lane_of(node) * LANE_HEIGHT
            where[node] = (120 + 150 * column, top + (LANE_HEIGHT - height) // 2, width, height)
        for node, tag, _name in self.nodes:
            if tag == "boundaryEvent":
                owner = self.attrs[node].split('attachedToRef="')[1].split('"')[0]
                x, y, width, height = where[owner]
                where[node] = (x + width - 28, y + height - 18, 36, 36)
        shapes = []
        plane = self.process
        if self.lanes:
            plane = f"samenwerking_{self.process}"
            width = 120 + 150 * (max(c for c in [*self.columns.values(), len(self.nodes)]) + 1)
            shapes.append(f'<bpmndi:BPMNShape id="deelnemer_{self.process}_di" bpmnElement="deelnemer_{self.process}" '
                          f'isHorizontal="true"><dc:Bounds x="0" y="0" width="{width}" '
                          f'height="{LANE_HEIGHT * len(self.lanes)}"/></bpmndi:BPMNShape>\n')
            for number, lane in enumerate(self.lanes):
                shapes.append(f'<bpmndi:BPMNShape id="lane_{lane}_di" bpmnElement="lane_{lane}" isHorizontal="true">'
                              f'<dc:Bounds x="30" y="{number * LANE_HEIGHT}" width="{width - 30}" '
                              f'height="{LANE_HEIGHT}"/></bpmndi:BPMNShape>\n')
        for node, (x, y, width, height) in where.items():
            shapes.append(f'<bpmndi:BPMNShape id="{node}_di" bpmnElement="{node}"><dc:Bounds x="{x}" y="{y}" '
                          f'width="{width}" height="{height}"/></bpmndi:BPMNShape>\n')
        for flow in self.flows:
            (x1, y1, w1, h1), (x2, y2, w2, h2) = where[flow[1]], where[flow[2]]
            start, end = (x1 + w1, y1 + h1 // 2), (x2, y2 + h2 // 2)
            if x2 <= x1:                              # a flow back: leave below, come in below
                start, end = (x1 + w1 // 2, y1 + h1), (x2 + w2 // 2, y2 + h2)
            shapes.append(f'<bpmndi:BPMNEdge id="{flow[0]}_di" bpmnElement="{flow[0]}">'
                          f'<di:waypoint x="{start[0]}" y="{start[1]}"/><di:waypoint x="{end[0]}" y="{end[1]}"/>'
                          '</bpmndi:BPMNEdge>\n')
        return (f'<bpmndi:BPMNDiagram id="diagram_{self.process}"><bpmndi:BPMNPlane id="plane_{self.process}" '
                f'bpmnElement="{plane}">\n' + "".join(shapes) + "</bpmndi:BPMNPlane></bpmndi:BPMNDiagram>\n")


def bpmn(process: str, nodes: list[tuple[str, str, str]], flows: list[tuple], **parts) -> str:
    """A BPMN document for a process given as nodes and flows."""
    return Net(process, nodes, flows, **parts).xml()


def attach(activity: str, interrupting: bool = True) -> str:
    """The attributes of a boundary event on `activity`."""
    return f' attachedToRef="{activity}"' + ("" if interrupting else ' cancelActivity="false"')
