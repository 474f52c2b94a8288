"""Claiming and releasing tasks: a team lead releases work only in the trajectories they lead."""

from __future__ import annotations

import pytest

from engine.access import Forbidden
from tests.web.conftest import PASSWORD


def _claimed_task(services, people):
    psychologist = people["psychologist"]
    task = next(r.task_id for r in services.inbox.tasks(psychologist) if r.element == "onderzoek_psychologisch")
    services.inbox.claim(task, psychologist)
    return task


def _claimer(services, people, task):
    return next(r.claimed_by for r in services.inbox.tasks(people["psychologist"]) if r.task_id == task)


def test_a_team_lead_on_no_team_cannot_release_a_claimed_task(browser, people, services, team_trajectory):
    task = _claimed_task(services, people)
    outsider = services.people.add("andere-lead", PASSWORD, ["team_lead"], "Andere Lead")
    with pytest.raises(Forbidden):
        services.inbox.unclaim(task, outsider)
    page = browser("andere-lead").post(f"/taken/{task}/vrijgeven", {})
    assert page.status_code == 403
    assert _claimer(services, people, task) == people["psychologist"].id


def test_a_team_lead_who_is_on_the_team_in_another_role_cannot_release_either(people, services, team_trajectory):
    task = _claimed_task(services, people)
    both = services.people.add("lead-en-psy", PASSWORD, ["team_lead", "psychologist"], "Lead En Psy")
    services.teams.set_role(team_trajectory, "psychologist", [people["psychologist"].id, both.id],
                            people["coordinator"])
    with pytest.raises(Forbidden):
        services.inbox.unclaim(task, services.people.get(both.id))
    assert _claimer(services, people, task) == people["psychologist"].id


def test_the_trajectorys_team_lead_and_the_claimer_release(people, services, team_trajectory):
    task = _claimed_task(services, people)
    services.inbox.unclaim(task, people["team_lead"])
    assert _claimer(services, people, task) is None
    services.inbox.claim(task, people["psychologist"])
    services.inbox.unclaim(task, people["psychologist"])
    assert _claimer(services, people, task) is None
