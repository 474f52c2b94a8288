"""The keyed hash chains: each event (and each access-log entry) links the previous hash to its own
content with an HMAC under the audit key (EKD_AUDIT_KEY), which the database does not hold.

Whoever can write only the database cannot recompute a chain: an event edited and every hash
recomputed the old, unkeyed way is still seen. The chain covers payload *hashes*, not payloads:
personal data can be erased at the end of retention (payload set to NULL) and the chain verifies.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol

from engine.history.problems import Flaw, Problem

GENESIS = "0" * 64


@dataclass(frozen=True)
class Key:
    """The audit key. Kept apart from the database (and from its backups)."""

    secret: bytes = field(repr=False)

    @classmethod
    def of(cls, text: str) -> Key:
        """The key from its text form (EKD_AUDIT_KEY); an empty key is refused."""
        if not text or not text.strip():
            raise ValueError("de auditsleutel (EKD_AUDIT_KEY) is leeg")
        return cls(text.strip().encode("utf-8"))

    def mac(self, *parts: str | int) -> str:
        """The HMAC-SHA256 of the parts, as one unambiguous JSON list."""
        material = json.dumps([str(part) for part in parts], ensure_ascii=False, separators=(",", ":"))
        return hmac.new(self.secret, material.encode("utf-8"), hashlib.sha256).hexdigest()

    @property
    def id(self) -> str:
        """A fingerprint that names the key without revealing it (anchors carry it)."""
        return self.mac("ekd-auditsleutel")[:16]


def canonical(payload: dict[str, Any]) -> str:
    """The payload as the one JSON text that is hashed and stored."""
    return json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def payload_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def link(key: Key, prev_hash: str, trajectory_id: str, seq: int, kind: str, actor: str, recorded_at: datetime,
         digest: str) -> str:
    """The hash of one event, binding it to its place in its trajectory's chain."""
    return key.mac("ekd-gebeurtenis-v2", prev_hash, trajectory_id, seq, kind, actor, recorded_at.isoformat(), digest)


def unkeyed_link(prev_hash: str, trajectory_id: str, seq: int, kind: str, actor: str, recorded_at: datetime,
                 digest: str) -> str:
    """How events were linked before the audit key (migration 0008 re-seals such chains)."""
    material = "\n".join([prev_hash, trajectory_id, str(seq), kind, actor, recorded_at.isoformat(), digest])
    return hashlib.sha256(material.encode("utf-8")).hexdigest()


def access_link(key: Key, prev_hash: str, segment: str, seq: int, at: datetime, actor: str, action: str,
                subject: str, detail: str | None) -> str:
    """The hash of one access-log entry in its segment's chain."""
    return key.mac("ekd-toegang-v1", prev_hash, segment, seq, at.isoformat(), actor, action, subject,
                   "" if detail is None else "+" + detail)


class Linked(Protocol):
    seq: int
    prev_hash: str
    hash: str


def walk(scope: str, noun: str, items: Sequence[Linked], expected: Callable[[Linked], str],
         unkeyed: Callable[[Linked], bool] = lambda item: False) -> list[Problem]:
    """Walk one chain in order: name each gap, each entry out of place, each link to the wrong
    predecessor, and each run of entries whose keyed hash is not `expected(entry)` (saying so when
    they are linked the old way, without the key: `unkeyed(entry)`)."""
    found, previous, next_seq, broken = [], GENESIS, 1, []
    for item in items:
        where = f"{noun} {item.seq}"
        if item.seq is None or item.seq < next_seq:
            found.append(Problem(scope, where, Flaw.REORDERED,
                                 f"staat na {noun} {next_seq - 1} (dubbel of verplaatst)"))
        elif item.seq > next_seq:
            gap = f"{next_seq}" if item.seq == next_seq + 1 else f"{next_seq} tot {item.seq - 1}"
            found.append(Problem(scope, f"{noun} {gap}", Flaw.MISSING, f"ontbreekt vóór {where} (verwijderd)"))
        if item.prev_hash != previous:
            found.append(Problem(scope, where, Flaw.REORDERED, f"verwijst niet naar de vorige {noun}"))
        if not hmac.compare_digest(item.hash or "", expected(item)):
            broken.append((item, unkeyed(item)))
        previous, next_seq = item.hash, (item.seq or 0) + 1
    for run, old in _runs(broken):
        where = f"{noun} {run[0].seq}" if len(run) == 1 else f"{noun} {run[0].seq} tot {run[-1].seq}"
        detail = "sleutel-hash klopt niet: gewijzigd, of herberekend of toegevoegd zonder de auditsleutel"
        if old:
            detail += " (gelinkt zoals vóór de auditsleutel: herberekend, of al gebroken bij migratie 0008)"
        found.append(Problem(scope, where, Flaw.EDITED, detail))
    return found


def _runs(broken: list[tuple]) -> list[tuple[list, bool]]:
    """Runs of entries with consecutive numbers and the same flag: seq 1, 2, 3, 7 -> [1, 2, 3], [7]."""
    runs: list[tuple[list, bool]] = []
    for item, flag in broken:
        last = runs[-1][0][-1] if runs else None
        if last is not None and runs[-1][1] == flag and isinstance(item.seq, int) and isinstance(last.seq, int) \
                and last.seq == item.seq - 1:
            runs[-1][0].append(item)
        else:
            runs.append(([item], flag))
    return runs


class Event(Linked, Protocol):
    type: str
    actor: str
    recorded_at: datetime
    payload: str | None
    payload_hash: str


def problems(key: Key, trajectory_id: str, events: Sequence[Event], head_hash: str, event_count: int
             ) -> list[Problem]:
    """Check one trajectory's chain; return what is wrong (empty when intact)."""
    scope = f"traject {trajectory_id}"
    found = [Problem(scope, f"gebeurtenis {e.seq}", Flaw.EDITED, "inhoud gewijzigd (hash van de inhoud klopt niet)")
             for e in events if e.payload is not None and payload_hash(e.payload) != e.payload_hash]
    def fields(e: Event) -> tuple:
        return e.prev_hash, trajectory_id, e.seq, e.type, e.actor, e.recorded_at, e.payload_hash

    found += walk(scope, "gebeurtenis", events, lambda e: link(key, *fields(e)),
                  lambda e: e.hash == unkeyed_link(*fields(e)))
    if len(events) != event_count:
        found.append(Problem(scope, "keten", Flaw.MISSING,
                             f"{len(events)} gebeurtenissen, maar het traject telt er {event_count}"))
    if (events[-1].hash if events else GENESIS) != head_hash:
        found.append(Problem(scope, "keten", Flaw.MISSING,
                             "de laatste gebeurtenis is niet de kop van de keten (verwijderd of toegevoegd)"))
    return found
