"""Steps for features/opslag.feature: on the real store (an SQLite file)."""

from __future__ import annotations

import json
import shutil
import threading
from datetime import datetime, timezone

from pytest_bdd import given, parsers, scenarios, then, when

from engine import guidelines
from engine.actors import COMMAND_LINE
from engine.history import events
from tests.conftest import FORMS, PROCESSES
from tests.store.helpers import make_child, run_scenario, start_with_team

scenarios("opslag.feature")


@given("een opgeslagen traject op de huidige richtlijnversie", target_fixture="stored")
def stored_trajectory(services, everyone, child, test_clock):
    return {"first": start_with_team(services, child, everyone), "version": services.library.current()}


@when(parsers.parse('het kwaliteitscentrum een nieuwe versie laadt waarin de screening "{naam}" heet'))
def new_version(services, tmp_path, naam):
    shutil.copytree(PROCESSES, tmp_path / "v2", ignore=shutil.ignore_patterns("scenarios"))
    main = tmp_path / "v2" / "diagnostisch_traject.bpmn"
    main.write_text(main.read_text().replace('name="Screening en urgentie"', f'name="{naam}"'))
    version, new = services.library.publish(guidelines.load([tmp_path / "v2"], FORMS), COMMAND_LINE)
    assert new and services.library.current() == version


@when("een tweede traject start")
def second(services, everyone, stored):
    other = make_child(services, everyone, "14012012392", datetime(2014, 1, 20).date())
    stored["second"] = start_with_team(services, other, everyone)


@then("loopt het eerste traject nog op de eerste versie")
def first_version(services, stored):
    assert services.trajectories.view(stored["first"]).guideline_version == stored["version"]
    assert services.trajectories.view(stored["second"]).guideline_version != stored["version"]


def screening_name(services, everyone, trajectory):
    run_scenario(services, trajectory, everyone, "standaard", stop_at="screening")
    return [t.name for t in services.trajectories.view(trajectory).ready if t.element == "screening"][0]


@then(parsers.parse('heet de screening in het {welk} traject "{naam}"'))
def named(services, everyone, stored, welk, naam):
    trajectory = stored["first" if welk == "eerste" else "second"]
    assert screening_name(services, everyone, trajectory) == naam


@then("kan het eerste traject verder met de formulieren van de eerste versie")
def continues(services, everyone, stored):
    run_scenario(services, stored["first"], everyone, "standaard", stop_at="intake")
    assert "intake" in [t.element for t in services.trajectories.view(stored["first"]).ready]


@given(parsers.parse("het traject wacht op de A001-registratie na een intake op {datum}"))
def waits_for_a001(services, everyone, stored, test_clock, datum):
    test_clock.set(datetime.fromisoformat(f"{datum}T10:00+00:00"))
    run_scenario(services, stored["first"], everyone, "standaard", stop_at="registratie_a001")


@when(parsers.parse("twee planners tegelijk de timers afgaan op {moment}"))
def two_schedulers(services, stored, moment):
    at = datetime.fromisoformat(moment.replace(" ", "T")).replace(tzinfo=timezone.utc)
    barrier = threading.Barrier(2)
    counts = []

    def planner():
        barrier.wait()
        counts.append(services.scheduler.tick(at))
    threads = [threading.Thread(target=planner) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    stored["counts"] = counts


@then("is de termijn precies één keer afgegaan")
def once(services, stored):
    assert sorted(stored["counts"]) == [0, 1]
    with services.uow() as uow:
        fired = [e for e in uow.events.of_trajectory(stored["first"]) if e.type == events.TIMER_FIRED]
    assert len(fired) == 1


@then("ligt er precies één escalatie voor de teamverantwoordelijke")
def one_escalation(services, stored):
    ready = services.trajectories.view(stored["first"]).ready
    assert [t.element for t in ready if t.lane == "team_lead"] == ["escalatie_a001"]


@given("het traject is gelopen tot het teamoverleg")
def until_team_meeting(services, everyone, stored):
    run_scenario(services, stored["first"], everyone, "standaard", stop_at="teamoverleg")


@when(parsers.parse("de auditor het traject opnieuw uitvoert tot gebeurtenis {n:d}"))
def replay_to(services, stored, n):
    stored["replay"] = services.audit.replay(stored["first"], COMMAND_LINE, n)


@then(parsers.parse('ligt bij gebeurtenis {n:d} "{naam}" klaar'))
def ready_at(stored, n, naam):
    assert stored["replay"].upto == n
    assert [t.name for t in stored["replay"].ready] == [naam]


@when("de auditor het hele traject opnieuw uitvoert")
def replay_all(services, stored):
    stored["replay"] = services.audit.replay(stored["first"], COMMAND_LINE)


@then("is de uitkomst gelijk aan de opgeslagen toestand")
def equal(services, stored):
    view = services.trajectories.view(stored["first"])
    replayed = stored["replay"]
    assert replayed.mismatches == [] and replayed.upto == view.event_count
    assert [t.id for t in replayed.ready] == [t.id for t in view.ready]
    assert replayed.data == view.data
    assert services.audit.verify(COMMAND_LINE, stored["first"]) == {}


@then("is de heruitvoering opgenomen in het toegangslogboek")
def logged(services, stored):
    with services.uow() as uow:
        actions = [(e.actor, e.action) for e in uow.access.about(f"traject:{stored['first']}")]
    assert actions.count(("cli", "replay")) == 2
    assert json.dumps(actions)
