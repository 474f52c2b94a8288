"""Render a task's JSON Schema as an HTML form, and read the submitted form back into data.

Our own small renderer rather than a JSON-Schema-forms library: the shipped forms use a known
set of types (text, long text, number, date, single and multiple choice, yes/no, lists of
objects, nested objects); rendering them on the server keeps pages fast, accessible and usable
without JavaScript, and errors from ekd's validator land next to their field directly.

Field names are dotted paths: `aanmelder.naam`, `bevinding.afgenomen_onderzoeken.0.datum`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

LONG_TEXT = 200          # a string longer than this (maxLength) is a long text
Translate = Callable[[str, str], str]   # (json pointer, Dutch text) -> text in the page's language


@dataclass
class Field:
    """One field as the template draws it."""

    name: str
    pointer: str
    kind: str                      # text, textarea, number, integer, date, email, choice, multi, yesno, group, list
    label: str
    hint: str | None = None
    required: bool = False         # the browser and the server require it
    value: Any = None
    error: str | None = None
    required_if_filled: bool = False   # required once its group (which is optional) is filled in
    options: list[tuple[str, str]] = field(default_factory=list)
    attributes: dict[str, Any] = field(default_factory=dict)
    children: list[Field] = field(default_factory=list)       # a group's fields
    rows: list[list[Field]] = field(default_factory=list)     # a list's rows
    template: list[Field] = field(default_factory=list)       # an empty row, for adding one

    @property
    def id(self) -> str:
        return "f-" + self.name.replace(".", "-")


def _kind(schema: dict) -> str:
    kind = schema.get("type")
    if kind == "object":
        return "group"
    if kind == "array":
        return "multi" if isinstance(schema.get("items"), dict) and _options(schema["items"]) else "list"
    if kind == "boolean":
        return "yesno"
    if kind in ("integer", "number"):
        return kind
    if _options(schema):
        return "choice"
    if schema.get("format") in ("date", "email"):
        return schema["format"]
    return "textarea" if schema.get("maxLength", 0) > LONG_TEXT else "text"


def _options(schema: dict) -> list[tuple[str, str]]:
    choices = schema.get("oneOf") or schema.get("anyOf") or []
    if choices and all(isinstance(c, dict) and "const" in c for c in choices):
        return [(str(c["const"]), c.get("title", str(c["const"]))) for c in choices]
    return [(str(v), str(v)) for v in schema.get("enum", [])]


def build(schema: dict, values: dict, errors: dict[str, str], translate: Translate) -> list[Field]:
    """The fields of a form, with their values and errors (errors keyed by dotted name)."""
    return _fields(schema, values or {}, errors, translate, "", "")


def _fields(schema, values, errors, translate, prefix, pointer, enforced=True) -> list[Field]:
    """The fields of one level. `enforced`: whether this level must be filled in at all; in an
    optional group a required field is required only once the group is filled in, so the browser
    must not insist on it (the server still does, then)."""
    required = set(schema.get("required", []))
    result = []
    for name, sub in schema.get("properties", {}).items():
        path = f"{prefix}{name}"
        where = f"{pointer}/properties/{name}"
        result.append(_field(sub, values.get(name) if isinstance(values, dict) else None, errors, translate,
                             path, where, name in required, enforced))
    return result


def _field(schema, value, errors, translate, path, pointer, required, enforced=True) -> Field:
    kind = _kind(schema)
    item = Field(path, pointer, kind, translate(f"{pointer}/title", schema.get("title", path)),
                 translate(f"{pointer}/description", schema["description"]) if schema.get("description") else None,
                 required and enforced, value, errors.get(path), required_if_filled=required and not enforced)
    if kind in ("choice", "multi"):
        source = schema if kind == "choice" else schema["items"]
        base = pointer if kind == "choice" else f"{pointer}/items"
        key = "oneOf" if "oneOf" in source else "anyOf"
        item.options = [(const, translate(f"{base}/{key}/{i}/title", title))
                        for i, (const, title) in enumerate(_options(source))]
    if kind == "group":
        item.children = _fields(schema, value or {}, errors, translate, f"{path}.", pointer, item.required)
    if kind == "list":
        rows = value if isinstance(value, list) else []
        item.rows = [_fields(schema["items"], row, errors, translate, f"{path}.{i}.", f"{pointer}/items")
                     for i, row in enumerate(rows)]
        item.template = _fields(schema["items"], {}, {}, translate, f"{path}.__index__.", f"{pointer}/items")
    item.attributes = _attributes(schema, kind)
    return item


def _attributes(schema: dict, kind: str) -> dict[str, Any]:
    """HTML hints the browser checks before sending (the server checks again)."""
    attributes: dict[str, Any] = {"readonly": "readonly"} if schema.get("readOnly") else {}
    if kind in ("text", "textarea", "email"):
        if schema.get("minLength"):
            attributes["minlength"] = schema["minLength"]
        if schema.get("maxLength"):
            attributes["maxlength"] = schema["maxLength"]
        if schema.get("pattern"):
            attributes["pattern"] = _anchored_away(schema["pattern"])
    if kind in ("number", "integer"):
        for keyword in ("minimum", "maximum"):
            if keyword in schema:
                attributes[keyword[:3]] = schema[keyword]
        attributes["step"] = "1" if kind == "integer" else "any"
    return attributes


def _anchored_away(pattern: str) -> str:
    """The pattern without its ^ and $: a browser anchors an HTML pattern itself."""
    if pattern.startswith("^"):
        pattern = pattern[1:]
    if pattern.endswith("$") and not pattern.endswith("\\$"):
        pattern = pattern[:-1]
    return pattern


# -- reading a submitted form back ----------------------------------------------------------

_SEGMENT = re.compile(r"^\d+$")


def parse(schema: dict, form) -> dict[str, Any]:
    """Turn submitted fields (a MultiDict) into data shaped by the schema; empty fields are left
    out, so the validator reports what is required and the form's defaults apply."""
    return _object(schema, form, "")


def _object(schema: dict, form, prefix: str) -> dict[str, Any]:
    data = {}
    for name, sub in schema.get("properties", {}).items():
        value = _value(sub, form, f"{prefix}{name}")
        if value is not None:
            data[name] = value
    return data


def _value(schema: dict, form, path: str):
    kind = _kind(schema)
    if kind == "group":
        value = _object(schema, form, f"{path}.")
        return value or None
    if kind == "multi":
        return form.getlist(path) if path in form else ([] if f"{path}.__present__" in form else None)
    if kind == "list":
        indices = sorted({int(key[len(path) + 1:].split(".", 1)[0]) for key in form
                          if key.startswith(f"{path}.") and _SEGMENT.match(key[len(path) + 1:].split(".", 1)[0])})
        rows = [_object(schema["items"], form, f"{path}.{i}.") for i in indices]
        rows = [row for row in rows if row]
        return rows if rows or f"{path}.__present__" in form else None
    raw = form.get(path, "")
    if raw is None or str(raw).strip() == "":
        return None
    raw = str(raw).strip() if kind != "textarea" else str(raw).replace("\r\n", "\n").strip()
    if kind == "yesno":
        return {"ja": True, "nee": False}.get(raw, raw)
    if kind in ("integer", "number"):
        try:
            number = float(raw.replace(",", "."))
        except ValueError:
            return raw                      # the validator says it must be a number
        return int(number) if kind == "integer" and number.is_integer() else number
    return raw


def form_name(path: str) -> str:
    """The form name (`rij.0.veld`) of a field path the engine reports (`rij[0].veld`)."""
    return re.sub(r"\[(\d+)\]", r".\1", path)


def error_names(errors) -> dict[str, str]:
    """Map validator field paths (`rij[0].veld`) to form names (`rij.0.veld`)."""
    return {form_name(e.field): e.message for e in errors}


def labels(fields: list[Field]) -> dict[str, str]:
    """Every field's label by its name (rows included), for the error summary."""
    found = {}
    for item in fields:
        found[item.name] = item.label
        found.update(labels(item.children))
        for row in item.rows:
            found.update({name: f"{item.label}: {label}" for name, label in labels(row).items()})
    return found
