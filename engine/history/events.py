"""What happens to a trajectory, as events: their kinds and how one is appended."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from engine.history import chain
from engine.store.models import Event, Trajectory

STARTED = "traject_gestart"
TASK_COMPLETED = "taak_afgerond"
TIMER_FIRED = "timer_afgegaan"
CONSENT_GIVEN = "instemming_gegeven"
CONSENT_WITHDRAWN = "instemming_ingetrokken"
AGREEMENT = "akkoord"
ERROR = "fout"
DOCUMENT_COMPLETED = "a_document_aangevuld"
DOCUMENT_SIGNED = "a_document_ondertekend"
DOCUMENT_AGREED = "a_document_akkoord"
DOCUMENT_SUBMITTED = "a_document_ingediend"
DOCUMENT_CORRECTED = "a_document_gecorrigeerd"


def append(uow, trajectory: Trajectory, kind: str, actor: str, payload: dict[str, Any],
           at: datetime) -> Event:
    """Add an event at the head of the trajectory's chain (in the caller's transaction)."""
    text = chain.canonical(payload)
    digest = chain.payload_hash(text)
    seq = trajectory.event_count + 1
    event = Event(trajectory_id=trajectory.id, seq=seq, type=kind, actor=actor, recorded_at=at,
                  payload=text, payload_hash=digest, prev_hash=trajectory.head_hash,
                  hash=chain.link(trajectory.head_hash, trajectory.id, seq, kind, actor, at, digest))
    uow.events.add(event)
    trajectory.event_count = seq
    trajectory.head_hash = event.hash
    return event


def payload(event: Event) -> dict[str, Any] | None:
    """The event's payload, or None once erased."""
    return json.loads(event.payload) if event.payload is not None else None
