"""Build a store with the shipped guideline and walk trajectories through it."""

from __future__ import annotations

import copy
from datetime import date

from engine import guidelines, scenarios
from engine.actors import COMMAND_LINE, Actor
from engine.roles import DISCIPLINES
from engine.services import Services
from engine.store import Database
from tests.conftest import AUDIT_KEY, FORMS, PROCESSES
from tests.steps.trajectory import SCENARIOS, answer, as_recorded
from web import migrate

EVERYONE = ("coordinator", *DISCIPLINES, "team_lead")

INVESTIGATIONS = {"onderzoek_psychologisch", "onderzoek_medisch", "onderzoek_sociaal", "onderzoek_logopedisch"}


def make_services(url: str) -> Services:
    database = Database(url)
    migrate.upgrade(database, AUDIT_KEY)
    services = Services(database, audit_key=AUDIT_KEY)
    services.library.publish(guidelines.load([PROCESSES], FORMS), COMMAND_LINE,
                             scenarios.files_in(PROCESSES / "scenarios"))
    return services


def make_child(services: Services, actor: Actor, insz: str = "16051412351", born=date(2016, 5, 14)) -> str:
    return services.children.register(insz, "Lotte", "Peeters", born, actor)


def start_with_team(services: Services, child_id: str, actor: Actor) -> str:
    """Start a trajectory and put `actor` on its team in every lane role."""
    trajectory = services.trajectories.start(child_id, actor)
    for role in EVERYONE:
        if role != "coordinator" and role in actor.roles:
            services.teams.set_role(trajectory, role, [actor.id], actor)
    return trajectory


def run_scenario(services: Services, trajectory_id: str, actor: Actor, scenario: str,
                 stop_at: str | None = None, changes: dict[str, dict] | None = None) -> int:
    """Complete ready tasks with the scenario's answers (with `changes` merged into a task's answer)
    until none is left (or `stop_at` is ready)."""
    answers = copy.deepcopy(SCENARIOS[scenario])
    for element, changed in (changes or {}).items():
        answers[element] = {**answers[element], **changed}
    rounds: dict[str, int] = {}
    done = 0
    while True:
        ready = [t for t in services.trajectories.view(trajectory_id).ready if t.element in answers]
        if not ready or (stop_at and stop_at in [t.element for t in ready]):
            return done
        task = ready[0]
        services.trajectories.complete_task(task.id, as_recorded(answer(answers, task.element,
                                                                        rounds.get(task.element, 0))), actor)
        rounds[task.element] = rounds.get(task.element, 0) + 1
        done += 1


def verified(services: Services, trajectory_id: str | None = None, anchor: str | None = None) -> dict[str, list[str]]:
    """What `ekd audit verify` finds, per scope ('traject <id>', …), as the lines it prints."""
    found = services.audit.verify(COMMAND_LINE, trajectory_id, anchor)
    return {scope: [str(problem) for problem in problems] for scope, problems in found.items()}
