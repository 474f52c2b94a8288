"""Anchors: the signed heads of every chain, printed to be kept elsewhere (write-once). Checked
against one, the database cannot hide a truncation or a rewrite of what the anchor covered.

    ekd-anker 1
    gemaakt 2026-12-02T10:00:00+00:00
    sleutel <fingerprint of the audit key>
    traject <id> <events> <hash of the last one>
    toegang <segment> <entries> <hash of the last one>
    handtekening <HMAC of the lines above under the audit key>
"""

from __future__ import annotations

import hmac
import re
from datetime import datetime
from urllib.parse import quote, unquote

from sqlalchemy import select
from sqlalchemy.orm import Session

from engine.history import chain
from engine.history.problems import Flaw, Problem
from engine.services.audit.rows import readable
from engine.store.models import AccessEntry, AccessHead, Event, Trajectory

HEADER = "ekd-anker 1"
SCOPE = "anker"
_HEAD = re.compile(r"^(traject|toegang) (\S+) (\d+) ([0-9a-f]{64})$")


def make(session: Session, key: chain.Key, now: datetime) -> str:
    """The anchor text for the chains as they stand now."""
    lines = [HEADER, f"gemaakt {now.isoformat()}", f"sleutel {key.id}"]
    query = select(Trajectory.id, Trajectory.event_count, Trajectory.head_hash).order_by(Trajectory.id)
    lines += [f"traject {quote(t.id, safe='')} {t.event_count} {t.head_hash}" for t in session.execute(query)
              if t.event_count]
    query = select(AccessHead.segment, AccessHead.count, AccessHead.head_hash).order_by(AccessHead.segment)
    lines += [f"toegang {quote(h.segment, safe='')} {h.count} {h.head_hash}" for h in session.execute(query)]
    lines.append(f"handtekening {key.mac('ekd-anker', *lines)}")
    return "\n".join(lines) + "\n"


def problems(session: Session, key: chain.Key, text: str) -> list[Problem]:
    """What the database lost or rewrote of what the anchor covered (and whether the anchor is genuine)."""
    lines = [line.rstrip("\r") for line in text.splitlines() if line.strip()]
    if not lines or lines[0] != HEADER:
        return [Problem(SCOPE, "regel 1", Flaw.UNREADABLE, f"geen anker van ekd (verwacht '{HEADER}')")]
    found = []
    made = next((line[len("gemaakt "):] for line in lines if line.startswith("gemaakt ")), "?")
    signed = lines[-1].startswith("handtekening ")
    body = lines[:-1] if signed else lines
    fingerprint = next((line[len("sleutel "):] for line in body if line.startswith("sleutel ")), None)
    if fingerprint != key.id:
        found.append(Problem(SCOPE, "sleutel", Flaw.EDITED, f"het anker is met een andere auditsleutel gemaakt "
                             f"({fingerprint}, nu {key.id})"))
    elif not signed or not hmac.compare_digest(lines[-1][len("handtekening "):], key.mac("ekd-anker", *body)):
        found.append(Problem(SCOPE, "handtekening", Flaw.EDITED, "klopt niet: het anker is gewijzigd"))
    for number, line in enumerate(body, start=1):
        if number == 1 or line.startswith(("gemaakt ", "sleutel ")):
            continue
        match = _HEAD.match(line)
        if match is None:
            found.append(Problem(SCOPE, f"regel {number}", Flaw.UNREADABLE, "geen kop van een keten"))
            continue
        what, name, count, head = match.group(1), unquote(match.group(2)), int(match.group(3)), match.group(4)
        check = _trajectory if what == "traject" else _segment
        found += check(session, name, count, head, made)
    return found


def _trajectory(session: Session, trajectory_id: str, count: int, head: str, made: str) -> list[Problem]:
    scope = f"traject {trajectory_id}"
    rows, bad = readable(session, Trajectory, Trajectory.id == trajectory_id)
    if bad:
        return [Problem(scope, "traject-rij", Flaw.UNREADABLE, "kan niet gelezen worden")]
    if not rows:
        return [Problem(scope, "traject", Flaw.MISSING, f"stond met {count} gebeurtenissen in het anker van {made}, "
                        "maar ontbreekt")]
    events, _ = readable(session, Event, Event.trajectory_id == trajectory_id, Event.seq == count)
    return _compare(scope, "gebeurtenis", rows[0].event_count, count, events[0].hash if events else None, head, made)


def _segment(session: Session, segment: str, count: int, head: str, made: str) -> list[Problem]:
    scope = f"toegangslog {segment}"
    rows, bad = readable(session, AccessHead, AccessHead.segment == segment)
    if bad:
        return [Problem(scope, "kop", Flaw.UNREADABLE, "kan niet gelezen worden")]
    entries, _ = readable(session, AccessEntry, AccessEntry.segment == segment, AccessEntry.seq == count)
    return _compare(scope, "regel", rows[0].count if rows else 0, count, entries[0].hash if entries else None,
                    head, made)


def _compare(scope: str, noun: str, now: int, anchored: int, found: str | None, head: str, made: str
             ) -> list[Problem]:
    if now < anchored:
        return [Problem(scope, f"{noun} {anchored}", Flaw.TRUNCATED,
                        f"het anker van {made} kende {anchored}, de databank nog {now}")]
    if found is None:
        return [Problem(scope, f"{noun} {anchored}", Flaw.MISSING, f"stond in het anker van {made}, maar ontbreekt")]
    if not hmac.compare_digest(found, head):
        return [Problem(scope, f"{noun} {anchored}", Flaw.EDITED,
                        f"herschreven sinds het anker van {made} (andere keten-hash dan in het anker)")]
    return []
