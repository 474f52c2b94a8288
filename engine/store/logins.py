"""Repositories for logging in: failed attempts, per-username throttles, sessions and tokens."""

from __future__ import annotations

from datetime import datetime
from typing import NamedTuple

from sqlalchemy import bindparam, case, delete, func, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from engine.store.models import Login, LoginFailure, LoginThrottle, Person, PersonRole

_logins, _people, _roles = Login.__table__.c, Person.__table__.c, PersonRole.__table__.c
# Asked on every request: plain columns, built once.
_LIVE = (select(_logins.last_seen, _people.id, _people.username, _people.display_name, _roles.role)
         .join_from(Login.__table__, Person.__table__, _people.id == _logins.person_id)
         .outerjoin(PersonRole.__table__, _roles.person_id == _people.id)
         .where(_logins.id == bindparam("id"), _logins.kind == bindparam("kind"), _logins.ended_at.is_(None),
                _logins.expires_at > bindparam("now", type_=_logins.expires_at.type), _people.active.is_(True)))


class LiveLogin(NamedTuple):
    """A live session or token, as a request needs it: when it was last used, and whose it is."""

    last_seen: datetime
    person_id: str
    username: str
    display_name: str
    roles: frozenset[str]


class LoginFailures:
    """Every failed log-in, kept for the (looser) limit per address."""

    def __init__(self, session: Session):
        self.session = session

    def record(self, username: str, address: str, at: datetime) -> None:
        self.session.add(LoginFailure(username=username[:100], address=address[:64], at=at))

    def count_since(self, since: datetime, username: str | None = None, address: str | None = None) -> int:
        query = select(func.count()).select_from(LoginFailure).where(LoginFailure.at >= since)
        if username is not None:
            query = query.where(LoginFailure.username == username)
        if address is not None:
            query = query.where(LoginFailure.address == address)
        return self.session.scalar(query) or 0

    def nth_latest(self, address: str, since: datetime, n: int) -> datetime | None:
        """When the n-th most recent failure from `address` since `since` happened (n = 1: the latest)."""
        query = (select(LoginFailure.at).where(LoginFailure.address == address, LoginFailure.at >= since)
                 .order_by(LoginFailure.at.desc()).offset(n - 1).limit(1))
        return self.session.scalar(query)

    def forget_before(self, address: str, before: datetime) -> None:
        """Drop an address's failures that no longer count."""
        self.session.execute(delete(LoginFailure).where(LoginFailure.address == address, LoginFailure.at < before))


class Throttles:
    """Failed log-ins per username, counted atomically."""

    def __init__(self, session: Session):
        self.session = session

    def reserve(self, username: str, now: datetime, since: datetime, limit: int) -> bool:
        """Take one of `limit` attempts of the window that started after `since` (a window that
        started before it is over: a new one starts now). False when none is left. One conditional
        UPDATE: parallel attempts queue on the row, and each sees the count the previous one left."""
        dialect = postgresql if self.session.get_bind().dialect.name == "postgresql" else sqlite
        self.session.execute(dialect.insert(LoginThrottle).values(username=username, failures=0, window_start=now)
                             .on_conflict_do_nothing(index_elements=["username"]))
        over = LoginThrottle.window_start < since
        taken = self.session.execute(
            update(LoginThrottle)
            .where(LoginThrottle.username == username, or_(LoginThrottle.failures < limit, over))
            .values(failures=case((over, 1), else_=LoginThrottle.failures + 1),
                    window_start=case((over, now), else_=LoginThrottle.window_start))
            .execution_options(synchronize_session=False))
        return taken.rowcount == 1

    def window_start(self, username: str) -> datetime | None:
        return self.session.scalar(select(LoginThrottle.window_start).where(LoginThrottle.username == username))

    def clear(self, username: str) -> None:
        """A successful log-in: the failures are forgiven."""
        self.session.execute(delete(LoginThrottle).where(LoginThrottle.username == username))


class Logins:
    """Sessions and tokens: live until they end, expire or go idle."""

    def __init__(self, session: Session):
        self.session = session

    def add(self, login: Login) -> None:
        self.session.add(login)

    def live(self, login_id: str, kind: str, now: datetime) -> LiveLogin | None:
        """The login's last use and its person, when it has not ended or expired and the person is
        active: one plain query (asked on every request), a row per role the person holds."""
        rows = self.session.execute(_LIVE, {"id": login_id, "kind": kind, "now": now}).all()
        if not rows:
            return None
        last_seen, person_id, username, display_name, _role = rows[0]
        return LiveLogin(last_seen, person_id, username, display_name,
                         frozenset(row[4] for row in rows if row[4] is not None))

    def touch(self, login_id: str, now: datetime, idle_since: datetime | None) -> bool:
        """Note that the login was used now, unless it ended or went idle (last seen at or before
        `idle_since`) in the meantime: a late request does not revive it."""
        query = update(Login).where(Login.id == login_id, Login.ended_at.is_(None))
        if idle_since is not None:
            query = query.where(Login.last_seen > idle_since)
        result = self.session.execute(query.values(last_seen=now).execution_options(synchronize_session=False))
        return result.rowcount == 1

    def person_of(self, login_id: str, kind: str) -> str | None:
        return self.session.scalar(select(Login.person_id).where(Login.id == login_id, Login.kind == kind))

    def end(self, login_id: str, now: datetime, how: str) -> bool:
        """End one login; False when it had ended already."""
        result = self.session.execute(
            update(Login).where(Login.id == login_id, Login.ended_at.is_(None))
            .values(ended_at=now, ended_how=how).execution_options(synchronize_session=False))
        return result.rowcount == 1

    def end_all_of(self, person_id: str, now: datetime, how: str) -> int:
        """End every login of a person that has not ended yet; return how many."""
        result = self.session.execute(
            update(Login).where(Login.person_id == person_id, Login.ended_at.is_(None))
            .values(ended_at=now, ended_how=how).execution_options(synchronize_session=False))
        return result.rowcount
