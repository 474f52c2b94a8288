"""Repositories for the logs: trajectory events (append-only), checkpoints and the access log."""

from __future__ import annotations

import json
import zlib
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.dialects.postgresql import insert as postgres_insert
from sqlalchemy.orm import Session

from engine.history import chain
from engine.store.models import AccessEntry, AccessHead, Checkpoint, Event

_INSERT = Event.__table__.insert()
_COLUMNS = tuple(column.key for column in Event.__table__.columns if column.key != "id")


class Events:
    def __init__(self, session: Session):
        self.session = session
        self._appended: list[dict] = []

    def add(self, event: Event) -> None:
        """Append an event. It is sent by `send` (a change sends its events once it holds the trajectory's
        row, so a writer never holds a new event's key while it waits for the row) or at commit."""
        self._appended.append({column: getattr(event, column) for column in _COLUMNS})

    def send(self) -> None:
        """Insert the events appended so far: plain INSERTs, not objects for the session's flush."""
        if self._appended:
            self.session.execute(_INSERT, self._appended)
            self._appended = []

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

    def version_at(self, trajectory_id: str, seq: int) -> str | None:
        """The guideline version in effect at event `seq` (as the events table records it)."""
        return self.session.scalar(select(Event.guideline_version_id).where(
            Event.trajectory_id == trajectory_id, Event.seq == seq))

    def versions(self, trajectory_id: str) -> list[tuple[str, int, datetime]]:
        """The versions a trajectory has been on, in order: (version, first event on it, when)."""
        query = (select(Event.guideline_version_id, Event.seq, Event.recorded_at)
                 .where(Event.trajectory_id == trajectory_id).order_by(Event.seq))
        found: list[tuple[str, int, datetime]] = []
        for version, seq, at in self.session.execute(query):
            if version is not None and (not found or found[-1][0] != version):
                found.append((version, seq, at))
        return found

    def payloads(self, trajectory_id: str, after: int, upto: int | None = None) -> list[dict | None]:
        """The payloads of the events after event `after` up to `upto` (None where erased), in order."""
        query = select(Event.payload).where(Event.trajectory_id == trajectory_id, Event.seq > after)
        if upto is not None:
            query = query.where(Event.seq <= upto)
        query = query.order_by(Event.seq, Event.id)
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
        try:
            found = self.session.execute(query).first()
        except Exception:                      # a row the driver cannot decode: replay from event 1
            self.session.rollback()
            return None
        if found is None:
            return None
        steps = self.session.scalars(select(Checkpoint.steps).where(
            Checkpoint.trajectory_id == trajectory_id, Checkpoint.seq <= found.seq).order_by(Checkpoint.seq))
        state = unpack(found.state)
        if state is None:
            return None                        # unreadable: replay from event 1 (audit verify names it)
        return Kept(found.seq, state, [step for part in steps for step in part])

    def of_trajectory(self, trajectory_id: str) -> list[Kept]:
        query = select(Checkpoint).where(Checkpoint.trajectory_id == trajectory_id).order_by(Checkpoint.seq)
        return [Kept(c.seq, unpack(c.state) or "", c.steps) for c in self.session.scalars(query)]


def unpack(state: bytes) -> str | None:
    """The state a checkpoint keeps, or None when it cannot be read (not zlib, not UTF-8, not bytes)."""
    try:
        return zlib.decompress(state).decode()
    except (zlib.error, UnicodeDecodeError, TypeError):
        return None


class AccessLog:
    """The access log, chained per segment (the actor): an entry links to the previous one of the same
    person under the audit key. Entries are chained when the transaction commits, so a segment's head
    row is locked only for the commit, and only requests of the same person ever wait for it."""

    def __init__(self, session: Session, key: chain.Key, lock_rows: bool):
        self.session = session
        self._key = key
        self._lock_rows = lock_rows
        self._pending: list[AccessEntry] = []

    def record(self, at: datetime, actor: str, action: str, subject: str, detail: str | None = None) -> None:
        self._pending.append(AccessEntry(at=at, actor=actor, action=action, subject=subject, detail=detail,
                                         segment=actor[:100]))

    def seal(self) -> None:
        """Chain the entries recorded in this transaction onto their segments (the unit of work calls
        this right before it commits)."""
        pending, self._pending = self._pending, []
        for segment in sorted({entry.segment for entry in pending}):      # one lock order for everyone
            head = self._head(segment)
            for entry in (e for e in pending if e.segment == segment):
                entry.seq, entry.prev_hash = head.count + 1, head.head_hash
                entry.hash = chain.access_link(self._key, entry.prev_hash, segment, entry.seq, entry.at,
                                               entry.actor, entry.action, entry.subject, entry.detail)
                head.count, head.head_hash = entry.seq, entry.hash
                self.session.add(entry)

    def _head(self, segment: str) -> AccessHead:
        if self._lock_rows:
            query = (select(AccessHead).where(AccessHead.segment == segment).with_for_update()
                     .execution_options(populate_existing=True))
            head = self.session.scalars(query).first()
            if head is None:              # a new segment: whoever inserts first makes it, then all lock it
                self.session.execute(postgres_insert(AccessHead).values(segment=segment, count=0,
                                                                        head_hash=chain.GENESIS)
                                     .on_conflict_do_nothing())
                head = self.session.scalars(query).one()
            return head
        head = self.session.get(AccessHead, segment)
        if head is None:
            head = AccessHead(segment=segment, count=0, head_hash=chain.GENESIS)
            self.session.add(head)
        return head

    def about(self, subject: str) -> list[AccessEntry]:
        query = select(AccessEntry).where(AccessEntry.subject == subject).order_by(AccessEntry.id)
        return list(self.session.scalars(query))
