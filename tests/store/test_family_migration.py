"""Migration 0015 (the family's own view) on SQLite and PostgreSQL: its tables and the second factor's
columns come and go, with a family member in the database, and come back."""

from __future__ import annotations

from alembic import command
from sqlalchemy import inspect

from tests.family.helpers import family_world
from web import migrate

TABLES = {"family_members", "family_invitations"}
COLUMNS = {"totp_secret", "totp_pending", "totp_last_step"}


def _shape(services) -> tuple[set[str], set[str]]:
    found = inspect(services.database.engine)
    return set(found.get_table_names()), {c["name"] for c in found.get_columns("people")}


def _to(services, revision: str, how) -> None:
    config = migrate.alembic_config(services.database)
    with services.database.engine.begin() as connection:
        config.attributes["connection"] = connection
        how(config, revision)


def test_0015_downgrades_and_upgrades_with_a_family_in_the_database(services, everyone):
    family_world(services, everyone)
    _to(services, "0013", command.downgrade)
    tables, columns = _shape(services)
    assert not TABLES & tables and not COLUMNS & columns
    _to(services, "head", command.upgrade)
    tables, columns = _shape(services)
    assert TABLES <= tables and COLUMNS <= columns
