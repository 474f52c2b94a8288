"""Repositories for the logs: trajectory events (append-only) and the access log."""

from __future__ import annotations

import json
import zlib
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from engine.store.models import AccessEntry, Checkpoint, Event


class Events:
    def __init__(self, session: Session):
        self.session = session

    def add(self, event: Event) -> None:
        self.session.add(event)

    def of_trajectory(self, trajectory_id: str, upto: int | None = None, after: int = 0) -> list[Event]:
        """The events after event `after` up to event `upto` (all when None), in order."""
        query = select(Event).where(Event.trajectory_id == trajectory_id)
        if upto is not None:
            query = query.where(Event.seq <= upto)
        if after:
            query = query.where(Event.seq > after)
        return list(self.session.scalars(query.order_by(Event.seq, Event.id)))

    def completion_of(self, task_id: str, kind: str) -> Event | None:
        """The event (of `kind`: task completion) that completed a task, found by the task id in its
        payload. Scans the events: for the rare request that names a task no longer ready."""
        needle = json.dumps({"task": task_id}, separators=(",", ":"))[1:-1]
        query = select(Event).where(Event.type == kind, Event.payload.contains(needle, autoescape=True))
        return self.session.scalars(query.limit(1)).first()

    def payloads(self, trajectory_id: str, after: int) -> list[dict | None]:
        """The payloads of the events after event `after` (None where erased), in order."""
        query = (select(Event.payload).where(Event.trajectory_id == trajectory_id, Event.seq > after)
                 .order_by(Event.seq, Event.id))
        return [json.loads(text) if text is not None else None for text in self.session.scalars(query)]


@dataclass(frozen=True)
class Kept:
    """A checkpoint as read: the state after event `seq` and the steps completed up to it
    (all steps from event 1 for `nearest`, those since the previous checkpoint otherwise)."""

    seq: int
    state: str
    steps: list[str]


class Checkpoints:
    def __init__(self, session: Session):
        self.session = session

    def add(self, trajectory_id: str, seq: int, state: str, steps: list[str]) -> None:
        """Keep the state after event `seq` (again, after a rebuild)."""
        self.session.execute(delete(Checkpoint).where(Checkpoint.trajectory_id == trajectory_id,
                                                      Checkpoint.seq >= seq))
        self.session.add(Checkpoint(trajectory_id=trajectory_id, seq=seq, state=zlib.compress(state.encode(), 1),
                                    steps=steps))

    def nearest(self, trajectory_id: str, upto: int) -> Kept | None:
        """The latest checkpoint at or before event `upto`, with every step up to it."""
        query = (select(Checkpoint.seq, Checkpoint.state).where(Checkpoint.trajectory_id == trajectory_id,
                                                                 Checkpoint.seq <= upto)
                 .order_by(Checkpoint.seq.desc()).limit(1))
        found = self.session.execute(query).first()
        if found is None:
            return None
        steps = self.session.scalars(select(Checkpoint.steps).where(
            Checkpoint.trajectory_id == trajectory_id, Checkpoint.seq <= found.seq).order_by(Checkpoint.seq))
        state = _unpack(found.state)
        if state is None:
            return None                        # unreadable: replay from event 1 (audit verify names it)
        return Kept(found.seq, state, [step for part in steps for step in part])

    def of_trajectory(self, trajectory_id: str) -> list[Kept]:
        query = select(Checkpoint).where(Checkpoint.trajectory_id == trajectory_id).order_by(Checkpoint.seq)
        return [Kept(c.seq, _unpack(c.state) or "", c.steps) for c in self.session.scalars(query)]


def _unpack(state: bytes) -> str | None:
    try:
        return zlib.decompress(state).decode()
    except (zlib.error, UnicodeDecodeError):
        return None


class AccessLog:
    def __init__(self, session: Session):
        self.session = session

    def record(self, at: datetime, actor: str, action: str, subject: str, detail: str | None = None) -> None:
        self.session.add(AccessEntry(at=at, actor=actor, action=action, subject=subject, detail=detail))

    def about(self, subject: str) -> list[AccessEntry]:
        query = select(AccessEntry).where(AccessEntry.subject == subject).order_by(AccessEntry.id)
        return list(self.session.scalars(query))
