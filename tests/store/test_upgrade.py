"""Migration 0008 on a database from before the audit key: intact chains are sealed with the key and
adopt their tables (team changes were no events then); a chain already broken stays named."""

from __future__ import annotations

from datetime import date

import pytest
from alembic import command
from sqlalchemy import select, text

from engine.history import chain
from engine.store.models import Event
from tests.conftest import AUDIT_KEY
from tests.store.helpers import make_child, run_scenario, start_with_team, verified
from tests.store.test_tampering import sql
from web import migrate


def as_before_the_key(services) -> None:
    """Take the database back to revision 0007 and link every chain the old, unkeyed way."""
    config = migrate.alembic_config(services.database)
    with services.database.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0007")
    with services.database.engine.begin() as connection:
        trajectories = connection.execute(text("SELECT id FROM trajectories")).scalars().all()
    for trajectory_id in trajectories:
        with services.database.engine.begin() as connection:
            rows = connection.execute(text("SELECT id, seq, type, actor, recorded_at, payload_hash FROM events "
                                           "WHERE trajectory_id = :t ORDER BY seq"), {"t": trajectory_id}).all()
        with services.uow() as uow:        # recorded_at as the ORM reads it (aware UTC); only the columns of 0007
            times = dict(uow.session.execute(select(Event.id, Event.recorded_at)
                                             .where(Event.trajectory_id == trajectory_id)).all())
        previous = chain.GENESIS
        for row in rows:
            digest = chain.unkeyed_link(previous, trajectory_id, row.seq, row.type, row.actor, times[row.id],
                                        row.payload_hash)
            sql(services, "UPDATE events SET prev_hash = :p, hash = :h WHERE id = :i", p=previous, h=digest, i=row.id)
            previous = digest
        sql(services, "UPDATE trajectories SET head_hash = :h WHERE id = :t", h=previous, t=trajectory_id)


@pytest.fixture
def legacy(services, everyone, child):
    trajectory = start_with_team(services, child, everyone)
    run_scenario(services, trajectory, everyone, "standaard", stop_at="strategie")
    other = start_with_team(services, make_child(services, everyone, "14012012392", date(2014, 1, 20)), everyone)
    outsider = services.people.add("later", "wachtwoord-123", ["physician"], "Later Toegevoegd")
    as_before_the_key(services)
    sql(services, "INSERT INTO trajectory_members (trajectory_id, person_id, role) VALUES (:t, :p, 'physician')",
        t=trajectory, p=outsider.id)           # as team changes were written before: no event
    return trajectory, other


def test_intact_chains_are_sealed_with_the_key_and_adopt_their_tables(services, legacy):
    trajectory, other = legacy
    migrate.upgrade(services.database, AUDIT_KEY)
    assert verified(services) == {}
    with services.uow() as uow:
        last = uow.events.of_trajectory(trajectory)[-1]
        assert last.type == "tabellen_overgenomen" and last.actor == "migratie"
        assert uow.session.execute(text("SELECT count(*) FROM access_log WHERE seq IS NULL")
                                   ).scalar() == 0


def test_a_chain_broken_before_the_key_stays_named(services, legacy):
    trajectory, other = legacy
    sql(services, "UPDATE events SET actor = 'iemand' WHERE trajectory_id = :t AND seq = 3", t=trajectory)
    migrate.upgrade(services.database, AUDIT_KEY)
    found = verified(services)
    assert list(found) == [f"traject {trajectory}"]
    assert any("[bewerkt]" in line and "vóór de auditsleutel" in line for line in found[f"traject {trajectory}"])


def test_the_upgrade_needs_the_key(services, legacy):
    with pytest.raises(RuntimeError, match="auditsleutel"):
        migrate.upgrade(services.database)
