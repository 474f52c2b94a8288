"""Compare two guidelines (versions or drafts): what changed, and whether it changes behaviour."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from engine.actors import Actor
from engine.quality import diff
from engine.quality.bundle import Kind
from engine.services.quality.common import find, log, require_member, subject
from engine.store import UnitOfWork


@dataclass(frozen=True)
class Side:
    id: str
    kind: str                 # version, draft
    diagrams: list[str]       # its BPMN files


@dataclass(frozen=True)
class Comparison:
    """Two guidelines, their differences, and what to paint on each one's diagrams."""

    a: Side
    b: Side
    differences: list[diff.Difference]
    markers: dict[str, dict[str, dict[str, str]]]

    def as_json(self) -> dict:
        behaviour = sum(d.effect == diff.Effect.BEHAVIOUR for d in self.differences)
        return {"a": {"id": self.a.id, "kind": self.a.kind}, "b": {"id": self.b.id, "kind": self.b.kind},
                "changes": [d.as_json() for d in self.differences],
                "summary": {"changes": len(self.differences), "changes_behaviour": behaviour,
                            "layout_only": sum(d.effect == diff.Effect.LAYOUT for d in self.differences)},
                "markers": self.markers}


class Comparisons:
    def __init__(self, uow: Callable[..., UnitOfWork]):
        self._uow = uow

    def compare(self, a: str, b: str, actor: Actor) -> Comparison:
        """What changed from `a` to `b` (a logged read)."""
        require_member(actor)
        with self._uow(write=True) as uow:
            old, new = find(uow, a), find(uow, b)
            log(uow, actor, "vergelijken", subject(old.id), f"met {new.id}")
            uow.commit()
        differences = diff.compare(old.bundle, new.bundle)
        sides = [Side(found.id, found.kind,
                      [n for n in sorted(found.bundle.files) if found.bundle.kind(n) == Kind.BPMN])
                 for found in (old, new)]
        return Comparison(sides[0], sides[1], differences, diff.markers(differences))
