"""The family's voice: their question (before the intake) and their view (after the advice meeting),
in their own words, carried marked as theirs into the team's intake and advice tasks and into the
A-document's sections, so that nobody types it again. Pure functions over the family's events."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from engine.history import events, log
from engine.store.models import Event

QUESTION, VIEW = "vraag", "visie"
# moment → (the child's field, the parents' field) in the guideline's forms (intake.json, adviesgesprek.json)
FIELDS = {QUESTION: ("hulpvraag_kind", "hulpvraag_ouders"), VIEW: ("visie_kind", "visie_ouders")}
WHO = {"child": "het kind zelf", "legal_representative": "wettelijke vertegenwoordiger", "parent": "ouder"}
LENGTH = 5000


@dataclass(frozen=True)
class Words:
    """What one family member wrote, last version per moment."""

    member: str
    name: str
    relation: str
    moment: str
    text: str

    @property
    def field(self) -> str:
        child, parents = FIELDS[self.moment]
        return child if self.relation == "child" else parents

    @property
    def marked(self) -> str:
        return f"«{self.text}» — {self.name} ({WHO.get(self.relation, self.relation)}), in eigen woorden via ekd"


def moment(completed) -> str:
    """What the family writes now, from the elements the trajectory completed: their question until the
    intake (which reads it), their view from then on (the advice meeting and the A-document read it)."""
    return VIEW if "intake" in set(completed) else QUESTION


def written(history: list[Event]) -> list[Words]:
    """The latest words of each family member per moment, from a trajectory's events."""
    latest: dict[tuple[str, str], Words] = {}
    for event in history:
        if event.type != log.Kind.FAMILY_VIEW:
            continue
        body = events.payload(event)
        if not body:
            continue
        view = log.FamilyView.read(body)
        latest[(view.member, view.moment)] = Words(view.member, view.name, view.relation, view.moment, view.text)
    return [w for w in latest.values() if w.text]


def merged(facts: dict[str, Any], words: list[Words], moments: tuple[str, ...] = (QUESTION, VIEW)) -> dict[str, Any]:
    """The facts with the family's own words added, marked, where the team did not take them in yet."""
    out = dict(facts)
    for word in words:
        if word.moment not in moments:
            continue
        current = out.get(word.field) or ""
        if word.text not in current:
            out[word.field] = f"{current}\n\n{word.marked}".strip() if current else word.marked
    return out


def for_form(schema: dict[str, Any] | None, words: list[Words]) -> dict[str, str]:
    """The fields of a task's form the family's words answer (marked), by field name."""
    names = set((schema or {}).get("properties", {}))
    found: dict[str, str] = {}
    for word in words:
        if word.field in names:
            found[word.field] = f"{found[word.field]}\n\n{word.marked}" if word.field in found else word.marked
    return found
