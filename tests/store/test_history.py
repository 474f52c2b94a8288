"""The event log is the truth: replay rebuilds the state, tampering is caught and named."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import text

from engine.actors import COMMAND_LINE
from engine.history import events
from engine.services.changes import CHECKPOINT_EVERY
from tests.conftest import ROOT
from tests.steps.trajectory import SCENARIOS
from tests.store.helpers import run_scenario, start_with_team, verified

EKD = str(Path(sys.executable).with_name("ekd"))


def ekd(database_url, *args, stdin=None):
    env = {**os.environ, "EKD_DATABASE_URL": database_url}
    return subprocess.run([EKD, *args], cwd=ROOT, env=env, capture_output=True, text=True, input=stdin, timeout=120)


@pytest.mark.parametrize("scenario", sorted(SCENARIOS))
def test_replay_rebuilds_the_same_state_after_it_was_deleted(services, everyone, child, scenario, test_clock):
    trajectory = start_with_team(services, child, everyone)
    run_scenario(services, trajectory, everyone, scenario)
    with services.uow(write=True) as uow:
        row = uow.trajectories.get(trajectory)
        stored, ready = row.state, [t.id for t in uow.tasks.of_trajectory(trajectory)]
        row.state = None
        uow.commit()
    assert verified(services) == {f"traject {trajectory}": [
        "opgeslagen toestand [ontbreekt]: wordt herbouwd bij het volgende gebruik"]}
    services.audit.rebuild(trajectory, COMMAND_LINE)
    with services.uow() as uow:
        rebuilt = uow.trajectories.get(trajectory).state
        assert [t.id for t in uow.tasks.of_trajectory(trajectory)] == ready
    assert json.loads(rebuilt) == json.loads(stored)
    assert services.audit.verify(COMMAND_LINE) == {}


def test_a_lost_state_is_rebuilt_on_the_next_use(services, everyone, child):
    trajectory = start_with_team(services, child, everyone)
    run_scenario(services, trajectory, everyone, "standaard", stop_at="intake")
    with services.uow(write=True) as uow:
        uow.trajectories.get(trajectory).state = None
        uow.commit()
    intake = [t for t in services.trajectories.view(trajectory).ready if t.element == "intake"][0]
    services.trajectories.complete_task(intake.id, SCENARIOS["standaard"]["intake"], everyone)
    assert services.audit.verify(COMMAND_LINE) == {}


@pytest.fixture
def finished(services, everyone, child, database_url):
    trajectory = start_with_team(services, child, everyone)
    run_scenario(services, trajectory, everyone, "standaard")
    ruben = services.children.register("14012012392", "Ruben", "Claes", date(2014, 1, 20), everyone)
    other = start_with_team(services, ruben, everyone)
    assert ekd(database_url, "audit", "verify").returncode == 0
    return trajectory, other


def sql(services, statement, **params):
    with services.database.engine.begin() as connection:
        connection.execute(text(statement), params)


TAMPERING = {
    "an edited event": "UPDATE events SET payload = replace(payload, '\"urgentie\":\"gemiddeld\"', "
                       "'\"urgentie\":\"hoog\"') WHERE trajectory_id = :t AND type = 'taak_afgerond'",
    "an event deleted in the middle": "DELETE FROM events WHERE trajectory_id = :t AND seq = 5",
    "the last event deleted": "DELETE FROM events WHERE trajectory_id = :t AND seq = "
                              "(SELECT max(seq) FROM events WHERE trajectory_id = :t)",
    "two events swapped": "UPDATE events SET seq = CASE seq WHEN 3 THEN 4 WHEN 4 THEN 3 END "
                          "WHERE trajectory_id = :t AND seq IN (3, 4)",
}


@pytest.mark.parametrize("tampering", TAMPERING.values(), ids=TAMPERING.keys())
def test_tampering_makes_audit_verify_fail_and_name_the_trajectory(services, finished, database_url, tampering):
    trajectory, untouched = finished
    if "seq IN (3, 4)" in tampering:   # swapping under a unique constraint takes a detour
        sql(services, "UPDATE events SET seq = -3 WHERE trajectory_id = :t AND seq = 3", t=trajectory)
        sql(services, "UPDATE events SET seq = 3 WHERE trajectory_id = :t AND seq = 4", t=trajectory)
        sql(services, "UPDATE events SET seq = 4 WHERE trajectory_id = :t AND seq = -3", t=trajectory)
    else:
        sql(services, tampering, t=trajectory)
    result = ekd(database_url, "audit", "verify")
    assert result.returncode == 1
    assert f"FOUT traject {trajectory}:" in result.stdout
    assert untouched not in result.stdout
    assert ekd(database_url, "audit", "verify", untouched).returncode == 0


def test_replay_from_a_checkpoint_shows_what_replay_from_event_one_shows(services, finished):
    trajectory, _ = finished
    with services.uow() as uow:
        count = uow.trajectories.get(trajectory).event_count
        kept = [c.seq for c in uow.checkpoints.of_trajectory(trajectory)]
    assert count > 10 and kept == list(range(CHECKPOINT_EVERY, count + 1, CHECKPOINT_EVERY))
    for upto in range(1, count + 1):
        fast = services.audit.replay(trajectory, COMMAND_LINE, upto)
        slow = services.audit.replay(trajectory, COMMAND_LINE, upto, from_start=True)
        assert fast.resumed_at == upto // CHECKPOINT_EVERY * CHECKPOINT_EVERY and slow.resumed_at == 0
        assert (fast.upto, fast.path, fast.ready, fast.waiting, fast.data, fast.mismatches) == \
            (slow.upto, slow.path, slow.ready, slow.waiting, slow.data, [])


def test_an_edited_checkpoint_makes_audit_verify_fail(services, finished):
    trajectory, _ = finished
    with services.uow(write=True) as uow:
        kept = {k.seq: k for k in uow.checkpoints.of_trajectory(trajectory)}
        state = json.loads(kept[8].state)
        state["vervalst"] = True
        uow.checkpoints.add(trajectory, 8, json.dumps(state), kept[8].steps)
        uow.checkpoints.add(trajectory, 12, kept[12].state, kept[12].steps[1:])
        uow.commit()
    assert verified(services) == {f"traject {trajectory}": [
        "controlepunt na gebeurtenis 8 [projectie wijkt af]: verschilt van de heruitvoering",
        "controlepunt na gebeurtenis 12 [projectie wijkt af]: verschilt van de heruitvoering"]}


def test_an_unreadable_checkpoint_is_named_and_replay_goes_around_it(services, finished):
    trajectory, _ = finished
    sql(services, "UPDATE checkpoints SET state = :junk WHERE trajectory_id = :t AND seq = 8", junk=b"junk",
        t=trajectory)
    assert services.audit.replay(trajectory, COMMAND_LINE, 9).resumed_at == 0
    assert services.audit.replay(trajectory, COMMAND_LINE, 9).mismatches == []
    assert verified(services) == {f"traject {trajectory}": [
        "controlepunt na gebeurtenis 8 [onleesbaar]: de toestand kan niet gelezen worden (geen zlib of geen UTF-8); "
        "een heruitvoering gaat eromheen"]}


def test_a_payload_erased_behind_ekds_back_keeps_the_chain_intact_but_is_named(services, finished):
    trajectory, _ = finished
    with services.uow() as uow:
        seq = next(e.seq for e in uow.events.of_trajectory(trajectory) if e.type == events.TASK_COMPLETED)
    sql(services, "UPDATE events SET payload = NULL WHERE trajectory_id = :t AND seq = :s", t=trajectory, s=seq)
    assert verified(services, trajectory) == {f"traject {trajectory}": [
        f"gebeurtenis {seq} [ontbreekt]: inhoud gewist zonder wisgebeurtenis (ekd retention erase)",
        f"heruitvoering [heruitvoering wijkt af]: gebeurtenis {seq}: inhoud is gewist; opnieuw uitvoeren kan niet"]}


def test_events_name_tasks_by_path_and_record_the_clock(services, everyone, child):
    trajectory = start_with_team(services, child, everyone)
    run_scenario(services, trajectory, everyone, "vaph_aanvraag", stop_at="teamoverleg")
    with services.uow() as uow:
        log = uow.events.of_trajectory(trajectory)
    assert log[0].type == events.STARTED
    investigations = [events.payload(e) for e in log if e.type == events.TASK_COMPLETED
                      and events.payload(e)["element"].startswith("onderzoek_")]
    assert sorted(p["path"] for p in investigations) == [
        "diagnostische_fase/onderzoek[0]/onderzoek_psychologisch",
        "diagnostische_fase/onderzoek[1]/onderzoek_medisch",
        "diagnostische_fase/onderzoek[2]/onderzoek_sociaal",
        "diagnostische_fase/onderzoek[3]/onderzoek_logopedisch"]
    assert all(p["clock"] and p["role"] and p["completed"] for p in investigations)


def test_replay_to_any_event(services, everyone, child, database_url):
    trajectory = start_with_team(services, child, everyone)
    run_scenario(services, trajectory, everyone, "standaard", stop_at="strategie")
    with services.uow() as uow:             # the start, the team's six roles, aanmelding, screening
        screening = next(e.seq for e in uow.events.of_trajectory(trajectory)
                         if (events.payload(e) or {}).get("element") == "screening")
    assert screening == 9
    result = ekd(database_url, "replay", trajectory, "--to", str(screening), "--json")
    assert result.returncode == 0, result.stderr
    state = json.loads(result.stdout)
    assert state["event"] == 9 and [t["element"] for t in state["ready"]] == ["instemming"]
    assert state["steps"][-1] == "gw_naar_instemming" and state["data"]["urgentie"] == "gemiddeld"
    readable = ekd(database_url, "replay", trajectory)
    assert "klaar: Diagnostische strategie bepalen (strategie) voor coordinator" in readable.stdout
    with services.uow() as uow:
        assert [e.action for e in uow.access.about(f"traject:{trajectory}") if e.action == "replay"] == ["replay"] * 2
