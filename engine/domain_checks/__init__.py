"""Checks of task data that JSON Schema cannot express, run wherever task data is validated
(the server, `ekd simulate`, the guideline's features), each a field error in Dutch.

A form declares them with ekd's own keywords (README, "Form conventions"); `ekd validate` knows
them (keywords.py):

- `"x-ekd-date": "not-before-birth" | "not-in-future"` (or a list of both) on a date field: not
  before the child's birth date (the trajectory's `kind_geboortedatum`, from the child record),
  not after today (Belgian time);
- `"x-ekd-code": "DSM-5" | "ICD-10" | "ICD-11" | "VAPH-stoornis" | "VAPH-handicap"`, or
  `{"system-field": "systeem"}` naming the sibling that holds the classification: the code has
  the form of its classification;
- `"x-ekd-required-when": "vaph_hulp_gevraagd"`: required (and not empty) when the trajectory's
  data holds that fact;
- `"x-ekd-rules": ["capability"]` on a consent form: the capability rule, with the age on the day
  of consent taken from the trajectory, never from the form;
- `"readOnly": true` on a top-level field: the value comes from the trajectory (ekd fills it in)
  and a different one is refused.

Besides, a task whose ekdAction submits the A-document is completed only with its confirming
field set to Ja: an answer that means "no" never performs the action.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any
from zoneinfo import ZoneInfo

from engine import clock
from engine.adocument import CONFIRMS
from engine.domain_checks import capability, codes, dates
from engine.domain_checks.keywords import FACTS, keyword_problems
from engine.forms import FieldError, field_path

__all__ = ["Facts", "errors", "keyword_problems", "taken_over"]
BELGIUM = ZoneInfo("Europe/Brussels")
MISSING = object()


@dataclass(frozen=True)
class Facts:
    """What the checks compare with: today, and the trajectory's data as the task sees it."""

    today: date
    data: Mapping[str, Any] = field(default_factory=dict)
    action: str | None = None          # the task's ekdAction

    @property
    def birth_date(self) -> date | None:
        return dates.parse(self.data.get("kind_geboortedatum"))

    @classmethod
    def now(cls, data: Mapping[str, Any] | None = None, action: str | None = None) -> Facts:
        """Facts for today on ekd's clock, in Belgium."""
        return cls(clock.now().astimezone(BELGIUM).date(), data or {}, action)


@dataclass(frozen=True)
class Visit:
    """One field of the form with its value in the data (MISSING when absent), and its row."""

    schema: dict[str, Any]
    value: Any
    where: list[str | int]
    row: dict[str, Any]

    @property
    def path(self) -> str:
        return field_path(self.where)


def errors(schema: dict, data: Any, facts: Facts) -> list[FieldError]:
    """Every problem the domain checks find in `data`, at most one per field, in form order."""
    if not isinstance(data, dict):
        return []
    found: list[FieldError] = []
    for visit in _visit(schema, data, []):
        for check in (_read_only, dates.check, codes.check, _required_when):
            if (problem := check(visit, facts)) is not None:
                found.append(problem)
                break
    if "capability" in (schema.get("x-ekd-rules") or []):
        found += capability.check(data, facts)
    found += _confirmed(data, facts)
    unique: dict[str, FieldError] = {}
    for problem in found:
        unique.setdefault(problem.field, problem)
    return list(unique.values())


def taken_over(schema: dict, data: dict[str, Any], facts: Facts) -> dict[str, Any]:
    """`data` with each read-only field the form leaves out filled in from the trajectory."""
    filled = dict(data)
    for name, sub in schema.get("properties", {}).items():
        if isinstance(sub, dict) and sub.get("readOnly") and name not in filled and facts.data.get(name) is not None:
            filled[name] = facts.data[name]
    return filled


def _visit(schema: dict, value: Any, where: list[str | int]) -> Iterator[Visit]:
    if isinstance(value, dict):
        for name, sub in (schema.get("properties") or {}).items():
            if isinstance(sub, dict):
                child = value.get(name, MISSING)
                yield Visit(sub, child, [*where, name], value)
                if child is not MISSING:
                    yield from _visit(sub, child, [*where, name])
    elif isinstance(value, list) and isinstance(schema.get("items"), dict):
        for index, item in enumerate(value):
            yield Visit(schema["items"], item, [*where, index], {})
            yield from _visit(schema["items"], item, [*where, index])


def _read_only(visit: Visit, facts: Facts) -> FieldError | None:
    if not visit.schema.get("readOnly") or len(visit.where) != 1 or visit.value is MISSING:
        return None
    known = facts.data.get(str(visit.where[0]))
    if known is None or visit.value == known:
        return None
    shown = dates.shown(dates.parse(known)) if dates.parse(known) else known
    return FieldError(visit.path, f"wordt overgenomen uit het dossier en verandert hier niet (daar: {shown})",
                      "read-only", {"value": known})


def _required_when(visit: Visit, facts: Facts) -> FieldError | None:
    fact = visit.schema.get("x-ekd-required-when")
    if fact not in FACTS or facts.data.get(fact) is not True or visit.value not in (MISSING, None, "", [], {}):
        return None
    return FieldError(visit.path, f"is verplicht {FACTS[fact]}", "required-when", {"fact": fact})


def _confirmed(data: dict[str, Any], facts: Facts) -> list[FieldError]:
    name = CONFIRMS.get(facts.action or "")
    if name is None or data.get(name) is True:
        return []
    return [FieldError(name, "kies Ja om het A-document in te dienen; wil je het nog niet indienen, laat de taak "
                             "dan open (je kan je antwoord als concept bewaren)", "confirm-submit")]
