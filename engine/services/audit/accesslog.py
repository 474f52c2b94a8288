"""Verify the access log: each segment (one per actor) is a keyed chain ending at its head row."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from engine.history import chain
from engine.history.problems import Flaw, Problem
from engine.services.audit.rows import readable
from engine.store.models import AccessEntry, AccessHead


def heads(session: Session) -> tuple[dict[str, AccessHead], list[tuple]]:
    """The head row of every segment, and the keys of those that cannot be read."""
    rows, bad = readable(session, AccessHead, order_by=(AccessHead.segment,))
    return {row.segment: row for row in rows}, bad


def problems(session: Session, key: chain.Key) -> list[Problem]:
    """Every deleted, edited, moved or added entry of every segment."""
    found: list[Problem] = []
    known, bad = heads(session)
    found += [Problem(f"toegangslog {k[0]}", "kop", Flaw.UNREADABLE, "de kop van het segment kan niet gelezen worden")
              for k in bad]
    try:
        segments = set(session.scalars(select(AccessEntry.segment).distinct()))
    except Exception:                 # verification goes on
        session.rollback()
        segments = set()
        found.append(Problem("toegangslog", "segmenten", Flaw.UNREADABLE, "de segmenten kunnen niet gelezen worden"))
    for segment in sorted(set(known) | {s for s in segments if s is not None}, key=str):
        found += segment_problems(session, key, segment, known.get(segment))
    if None in segments:
        found.append(Problem("toegangslog", "regels zonder segment", Flaw.EDITED, "staan buiten elke keten"))
    return found


def segment_problems(session: Session, key: chain.Key, segment: str, head: AccessHead | None) -> list[Problem]:
    scope = f"toegangslog {segment}"
    entries, bad = readable(session, AccessEntry, AccessEntry.segment == segment,
                            order_by=(AccessEntry.seq, AccessEntry.id), named_by=(AccessEntry.seq,))
    found = [Problem(scope, f"regel {k[1]}", Flaw.UNREADABLE, "kan niet gelezen worden") for k in bad]
    found += chain.walk(scope, "regel", entries, lambda e: chain.access_link(
        key, e.prev_hash or "", segment, e.seq or 0, e.at, e.actor, e.action, e.subject, e.detail))
    previous = entries[-1].hash if entries else chain.GENESIS
    if head is None:
        found.append(Problem(scope, "kop", Flaw.MISSING, "het segment heeft geen kop"))
    else:
        if head.count != len(entries):
            found.append(Problem(scope, "kop", Flaw.MISSING,
                                 f"{len(entries)} regels, maar de kop telt er {head.count}"))
        if head.head_hash != previous:
            found.append(Problem(scope, "kop", Flaw.MISSING, "de laatste regel is niet de kop van de keten "
                                 "(verwijderd of toegevoegd)"))
    return found
