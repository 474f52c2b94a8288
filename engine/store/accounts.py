"""Repositories for administering people: one-time password links and the person record's events."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from engine.store.models import PasswordLink, PersonEvent


class PasswordLinks:
    def __init__(self, session: Session):
        self.session = session

    def add(self, link: PasswordLink) -> None:
        self.session.add(link)

    def live(self, link_id: str, now: datetime) -> PasswordLink | None:
        """The link when it is unused, not voided and not expired."""
        query = select(PasswordLink).where(PasswordLink.id == link_id, PasswordLink.used_at.is_(None),
                                           PasswordLink.expires_at > now)
        return self.session.scalars(query).first()

    def use(self, link_id: str, now: datetime) -> bool:
        """Mark the link used, once: of two requests with the same link only one gets True."""
        result = self.session.execute(
            update(PasswordLink).where(PasswordLink.id == link_id, PasswordLink.used_at.is_(None),
                                       PasswordLink.expires_at > now)
            .values(used_at=now).execution_options(synchronize_session=False))
        return result.rowcount == 1

    def void_all_of(self, person_id: str, now: datetime) -> int:
        """Void a person's unused links (a newer one replaces them, or the person is deactivated)."""
        result = self.session.execute(
            update(PasswordLink).where(PasswordLink.person_id == person_id, PasswordLink.used_at.is_(None))
            .values(used_at=now).execution_options(synchronize_session=False))
        return result.rowcount


class PersonEvents:
    def __init__(self, session: Session):
        self.session = session

    def append(self, person_id: str, kind: str, actor: str, body: dict[str, Any], at: datetime) -> PersonEvent:
        """Add an event at the end of a person's record (in the caller's transaction)."""
        last = self.session.scalar(select(func.max(PersonEvent.seq)).where(PersonEvent.person_id == person_id))
        event = PersonEvent(person_id=person_id, seq=(last or 0) + 1, kind=kind, actor=actor, recorded_at=at,
                            body=body)
        self.session.add(event)
        return event

    def of_person(self, person_id: str) -> list[PersonEvent]:
        query = select(PersonEvent).where(PersonEvent.person_id == person_id).order_by(PersonEvent.seq)
        return list(self.session.scalars(query))
