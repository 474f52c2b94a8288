"""A trajectory for the auditor's tests: two investigation rounds (aanvullend_onderzoek), the team's
free text replaced by unique markers, the family named, consent withdrawn and given again with notes."""

from __future__ import annotations

import copy
import json
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from tests.conftest import FORMS
from tests.steps.trajectory import SCENARIOS, answer, as_recorded

NAME, FAMILY_NAME, INSZ = "Lotte", "Peeters", "16051412351"
FAMILY = [{"naam": "Sofie Janssens", "relatie": "moeder", "telefoon": "0470 12 34 56", "email": "sofie@example.org",
           "wettelijk": True, "in_contact": True}]
_FREE = re.compile(r"[A-Z ]")          # the scenarios' free text: sentences and names (choices are identifiers)


def _choices(value: Any) -> set[str]:
    """Every value a form offers as a choice (enum, const): never free text."""
    if isinstance(value, dict):
        found = {v for v in value.get("enum", []) if isinstance(v, str)}
        found |= {value["const"]} if isinstance(value.get("const"), str) else set()
        return found.union(*(_choices(v) for v in value.values()))
    if isinstance(value, list):
        return set().union(*(_choices(v) for v in value))
    return set()


CHOICES = set().union(*(_choices(json.loads(path.read_text(encoding="utf-8"))) for path in FORMS.glob("*.json")))


@dataclass
class Marked:
    trajectory: str
    child: str
    markers: list[str] = field(default_factory=list)

    @property
    def secrets(self) -> list[str]:
        """What no auditor page or API answer may hold."""
        return [*self.markers, NAME, FAMILY_NAME, INSZ, "Sofie", "Janssens", "0470 12 34 56", "sofie@example.org",
                "2016-05-14"]


def _mark(value: Any, markers: list[str]) -> Any:
    if isinstance(value, dict):
        return {k: _mark(v, markers) for k, v in value.items()}
    if isinstance(value, list):
        return [_mark(v, markers) for v in value]
    if isinstance(value, str) and _FREE.search(value) and value not in CHOICES:
        markers.append(f"Geheim{len(markers):03d}q")
        return markers[-1]
    return value


def two_rounds(services, actor, marked: bool = True, end: bool = True) -> Marked:
    """Register the child (with family), start, and run the aanvullend_onderzoek scenario as `actor` (who
    holds every lane role) with every free text a unique marker; consent withdrawn and given again with
    marked notes after the intake."""
    child = services.children.register(INSZ, NAME, FAMILY_NAME, date(2016, 5, 14), actor, copy.deepcopy(FAMILY))
    trajectory = services.trajectories.start(child, actor)
    for role in ("psychologist", "physician", "social_worker", "speech_therapist", "physiotherapist", "team_lead"):
        services.teams.set_role(trajectory, role, [actor.id], actor)
    found = Marked(trajectory, child)
    answers = _mark(copy.deepcopy(SCENARIOS["aanvullend_onderzoek"]), found.markers) if marked \
        else copy.deepcopy(SCENARIOS["aanvullend_onderzoek"])
    rounds: dict[str, int] = {}
    while True:
        ready = [t for t in services.trajectories.view(trajectory).ready if t.element in answers]
        if not ready or (not end and rounds.get("teamoverleg", 0) == 2):
            return found
        task = ready[0]
        services.trajectories.complete_task(task.id, as_recorded(answer(answers, task.element,
                                                                        rounds.get(task.element, 0))), actor)
        rounds[task.element] = rounds.get(task.element, 0) + 1
        if task.element == "intake" and marked:
            found.markers += ["Geheim-intrekking-x", "Geheim-herstel-x"]
            services.trajectories.withdraw_consent(trajectory, found.markers[-2], actor, by="Sofie Janssens")
            services.trajectories.restore_consent(trajectory, found.markers[-1], actor, by="Sofie Janssens")
