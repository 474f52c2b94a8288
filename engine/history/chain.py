"""The event log's hash chain: each event links the previous hash to its own payload hash.

The chain covers payload *hashes*, not payloads: personal data can be erased at the end of
retention (payload set to NULL) and the chain still verifies.
"""

from __future__ import annotations

import hashlib
import json
from datetime import datetime
from typing import Any

GENESIS = "0" * 64


def canonical(payload: dict[str, Any]) -> str:
    """The payload as the one JSON text that is hashed and stored."""
    return json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def payload_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def link(prev_hash: str, trajectory_id: str, seq: int, kind: str, actor: str, recorded_at: datetime,
         digest: str) -> str:
    """The hash of one event, binding it to its place in its trajectory's chain."""
    material = "\n".join([prev_hash, trajectory_id, str(seq), kind, actor, recorded_at.isoformat(), digest])
    return hashlib.sha256(material.encode("utf-8")).hexdigest()


def problems(trajectory_id: str, events: list, head_hash: str, event_count: int) -> list[str]:
    """Check one trajectory's chain; return what is wrong (empty when intact)."""
    found = []
    previous = GENESIS
    for position, event in enumerate(events, start=1):
        where = f"gebeurtenis {event.seq}"
        if event.seq != position:
            found.append(f"{where}: staat op plaats {position} (ontbrekend of verplaatst)")
        if event.payload is not None and payload_hash(event.payload) != event.payload_hash:
            found.append(f"{where}: inhoud gewijzigd (hash klopt niet)")
        if event.prev_hash != previous:
            found.append(f"{where}: verwijst niet naar de vorige gebeurtenis")
        expected = link(event.prev_hash, trajectory_id, event.seq, event.type, event.actor,
                        event.recorded_at, event.payload_hash)
        if event.hash != expected:
            found.append(f"{where}: keten-hash klopt niet")
        previous = event.hash
    if len(events) != event_count:
        found.append(f"{len(events)} gebeurtenissen, maar het traject telt er {event_count}")
    if previous != head_hash:
        found.append("de laatste gebeurtenis is niet de kop van de keten (verwijderd of toegevoegd)")
    return found
