"""How the benchmarks walk the shipped guideline: the standard scenario's answers, except that
every team meeting asks for one more investigation, so a trajectory runs as long as we like."""

from __future__ import annotations

import copy
import json
import os
from collections.abc import Callable
from datetime import date
from pathlib import Path

from engine import forms, guidelines
from engine.actors import COMMAND_LINE
from engine.history.chain import Key
from engine.roles import DISCIPLINES
from engine.services import Services
from engine.store import Database
from web import migrate

ROOT = Path(__file__).resolve().parent.parent
GUIDELINE = sorted((ROOT / "processes").glob("*.bpmn")) + sorted((ROOT / "processes").glob("*.dmn"))
LOOP = [ROOT / "tests" / "fixtures" / "bpmn" / "user_loop.bpmn"]
SCENARIO = json.loads((ROOT / "processes" / "scenarios" / "standaard.json").read_text())
# The audit key of the benchmarks' databases, and of the servers they start (which read it from here).
AUDIT_KEY = Key.of(os.environ.setdefault("EKD_AUDIT_KEY", "ekd-bench-auditsleutel"))
EXTRA_ROUND = {"teamoverleg_datum": "2026-11-03", "deelnemers": ["psychologist"],
               "integratief_beeld": "Nog een ronde nodig.", "aanvullend_onderzoek_nodig": True,
               "aanvullende_disciplines": ["psychologist"]}


def scenario_answers() -> Callable[[str, int], dict]:
    """The standard scenario's answer for an element's n-th round, with its form's defaults."""
    guideline = guidelines.load([ROOT / "processes"], ROOT / "forms")
    forms_by_element = {}
    for process_id in guideline.process_ids():
        for element in guideline.process(process_id).elements.values():
            if element.form:
                forms_by_element[element.id] = guideline.form(element.form)

    def answer(element: str, count: int) -> dict:
        value = SCENARIO[element]
        value = value[min(count, len(value) - 1)] if isinstance(value, list) else value
        return forms.with_defaults(forms_by_element[element], value)
    return answer


class Walk:
    """The next answer for a task: the scenario's, but team meetings keep asking for more."""

    def __init__(self):
        self.scenario_answer = scenario_answers()

    def answer(self, element: str, count: int = 0) -> dict:
        if element == "teamoverleg":
            return copy.deepcopy(EXTRA_ROUND)
        return self.scenario_answer(element, 0)


def next_ready(tasks):
    """The task the walk completes next (escalations aside: they only appear when a term passes)."""
    return next(t for t in tasks if not t.element.startswith("escalatie"))


def insz(number: int) -> str:
    """A valid INSZ of a child born on 2016-05-14 (number < 1000)."""
    body = f"160514{number:03d}"
    return body + f"{97 - int('2' + body) % 97:02d}"


def ekd_services(url: str) -> tuple[Services, object]:
    """A migrated database with the shipped guideline and one person who holds every role."""
    services = Services(Database(url), audit_key=AUDIT_KEY)
    migrate.upgrade(services.database, AUDIT_KEY)
    services.library.publish(guidelines.load([ROOT / "processes"], ROOT / "forms"), COMMAND_LINE)
    actor = services.people.add("bench", "bench-wachtwoord", ["coordinator", *DISCIPLINES, "team_lead"])
    return services, actor


def new_trajectory(services: Services, actor, number: int = 0) -> str:
    """A child's trajectory with the actor in every role of its team."""
    child = services.children.register(insz(number), f"Kind{number}", "Peeters", date(2016, 5, 14), actor)
    trajectory = services.trajectories.start(child, actor)
    for role in (*DISCIPLINES, "team_lead"):
        services.teams.set_role(trajectory, role, [actor.id], actor)
    return trajectory


def ekd_trajectory(folder: Path) -> tuple[Services, str, object]:
    services, actor = ekd_services(f"sqlite:///{folder / 'bench.sqlite'}")
    return services, new_trajectory(services, actor), actor
