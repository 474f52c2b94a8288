"""logins: server-side sessions and API tokens; per-username log-in throttles

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01
"""
import sqlalchemy as sa
from alembic import op

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('login_throttles',
    sa.Column('username', sa.String(length=100), nullable=False),
    sa.Column('failures', sa.Integer(), nullable=False),
    sa.Column('window_start', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('username')
    )
    op.create_table('logins',
    sa.Column('id', sa.String(length=64), nullable=False),
    sa.Column('person_id', sa.String(length=36), nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('address', sa.String(length=64), nullable=False),
    sa.Column('started_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('last_seen', sa.DateTime(timezone=True), nullable=False),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('ended_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('ended_how', sa.String(length=20), nullable=True),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('logins', schema=None) as batch_op:
        batch_op.create_index('ix_logins_person', ['person_id', 'ended_at'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('logins', schema=None) as batch_op:
        batch_op.drop_index('ix_logins_person')
    op.drop_table('logins')
    op.drop_table('login_throttles')
