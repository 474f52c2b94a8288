"""The auditor's step-through and lists on SQLite and PostgreSQL: a step read from payload heads and
the checkpoint before it equals what a replay from event 1 says; the filters' SQL runs on both."""

from __future__ import annotations

import json

from engine.actors import Actor
from engine.history.replay import replay
from engine.services.audit.workbench import Filters, LogFilters
from tests.web.audit_world import two_rounds


def test_every_step_matches_a_replay_from_event_one(services, everyone, test_clock):
    world = two_rounds(services, everyone, marked=False)
    person = services.people.add("auditor", "wachtwoord-123", ["auditor"], "Au Ditor")
    auditor = Actor(person.id, person.username, frozenset({"auditor"}), person.display_name)
    with services.uow() as uow:
        trajectory = uow.trajectories.get(world.trajectory)
        history = uow.events.of_trajectory(world.trajectory)
    casework = services.library.casework(trajectory.guideline_version_id)
    for n in range(1, len(history) + 1):
        step = services.step_through.step(world.trajectory, n, auditor)
        whole = replay(casework, world.trajectory, history, n)
        ready = {t.path for t in whole.instance.ready_tasks()}
        assert ready <= {r.path for r in step.runs if str(r.state) == "active"}, n
        assert step.mismatches == [] and step.seal == [], n
        recorded = json.loads(history[n - 1].payload)["completed"]
        assert [r.path for r in step.runs if r.seq == n] == recorded, n
    listing = services.workbench.trajectories(auditor, Filters(status="afgerond", deadline_exceeded=False,
                                                                integrity_problems=True))
    assert listing.rows == []
    assert services.workbench.trajectories(auditor, Filters(version=listing.versions[0][0][:6])).rows
    assert services.workbench.access_log(auditor, LogFilters(person="auditor"))
