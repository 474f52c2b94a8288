"""The child's legal representatives where a form asks for them again: answered from the child
record, so nobody types again what registration already knows. Pure functions; callers decide who
may read the family's data (Data.FAMILY) and pass nobody when the reader may not."""

from __future__ import annotations

from typing import Any

# Form fields that name the representatives: all of them (a list), or the first (one person).
EVERYONE = frozenset({"wettelijke_vertegenwoordigers"})
FIRST = frozenset({"ontvanger_documenten"})


def legal(people: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The legal representatives among the child record's family, those in contact first."""
    found = [person for person in people if person.get("wettelijk")]
    return sorted(found, key=lambda person: not person.get("in_contact", True))


def prefill(schema: dict | None, values: dict[str, Any], representatives: list[dict[str, Any]]
            ) -> tuple[dict[str, Any], list[str]]:
    """`values` with the form's questions about the legal representatives answered where nothing is
    recorded yet, and the names of the fields it answered."""
    properties = (schema or {}).get("properties", {})
    filled, names = dict(values), []
    for name, field in properties.items():
        if filled.get(name) or not representatives:
            continue
        if name in EVERYONE and field.get("type") == "array" and isinstance(field.get("items"), dict):
            filled[name] = [_shaped(person, field["items"]) for person in representatives]
        elif name in FIRST and field.get("type") == "object":
            filled[name] = _shaped(representatives[0], field)
        else:
            continue
        names.append(name)
    return filled, names


def _shaped(person: dict[str, Any], schema: dict) -> dict[str, Any]:
    """What the form's object asks of a person, as far as the child record knows it."""
    shaped = {}
    for key, field in schema.get("properties", {}).items():
        value = person.get(key)
        if not isinstance(value, str) or not value.strip() or field.get("type") != "string":
            continue
        choices = [choice.get("const") for choice in field.get("oneOf", []) if isinstance(choice, dict)]
        if choices and value not in choices:
            continue
        shaped[key] = value
    return shaped
