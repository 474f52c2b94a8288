"""What one step of the step-through reads of a long history, and no more: the timeline's window,
a few events whole, the head of each payload for what it completed, the checkpoint before N and the
re-execution from it. Plain rows, not ORM objects: a 1,000-event history stays cheap to step through."""

from __future__ import annotations

import json

from sqlalchemy import func, select

from engine.history import log
from engine.history.events import payload
from engine.history.replay import Checkpoint, replay
from engine.services.errors import NotFound
from engine.store import UnitOfWork
from engine.store.journal import unpack
from engine.store.models import Checkpoint as StoredCheckpoint
from engine.store.models import Event

WINDOW = 12          # the timeline shows this many events either side of N (jump to any other)

_COLUMNS = (Event.id, Event.seq, Event.type, Event.actor, Event.recorded_at, Event.payload, Event.payload_hash,
            Event.prev_hash, Event.hash, Event.guideline_version_id)


def window(uow: UnitOfWork, trajectory_id: str, seq: int):
    """The trajectory and, for the timeline, the events around `seq` (seq, kind, actor, time): plain
    rows without payloads — a 1,000-event history is read whole only where a step needs it."""
    trajectory = uow.trajectories.get(trajectory_id)
    if trajectory is None:
        raise NotFound(f"traject '{trajectory_id}' bestaat niet")
    window = list(uow.session.execute(
        select(Event.seq, Event.type, Event.actor, Event.recorded_at)
        .where(Event.trajectory_id == trajectory_id, Event.seq.between(seq - WINDOW, seq + WINDOW))
        .order_by(Event.seq, Event.id)))
    if not any(e.seq == seq for e in window):
        raise NotFound(f"traject '{trajectory_id}' heeft geen gebeurtenis {seq} "
                       f"(gebeurtenissen 1 tot {trajectory.event_count})")
    return trajectory, window


def whole(uow: UnitOfWork, trajectory_id: str, seqs: list[int]) -> dict:
    """Some events whole (every column), by seq."""
    query = select(*_COLUMNS).where(Event.trajectory_id == trajectory_id, Event.seq.in_(set(seqs)))
    return {row.seq: row for row in uow.session.execute(query)}


def completions(uow: UnitOfWork, trajectory_id: str, seq: int) -> list[tuple[int, list[str]]]:
    """What each event up to `seq` completed, read from the head of its payload (where the canonical
    JSON keeps 'completed'); the whole payload only where a head does not hold the whole list."""
    query = (select(Event.seq, func.substr(Event.payload, 1, _HEAD))
             .where(Event.trajectory_id == trajectory_id, Event.seq <= seq).order_by(Event.seq, Event.id))
    found, cut = [], []
    for number, head in uow.session.execute(query):
        paths = completed(head)
        if paths is None:
            cut.append(number)
        found.append((number, paths))
    if cut:
        entire = {n: completed(row.payload) or [] for n, row in whole(uow, trajectory_id, cut).items()}
        found = [(n, entire.get(n, []) if paths is None else paths) for n, paths in found]
    return found


def data_at(uow: UnitOfWork, casework, trajectory, seq: int):
    """The process data after event `seq` and after `seq − 1`, event `seq` (and those since the
    checkpoint before it) re-executed, with the replay and the instance it reached."""
    start = checkpoint(uow, trajectory, seq - 1) if seq > 1 else None
    seen: dict[int, dict] = {}
    if start is not None and start.seq == seq - 1:
        seen[seq - 1] = casework.load(start.process, start.state).data

    def observe(event: Event, instance) -> None:
        if event.seq >= seq - 1:
            seen[event.seq] = instance.data

    events = uow.events.of_trajectory(trajectory.id, seq, after=start.seq if start else 0)
    replayed = replay(casework, trajectory.id, events, seq, start, observe=observe)
    instance = replayed.instance
    now = seen.get(seq, instance.data if instance is not None else {})
    return now, seen.get(seq - 1, {}), replayed, instance


TEAM_KINDS = frozenset({log.Kind.STARTED, log.Kind.TEAM_CHANGED, log.Kind.ANCHOR_NAMED, log.Kind.DATA_ERASED,
                         log.Kind.TABLES_ADOPTED})
_COMPLETED = '"completed":'
_HEAD = 4000
_DECODER = json.JSONDecoder()


def completed(text: str | None) -> list[str] | None:
    """The instance paths an event completed, read from (the head of) its canonical payload without
    parsing the rest — the canonical JSON sorts its keys: 'completed' comes right after 'clock'.
    None when the text stops inside the list."""
    at = text.find(_COMPLETED) if text else -1
    if at < 0:
        return [] if text is None or len(text) < _HEAD else None
    try:
        found, _ = _DECODER.raw_decode(text, at + len(_COMPLETED))
    except ValueError:
        return None if len(text) >= _HEAD else []
    return [p for p in found if isinstance(p, str)] if isinstance(found, list) else []


def checkpoint(uow: UnitOfWork, trajectory, upto: int) -> Checkpoint | None:
    """The latest readable checkpoint at or before event `upto` (without the steps before it: a step's
    replay needs only the state)."""
    found = uow.session.execute(select(StoredCheckpoint.seq, StoredCheckpoint.state).where(
        StoredCheckpoint.trajectory_id == trajectory.id, StoredCheckpoint.seq <= upto)
        .order_by(StoredCheckpoint.seq.desc()).limit(1)).first()
    state = unpack(found.state) if found is not None else None
    return Checkpoint(trajectory.process_id, found.seq, state, []) if state is not None else None


def body(event: Event) -> dict | None:
    try:
        body = payload(event)
    except ValueError:
        return None
    return body if isinstance(body, dict) else None
