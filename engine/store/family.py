"""Repositories of the family's own view: family members and their one-time invitations."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from engine.store.models import Event, FamilyInvitation, FamilyMember


class FamilyMembers:
    def __init__(self, session: Session):
        self.session = session

    def add(self, member: FamilyMember) -> None:
        self.session.add(member)

    def get(self, member_id: str) -> FamilyMember | None:
        return self.session.get(FamilyMember, member_id)

    def of_person(self, person_id: str) -> FamilyMember | None:
        return self.session.scalars(select(FamilyMember).where(FamilyMember.person_id == person_id)).first()

    def of_child(self, child_id: str) -> list[FamilyMember]:
        query = select(FamilyMember).where(FamilyMember.child_id == child_id).order_by(FamilyMember.invited_at)
        return list(self.session.scalars(query))


class FamilyInvitations:
    def __init__(self, session: Session):
        self.session = session

    def add(self, invitation: FamilyInvitation) -> None:
        self.session.add(invitation)

    def live(self, invitation_id: str, now: datetime) -> FamilyInvitation | None:
        """The invitation when it is unused, not voided and not expired."""
        query = select(FamilyInvitation).where(FamilyInvitation.id == invitation_id,
                                               FamilyInvitation.used_at.is_(None), FamilyInvitation.expires_at > now)
        return self.session.scalars(query).first()

    def use(self, invitation_id: str, now: datetime) -> bool:
        """Mark it used, once: of two requests with the same code only one gets True."""
        result = self.session.execute(
            update(FamilyInvitation).where(FamilyInvitation.id == invitation_id, FamilyInvitation.used_at.is_(None),
                                           FamilyInvitation.expires_at > now)
            .values(used_at=now).execution_options(synchronize_session=False))
        return result.rowcount == 1

    def void_all_of(self, member_id: str, now: datetime) -> int:
        result = self.session.execute(
            update(FamilyInvitation).where(FamilyInvitation.member_id == member_id, FamilyInvitation.used_at.is_(None))
            .values(used_at=now).execution_options(synchronize_session=False))
        return result.rowcount

    def pending_of(self, member_id: str, now: datetime) -> FamilyInvitation | None:
        query = select(FamilyInvitation).where(FamilyInvitation.member_id == member_id,
                                               FamilyInvitation.used_at.is_(None), FamilyInvitation.expires_at > now)
        return self.session.scalars(query.limit(1)).first()


def family_events(session: Session, trajectory_id: str, kinds: frozenset[str]) -> list[Event]:
    """A trajectory's events of these kinds (the family's acts), in order, without reading the others."""
    query = select(Event).where(Event.trajectory_id == trajectory_id, Event.type.in_(sorted(kinds)))
    return list(session.scalars(query.order_by(Event.seq)))
