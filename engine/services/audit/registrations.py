"""Children without a trajectory: their record must still be what their registration recorded
(its fingerprint, in the chained access log). Children with a trajectory are checked against its events."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from engine.history.problems import Flaw, Problem
from engine.services.audit.rows import readable
from engine.services.children import fingerprint
from engine.store.models import AccessEntry, Child, Trajectory


def problems(session: Session) -> list[Problem]:
    """Every child record without a trajectory that differs from its registration."""
    with_trajectory = select(Trajectory.child_id)
    children, bad = readable(session, Child, Child.id.not_in(with_trajectory), order_by=(Child.id,))
    found = [Problem(f"kind {k[0]}", "kindgegevens", Flaw.UNREADABLE, "kunnen niet gelezen worden") for k in bad]
    for child in children:
        entries, _ = readable(session, AccessEntry, AccessEntry.action == "registratie",
                              AccessEntry.subject == f"kind:{child.id}", order_by=(AccessEntry.id,))
        recorded = next((e.detail for e in reversed(entries) if e.detail), None)
        if recorded is not None and recorded != fingerprint(child):
            found.append(Problem(f"kind {child.id}", "kindgegevens", Flaw.EDITED,
                                 "verschillen van wat de registratie vastlegde"))
    return found
