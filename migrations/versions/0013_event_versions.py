"""each event records the guideline version in effect (trajectories move between versions)

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-01
"""
import sqlalchemy as sa
from alembic import op

revision = '0013'
down_revision = '0012'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column('events', sa.Column('guideline_version_id', sa.String(length=32), nullable=True))
    # Until now a trajectory stayed on one version: each event ran on its trajectory's.
    op.execute('UPDATE events SET guideline_version_id = (SELECT t.guideline_version_id FROM trajectories t '
               'WHERE t.id = events.trajectory_id)')


def downgrade() -> None:
    # Plain DROP COLUMN: a batch copy would recreate events (SQLite 3.35+ and PostgreSQL drop in place).
    op.execute('ALTER TABLE events DROP COLUMN guideline_version_id')
