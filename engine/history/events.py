"""What happens to a trajectory, as events: their kinds (engine/history/log.py) and how one is appended."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from engine.history import chain
from engine.history.log import Kind
from engine.store.models import Event, Trajectory

STARTED = Kind.STARTED
TASK_COMPLETED = Kind.TASK_COMPLETED
TIMER_FIRED = Kind.TIMER_FIRED
CONSENT_GIVEN = Kind.CONSENT_GIVEN
CONSENT_WITHDRAWN = Kind.CONSENT_WITHDRAWN
AGREEMENT = Kind.AGREEMENT
ERROR = Kind.ERROR
TEAM_CHANGED = Kind.TEAM_CHANGED
ANCHOR_NAMED = Kind.ANCHOR_NAMED
DOCUMENT_COMPLETED = Kind.DOCUMENT_COMPLETED
DOCUMENT_SIGNED = Kind.DOCUMENT_SIGNED
DOCUMENT_AGREED = Kind.DOCUMENT_AGREED
DOCUMENT_SUBMITTED = Kind.DOCUMENT_SUBMITTED
DOCUMENT_CORRECTED = Kind.DOCUMENT_CORRECTED
SIGNATURES_INVALIDATED = Kind.SIGNATURES_INVALIDATED
SIGNATURES_VALID_AGAIN = Kind.SIGNATURES_VALID_AGAIN
DATA_ERASED = Kind.DATA_ERASED
TABLES_ADOPTED = Kind.TABLES_ADOPTED
MOVED = Kind.MOVED


def append(uow, trajectory: Trajectory, kind: str, actor: str, payload: dict[str, Any],
           at: datetime) -> Event:
    """Add an event at the head of the trajectory's chain (in the caller's transaction), linked
    with the audit key the unit of work carries."""
    text = chain.canonical(payload)
    digest = chain.payload_hash(text)
    seq = trajectory.event_count + 1
    event = Event(trajectory_id=trajectory.id, seq=seq, type=str(kind), actor=actor, recorded_at=at,
                  payload=text, payload_hash=digest, prev_hash=trajectory.head_hash,
                  hash=chain.link(uow.key, trajectory.head_hash, trajectory.id, seq, str(kind), actor, at, digest),
                  guideline_version_id=trajectory.guideline_version_id)
    uow.events.add(event)
    trajectory.event_count = seq
    trajectory.head_hash = event.hash
    return event


def payload(event: Event) -> dict[str, Any] | None:
    """The event's payload, or None once erased."""
    return json.loads(event.payload) if event.payload is not None else None
