"""Many trajectories waiting for five disciplines at once."""

from __future__ import annotations

import copy
from datetime import date

from engine.roles import DISCIPLINES
from tests.steps.trajectory import SCENARIOS, answer
from tests.store.helpers import make_services

PASSWORD = "wachtwoord-123"
COORDINATOR_STEPS = ("aanmelding", "screening", "instemming", "intake", "registratie_a001", "strategie")
ANSWERS = {**{k: v for k, v in SCENARIOS["vaph_aanvraag"].items() if k.startswith("onderzoek_")},
           "onderzoek_motorisch": SCENARIOS["aanvullend_onderzoek"]["onderzoek_motorisch"]}


def insz(number: int) -> str:
    """A valid INSZ of a child born on 2016-01-01 (number < 1000)."""
    body = f"160101{number:03d}"
    return body + f"{97 - int('2' + body) % 97:02d}"


def prepare(database_url: str, count: int):
    """`count` trajectories, each with one investigation ready per discipline; one person per discipline."""
    services = make_services(database_url)
    coordinator = services.people.add("coordinator", PASSWORD, ["coordinator"], "Coördinator")
    people = {role: services.people.add(role.replace("_", "-"), PASSWORD, [role], role) for role in DISCIPLINES}
    scenario = copy.deepcopy(SCENARIOS["standaard"])
    scenario["strategie"]["gekozen_disciplines"] = list(DISCIPLINES)
    work = []
    for number in range(count):
        child = services.children.register(insz(number), f"Kind{number}", "Betrouwbaar", date(2016, 1, 1),
                                           coordinator)
        trajectory = services.trajectories.start(child, coordinator)
        for role, person in people.items():
            services.teams.set_role(trajectory, role, [person.id], coordinator)
        scenario["aanmelding"]["kind_geboortedatum"] = "2016-01-01"
        for element in COORDINATOR_STEPS:
            task = next(t for t in services.trajectories.view(trajectory).ready if t.element == element)
            services.trajectories.complete_task(task.id, answer(scenario, element), coordinator)
        ready = {t.element: (t.id, t.lane) for t in services.trajectories.view(trajectory).ready
                 if t.element in ANSWERS}
        assert len(ready) == len(DISCIPLINES), ready
        work.append((trajectory, ready))
    services.database.dispose()
    return work
