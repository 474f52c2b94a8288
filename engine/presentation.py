"""Recorded values as people read them: a form's JSON Schema and the data it recorded become an
ordered tree of labelled items, in the form's order, with the form's labels and choice titles.

Framework-free and language-free: an item carries a typed value (a date as `date`, a number as a
number, a yes/no as `bool`, a choice as its title) and says where each text is translated (the
form catalogue, forms/i18n, at a JSON pointer; or the page catalogue). web/values.py turns items
into words in the reader's language. Data the schema does not describe is shown too, after the
described fields: nothing recorded is left out.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Any

LONG_TEXT = 200          # a string allowed longer than this (maxLength) is a long text, as on the form
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ISO_MOMENT = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")


class Kind(StrEnum):
    """How a value is shown."""

    TEXT = "tekst"
    LONG_TEXT = "lange_tekst"
    NUMBER = "getal"
    BOOLEAN = "ja_nee"
    CHOICE = "keuze"           # value: the chosen option's title (a Text)
    DATE = "datum"
    MOMENT = "tijdstip"        # a date and time
    INSZ = "insz"
    GROUP = "groep"            # items: the fields of a nested object
    LIST = "lijst"             # items: the entries, in order
    SEALED = "verzegeld"       # value: the hash of what this reader may not see


@dataclass(frozen=True)
class Text:
    """A text a person reads: its Dutch, and where its translation is found."""

    dutch: str
    form: str | None = None        # a form's text: the form catalogue of this form, at `pointer`
    pointer: str | None = None     # None (with no form): a page text of the page catalogue


@dataclass(frozen=True)
class Item:
    """One recorded value with its label; a group or list holds the items below it."""

    key: str
    label: Text
    kind: Kind
    value: Any = None
    items: tuple[Item, ...] = ()
    missing: bool = False          # required here and not recorded: shown as missing, not as empty

    @property
    def empty(self) -> bool:
        if self.kind is Kind.GROUP:
            return all(item.empty for item in self.items)
        if self.kind is Kind.LIST:
            return not self.items
        return self.value is None

    @property
    def table(self) -> bool:
        """A list of objects alike (the same fields), shown as a table."""
        if self.kind is not Kind.LIST or not self.items or any(i.kind is not Kind.GROUP for i in self.items):
            return False
        columns = [i.key for i in self.items[0].items]
        return all([i.key for i in row.items] == columns for row in self.items)


def present(schema: Mapping[str, Any] | None, data: Any, form: str | None = None,
            pointer: str = "") -> tuple[Item, ...]:
    """The fields of an object schema with their recorded values, in the schema's order; then any
    recorded field the schema does not describe. `form` names the form file, `pointer` the JSON
    pointer of `schema` in it (for translations)."""
    values = data if isinstance(data, Mapping) else {}
    properties = (schema or {}).get("properties") or {}
    items = [item(name, sub, values.get(name), form, f"{pointer}/properties/{name}")
             for name, sub in properties.items()]
    items += [item(name, None, value, None, None) for name, value in values.items() if name not in properties]
    return tuple(items)


def item(key: str, schema: Mapping[str, Any] | None, value: Any, form: str | None, pointer: str | None,
         label: Text | None = None, missing: bool = False) -> Item:
    """One value as its schema describes it (inferred from the value when there is no schema)."""
    schema = schema or {}
    if label is None:
        title = schema.get("title")
        label = Text(title, form, f"{pointer}/title") if title and form else Text(title or readable(key))
    kind = _kind(schema, value)
    value = None if value in (None, "") else value
    if kind is Kind.GROUP:
        return Item(key, label, kind, items=present(schema or None, value, form if schema else None,
                                                    pointer or ""), missing=missing and value is None)
    if kind is Kind.LIST:
        entries = value if isinstance(value, list) else ([] if value is None else [value])
        sub = schema.get("items") if isinstance(schema.get("items"), Mapping) else None
        where = f"{pointer}/items" if pointer is not None and sub is not None else None
        rows = tuple(_entry(n, sub, entry, form if where else None, where) for n, entry in enumerate(entries))
        return Item(key, label, kind, items=rows, missing=missing and not rows)
    kind, shown = _typed(kind, value, schema, form, pointer)
    return Item(key, label, kind, shown, missing=missing and shown is None)


def readable(key: str) -> str:
    """A field name people can read: `totaal_iq` → 'Totaal iq'."""
    words = key.replace("_", " ").strip()
    return words[:1].upper() + words[1:] if words else key


def _entry(n: int, schema: Mapping[str, Any] | None, value: Any, form: str | None, pointer: str | None) -> Item:
    """The n-th entry of a list: a nested item, or a value labelled by its number."""
    if isinstance(value, (Mapping, list)) or (schema or {}).get("type") in ("object", "array"):
        return item(str(n), schema, value, form, pointer, Text(str(n + 1)))
    kind, shown = _typed(_kind(schema or {}, value), value, schema, form, pointer)
    return Item(str(n), Text(str(n + 1)), kind, shown)


def _kind(schema: Mapping[str, Any], value: Any) -> Kind:
    kind = schema.get("type")
    if isinstance(kind, list):
        kind = next((k for k in kind if k != "null"), None)
    if kind == "object" or (kind is None and isinstance(value, Mapping)):
        return Kind.GROUP
    if kind == "array" or (kind is None and isinstance(value, list)):
        return Kind.LIST
    if kind == "boolean" or (kind is None and isinstance(value, bool)):
        return Kind.BOOLEAN
    if kind in ("integer", "number") or (kind is None and isinstance(value, (int, float))):
        return Kind.NUMBER
    if _choices(schema):
        return Kind.CHOICE
    shape = schema.get("format")
    if shape == "date" or (shape is None and isinstance(value, str) and _ISO_DATE.match(value)):
        return Kind.DATE
    if shape == "date-time" or (shape is None and isinstance(value, str) and _ISO_MOMENT.match(value)):
        return Kind.MOMENT
    if shape == "insz":
        return Kind.INSZ
    multiline = isinstance(value, str) and "\n" in value
    return Kind.LONG_TEXT if schema.get("maxLength", 0) > LONG_TEXT or multiline else Kind.TEXT


def _choices(schema: Mapping[str, Any]) -> list[tuple[Any, str, str | None]]:
    """(value, title, the title's pointer below the schema) of each option."""
    for keyword in ("oneOf", "anyOf"):
        options = schema.get(keyword) or []
        if options and all(isinstance(o, Mapping) and "const" in o for o in options):
            return [(o["const"], o.get("title", str(o["const"])), f"/{keyword}/{n}/title" if "title" in o else None)
                    for n, o in enumerate(options)]
    return [(v, str(v), None) for v in schema.get("enum", [])]


def _typed(kind: Kind, value: Any, schema: Mapping[str, Any] | None, form: str | None,
           pointer: str | None) -> tuple[Kind, Any]:
    """The kind and the value to show: parsed dates, a choice's title; text where it does not parse."""
    if value in (None, ""):
        return kind, None
    if kind is Kind.CHOICE:
        for const, title, where in _choices(schema or {}):
            if const == value and isinstance(const, bool) == isinstance(value, bool):
                translated = form is not None and where is not None and pointer is not None
                return kind, Text(title, form, f"{pointer}{where}") if translated else Text(title)
        return kind, Text(str(value))
    if kind is Kind.DATE:
        try:
            return kind, date.fromisoformat(str(value))
        except ValueError:
            return Kind.TEXT, str(value)
    if kind is Kind.MOMENT:
        try:
            return kind, datetime.fromisoformat(str(value))
        except ValueError:
            return Kind.TEXT, str(value)
    if kind is Kind.BOOLEAN:
        return (kind, value) if isinstance(value, bool) else (Kind.TEXT, str(value))
    if kind is Kind.NUMBER:
        return (kind, value) if isinstance(value, (int, float)) and not isinstance(value, bool) else (Kind.TEXT,
                                                                                                     str(value))
    return kind, value if isinstance(value, str) else str(value)
