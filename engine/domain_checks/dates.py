"""`x-ekd-date`: a date lies not before the child's birth and not after today."""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING, Any

from engine.forms import FieldError

if TYPE_CHECKING:
    from engine.domain_checks import Facts, Visit

RULES = ("not-before-birth", "not-in-future")
_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def parse(value: Any) -> date | None:
    """A date written as JJJJ-MM-DD, or None for anything else (the schema reports that)."""
    if not isinstance(value, str) or not _ISO.match(value):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def shown(day: date) -> str:
    """A date as people in Flanders write it."""
    return day.strftime("%d/%m/%Y")


def rules_of(schema: dict) -> list[str]:
    declared = schema.get("x-ekd-date")
    return [declared] if isinstance(declared, str) else list(declared or [])


def check(visit: Visit, facts: Facts) -> FieldError | None:
    rules = rules_of(visit.schema)
    day = parse(visit.value) if rules else None
    if day is None:
        return None
    born = facts.birth_date
    if "not-before-birth" in rules and born is not None and day < born:
        return FieldError(visit.path, f"ligt vóór de geboortedatum van het kind ({shown(born)})",
                          "date-before-birth", {"birth": born.isoformat()})
    if "not-in-future" in rules and day > facts.today:
        return FieldError(visit.path, f"ligt in de toekomst (vandaag is het {shown(facts.today)})",
                          "date-in-future", {"today": facts.today.isoformat()})
    return None
