"""Answers with a unique value in every field of a form, and what a person should read for each.

Starting from a scenario's answer (which keeps the guideline on its path: the yes/no and choices it
sets stay), every other field gets a value of its own: `W-<field>-<n>` for text, a date of its own,
a number of its own; a yes/no or choice it does not set gets one (its title is what a reader sees).
Lists get at least one row, nested objects every field.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any


@dataclass(frozen=True)
class Expected:
    """One recorded value and the words a reader should find for it."""

    element: str                   # the task that recorded it
    path: str                      # where in its data: bevinding.afgenomen_onderzoeken.0.datum
    label: str                     # the form's label of the field
    kind: str                      # text, date, number, yesno, choice
    raw: Any
    shown: str                     # as the page writes it (nl-BE)


@dataclass
class Generator:
    """Hands out values nobody else gets; remembers what it handed out."""

    first_day: date = field(default_factory=lambda: date.today() - timedelta(days=90))
    counter: int = 0
    days: int = 0
    numbers: list[int] = field(default_factory=lambda: [163, 61, 88, 119])
    expected: list[Expected] = field(default_factory=list)
    fixed: dict[str, Any] = field(default_factory=dict)          # "element:path" → the value to use

    def answer(self, element: str, schema: dict, base: dict | None) -> dict:
        self._element = element
        return self._object(schema, base or {}, "")

    # -- by type -------------------------------------------------------------------------------
    def _object(self, schema: dict, base: dict, prefix: str) -> dict:
        made: dict[str, Any] = {}
        for name, sub in schema.get("properties", {}).items():
            made[name] = self._value(sub, base.get(name), f"{prefix}{name}", name, made)
        return made

    def _value(self, schema: dict, base: Any, path: str, name: str, siblings: dict | None = None) -> Any:
        kind = schema.get("type")
        label = schema.get("title", name)
        if kind == "object":
            return self._object(schema, base or {}, f"{path}.")
        if kind == "array":
            items = schema.get("items", {})
            if _options(items):
                chosen = base or [_options(items)[0][0]]
                for n, value in enumerate(chosen):
                    self._note(f"{path}.{n}", label, "choice", value, dict(_options(items))[value])
                return chosen
            rows = base or [{}]
            return [self._object(items, row, f"{path}.{n}.") for n, row in enumerate(rows)]
        if kind == "boolean":
            value = base if base is not None else True
            self._note(path, label, "yesno", value, "Ja" if value else "Nee")
            return value
        if _options(schema):
            options = dict(_options(schema))
            value = self.fixed.get(f"{self._element}:{path}", base if base is not None else list(options)[-1])
            self._note(path, label, "choice", value, options[value])
            return value
        if kind in ("integer", "number"):
            value = self.numbers.pop(0)
            self._note(path, label, "number", value, str(value))
            return value
        if schema.get("format") == "date":
            value = self.fixed.get(f"{self._element}:{path}") or self.first_day + timedelta(days=self._next_day())
            self._note(path, label, "date", value.isoformat(), value.strftime("%d/%m/%Y"))
            return value.isoformat()
        self.counter += 1
        if "x-ekd-code" in schema:                                   # a classification code of its format
            system = schema["x-ekd-code"]
            if isinstance(system, dict):
                system = (siblings or {}).get(system["system-field"], "ICD-10")
            value = _code(system, self.counter)
        elif schema.get("format") == "email":
            value = f"w{self.counter}@voorbeeld.be"
        elif "pattern" in schema:                                     # a phone number
            value = f"0470 {self.counter:02d} {self.counter:02d} {self.counter:02d}"
        else:
            value = f"W-{name}-{self.counter:03d}"
        self._note(path, label, "text", value, value)
        return value

    def _next_day(self) -> int:
        self.days += 1
        return self.days

    def _note(self, path: str, label: str, kind: str, raw: Any, shown: str) -> None:
        self.expected.append(Expected(self._element, path, label, kind, raw, shown))


def _code(system: str, n: int) -> str:
    """A code of `system`'s format that no other field gets (engine/domain_checks/codes.py)."""
    if system == "ICD-11":
        return f"6A{n % 10}{n // 10 % 10}.{n % 7}"
    if system == "VAPH-handicap":
        return str(1000 + n)
    if system == "VAPH-stoornis":
        return f"F{10 + n % 90:02d}"
    return f"F{10 + n % 90:02d}.{n % 10}"                       # ICD-10, and DSM-5 in its ICD-10-CM form


def _options(schema: dict) -> list[tuple[Any, str]]:
    choices = schema.get("oneOf") or []
    if choices and all("const" in c for c in choices):
        return [(c["const"], c.get("title", str(c["const"]))) for c in choices]
    return [(v, str(v)) for v in schema.get("enum", [])]
