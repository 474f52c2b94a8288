"""The latest investigation round's findings, for the task pages that work from them (the team
meeting integrates them into one picture), as need-to-know lets the reader see them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from engine import access, runtime
from engine.access import Clearance, Data

LATEST = "laatste_bevindingen"     # the guideline keeps this round's findings under this name


@dataclass(frozen=True)
class Finding:
    """One discipline's findings of the latest round, labelled by its own form."""

    role: str
    round: int | None
    done_on: str | None                          # ISO date the investigation was completed
    form: str | None                             # the discipline's form: its titles name the fields
    fields: tuple[tuple[str, str, Any], ...]     # (field, Dutch title, value)
    withheld: bool = False                       # medical findings this reader may not see


def latest(data: dict[str, Any], definition: runtime.Definition, forms, clearance: Clearance) -> tuple[Finding, ...]:
    """The findings of the latest round in a task's data; `forms` looks a form up by name."""
    found = []
    for item in data.get(LATEST) or []:
        if not isinstance(item, dict):
            continue
        role = str(item.get("discipline") or "")
        readable = clearance.reads(Data.MEDICAL if role in access.MEDICAL_LANES else Data.SHARED)
        if not readable and not clearance.reads(Data.SHARED):
            continue
        form, titles = _form(definition, forms, role)
        fields = tuple((key, titles[key].get("title", key), _ordered(item[key], titles[key])) for key in titles
                       if key in item and _shown(item[key])) if readable else ()
        found.append(Finding(role, item.get("ronde"), item.get("afgerond_op"), form, fields, not readable))
    return tuple(found)


def _form(definition: runtime.Definition, forms, role: str) -> tuple[str | None, dict[str, dict]]:
    """The form a discipline records its findings in, and the titles of those fields."""
    for element in definition.elements.values():
        if element.manual and element.lane == role and element.form:
            schema = forms(element.form) or {}
            titles = schema.get("properties", {}).get("bevinding", {}).get("properties")
            if titles:
                return element.form, titles
    return None, {}


def _shown(value: Any) -> bool:
    return value not in (None, "", [], {}) and not (isinstance(value, str) and not value.strip())


def _ordered(value: Any, schema: dict) -> Any:
    """Rows of a list in the order their form asks for them (stored data comes back sorted by key)."""
    if isinstance(value, list):
        return [_ordered(item, schema.get("items") or {}) for item in value]
    if isinstance(value, dict):
        order = list(schema.get("properties") or {})
        return {key: value[key] for key in sorted(value, key=lambda k: order.index(k) if k in order else len(order))}
    return value
