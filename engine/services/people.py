"""People who log in: add them with roles, check their password (engine/services/logins.py logs them in)."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from engine import clock
from engine.actors import Actor
from engine.errors import EkdError
from engine.roles import ROLES
from engine.services.errors import Conflict
from engine.store import UnitOfWork
from engine.store.models import Person, PersonRole

_hasher = PasswordHasher()
MIN_PASSWORD = 8


class InvalidPerson(EkdError):
    """A username, password or role that cannot be used."""


def actor_of(person: Person) -> Actor:
    return Actor(person.id, person.username, frozenset(r.role for r in person.roles), person.display_name)


class People:
    def __init__(self, uow: Callable[..., UnitOfWork]):
        self._uow = uow

    def add(self, username: str, password: str, roles: Iterable[str], display_name: str | None = None) -> Actor:
        """Add a person with a hashed password and the given roles."""
        roles = sorted(set(roles))
        unknown = [r for r in roles if r not in ROLES]
        if unknown:
            raise InvalidPerson(f"onbekende rol(len): {', '.join(unknown)}; gekend: {', '.join(ROLES)}")
        if not roles:
            raise InvalidPerson("geef minstens één rol")
        if not username or not username.replace(".", "").replace("-", "").replace("_", "").isalnum():
            raise InvalidPerson("een gebruikersnaam bestaat uit letters, cijfers, '.', '-' en '_'")
        if len(password) < MIN_PASSWORD:
            raise InvalidPerson(f"een wachtwoord heeft minstens {MIN_PASSWORD} tekens")
        with self._uow(write=True) as uow:
            if uow.people.by_username(username) is not None:
                raise Conflict(f"gebruiker '{username}' bestaat al")
            person = Person(id=str(uuid.uuid4()), username=username, display_name=display_name or username,
                            password_hash=_hasher.hash(password), active=True, created_at=clock.now(),
                            roles=[PersonRole(role=role) for role in roles])
            uow.people.add(person)
            uow.commit()
            return actor_of(person)

    def authenticate(self, username: str, password: str) -> Actor | None:
        """Return the person when the password is right, else None (log-ins go through Logins)."""
        with self._uow() as uow:
            person = uow.people.by_username(username)
        if person is None or not person.active:
            _hasher.hash(password)          # same work either way: no username probing by timing
            return None
        try:                                # outside the transaction: hashing is slow on purpose
            _hasher.verify(person.password_hash, password)
        except (VerificationError, InvalidHashError):
            return None
        return actor_of(person)

    def get(self, person_id: str) -> Actor | None:
        with self._uow() as uow:
            person = uow.people.get(person_id)
            return actor_of(person) if person and person.active else None
