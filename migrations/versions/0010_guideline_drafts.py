"""guideline drafts, revisions and approvals; published and retired versions

Revision ID: 0010
Revises: 0008
Create Date: 2026-12-01
"""
import sqlalchemy as sa
from alembic import op

revision = '0010'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('guideline_drafts',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('based_on', sa.String(length=32), nullable=True),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('origin', sa.String(length=10), nullable=False),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.Column('created_by', sa.String(length=200), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('published_version', sa.String(length=32), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('guideline_draft_revisions',
    sa.Column('draft_id', sa.String(length=36), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('files', sa.JSON(), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('saved_by', sa.String(length=200), nullable=False),
    sa.Column('saved_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('findings', sa.JSON(), nullable=False),
    sa.Column('test_run', sa.JSON(), nullable=True),
    sa.ForeignKeyConstraint(['draft_id'], ['guideline_drafts.id'], ),
    sa.PrimaryKeyConstraint('draft_id', 'number')
    )
    op.create_table('guideline_draft_approvals',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('draft_id', sa.String(length=36), nullable=False),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.Column('approved_by', sa.String(length=200), nullable=False),
    sa.Column('approved_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['draft_id'], ['guideline_drafts.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('draft_id', 'revision', 'approved_by')
    )
    with op.batch_alter_table('guideline_draft_approvals', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_guideline_draft_approvals_draft_id'), ['draft_id'], unique=False)
    with op.batch_alter_table('guideline_versions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('status', sa.String(length=20), nullable=False, server_default='published'))
        batch_op.add_column(sa.Column('origin', sa.String(length=10), nullable=False, server_default='seed'))
        batch_op.add_column(sa.Column('scenarios', sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column('draft_id', sa.String(length=36), nullable=True))
        batch_op.add_column(sa.Column('approved_by', sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column('retired_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('retired_by', sa.String(length=200), nullable=True))


def downgrade() -> None:
    # Plain ALTER TABLE ... DROP COLUMN (SQLite 3.35+): a batch copy would drop and
    # recreate guideline_versions, which trajectories reference.
    for column in ('retired_by', 'retired_at', 'approved_by', 'draft_id', 'scenarios', 'origin', 'status'):
        op.execute(f'ALTER TABLE guideline_versions DROP COLUMN {column}')
    with op.batch_alter_table('guideline_draft_approvals', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_guideline_draft_approvals_draft_id'))
    op.drop_table('guideline_draft_approvals')
    op.drop_table('guideline_draft_revisions')
    op.drop_table('guideline_drafts')
