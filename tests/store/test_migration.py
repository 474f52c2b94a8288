"""Running trajectories move to another guideline version, or are blocked with the element and a
reason; a moved one replays before and after its move and passes `ekd audit verify` (SQLite and
PostgreSQL). The version pairs are made for these tests from the shipped guideline (tests/store/versions.py)."""

from __future__ import annotations

import json

import pytest

from engine.access import Forbidden
from engine.actors import COMMAND_LINE
from engine.history import log
from tests.store.helpers import start_with_team, verified
from tests.store.test_history import ekd
from tests.store.versions import drive, publish, renamed, replaced


@pytest.fixture
def kcd(services):
    return services.people.add("kcd", "wachtwoord-123", ["quality_center"], "Kwaliteit Centrum")


def move(services, actor, target, source, ids, mappings=None, dry_run=False):
    return services.quality.migrations.migrate(target, source, ids, mappings or {}, dry_run, actor,
                                               reason="de nieuwe richtlijn is duidelijker")


def events_of(services, trajectory):
    with services.uow() as uow:
        return [(e.seq, e.type, e.guideline_version_id) for e in uow.events.of_trajectory(trajectory)]


def test_a_renamed_task_moves_with_its_mapping_and_replays_on_both_versions(services, everyone, child, kcd,
                                                                             test_clock, database_url):
    a = services.library.current()
    trajectory = start_with_team(services, child, everyone)
    rounds = drive(services, trajectory, everyone, "standaard", stop_at="strategie")
    b = publish(services, lambda files: renamed(files, "strategie", "strategie_bepalen"))
    before = services.trajectories.view(trajectory)

    [blocked] = move(services, kcd, b, a, [trajectory])
    assert blocked.status == "blocked"
    assert [(x.element, "schrapt" in x.reason) for x in blocked.blockers] == [("strategie", True)]
    assert services.trajectories.view(trajectory).event_count == before.event_count      # untouched

    [dry] = move(services, kcd, b, a, "all", {"strategie": "strategie_bepalen"}, dry_run=True)
    assert (dry.trajectory, dry.status, dry.moves) == (trajectory, "can_move", {"strategie": "strategie_bepalen"})
    mdv = [d for d in dry.deadlines if d.element == "termijn_mdv"]
    assert [(d.kind, "behoudt zijn datum" in d.outcome) for d in mdv] == [("date", True)]

    [moved] = move(services, kcd, b, a, [trajectory], {"strategie": "strategie_bepalen"})
    assert moved.status == "moved"
    after = services.trajectories.view(trajectory)
    assert after.guideline_version == b
    assert [(t.id, t.element) for t in after.ready] == [(t.id, "strategie_bepalen") for t in before.ready]
    assert [(w.element, w.due) for w in after.waiting] == [(w.element, w.due) for w in before.waiting]
    history = events_of(services, trajectory)
    assert history[-1] == (after.event_count, log.Kind.MOVED, b)
    assert {version for _, _, version in history[:-1]} == {a}
    assert verified(services) == {}

    on_a = services.audit.replay(trajectory, COMMAND_LINE, upto=after.event_count - 1, from_start=True)
    assert (on_a.version, [t.id for t in on_a.ready], on_a.mismatches) == (a, [t.id for t in before.ready], [])
    on_b = services.audit.replay(trajectory, COMMAND_LINE, from_start=True)
    assert services.audit.replay(trajectory, COMMAND_LINE).version == b          # from the nearest checkpoint
    assert (on_b.version, [t.element for t in on_b.ready], on_b.mismatches) == (b, ["strategie_bepalen"], [])
    assert on_b.versions[after.event_count] == b and on_b.versions[1] == a
    checked = ekd(database_url, "audit", "verify")                  # the command line, as an auditor runs it
    assert checked.returncode == 0, checked.stdout + checked.stderr
    before_move = ekd(database_url, "replay", trajectory, "--to", str(after.event_count - 1), "--json")
    assert json.loads(before_move.stdout)["guideline_version"] == a

    drive(services, trajectory, everyone, "standaard", rounds=rounds, renames={"strategie_bepalen": "strategie"})
    done = services.trajectories.view(trajectory)
    assert done.status == "afgerond" and done.guideline_version == b
    assert verified(services) == {}
    with services.uow() as uow:
        assert [v for v, _, _ in uow.events.versions(trajectory)] == [a, b]
        notices = [t for t in uow.tasks.of_trajectory(trajectory) if t.kind == "ekd"]
    assert [(t.element, t.lane) for t in notices] == [("traject_verplaatst", "coordinator")]


def test_a_task_the_new_version_changes_in_kind_is_blocked(services, everyone, child, kcd, test_clock):
    a = services.library.current()
    trajectory = start_with_team(services, child, everyone)
    drive(services, trajectory, everyone, "standaard", stop_at="strategie")
    b = publish(services, lambda files: replaced(replaced(
        files, "diagnostische_fase.bpmn", '<bpmn:userTask id="strategie"', '<bpmn:manualTask id="strategie"'),
        "diagnostische_fase.bpmn", "</bpmn:userTask>", "</bpmn:manualTask>"))
    [result] = move(services, kcd, b, a, [trajectory], dry_run=True)
    assert [(x.element, "gebruikerstaak" in x.reason and "manuele taak" in x.reason) for x in result.blockers] == [
        ("strategie", True)]


def _in_investigation(services, everyone, child, scenario="standaard", stop_at="onderzoek_psychologisch"):
    trajectory = start_with_team(services, child, everyone)
    rounds = drive(services, trajectory, everyone, scenario, stop_at=stop_at)
    return trajectory, rounds


def test_inside_the_parallel_multi_instance_the_instances_and_their_deadlines_move_on(
        services, everyone, child, kcd, test_clock):
    a = services.library.current()
    trajectory, rounds = _in_investigation(services, everyone, child)
    before = services.trajectories.view(trajectory)
    assert len([t for t in before.ready if t.element.startswith("onderzoek_")]) >= 2
    b = publish(services, lambda files: renamed(files, "teamoverleg", "teamoverleg_integratie"))
    [moved] = move(services, kcd, b, a, [trajectory], {"teamoverleg": "teamoverleg_integratie"})
    assert moved.status == "moved", moved.blockers
    kinds = {d.element: d.kind for d in moved.deadlines}
    assert kinds["termijn_mdv"] == "date" and kinds["termijn_onderzoek_psychologisch"] == "duration"
    after = services.trajectories.view(trajectory)
    assert [(t.id, t.element, t.due) for t in after.ready] == [(t.id, t.element, t.due) for t in before.ready]
    with services.uow() as uow:
        assert sorted((t.path, t.due_at) for t in uow.timers.of_trajectory(trajectory)) == sorted(
            (w.path, w.due) for w in before.waiting)
    # The six-week deadlines fire on the new version, as they would have on the old one.
    test_clock.advance(days=43)
    assert services.scheduler.tick() >= 1
    assert "escalatie_onderzoek" in [t.element for t in services.trajectories.view(trajectory).ready]
    assert verified(services) == {}
    drive(services, trajectory, everyone, "standaard", rounds=rounds,
          renames={"teamoverleg_integratie": "teamoverleg"})
    assert "teamoverleg_integratie" not in [t.element for t in services.trajectories.view(trajectory).ready]
    assert verified(services) == {}


def test_inside_the_multi_instance_a_changed_multi_instance_is_blocked(services, everyone, child, kcd, test_clock):
    a = services.library.current()
    trajectory, _ = _in_investigation(services, everyone, child)
    b = publish(services, lambda files: replaced(
        files, "diagnostische_fase.bpmn", '<bpmn:outputDataItem id="bevinding" name="bevinding" />',
        '<bpmn:outputDataItem id="bevinding" name="bevinding" />\n'
        '        <bpmn:completionCondition>len(bevindingen) &gt;= 1</bpmn:completionCondition>'))
    [result] = move(services, kcd, b, a, [trajectory])
    assert result.status == "blocked"
    assert [(x.element, "meervoudige taak" in x.reason) for x in result.blockers] == [("onderzoek", True)]
    assert services.trajectories.view(trajectory).guideline_version == a


@pytest.mark.parametrize("file, old, new, element", [
    ("onderzoek_discipline.bpmn", '"P42D"', '"P30D"', "termijn_onderzoek_psychologisch"),
    ("diagnostisch_traject.bpmn", ">mdv_termijn</bpmn:timeDate>", ">a001_termijn</bpmn:timeDate>", "termijn_mdv"),
])
def test_a_running_deadline_the_new_version_defines_otherwise_is_blocked(services, everyone, child, kcd, test_clock,
                                                                        file, old, new, element):
    a = services.library.current()
    trajectory, _ = _in_investigation(services, everyone, child)
    b = publish(services, lambda files: replaced(files, file, old, new))
    [result] = move(services, kcd, b, a, [trajectory], dry_run=True)
    assert [(x.element, "termijn" in x.reason and "loopt nu" in x.reason) for x in result.blockers] == [
        (element, True)]


def test_inside_the_extra_investigation_loop_the_second_round_moves_and_ends_on_the_new_version(
        services, everyone, child, kcd, test_clock):
    a = services.library.current()
    trajectory, rounds = _in_investigation(services, everyone, child, "aanvullend_onderzoek", "onderzoek_motorisch")
    assert rounds.get("teamoverleg") == 1                          # the second round runs
    b = publish(services, lambda files: renamed(files, "conclusie", "diagnostische_conclusie"))
    [moved] = move(services, kcd, b, a, [trajectory], {"conclusie": "diagnostische_conclusie"})
    assert moved.status == "moved", moved.blockers
    assert verified(services) == {}
    drive(services, trajectory, everyone, "aanvullend_onderzoek", rounds=rounds,
          renames={"diagnostische_conclusie": "conclusie"})
    replayed = services.audit.replay(trajectory, COMMAND_LINE, from_start=True)
    assert "diagnostische_conclusie" in replayed.path and replayed.path.count("teamoverleg") == 2
    for seq in range(1, replayed.upto + 1):                # from each nearest checkpoint, on its version
        step = services.audit.replay(trajectory, COMMAND_LINE, upto=seq)
        assert (step.mismatches, step.version) == ([], replayed.versions[seq])
    assert services.trajectories.view(trajectory).status == "afgerond"
    assert verified(services) == {}


def test_inside_a_called_process_that_the_new_version_renames(services, everyone, child, kcd, test_clock):
    a = services.library.current()
    trajectory, rounds = _in_investigation(services, everyone, child)
    b = publish(services, lambda files: renamed(files, "onderzoek_discipline", "onderzoek_per_discipline"))
    [blocked] = move(services, kcd, b, a, [trajectory], dry_run=True)
    assert "onderzoek_discipline" in [x.element for x in blocked.blockers]
    [moved] = move(services, kcd, b, a, [trajectory], {"onderzoek_discipline": "onderzoek_per_discipline"})
    assert moved.status == "moved", moved.blockers
    drive(services, trajectory, everyone, "standaard", rounds=rounds)
    assert services.trajectories.view(trajectory).status == "afgerond"
    assert verified(services) == {}


def test_data_the_new_version_needs_next_and_the_trajectory_lacks_is_named(services, everyone, child, kcd,
                                                                          test_clock):
    a = services.library.current()
    trajectory = start_with_team(services, child, everyone)
    drive(services, trajectory, everyone, "standaard", stop_at="teamoverleg")
    b = publish(services, lambda files: replaced(
        files, "diagnostische_fase.bpmn", ">aanvullend_onderzoek_nodig</bpmn:conditionExpression>",
        ">aanvullend_onderzoek_nodig and schoolrapport_ontvangen</bpmn:conditionExpression>"))
    [result] = move(services, kcd, b, a, [trajectory], dry_run=True)
    assert [(x.element, "'schoolrapport_ontvangen'" in x.reason) for x in result.blockers] == [("gw_aanvullend", True)]


def test_moving_back_is_a_new_move_and_only_the_quality_center_moves(services, everyone, child, kcd, test_clock):
    a = services.library.current()
    trajectory = start_with_team(services, child, everyone)
    drive(services, trajectory, everyone, "standaard", stop_at="strategie")
    b = publish(services, lambda files: renamed(files, "teamoverleg", "teamoverleg_integratie"))
    with pytest.raises(Forbidden):
        move(services, everyone, b, a, [trajectory])
    assert move(services, kcd, b, a, [trajectory])[0].status == "moved"
    assert move(services, kcd, b, a, [trajectory])[0].status == "blocked"            # not on a any more
    assert move(services, kcd, a, b, "all")[0].status == "moved"
    assert [kind for _, kind, _ in events_of(services, trajectory)].count(log.Kind.MOVED) == 2
    assert services.trajectories.view(trajectory).guideline_version == a
    assert verified(services) == {}


def test_migration_0013_gives_existing_events_their_trajectorys_version(services, everyone, child, test_clock):
    from alembic import command

    from tests.conftest import AUDIT_KEY
    from web import migrate
    trajectory = start_with_team(services, child, everyone)
    drive(services, trajectory, everyone, "standaard", stop_at="intake")
    config = migrate.alembic_config(services.database)
    with services.database.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0012")
    migrate.upgrade(services.database, AUDIT_KEY)
    assert {version for _, _, version in events_of(services, trajectory)} == {services.library.current()}
    assert verified(services) == {}


def test_the_timeline_names_earlier_steps_as_the_version_they_ran_on_named_them(services, everyone, child, kcd,
                                                                               test_clock):
    a = services.library.current()
    trajectory = start_with_team(services, child, everyone)
    drive(services, trajectory, everyone, "standaard", stop_at="strategie")
    b = publish(services, lambda files: renamed(files, "intake", "intake_gesprek"))       # done before the move
    document = services.documents.view(trajectory, everyone).content
    assert move(services, kcd, b, a, [trajectory])[0].status == "moved"
    assert services.documents.view(trajectory, everyone).content == document   # the intake's answers stay in it
    [file] = services.dossiers.read(child, everyone).trajectories
    steps = [(e.label, e.what) for e in file.timeline]
    assert ("Taak afgerond", "Intake en vraagverheldering") in steps
    assert steps[0][0] == "Verplaatst naar een andere versie van de richtlijn"
    assert [number for number, _, _ in file.versions] == [1, 2]


def test_findings_recorded_before_a_move_keep_their_form_in_the_a_document(services, everyone, child, kcd,
                                                                           test_clock):
    a = services.library.current()
    trajectory = start_with_team(services, child, everyone)
    drive(services, trajectory, everyone, "standaard", stop_at="teamoverleg")
    b = publish(services, lambda files: renamed(files, "onderzoek_psychologisch", "psychologisch_onderzoek"))
    document = services.documents.view(trajectory, everyone).content
    assert "onderzoek_psychologisch.json" in str(document)
    assert move(services, kcd, b, a, [trajectory])[0].status == "moved"
    assert services.documents.view(trajectory, everyone).content == document
    [file] = services.dossiers.read(child, everyone).trajectories
    assert [c.step for c in file.contributions if c.role == "psychologist"] == [
        "Psychologisch en orthopedagogisch onderzoek"]
