"""Logging in and out: throttled password checks, sessions and tokens that end on the server."""

from __future__ import annotations

import hashlib
import math
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from engine import access, clock, totp
from engine.actors import Actor
from engine.errors import EkdError
from engine.services.errors import NotFound
from engine.services.people import People
from engine.store import UnitOfWork
from engine.store.models import Login

# Failed log-ins allowed per username within the window; per address far more, so that one
# colleague's typos never lock out the others behind the same address.
MAX_FAILURES_PER_USER = 5
MAX_FAILURES_PER_ADDRESS = 100
FAILURE_WINDOW = timedelta(minutes=15)
LIFETIME = timedelta(hours=8)              # a session or token ends this long after the log-in
TOUCH_EVERY = timedelta(minutes=1)         # last_seen is written at most this often


class LoginKind(StrEnum):
    SESSION = "sessie"
    TOKEN = "token"


class Ended(StrEnum):
    LOGGED_OUT = "afgemeld"
    REVOKED = "ingetrokken"


class TooManyAttempts(EkdError):
    """Too many failed log-ins: wait `retry_after` seconds before trying again."""

    def __init__(self, retry_after: int):
        self.retry_after = retry_after
        super().__init__(f"te veel mislukte pogingen; probeer het over {math.ceil(retry_after / 60)} min. opnieuw")


@dataclass(frozen=True)
class Started:
    """A new session or token: `secret` goes to the browser or client, never into the database."""

    secret: str
    actor: Actor
    expires_at: datetime


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def second_factor(uow: UnitOfWork, person_id: str, code: str, now: datetime) -> bool:
    """True when the person has no second factor, or `code` is its code now and was not used before
    (the time step is taken atomically: of two log-ins with one code only one gets through)."""
    person = uow.people.get(person_id)
    if person is None or not person.totp_secret:
        return True
    step = totp.matching_step(person.totp_secret, code, now)
    return step is not None and uow.people.take_step(person_id, step)


def _seconds_until(moment: datetime, now: datetime) -> int:
    return max(1, math.ceil((moment - now).total_seconds()))


class Logins:
    def __init__(self, uow: Callable[..., UnitOfWork], people: People):
        self._uow = uow
        self._people = people

    def log_in(self, username: str, password: str, address: str, kind: LoginKind, code: str = "") -> Started | None:
        """Check a password (and the second factor's `code`, for whoever set one up) and start a session
        or token; None when either is wrong. The attempt takes a slot of the username's window before the
        password is checked (TooManyAttempts if none)."""
        now, address = clock.now(), address[:64]
        since = now - FAILURE_WINDOW
        with self._uow(write=True) as uow:
            if uow.login_failures.count_since(since, address=address) >= MAX_FAILURES_PER_ADDRESS:
                oldest = uow.login_failures.nth_latest(address, since, MAX_FAILURES_PER_ADDRESS)
                raise TooManyAttempts(_seconds_until((oldest or now) + FAILURE_WINDOW, now))
            if not uow.throttles.reserve(username[:100], now, since, MAX_FAILURES_PER_USER):
                started = uow.throttles.window_start(username[:100]) or now
                raise TooManyAttempts(_seconds_until(started + FAILURE_WINDOW, now))
            uow.commit()
        actor = self._people.authenticate(username, password)
        with self._uow(write=True) as uow:
            if actor is not None and not second_factor(uow, actor.id, code, now):
                actor = None
            if actor is None:
                uow.login_failures.forget_before(address, since)
                uow.login_failures.record(username, address, now)
                uow.commit()
                return None
            uow.throttles.clear(username[:100])
            secret = secrets.token_urlsafe(32)
            uow.logins.add(Login(id=_digest(secret), person_id=actor.id, kind=kind, address=address,
                                 started_at=now, last_seen=now, expires_at=now + LIFETIME))
            uow.access.record(now, actor.id, "aanmelden", f"persoon:{actor.id}", kind)
            uow.commit()
        return Started(secret, actor, now + LIFETIME)

    def resume(self, secret: str, kind: LoginKind, idle: timedelta | None = None) -> Actor | None:
        """The person behind a live session or token; None when it is unknown, ended, expired,
        idle longer than `idle` or its person is no longer active."""
        now, login_id = clock.now(), _digest(secret)
        with self._uow() as uow:
            login = uow.logins.live(login_id, kind, now)
            if login is None or (idle is not None and login.last_seen <= now - idle):
                return None
            actor = Actor(login.person_id, login.username, login.roles, login.display_name)
        if login.last_seen <= now - TOUCH_EVERY:
            with self._uow(write=True) as uow:
                uow.logins.touch(login_id, now, now - idle if idle is not None else None)
                uow.commit()
        return actor

    def log_out(self, secret: str, kind: LoginKind) -> bool:
        """End one session or token (log-out); False when it had ended already or is unknown."""
        now, login_id = clock.now(), _digest(secret)
        with self._uow(write=True) as uow:
            person_id = uow.logins.person_of(login_id, kind)
            if person_id is None or not uow.logins.end(login_id, now, Ended.LOGGED_OUT):
                return False
            uow.access.record(now, person_id, "afmelden", f"persoon:{person_id}", kind)
            uow.commit()
        return True

    def revoke_all(self, person_id: str, actor: Actor) -> int:
        """End every session and token of a person (administrators only); return how many."""
        access.require(actor.has("admin"), "alleen een beheerder kan sessies en tokens intrekken")
        with self._uow(write=True) as uow:
            if uow.people.get(person_id) is None:
                raise NotFound(f"persoon '{person_id}' bestaat niet")
            return self._revoke(uow, person_id, actor)

    def revoke_by_username(self, username: str, actor: Actor) -> int:
        """`revoke_all` for the person with this username."""
        access.require(actor.has("admin"), "alleen een beheerder kan sessies en tokens intrekken")
        with self._uow(write=True) as uow:
            person = uow.people.by_username(username)
            if person is None:
                raise NotFound(f"gebruiker '{username}' bestaat niet")
            return self._revoke(uow, person.id, actor)

    @staticmethod
    def _revoke(uow: UnitOfWork, person_id: str, actor: Actor) -> int:
        now = clock.now()
        ended = uow.logins.end_all_of(person_id, now, Ended.REVOKED)
        uow.access.record(now, actor.id, "intrekken", f"persoon:{person_id}", f"{ended} sessie(s)/token(s)")
        uow.commit()
        return ended
