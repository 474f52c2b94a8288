"""the family's own view: family members linked to one child, and their one-time invitations

Revision ID: 0015
Revises: 0013
Create Date: 2026-12-01
"""
import sqlalchemy as sa
from alembic import op

revision = '0015'
down_revision = '0013'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('family_members',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('child_id', sa.String(length=36), nullable=False),
    sa.Column('person_id', sa.String(length=36), nullable=True),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('relation', sa.String(length=30), nullable=False),
    sa.Column('kinship', sa.String(length=30), nullable=True),
    sa.Column('capability', sa.String(length=20), nullable=False, server_default='standaard'),
    sa.Column('motivation', sa.Text(), nullable=True),
    sa.Column('hidden', sa.JSON(), nullable=False),
    sa.Column('adult_grant', sa.Boolean(), nullable=False, server_default=sa.false()),
    sa.Column('invited_by', sa.String(length=100), nullable=False),
    sa.Column('invited_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['child_id'], ['children.id'], ),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('person_id')
    )
    op.create_index('ix_family_members_child', 'family_members', ['child_id'], unique=False)
    op.create_table('family_invitations',
    sa.Column('id', sa.String(length=64), nullable=False),
    sa.Column('member_id', sa.String(length=36), nullable=False),
    sa.Column('trajectory_id', sa.String(length=36), nullable=False),
    sa.Column('created_by', sa.String(length=100), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('used_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['member_id'], ['family_members.id'], ),
    sa.ForeignKeyConstraint(['trajectory_id'], ['trajectories.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index('ix_family_invitations_member', 'family_invitations', ['member_id', 'used_at'], unique=False)
    # An optional second factor (TOTP): the secret, one being set up, and the last time step used (no replay).
    op.add_column('people', sa.Column('totp_secret', sa.String(length=64), nullable=True))
    op.add_column('people', sa.Column('totp_pending', sa.String(length=64), nullable=True))
    op.add_column('people', sa.Column('totp_last_step', sa.Integer(), nullable=True))


def downgrade() -> None:
    # Plain DROP COLUMN: a batch copy would recreate people, which many tables reference.
    for column in ('totp_last_step', 'totp_pending', 'totp_secret'):
        op.execute(f'ALTER TABLE people DROP COLUMN {column}')
    op.drop_index('ix_family_invitations_member', table_name='family_invitations')
    op.drop_table('family_invitations')
    op.drop_index('ix_family_members_child', table_name='family_members')
    op.drop_table('family_members')
