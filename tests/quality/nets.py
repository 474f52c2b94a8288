"""Small BPMN processes written as text: a node list and a flow list, with a diagram laid out for them."""

from __future__ import annotations

from xml.sax.saxutils import quoteattr

HEAD = ('<?xml version="1.0" encoding="UTF-8"?>\n'
        '<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" '
        'xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" '
        'xmlns:di="http://www.omg.org/spec/DD/20100524/DI" '
        'xmlns:spiffworkflow="http://spiffworkflow.org/bpmn/schema/1.0/core" '
        'id="defs_{process}" targetNamespace="http://ekd.test/{process}">\n')


def bpmn(process: str, nodes: list[tuple[str, str, str]], flows: list[tuple], *, inner: dict[str, str] | None = None,
         attrs: dict[str, str] | None = None, process_extra: str = "") -> str:
    """A BPMN document: nodes are (id, tag, name), flows (id, source, target[, name, condition]);
    `inner` adds XML inside a node, `attrs` attributes to it. Every element gets a shape or an edge."""
    inner, attrs = inner or {}, attrs or {}
    body = [HEAD.format(process=process), f'<bpmn:process id="{process}" name="{process}" isExecutable="true">\n',
            process_extra]
    ins = {n: [f[0] for f in flows if f[2] == n] for n, _, _ in nodes}
    outs = {n: [f[0] for f in flows if f[1] == n] for n, _, _ in nodes}
    for node, tag, name in nodes:
        refs = "".join(f"<bpmn:incoming>{f}</bpmn:incoming>" for f in ins[node])
        refs += "".join(f"<bpmn:outgoing>{f}</bpmn:outgoing>" for f in outs[node])
        label = f" name={quoteattr(name)}" if name else ""
        body.append(f'<bpmn:{tag} id="{node}"{label}{attrs.get(node, "")}>{inner.get(node, "")}{refs}</bpmn:{tag}>\n')
    for flow in flows:
        flow_id, source, target = flow[:3]
        name = f" name={quoteattr(flow[3])}" if len(flow) > 3 and flow[3] else ""
        condition = (f"<bpmn:conditionExpression>{flow[4]}</bpmn:conditionExpression>"
                     if len(flow) > 4 and flow[4] else "")
        body.append(f'<bpmn:sequenceFlow id="{flow_id}" sourceRef="{source}" targetRef="{target}"{name}>'
                    f'{condition}</bpmn:sequenceFlow>\n')
    body.append("</bpmn:process>\n")
    body.append(_diagram(process, nodes, flows))
    body.append("</bpmn:definitions>\n")
    return "".join(body)


def _diagram(process: str, nodes, flows) -> str:
    where = {}
    shapes = []
    for number, (node, tag, _name) in enumerate(nodes):
        if tag == "boundaryEvent":
            continue
        x, y = 100 + 150 * number, 100 + 120 * (number % 2)
        width, height = (36, 36) if tag.endswith("Event") else (50, 50) if tag.endswith("Gateway") else (100, 80)
        where[node] = (x, y, width, height)
    for node, tag, _name in nodes:
        if tag == "boundaryEvent":
            owner = next(iter(where))
            for other, _, _ in nodes:
                if f'attachedToRef="{other}"' in _ATTACHED.get(node, ""):
                    owner = other
            x, y, width, height = where[owner]
            where[node] = (x + width - 18, y + height - 18, 36, 36)
    for node, (x, y, width, height) in where.items():
        shapes.append(f'<bpmndi:BPMNShape id="{node}_di" bpmnElement="{node}"><dc:Bounds x="{x}" y="{y}" '
                      f'width="{width}" height="{height}"/></bpmndi:BPMNShape>\n')
    for flow in flows:
        (x1, y1, w1, h1), (x2, y2, _w2, h2) = where[flow[1]], where[flow[2]]
        shapes.append(f'<bpmndi:BPMNEdge id="{flow[0]}_di" bpmnElement="{flow[0]}">'
                      f'<di:waypoint x="{x1 + w1}" y="{y1 + h1 // 2}"/><di:waypoint x="{x2}" y="{y2 + h2 // 2}"/>'
                      '</bpmndi:BPMNEdge>\n')
    return (f'<bpmndi:BPMNDiagram id="diagram_{process}"><bpmndi:BPMNPlane id="plane_{process}" '
            f'bpmnElement="{process}">\n' + "".join(shapes) + "</bpmndi:BPMNPlane></bpmndi:BPMNDiagram>\n")


_ATTACHED: dict[str, str] = {}


def attach(boundary: str, activity: str, interrupting: bool = True) -> str:
    """The attributes of a boundary event (remembered for its shape)."""
    text = f' attachedToRef="{activity}"' + ('' if interrupting else ' cancelActivity="false"')
    _ATTACHED[boundary] = text
    return text
