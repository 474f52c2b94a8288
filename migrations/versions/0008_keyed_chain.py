"""keyed chains: the event chains linked with the audit key; the access log chained per segment

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02

Chains written before this revision were linked without a key. Each is checked the old way and,
when intact, sealed again with the audit key (once: this revision runs once per database) and
extended with one event that adopts what its tables hold (team, anchor, consent, A-documents,
signatures, agreements, the child record): before this revision those changes were no events, so
from here on the tables are projections of the chain. A broken chain is left as it is, and
`ekd audit verify` names it. Access-log entries are chained per actor in the order they were written.
"""
from datetime import datetime, timezone

import sqlalchemy as sa
from alembic import context, op

from engine.history import chain, log
from engine.history.projection import Agreed, Projection, Signed, Version, child_fingerprint, party_key
from engine.store.types import UtcDateTime

revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None

events = sa.table("events", sa.column("id", sa.Integer), sa.column("trajectory_id", sa.String),
                  sa.column("seq", sa.Integer), sa.column("type", sa.String), sa.column("actor", sa.String),
                  sa.column("recorded_at", UtcDateTime), sa.column("payload", sa.Text),
                  sa.column("payload_hash", sa.String), sa.column("prev_hash", sa.String),
                  sa.column("hash", sa.String))
trajectories = sa.table("trajectories", sa.column("id", sa.String), sa.column("head_hash", sa.String),
                        sa.column("event_count", sa.Integer), sa.column("child_id", sa.String),
                        sa.column("anchor_person_id", sa.String), sa.column("consent", sa.String),
                        sa.column("status", sa.String))
members = sa.table("trajectory_members", sa.column("trajectory_id", sa.String), sa.column("person_id", sa.String),
                   sa.column("role", sa.String))
children = sa.table("children", sa.column("id", sa.String), sa.column("insz", sa.String),
                    sa.column("given_name", sa.String), sa.column("family_name", sa.String),
                    sa.column("birth_date", sa.Date), sa.column("representatives", sa.JSON),
                    sa.column("registered_by", sa.String))
documents = sa.table("a_documents", sa.column("id", sa.String), sa.column("trajectory_id", sa.String),
                     sa.column("version", sa.Integer), sa.column("status", sa.String), sa.column("additions", sa.JSON),
                     sa.column("content_hash", sa.String), sa.column("frozen_at", UtcDateTime),
                     sa.column("frozen_by", sa.String), sa.column("replaces_id", sa.String),
                     sa.column("correction_reason", sa.Text))
signatures = sa.table("signatures", sa.column("id", sa.Integer), sa.column("a_document_id", sa.String),
                      sa.column("person_id", sa.String), sa.column("role", sa.String),
                      sa.column("content_hash", sa.String), sa.column("signed_at", UtcDateTime))
agreements = sa.table("agreements", sa.column("id", sa.Integer), sa.column("a_document_id", sa.String),
                      sa.column("content_hash", sa.String), sa.column("agreed_on", sa.Date),
                      sa.column("parties", sa.JSON), sa.column("recorded_by", sa.String),
                      sa.column("recorded_at", UtcDateTime))
access_log = sa.table("access_log", sa.column("id", sa.Integer), sa.column("at", UtcDateTime),
                      sa.column("actor", sa.String), sa.column("action", sa.String), sa.column("subject", sa.String),
                      sa.column("detail", sa.Text), sa.column("segment", sa.String), sa.column("seq", sa.Integer),
                      sa.column("prev_hash", sa.String), sa.column("hash", sa.String))


def upgrade() -> None:
    heads = op.create_table('access_heads',
                            sa.Column('segment', sa.String(length=100), nullable=False),
                            sa.Column('count', sa.Integer(), nullable=False),
                            sa.Column('head_hash', sa.String(length=64), nullable=False),
                            sa.PrimaryKeyConstraint('segment'))
    with op.batch_alter_table('access_log', schema=None) as batch_op:
        batch_op.add_column(sa.Column('segment', sa.String(length=100), nullable=True))
        batch_op.add_column(sa.Column('seq', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('prev_hash', sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column('hash', sa.String(length=64), nullable=True))
    bind = op.get_bind()
    has_events = bind.execute(sa.select(events.c.id).limit(1)).first() is not None
    has_entries = bind.execute(sa.select(access_log.c.id).limit(1)).first() is not None
    if has_events or has_entries:
        text = context.config.attributes.get("audit_key")
        if text is None:
            raise RuntimeError("migratie 0008 sluit de bestaande ketens met de auditsleutel: start ze met ekd init "
                               "(EKD_AUDIT_KEY of de sleutel in de instance-map)")
        key = text if isinstance(text, chain.Key) else chain.Key.of(text)
        _seal_events(bind, key)
        _chain_access_log(bind, key, heads)
    with op.batch_alter_table('access_log', schema=None) as batch_op:
        for name, kind in (('segment', sa.String(length=100)), ('seq', sa.Integer()),
                           ('prev_hash', sa.String(length=64)), ('hash', sa.String(length=64))):
            batch_op.alter_column(name, existing_type=kind, nullable=False)
        batch_op.create_unique_constraint('uq_access_log_segment_seq', ['segment', 'seq'])


def _seal_events(bind, key: chain.Key) -> None:
    for trajectory in bind.execute(sa.select(trajectories)).all():
        rows = bind.execute(sa.select(events).where(events.c.trajectory_id == trajectory.id)
                            .order_by(events.c.seq, events.c.id)).all()
        previous, intact = chain.GENESIS, len(rows) == trajectory.event_count
        for position, row in enumerate(rows, start=1):
            intact = intact and row.seq == position and row.prev_hash == previous and row.hash == chain.unkeyed_link(
                row.prev_hash, trajectory.id, row.seq, row.type, row.actor, row.recorded_at, row.payload_hash) \
                and (row.payload is None or chain.payload_hash(row.payload) == row.payload_hash)
            previous = row.hash
        if not rows or not intact or previous != trajectory.head_hash:
            continue                                  # broken before the key: audit verify names it
        previous = chain.GENESIS
        for row in rows:
            sealed = chain.link(key, previous, trajectory.id, row.seq, row.type, row.actor, row.recorded_at,
                                row.payload_hash)
            bind.execute(events.update().where(events.c.id == row.id).values(prev_hash=previous, hash=sealed))
            previous = sealed
        _adopt_tables(bind, key, trajectory, previous)


def _adopt_tables(bind, key: chain.Key, trajectory, head: str) -> None:
    """Append the event that adopts the trajectory's tables as they are now."""
    adopted = log.TablesAdopted(reason="migratie 0008: de tabellen zoals ze waren toen elke wijziging een "
                                       "gebeurtenis werd", projection=_tables(bind, trajectory).to_json())
    now = datetime.now(timezone.utc)
    text = chain.canonical({**adopted.body(), "clock": now.isoformat(), "completed": []})
    digest, seq = chain.payload_hash(text), trajectory.event_count + 1
    sealed = chain.link(key, head, trajectory.id, seq, adopted.kind, "migratie", now, digest)
    bind.execute(events.insert().values(trajectory_id=trajectory.id, seq=seq, type=str(adopted.kind), actor="migratie",
                                        recorded_at=now, payload=text, payload_hash=digest, prev_hash=head,
                                        hash=sealed))
    bind.execute(trajectories.update().where(trajectories.c.id == trajectory.id).values(
        head_hash=sealed, event_count=seq))


def _tables(bind, trajectory) -> Projection:
    rows = bind.execute(sa.select(documents).where(documents.c.trajectory_id == trajectory.id)).all()
    version_of = {row.id: row.version for row in rows}
    ids = list(version_of)
    child = bind.execute(sa.select(children).where(children.c.id == trajectory.child_id)).first()
    return Projection(
        members={(m.person_id, m.role) for m in bind.execute(sa.select(members).where(
            members.c.trajectory_id == trajectory.id))},
        anchor=trajectory.anchor_person_id, consent=trajectory.consent, status=trajectory.status,
        versions={row.version: Version(row.version, row.status, row.additions or {}, row.content_hash,
                                       row.frozen_at.isoformat() if row.frozen_at else None, row.frozen_by,
                                       version_of.get(row.replaces_id), row.correction_reason) for row in rows},
        signatures=[Signed(version_of[s.a_document_id], s.person_id, s.role, s.content_hash, s.signed_at.isoformat())
                    for s in bind.execute(sa.select(signatures).where(signatures.c.a_document_id.in_(ids))
                                          .order_by(signatures.c.id))],
        agreements=[Agreed(version_of[a.a_document_id], a.content_hash, a.agreed_on.isoformat(),
                           tuple(party_key(p) for p in a.parties or []), a.recorded_by, a.recorded_at.isoformat())
                    for a in bind.execute(sa.select(agreements).where(agreements.c.a_document_id.in_(ids))
                                          .order_by(agreements.c.id))],
        child=child_fingerprint(child.insz, child.given_name, child.family_name, child.birth_date,
                                child.representatives, child.registered_by) if child else None)


def _chain_access_log(bind, key: chain.Key, heads) -> None:
    segments: dict[str, tuple[int, str]] = {}
    for row in bind.execute(sa.select(access_log).order_by(access_log.c.id)).all():
        segment = row.actor[:100]
        count, previous = segments.get(segment, (0, chain.GENESIS))
        sealed = chain.access_link(key, previous, segment, count + 1, row.at, row.actor, row.action, row.subject,
                                   row.detail)
        bind.execute(access_log.update().where(access_log.c.id == row.id).values(
            segment=segment, seq=count + 1, prev_hash=previous, hash=sealed))
        segments[segment] = (count + 1, sealed)
    if segments:
        bind.execute(heads.insert(), [{"segment": s, "count": c, "head_hash": h} for s, (c, h) in segments.items()])


def downgrade() -> None:
    with op.batch_alter_table('access_log', schema=None) as batch_op:
        batch_op.drop_constraint('uq_access_log_segment_seq', type_='unique')
        for name in ('hash', 'prev_hash', 'seq', 'segment'):
            batch_op.drop_column(name)
    op.drop_table('access_heads')
