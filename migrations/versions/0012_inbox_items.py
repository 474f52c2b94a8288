"""inbox items of ekd beside the guideline's tasks (sign the A-document again)

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-01
"""
import sqlalchemy as sa
from alembic import op

revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('tasks', schema=None) as batch_op:
        batch_op.add_column(sa.Column('kind', sa.String(length=20), nullable=False, server_default='richtlijn'))


def downgrade() -> None:
    # Plain DROP COLUMN: a batch copy would recreate tasks, which claims and drafts reference.
    op.execute("DELETE FROM tasks WHERE kind = 'ekd'")        # ekd's own items mean nothing to the older code
    op.execute('ALTER TABLE tasks DROP COLUMN kind')
