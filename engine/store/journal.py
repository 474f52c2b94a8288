"""Repositories for the logs: trajectory events (append-only) and the access log."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from engine.store.models import AccessEntry, Checkpoint, Event, LoginFailure


class Events:
    def __init__(self, session: Session):
        self.session = session

    def add(self, event: Event) -> None:
        self.session.add(event)

    def of_trajectory(self, trajectory_id: str, upto: int | None = None) -> list[Event]:
        query = select(Event).where(Event.trajectory_id == trajectory_id)
        if upto is not None:
            query = query.where(Event.seq <= upto)
        return list(self.session.scalars(query.order_by(Event.seq, Event.id)))


class Checkpoints:
    def __init__(self, session: Session):
        self.session = session

    def add(self, trajectory_id: str, seq: int, state: str) -> None:
        self.session.merge(Checkpoint(trajectory_id=trajectory_id, seq=seq, state=state))

    def nearest(self, trajectory_id: str, upto: int) -> Checkpoint | None:
        """The latest checkpoint at or before event `upto`."""
        query = (select(Checkpoint).where(Checkpoint.trajectory_id == trajectory_id, Checkpoint.seq <= upto)
                 .order_by(Checkpoint.seq.desc()).limit(1))
        return self.session.scalars(query).first()

    def of_trajectory(self, trajectory_id: str) -> list[Checkpoint]:
        query = select(Checkpoint).where(Checkpoint.trajectory_id == trajectory_id).order_by(Checkpoint.seq)
        return list(self.session.scalars(query))


class AccessLog:
    def __init__(self, session: Session):
        self.session = session

    def record(self, at: datetime, actor: str, action: str, subject: str, detail: str | None = None) -> None:
        self.session.add(AccessEntry(at=at, actor=actor, action=action, subject=subject, detail=detail))

    def about(self, subject: str) -> list[AccessEntry]:
        query = select(AccessEntry).where(AccessEntry.subject == subject).order_by(AccessEntry.id)
        return list(self.session.scalars(query))


class LoginFailures:
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

    def forget(self, username: str) -> None:
        self.session.execute(delete(LoginFailure).where(LoginFailure.username == username))
