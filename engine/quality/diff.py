"""Compare two guidelines element by element, including what diagram differs miss: scripts,
conditions, timers, forms field by field, DMN rules, lanes. Each change says whether it changes
behaviour or only the layout (position, label, help text)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from engine.quality.bundle import Bundle
from engine.quality.model import Flow, Model, Node, read

# Form schema keywords that only change how a form looks; every other keyword changes what is valid.
PRESENTATION = frozenset({"title", "description", "examples", "$comment", "ui:order", "ui:widget", "ui:help",
                          "ui:placeholder", "x-ui"})


class Effect(StrEnum):
    BEHAVIOUR = "changes behaviour"
    LAYOUT = "layout only"
    TEST = "test only"            # a scenario: what the guideline is tested with, not what it does


class Change(StrEnum):
    ADDED = "added"
    REMOVED = "removed"
    CHANGED = "changed"


@dataclass(frozen=True)
class Difference:
    """One element added, removed or changed, with what changed in Dutch."""

    change: Change
    element: str
    type: str
    file: str | None
    name: str = ""
    details: tuple[str, ...] = ()
    effect: Effect = Effect.BEHAVIOUR

    def as_json(self) -> dict[str, Any]:
        return {"change": str(self.change), "element": self.element, "type": self.type, "file": self.file,
                "name": self.name, "details": list(self.details), "effect": str(self.effect)}


def compare(a: Bundle, b: Bundle) -> list[Difference]:
    """Everything that differs from `a` to `b`."""
    before, after = read(a.models()), read(b.models())
    found = list(_processes(before, after))
    found += _nodes(before, after)
    found += _flows(before, after)
    found += _rules(before, after)
    found += _forms(a, b)
    found += _scenarios(a, b)
    return found


def markers(differences: list[Difference]) -> dict[str, dict[str, dict[str, str]]]:
    """What to paint on each side: {"a": {file: {element: removed/changed}}, "b": {file: {...: added/changed}}}."""
    painted: dict[str, dict[str, dict[str, str]]] = {"a": {}, "b": {}}
    for difference in differences:
        if difference.file is None or difference.type in ("formulier", "formulierveld", "scenario", "DMN-regel"):
            continue
        sides = {"added": ["b"], "removed": ["a"], "changed": ["a", "b"]}[difference.change]
        for side in sides:
            painted[side].setdefault(difference.file, {})[difference.element] = str(difference.change)
    return painted


def _effect(behaviour: list[str], layout: list[str]) -> tuple[tuple[str, ...], Effect]:
    return tuple(behaviour + layout), Effect.BEHAVIOUR if behaviour else Effect.LAYOUT


def _processes(before: Model, after: Model) -> Iterator[Difference]:
    for process_id in sorted(set(before.processes) | set(after.processes)):
        old, new = before.processes.get(process_id), after.processes.get(process_id)
        if old is None or new is None:
            kept = new or old
            yield Difference(Change.ADDED if old is None else Change.REMOVED, process_id, "proces", kept.file,
                             kept.name)
            continue
        behaviour = [f"eigenschap {key}: {old.properties.get(key, '—')} → {new.properties.get(key, '—')}"
                     for key in sorted(set(old.properties) | set(new.properties))
                     if old.properties.get(key) != new.properties.get(key)]
        if old.executable != new.executable:
            behaviour.append(f"uitvoerbaar: {old.executable} → {new.executable}")
        for lane_id in sorted(set(old.lanes) | set(new.lanes)):
            if old.lanes.get(lane_id) != new.lanes.get(lane_id):
                behaviour.append(f"lane '{lane_id}': {old.lanes.get(lane_id) or '—'} → {new.lanes.get(lane_id) or '—'}")
        layout = [f"naam: '{old.name}' → '{new.name}'"] if old.name != new.name else []
        if behaviour or layout:
            details, effect = _effect(behaviour, layout)
            yield Difference(Change.CHANGED, process_id, "proces", new.file, new.name, details, effect)


def _all(model: Model, part: str) -> dict[tuple[str, str], Any]:
    return {(p.id, key): value for p in model.processes.values() for key, value in getattr(p, part).items()}


def _nodes(before: Model, after: Model) -> Iterator[Difference]:
    old_nodes, new_nodes = _all(before, "nodes"), _all(after, "nodes")
    for key in sorted(set(old_nodes) | set(new_nodes)):
        old, new = old_nodes.get(key), new_nodes.get(key)
        if old is None or new is None:
            kept = new or old
            yield Difference(Change.ADDED if old is None else Change.REMOVED, kept.id, kept.kind, kept.file, kept.name,
                             tuple(f"{what}: {text}" for what, text in kept.behaviour))
            continue
        behaviour, layout = _node_changes(old, new)
        if before.layout.get(old.id) != after.layout.get(new.id):
            layout.append("plaats of grootte in het diagram")
        if behaviour or layout:
            details, effect = _effect(behaviour, layout)
            yield Difference(Change.CHANGED, new.id, new.kind, new.file, new.name, details, effect)


def _node_changes(old: Node, new: Node) -> tuple[list[str], list[str]]:
    behaviour, layout = [], []
    if old.kind != new.kind:
        behaviour.append(f"soort: {old.kind} → {new.kind}")
    if old.lane != new.lane:
        behaviour.append(f"lane (rol): {old.lane or '—'} → {new.lane or '—'}")
    if old.attached_to != new.attached_to or old.interrupting != new.interrupting or old.events != new.events:
        behaviour.append("gebeurtenis: " + _pair(f"{old.events} aan {old.attached_to}", f"{new.events} aan "
                                                                                       f"{new.attached_to}"))
    if set(old.incoming) != set(new.incoming) or set(old.outgoing) != set(new.outgoing):
        behaviour.append(f"verbindingen: in {sorted(old.incoming)} uit {sorted(old.outgoing)} → "
                         f"in {sorted(new.incoming)} uit {sorted(new.outgoing)}")
    before, after = dict(old.behaviour), dict(new.behaviour)
    for what in sorted(set(before) | set(after)):
        if before.get(what) != after.get(what):
            behaviour.append(f"{what}: {_pair(before.get(what), after.get(what))}")
    if old.parent != new.parent:
        behaviour.append(f"subproces: {old.parent or '—'} → {new.parent or '—'}")
    if old.name != new.name:
        layout.append(f"naam: '{old.name}' → '{new.name}'")
    if old.documentation != new.documentation:
        layout.append("documentatie gewijzigd")
    return behaviour, layout


def _flows(before: Model, after: Model) -> Iterator[Difference]:
    old_flows: dict[tuple[str, str], Flow] = _all(before, "flows")
    new_flows: dict[tuple[str, str], Flow] = _all(after, "flows")
    for key in sorted(set(old_flows) | set(new_flows)):
        old, new = old_flows.get(key), new_flows.get(key)
        if old is None or new is None:
            kept = new or old
            condition = (f"voorwaarde: {kept.condition}",) if kept.condition else ()
            yield Difference(Change.ADDED if old is None else Change.REMOVED, kept.id, "sequentiestroom", kept.file,
                             kept.name, (f"van {kept.source} naar {kept.target}", *condition))
            continue
        behaviour, layout = [], []
        if (old.source, old.target) != (new.source, new.target):
            behaviour.append(f"verbindt: {old.source} → {old.target} wordt {new.source} → {new.target}")
        if old.condition != new.condition:
            behaviour.append(f"voorwaarde: {_pair(old.condition, new.condition)}")
        if old.name != new.name:
            layout.append(f"naam: '{old.name}' → '{new.name}'")
        if before.layout.get(old.id) != after.layout.get(new.id):
            layout.append("verloop in het diagram")
        if behaviour or layout:
            details, effect = _effect(behaviour, layout)
            yield Difference(Change.CHANGED, new.id, "sequentiestroom", new.file, new.name, details, effect)


def _rules(before: Model, after: Model) -> Iterator[Difference]:
    for decision in sorted(set(before.decisions) | set(after.decisions)):
        old, new = before.decisions.get(decision), after.decisions.get(decision)
        if old is None or new is None:
            kept = new or old
            yield Difference(Change.ADDED if old is None else Change.REMOVED, decision, "DMN-beslissing",
                             kept["file"], kept["name"])
        elif (old["hit_policy"], old["inputs"], old["outputs"]) != (new["hit_policy"], new["inputs"], new["outputs"]):
            yield Difference(Change.CHANGED, decision, "DMN-beslissing", new["file"], new["name"],
                             (f"tabel: {old['hit_policy']} {old['inputs']} → {new['hit_policy']} {new['inputs']}",))
    for rule_id in sorted(set(before.rules) | set(after.rules)):
        old, new = before.rules.get(rule_id), after.rules.get(rule_id)
        if old is None or new is None:
            kept = new or old
            yield Difference(Change.ADDED if old is None else Change.REMOVED, rule_id, "DMN-regel", kept.file,
                             kept.description, (f"als {list(kept.inputs)} dan {list(kept.outputs)}",))
            continue
        behaviour = [f"invoer: {list(old.inputs)} → {list(new.inputs)}"] if old.inputs != new.inputs else []
        if old.outputs != new.outputs:
            behaviour.append(f"uitvoer: {list(old.outputs)} → {list(new.outputs)}")
        layout = ["beschrijving gewijzigd"] if old.description != new.description else []
        if behaviour or layout:
            details, effect = _effect(behaviour, layout)
            yield Difference(Change.CHANGED, rule_id, "DMN-regel", new.file, new.description, details, effect)


def _forms(a: Bundle, b: Bundle) -> Iterator[Difference]:
    old_forms, new_forms = a.forms(), b.forms()
    for name in sorted(set(old_forms) | set(new_forms)):
        old, new = old_forms.get(name), new_forms.get(name)
        if old is None or new is None:
            yield Difference(Change.ADDED if old is None else Change.REMOVED, name, "formulier", name,
                             (new or old).get("title", ""))
            continue
        before, after = dict(_fields(old, "")), dict(_fields(new, ""))
        for pointer in sorted(set(before) | set(after)):
            was, now = before.get(pointer), after.get(pointer)
            if was is None or now is None:
                yield Difference(Change.ADDED if was is None else Change.REMOVED, pointer or "/", "formulierveld",
                                 name, (now or was).get("title", ""))
            elif was != now:
                behaviour = [f"{key}: {_pair(was.get(key), now.get(key))}" for key in sorted(set(was) | set(now))
                             if was.get(key) != now.get(key) and key not in PRESENTATION]
                layout = [f"{key}: {_pair(was.get(key), now.get(key))}" for key in sorted(set(was) | set(now))
                          if was.get(key) != now.get(key) and key in PRESENTATION]
                details, effect = _effect(behaviour, layout)
                yield Difference(Change.CHANGED, pointer or "/", "formulierveld", name, now.get("title", ""), details,
                                 effect)


def _fields(schema: Any, pointer: str, required: bool | None = None) -> Iterator[tuple[str, dict]]:
    """Every field of a JSON Schema by its JSON pointer, with its own keywords (not its sub-fields'),
    and whether its parent requires it."""
    if not isinstance(schema, dict):
        return
    skip = ("properties", "items", "$defs", "definitions", "required")
    own = {key: value for key, value in schema.items() if key not in skip}
    if required is not None:
        own["verplicht"] = required
    if isinstance(schema.get("items"), dict):
        own["items"] = {k: v for k, v in schema["items"].items() if k not in skip}
    yield pointer, own
    needed = set(schema.get("required") or [])
    for key, value in (schema.get("properties") or {}).items():
        yield from _fields(value, f"{pointer}/properties/{key}", key in needed)
    items = schema.get("items")
    if isinstance(items, dict):
        needed = set(items.get("required") or [])
        for key, value in (items.get("properties") or {}).items():
            yield from _fields(value, f"{pointer}/items/properties/{key}", key in needed)
    for key, value in (schema.get("$defs") or schema.get("definitions") or {}).items():
        yield from _fields(value, f"{pointer}/$defs/{key}")


def _scenarios(a: Bundle, b: Bundle) -> Iterator[Difference]:
    old, new = a.scenario_files(), b.scenario_files()
    for name in sorted(set(old) | set(new)):
        if name not in old or name not in new:
            yield Difference(Change.ADDED if name not in old else Change.REMOVED, name, "scenario", name,
                             effect=Effect.TEST)
        elif old[name] != new[name]:
            parts = [key for key in sorted(set(old[name]) | set(new[name])) if old[name].get(key) != new[name].get(key)]
            yield Difference(Change.CHANGED, name, "scenario", name, details=tuple(f"{p} gewijzigd" for p in parts),
                             effect=Effect.TEST)
    for name in sorted(set(a.files) | set(b.files)):
        if name in a.files and name in b.files and a.kind(name) != b.kind(name):
            yield Difference(Change.CHANGED, name, "bestand", name, details=(f"{a.kind(name)} → {b.kind(name)}",))


def _pair(old: Any, new: Any) -> str:
    def show(value: Any) -> str:
        text = "—" if value is None else str(value)
        return text if len(text) <= 120 else text[:117] + "…"
    return f"{show(old)} → {show(new)}"
