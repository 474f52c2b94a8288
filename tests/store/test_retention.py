"""`ekd retention erase`: at the end of retention (the person turned 35) the personal data goes, the
chains keep verifying, and the erasure is itself an event. On SQLite and PostgreSQL."""

from __future__ import annotations

import json
from datetime import date

from sqlalchemy import text

from engine.history import events
from tests.store.helpers import make_child, run_scenario, start_with_team, verified
from tests.store.test_tampering import ekd, sql

BORN_1990 = ("90031012333", date(1990, 3, 10))     # turned 35 on 2025-03-10


def finished_1990(services, everyone) -> tuple[str, str]:
    child = make_child(services, everyone, *BORN_1990)
    trajectory = start_with_team(services, child, everyone)
    services.teams.set_anchor(trajectory, everyone.id, everyone)
    run_scenario(services, trajectory, everyone, "standaard")
    services.documents.correct(trajectory, "Adres gewijzigd.", everyone)
    services.documents.complete_missing(trajectory, {"bijkomende_informatie": "Privé."}, everyone)
    return child, trajectory


def payloads(services, trajectory):
    with services.uow() as uow:
        return [(e.type, e.payload) for e in uow.events.of_trajectory(trajectory)]


def test_a_dry_run_changes_nothing_and_execute_erases_with_the_chain_verifying(services, everyone, database_url):
    child, trajectory = finished_1990(services, everyone)
    young = start_with_team(services, make_child(services, everyone), everyone)
    before = payloads(services, trajectory)

    dry = ekd(database_url, "retention", "erase", "--before", "2026-01-01")
    assert dry.returncode == 0, dry.stderr
    assert f"te wissen: traject {trajectory}" in dry.stdout and "proefdraaien" in dry.stdout
    assert young not in dry.stdout and payloads(services, trajectory) == before

    done = ekd(database_url, "retention", "erase", "--before", "2026-01-01", "--uitvoeren")
    assert done.returncode == 0, done.stderr
    assert f"gewist: traject {trajectory}" in done.stdout
    after = payloads(services, trajectory)
    assert [kind for kind, _ in after[:-1]] == [kind for kind, _ in before]
    assert all(body is None for _, body in after[:-1])
    erasure = json.loads(after[-1][1])
    assert after[-1][0] == events.DATA_ERASED and erasure["voor"] == "2026-01-01" and erasure["gewist"] == len(before)
    assert "Privé" not in after[-1][1] and "Peeters" not in after[-1][1]
    with services.uow() as uow:
        record = uow.children.get(child)
        assert (record.given_name, record.family_name, record.representatives) == ("", "", [])
        assert not record.insz.isdigit()
        assert uow.trajectories.get(trajectory).state is None
        assert uow.checkpoints.of_trajectory(trajectory) == []
        assert all(d.content is None and d.additions == {} for d in uow.documents.versions(trajectory))
        assert [e.action for e in uow.access.about(f"kind:{child}")][-1] == "wissen"
    result = ekd(database_url, "audit", "verify")
    assert result.returncode == 0, result.stdout
    again = ekd(database_url, "retention", "erase", "--before", "2026-01-01", "--execute")
    assert again.returncode == 0 and "0 traject(en)" in again.stdout


def test_after_erasure_the_tables_are_still_checked(services, everyone, database_url):
    _, trajectory = finished_1990(services, everyone)
    services.retention.erase(date(2026, 1, 1), everyone, execute=True)
    assert verified(services) == {}
    sql(services, "DELETE FROM trajectory_members WHERE trajectory_id = :t AND role = 'physician'", t=trajectory)
    sql(services, "UPDATE signatures SET content_hash = :h", h="0" * 64)
    found = verified(services)[f"traject {trajectory}"]
    assert any("als physician [ontbreekt]" in line for line in found)
    assert any(line.startswith("handtekening van") for line in found)


def test_nobody_is_erased_before_they_turn_35_nor_while_running_or_tampered(services, everyone):
    child, trajectory = finished_1990(services, everyone)
    assert services.retention.erase(date(2025, 3, 10), everyone).trajectories == []    # 35 that day: not before
    assert services.retention.erase(date(2025, 3, 11), everyone).trajectories == [trajectory]
    sql(services, "UPDATE trajectories SET status = 'lopend' WHERE id = :t", t=trajectory)
    planned = services.retention.erase(date(2026, 1, 1), everyone, execute=True)
    assert planned.trajectories == [] and "loopt nog" in planned.skipped[trajectory]
    sql(services, "UPDATE trajectories SET status = 'afgerond', consent = 'ingetrokken' WHERE id = :t", t=trajectory)
    planned = services.retention.erase(date(2026, 1, 1), everyone, execute=True)
    assert planned.trajectories == [] and "afwijking" in planned.skipped[trajectory]
    with services.database.engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM events WHERE payload IS NULL")).scalar() == 0
