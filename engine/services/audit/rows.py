"""Reading rows for verification without ever crashing: a row the driver or a column type cannot
decode (invalid UTF-8, broken JSON, a date that is none) is set aside by its key, and the others
are read on. The rows read are detached, so a later rollback cannot expire them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from engine.store.models import ADocument, Agreement, Checkpoint, Child, Event, Member, Signature, Task, Trajectory


def readable(session: Session, model: type, *criteria: Any, order_by: tuple = (), named_by: tuple = ()
             ) -> tuple[list, list[tuple]]:
    """The rows of `model` that match, in order, and for those that cannot be read their primary key
    followed by the `named_by` columns (plain columns that still read, to name the row by)."""
    query = select(model).where(*criteria).order_by(*order_by)
    try:
        rows = list(session.scalars(query))
    except Exception:                 # whatever the row holds, verification goes on
        session.rollback()
    else:
        for row in rows:
            session.expunge(row)
        return rows, []
    keys = model.__mapper__.primary_key
    rows, unreadable = [], []
    for values in session.execute(select(*keys, *named_by).where(*criteria).order_by(*order_by)).all():
        try:
            row = session.scalars(select(model).where(*[k == v for k, v in zip(keys, values[:len(keys)],
                                                                                   strict=True)])).one()
        except Exception:
            session.rollback()
            unreadable.append(tuple(values))
            continue
        session.expunge(row)
        rows.append(row)
    return rows, unreadable


@dataclass
class Stored:
    """What the database holds for one trajectory, as far as it can be read."""

    trajectory: Trajectory | None
    events: list[Event] = field(default_factory=list)
    checkpoints: list[Checkpoint] = field(default_factory=list)
    members: list[Member] = field(default_factory=list)
    tasks: list[Task] = field(default_factory=list)
    documents: list[ADocument] = field(default_factory=list)
    signatures: list[Signature] = field(default_factory=list)
    agreements: list[Agreement] = field(default_factory=list)
    child: Child | None = None
    unreadable: list[tuple[str, str]] = field(default_factory=list)      # (where, table)


def stored(session: Session, trajectory_id: str) -> Stored:
    """Read everything verification compares for one trajectory."""
    found, bad = readable(session, Trajectory, Trajectory.id == trajectory_id)
    result = Stored(found[0] if found else None)
    if bad:
        result.unreadable.append(("traject-rij", "trajectories"))
    if result.trajectory is None:
        return result

    def take(model, label, *criteria, order_by=(), named_by=()):
        rows, keys = readable(session, model, *criteria, order_by=order_by, named_by=named_by)
        result.unreadable += [(label(key), model.__tablename__) for key in keys]
        return rows

    result.events = take(Event, lambda k: f"gebeurtenis {k[1]}", Event.trajectory_id == trajectory_id,
                         order_by=(Event.seq, Event.id), named_by=(Event.seq,))
    result.checkpoints = take(Checkpoint, lambda k: f"controlepunt na gebeurtenis {k[1]}",
                              Checkpoint.trajectory_id == trajectory_id, order_by=(Checkpoint.seq,))
    result.members = take(Member, lambda k: f"teamlid {k[1]} als {k[2]}", Member.trajectory_id == trajectory_id)
    result.tasks = take(Task, lambda k: f"taak {k[0]}", Task.trajectory_id == trajectory_id, order_by=(Task.id,))
    result.documents = take(ADocument, lambda k: f"A-document versie {k[1]}", ADocument.trajectory_id == trajectory_id,
                            order_by=(ADocument.version,), named_by=(ADocument.version,))
    ids = [d.id for d in result.documents]
    result.signatures = take(Signature, lambda k: f"handtekening {k[0]}", Signature.a_document_id.in_(ids),
                             order_by=(Signature.id,))
    result.agreements = take(Agreement, lambda k: f"akkoord {k[0]}", Agreement.a_document_id.in_(ids),
                             order_by=(Agreement.id,))
    children = take(Child, lambda k: f"kind {k[0]}", Child.id == result.trajectory.child_id)
    result.child = children[0] if children else None
    return result
