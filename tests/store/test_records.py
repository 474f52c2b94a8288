"""Children, people and guideline versions in the store."""

from __future__ import annotations

from datetime import date

import pytest
from alembic import command

from engine import insz
from engine.services.errors import Conflict, DuplicateChild
from engine.services.people import InvalidPerson
from web import migrate


def test_migrations_create_exactly_the_models(services):
    config = migrate.alembic_config(services.database)
    with services.database.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.check(config)          # raises when the models and the migrations differ


def test_migrating_twice_changes_nothing(services):
    migrate.upgrade(services.database)
    migrate.upgrade(services.database)


def test_one_child_one_dossier(services, everyone):
    first = services.children.register("16.05.14-123.51", "Lotte", "Peeters", date(2016, 5, 14), everyone)
    with pytest.raises(DuplicateChild) as duplicate:
        services.children.register("16051412351", "Lotte", "P.", date(2016, 5, 14), everyone)
    assert duplicate.value.child_id == first


@pytest.mark.parametrize(("number", "born", "message"), [
    ("16051412352", date(2016, 5, 14), "controlecijfers"),
    ("1605141235", date(2016, 5, 14), "11 cijfers"),
    ("16051412351", date(2016, 5, 15), "geboortedatum 2016-05-14"),
])
def test_a_wrong_insz_is_refused(services, everyone, number, born, message):
    with pytest.raises(insz.InvalidInsz, match=message):
        services.children.register(number, "Lotte", "Peeters", born, everyone)


def test_people_log_in_with_a_hashed_password(services):
    services.people.add("an.peeters", "een-lang-wachtwoord", ["psychologist"], "An Peeters")
    with services.uow() as uow:
        stored = uow.people.by_username("an.peeters").password_hash
    assert stored.startswith("$argon2") and "een-lang-wachtwoord" not in stored
    assert services.people.authenticate("an.peeters", "een-lang-wachtwoord").roles == {"psychologist"}
    assert services.people.authenticate("an.peeters", "fout") is None
    assert services.people.authenticate("niemand", "een-lang-wachtwoord") is None
    with pytest.raises(Conflict):
        services.people.add("an.peeters", "nog-een-wachtwoord", ["physician"])
    with pytest.raises(InvalidPerson, match="onbekende rol"):
        services.people.add("x", "een-lang-wachtwoord", ["dokter"])


def test_loading_the_same_guideline_again_is_a_no_op(services):
    from engine import guidelines
    from engine.actors import COMMAND_LINE
    from tests.conftest import FORMS, PROCESSES
    version = services.library.current()
    assert services.library.publish(guidelines.load([PROCESSES], FORMS), COMMAND_LINE) == (version, False)
