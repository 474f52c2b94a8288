"""The auditor's filters as the query string and forms bring them (the pages and the API read them alike)."""

from __future__ import annotations

from datetime import date

from engine.services.audit.workbench import Filters, LogFilters
from engine.text import InvalidInput
from web import inputs

YES = ("1", "true", "ja", "on")


def day(name: str) -> date | None:
    """A date parameter (YYYY-MM-DD), or None when absent or empty; InvalidInput otherwise."""
    raw = inputs.one(name)
    if not raw:
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise InvalidInput(name, f"moet een datum zijn (JJJJ-MM-DD), niet '{raw[:20]}'", "format",
                           {"format": "date"}) from None


def flag(name: str) -> bool:
    return (inputs.one(name) or "").lower() in YES


def text(name: str) -> str | None:
    return (inputs.one(name) or "").strip() or None


def trajectory_filters() -> Filters:
    return Filters(version=text("version"), status=text("status"), started_from=day("from"), started_to=day("to"),
                   deadline_exceeded=flag("deadline_exceeded"), integrity_problems=flag("integrity_problems"))


def log_filters() -> LogFilters:
    return LogFilters(pseudonym=text("pseudonym"), person=text("person"), since=day("from"), until=day("to"),
                      refused_only=flag("refused"))
