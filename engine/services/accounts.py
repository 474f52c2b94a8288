"""The administrator's side of people (DESIGN.md §4, admin: users and roles only): add a person with
a one-time link to set their password, give and take roles, deactivate and reactivate, reset a
password with a new link. Every change is logged in the access log and is an event of the person's
record (person_events); the administrator never sees client data.

A link's secret is shown once, to the administrator, to pass on; only its digest is stored. It works
once, for LINK_LIFETIME, and a newer link voids the older ones. A reset leaves the old password
working until the new one is set (a person in the middle of their work is not locked out by a
mistaken reset); setting it ends every session and token of the person. Deactivating ends them at
once, and voids the person's links. To shut someone out now, deactivate them."""

from __future__ import annotations

import hashlib
import secrets
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from sqlalchemy import select, update

from engine import access, clock, text
from engine.actors import Actor
from engine.services.errors import Conflict, NotFound
from engine.services.logins import Ended
from engine.services.people import (
    ADDED,
    NO_PASSWORD,
    InvalidPerson,
    PersonView,
    checked_password,
    checked_roles,
    checked_username,
    hashed,
    view_of,
)
from engine.store import UnitOfWork
from engine.store.models import Member, PasswordLink, Person, PersonRole, Task, Trajectory

LINK_LIFETIME = timedelta(hours=72)
ADMIN_ONLY = "alleen een beheerder beheert mensen en rollen"


class Change(StrEnum):
    """The kinds of events of a person's record."""

    ADDED = ADDED
    ROLES = "rollen_gewijzigd"
    DEACTIVATED = "gedeactiveerd"
    ACTIVATED = "geactiveerd"
    LINK = "wachtwoordlink"
    PASSWORD = "wachtwoord_ingesteld"


class Purpose(StrEnum):
    WELCOME = "welkom"          # a new person's first password
    RESET = "herstel"           # a new password after a reset


class InvalidLink(NotFound):
    """A password link that is unknown, used, replaced or expired."""

    def __init__(self):
        super().__init__("deze link werkt niet (meer): ze is al gebruikt, vervangen of verlopen; vraag een "
                         "beheerder om een nieuwe")


@dataclass(frozen=True)
class IssuedLink:
    """A one-time link for a person: `secret` goes into the URL and is never stored."""

    person_id: str
    username: str
    display_name: str
    purpose: str
    secret: str
    expires_at: datetime


@dataclass(frozen=True)
class RecordEntry:
    seq: int
    kind: str
    by: str
    at: datetime
    body: dict[str, Any]


@dataclass(frozen=True)
class PersonRecord:
    person: PersonView
    events: list[RecordEntry]


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


class Accounts:
    def __init__(self, uow: Callable[..., UnitOfWork]):
        self._uow = uow

    def create(self, username: str, display_name: str, roles: Iterable[str], actor: Actor) -> IssuedLink:
        """Add a person without a password, with roles; return the one-time link to set it."""
        access.require(actor.has("admin"), ADMIN_ONLY)
        checked_username(username)
        name = text.clean(display_name or "", "display_name", 200, required=True)
        roles = checked_roles(roles)
        with self._uow(write=True) as uow:
            if uow.people.by_username(username) is not None:
                raise Conflict(f"gebruiker '{username}' bestaat al")
            now = clock.now()
            person = Person(id=str(uuid.uuid4()), username=username, display_name=name, password_hash=NO_PASSWORD,
                            active=True, created_at=now, roles=[PersonRole(role=role) for role in roles])
            uow.people.add(person)
            uow.flush()
            self._event(uow, person.id, Change.ADDED, actor, {"gebruikersnaam": username, "naam": name,
                                                              "rollen": roles}, now)
            issued = self._issue(uow, person, Purpose.WELCOME, actor, now)
            uow.commit()
            return issued

    def change(self, person_id: str, actor: Actor, *, roles: Iterable[str] | None = None,
               active: bool | None = None) -> PersonView:
        """Give and take roles, deactivate or reactivate. Deactivating ends the person's sessions and
        tokens at once. An administrator neither deactivates themselves nor takes their own admin role."""
        access.require(actor.has("admin"), ADMIN_ONLY)
        if roles is None and active is None:
            raise InvalidPerson("geef de rollen of of de persoon actief is")
        wanted = checked_roles(roles) if roles is not None else None
        if person_id == actor.id and (active is False or wanted is not None):
            raise Conflict("je kan jezelf niet deactiveren of je eigen rollen wijzigen: dat doet een andere beheerder")
        with self._uow(write=True) as uow:
            person = self._person(uow, person_id, lock=True)
            now = clock.now()
            held = sorted(r.role for r in person.roles)
            taken = set(held) - set(wanted) if wanted is not None else set()
            leaving = active is False and person.active
            if leaving or "coordinator" in taken:
                _keep_a_coordinator(uow, person)
            if leaving:
                _release_claims(uow, person_id)
            elif taken:
                _release_claims(uow, person_id, taken)
            if wanted is not None and wanted != held:
                person.roles = [r for r in person.roles if r.role in wanted] + \
                    [PersonRole(role=role) for role in wanted if role not in held]
                given, taken = sorted(set(wanted) - set(held)), sorted(set(held) - set(wanted))
                self._event(uow, person_id, Change.ROLES, actor, {"gegeven": given, "afgenomen": taken,
                                                                  "rollen": wanted}, now)
            if active is False and person.active:
                person.active = False
                ended = uow.logins.end_all_of(person_id, now, Ended.REVOKED)
                uow.password_links.void_all_of(person_id, now)
                self._event(uow, person_id, Change.DEACTIVATED, actor, {"sessies_beeindigd": ended}, now)
            elif active is True and not person.active:
                person.active = True
                self._event(uow, person_id, Change.ACTIVATED, actor, {}, now)
            uow.commit()
            return view_of(person)

    def reset_password(self, person_id: str, actor: Actor) -> IssuedLink:
        """A new one-time link to set a password; older unused links stop working."""
        access.require(actor.has("admin"), ADMIN_ONLY)
        with self._uow(write=True) as uow:
            person = self._person(uow, person_id)
            if not person.active:
                raise Conflict(f"{person.display_name} is gedeactiveerd: activeer eerst")
            issued = self._issue(uow, person, Purpose.RESET, actor, clock.now())
            uow.commit()
            return issued

    def overview(self, actor: Actor, role: str | None = None) -> list[PersonView]:
        """Everyone, active or not, with their roles (only who holds `role`, if given): the people page."""
        access.require(actor.has("admin"), ADMIN_ONLY)
        with self._uow() as uow:
            people = uow.people.all()
        return [view_of(person) for person in people if role is None or role in {r.role for r in person.roles}]

    def record(self, person_id: str, actor: Actor) -> PersonRecord:
        """A person with the events of their record, for the administrator."""
        access.require(actor.has("admin"), ADMIN_ONLY)
        with self._uow() as uow:
            person = self._person(uow, person_id)
            names: dict[str, str] = {}
            entries = []
            for event in uow.person_events.of_person(person_id):
                if event.actor not in names:
                    who = uow.people.get(event.actor)
                    names[event.actor] = who.display_name if who else event.actor
                entries.append(RecordEntry(event.seq, event.kind, names[event.actor], event.recorded_at,
                                           dict(event.body)))
            return PersonRecord(view_of(person), entries)

    def link_holder(self, secret: str) -> PersonView:
        """Whose password a link sets (the page says so before the person chooses one)."""
        with self._uow() as uow:
            link = uow.password_links.live(_digest(secret[:200]), clock.now())
            person = uow.people.get(link.person_id) if link else None
            if person is None or not person.active:
                raise InvalidLink()
            return view_of(person)

    def set_password(self, secret: str, password: str) -> PersonView:
        """Set the password with a one-time link (once); every session and token of the person ends."""
        checked_password(password)
        self.link_holder(secret)                 # refuse a dead link before the slow hash
        digest = hashed(password)
        with self._uow(write=True) as uow:
            now, link_id = clock.now(), _digest(secret[:200])
            link = uow.password_links.live(link_id, now)
            if link is None or not uow.password_links.use(link_id, now):
                raise InvalidLink()
            person = self._person(uow, link.person_id)
            if not person.active:
                raise InvalidLink()
            person.password_hash = digest
            ended = uow.logins.end_all_of(person.id, now, Ended.REVOKED)
            self._event(uow, person.id, Change.PASSWORD, person.id, {"doel": link.purpose,
                                                                     "sessies_beeindigd": ended}, now)
            uow.commit()
            return view_of(person)

    # -- helpers --------------------------------------------------------------------------------
    @staticmethod
    def _person(uow: UnitOfWork, person_id: str, lock: bool = False) -> Person:
        """The person; `lock`ed for the rest of the transaction when it changes them (so two
        administrators' changes to one person follow each other)."""
        person = uow.session.get(Person, person_id, with_for_update=True) if lock else uow.people.get(person_id)
        if person is None:
            raise NotFound(f"persoon '{person_id}' bestaat niet")
        return person

    def _issue(self, uow: UnitOfWork, person: Person, purpose: Purpose, actor: Actor, now: datetime) -> IssuedLink:
        uow.password_links.void_all_of(person.id, now)
        secret = secrets.token_urlsafe(32)
        expires = now + LINK_LIFETIME
        uow.password_links.add(PasswordLink(id=_digest(secret), person_id=person.id, purpose=purpose,
                                            created_by=actor.id, created_at=now, expires_at=expires))
        self._event(uow, person.id, Change.LINK, actor, {"doel": purpose, "geldig_tot": expires.isoformat()}, now)
        return IssuedLink(person.id, person.username, person.display_name, purpose, secret, expires)

    @staticmethod
    def _event(uow: UnitOfWork, person_id: str, kind: Change, actor: Actor | str, body: dict[str, Any],
               now: datetime) -> None:
        """An event of the person's record and its access-log row, in the use case's transaction."""
        who = actor if isinstance(actor, str) else actor.id
        uow.person_events.append(person_id, kind, who, body, now)
        detail = ", ".join(f"{key}: {value}" for key, value in body.items()) or None
        uow.access.record(now, who, f"persoon-{kind}", f"persoon:{person_id}", detail)


def _keep_a_coordinator(uow: UnitOfWork, person: Person) -> None:
    """Refuse to leave a trajectory that is not closed without a coordinator: someone else active on its
    team as coordinator must take over first (the coordinator forms the team, records consent and the
    A-document)."""
    mine = select(Member.trajectory_id).join(Trajectory, Trajectory.id == Member.trajectory_id).where(
        Member.person_id == person.id, Member.role == "coordinator", Trajectory.status != "afgerond")
    others = (select(Member.trajectory_id).join(Person, Person.id == Member.person_id)
              .join(PersonRole, PersonRole.person_id == Person.id)
              .where(Member.role == "coordinator", Member.person_id != person.id, Person.active.is_(True),
                     PersonRole.role == "coordinator"))
    alone = sorted(set(uow.session.scalars(mine)) - set(uow.session.scalars(others)))
    if alone:
        shown = ", ".join(alone[:5]) + (f" en {len(alone) - 5} meer" if len(alone) > 5 else "")
        raise Conflict(f"{person.display_name} is de enige coördinator van {len(alone)} lopend(e) traject(en) "
                       f"({shown}): zet eerst een andere coördinator in hun team")


def _release_claims(uow: UnitOfWork, person_id: str, lanes: set[str] | None = None) -> None:
    """Give back the tasks the person took (of `lanes` only, when given): colleagues can take them."""
    query = update(Task).where(Task.claimed_by == person_id)
    if lanes is not None:
        query = query.where(Task.lane.in_(sorted(lanes)))
    uow.session.execute(query.values(claimed_by=None, claimed_at=None))
