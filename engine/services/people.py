"""People who log in: who they are and which roles they hold; their password checked at log-in
(engine/services/logins.py logs them in; engine/services/accounts.py is the administrator's side)."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from engine import access, clock
from engine.actors import COMMAND_LINE, Actor
from engine.errors import EkdError
from engine.roles import LANE_ROLES, ROLES
from engine.services.errors import Conflict
from engine.store import UnitOfWork
from engine.store.models import Person, PersonRole
from engine.text import InvalidInput

_hasher = PasswordHasher()
MIN_PASSWORD = 8
NO_PASSWORD = ""            # added by an administrator: no log-in until the person sets one through their link
ADDED = "aangemaakt"        # the first event of a person's record (engine/services/accounts.py has the others)


class InvalidPerson(EkdError):
    """A username, password or role that cannot be used; `field` names which."""

    def __init__(self, message: str, field: str = "(body)"):
        self.field = field
        super().__init__(message)


@dataclass(frozen=True)
class PersonView:
    """A person as a coordinator forming a team, or an administrator, sees them."""

    id: str
    username: str
    display_name: str
    roles: tuple[str, ...]
    active: bool
    created_at: datetime
    has_password: bool


def actor_of(person: Person) -> Actor:
    return Actor(person.id, person.username, frozenset(r.role for r in person.roles), person.display_name)


def view_of(person: Person, roles: Iterable[str] | None = None) -> PersonView:
    held = sorted({r.role for r in person.roles} if roles is None else set(roles))
    return PersonView(person.id, person.username, person.display_name, tuple(held), person.active,
                      person.created_at, person.password_hash != NO_PASSWORD)


def checked_roles(roles: Iterable[str]) -> list[str]:
    """The roles, sorted, when each is one of ekd's and there is at least one."""
    roles = sorted(set(roles))
    unknown = [r for r in roles if r not in ROLES]
    if unknown:
        raise InvalidPerson(f"onbekende rol(len): {', '.join(unknown)}; gekend: {', '.join(ROLES)}", "roles")
    if not roles:
        raise InvalidPerson("geef minstens één rol", "roles")
    return roles


def checked_username(username: str) -> str:
    if not username or len(username) > 100 or \
            not username.replace(".", "").replace("-", "").replace("_", "").isalnum() or not username.isascii():
        raise InvalidPerson("een gebruikersnaam bestaat uit letters, cijfers, '.', '-' en '_' (hoogstens 100)",
                            "username")
    return username


def checked_password(password: str) -> str:
    if len(password) < MIN_PASSWORD:
        raise InvalidPerson(f"een wachtwoord heeft minstens {MIN_PASSWORD} tekens", "password")
    if len(password) > 1000:
        raise InvalidPerson("een wachtwoord heeft hoogstens 1000 tekens", "password")
    return password


def hashed(password: str) -> str:
    return _hasher.hash(password)


class People:
    def __init__(self, uow: Callable[..., UnitOfWork]):
        self._uow = uow

    def add(self, username: str, password: str, roles: Iterable[str], display_name: str | None = None,
            actor: Actor = COMMAND_LINE) -> Actor:
        """Add a person with a hashed password and the given roles (`ekd user add`, demo users, tests)."""
        roles = checked_roles(roles)
        checked_username(username)
        checked_password(password)
        with self._uow(write=True) as uow:
            if uow.people.by_username(username) is not None:
                raise Conflict(f"gebruiker '{username}' bestaat al")
            now = clock.now()
            person = Person(id=str(uuid.uuid4()), username=username, display_name=display_name or username,
                            password_hash=hashed(password), active=True, created_at=now,
                            roles=[PersonRole(role=role) for role in roles])
            uow.people.add(person)
            uow.flush()
            uow.person_events.append(person.id, ADDED, actor.id, {"gebruikersnaam": username, "rollen": roles}, now)
            uow.access.record(now, actor.id, f"persoon-{ADDED}", f"persoon:{person.id}", ", ".join(roles))
            uow.commit()
            return actor_of(person)

    def authenticate(self, username: str, password: str) -> Actor | None:
        """Return the person when the password is right, else None (log-ins go through Logins)."""
        with self._uow() as uow:
            person = uow.people.by_username(username)
        if person is None or not person.active or person.password_hash == NO_PASSWORD:
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

    def listing(self, actor: Actor, role: str | None = None) -> list[PersonView]:
        """Who holds which role: for an administrator everyone, active or not, with every role; for a
        coordinator forming a team the active people who hold a team role, with those roles only."""
        admin = actor.has("admin")
        access.require(admin or actor.has("coordinator"),
                       "alleen een coördinator (om een team te vormen) of een beheerder ziet wie welke rol heeft")
        if role is not None and role not in ROLES:
            raise InvalidInput("role", f"onbekende rol '{role[:50]}'; gekend: {', '.join(ROLES)}", "enum",
                               {"value": role[:50]})
        with self._uow() as uow:
            people = uow.people.all(active_only=not admin)
        shown = []
        for person in people:
            roles = {r.role for r in person.roles} if admin else {r.role for r in person.roles} & LANE_ROLES
            if roles and (role is None or role in roles):
                shown.append(view_of(person, roles))
        return shown
