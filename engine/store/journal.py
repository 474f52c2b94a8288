"""Repositories for the logs: trajectory events (append-only) and the access log."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from engine.store.models import AccessEntry, Event


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


class AccessLog:
    def __init__(self, session: Session):
        self.session = session

    def record(self, at: datetime, actor: str, action: str, subject: str, detail: str | None = None) -> None:
        self.session.add(AccessEntry(at=at, actor=actor, action=action, subject=subject, detail=detail))

    def about(self, subject: str) -> list[AccessEntry]:
        query = select(AccessEntry).where(AccessEntry.subject == subject).order_by(AccessEntry.id)
        return list(self.session.scalars(query))
