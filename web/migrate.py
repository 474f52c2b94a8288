"""Create or upgrade the database with Alembic (migrations/ at the project root)."""

from __future__ import annotations

from alembic import command
from alembic.config import Config as AlembicConfig

from engine.history.chain import Key
from engine.store import Database
from web.config import PROJECT


def alembic_config(database: Database) -> AlembicConfig:
    config = AlembicConfig()
    config.set_main_option("script_location", str(PROJECT / "migrations"))
    config.set_main_option("sqlalchemy.url", database.url.replace("%", "%%"))
    return config


def upgrade(database: Database, audit_key: Key | None = None) -> None:
    """Bring the schema to the newest revision (idempotent). A revision that seals chains written
    before the audit key existed needs the key."""
    config = alembic_config(database)
    with database.engine.begin() as connection:
        config.attributes["connection"] = connection
        config.attributes["audit_key"] = audit_key
        command.upgrade(config, "head")
