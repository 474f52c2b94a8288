"""teams claims drafts consent

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22
"""
import sqlalchemy as sa
from alembic import op

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('login_failures',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('username', sa.String(length=100), nullable=False),
    sa.Column('address', sa.String(length=64), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('login_failures', schema=None) as batch_op:
        batch_op.create_index('ix_login_failures_address', ['address', 'at'], unique=False)
        batch_op.create_index('ix_login_failures_user', ['username', 'at'], unique=False)

    op.create_table('drafts',
    sa.Column('task_id', sa.String(length=36), nullable=False),
    sa.Column('person_id', sa.String(length=36), nullable=False),
    sa.Column('data', sa.JSON(), nullable=False),
    sa.Column('saved_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], ),
    sa.PrimaryKeyConstraint('task_id', 'person_id')
    )
    op.create_table('trajectory_members',
    sa.Column('trajectory_id', sa.String(length=36), nullable=False),
    sa.Column('person_id', sa.String(length=36), nullable=False),
    sa.Column('role', sa.String(length=50), nullable=False),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], ),
    sa.ForeignKeyConstraint(['trajectory_id'], ['trajectories.id'], ),
    sa.PrimaryKeyConstraint('trajectory_id', 'person_id', 'role')
    )
    with op.batch_alter_table('trajectory_members', schema=None) as batch_op:
        batch_op.create_index('ix_members_person', ['person_id', 'role'], unique=False)

    with op.batch_alter_table('children', schema=None) as batch_op:
        batch_op.add_column(sa.Column('representatives', sa.JSON(), nullable=False, server_default='[]'))

    with op.batch_alter_table('tasks', schema=None) as batch_op:
        batch_op.add_column(sa.Column('due_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('claimed_by', sa.String(length=36), nullable=True))
        batch_op.add_column(sa.Column('claimed_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.create_index(batch_op.f('ix_tasks_due_at'), ['due_at'], unique=False)
        batch_op.create_foreign_key('fk_tasks_claimed_by', 'people', ['claimed_by'], ['id'])

    with op.batch_alter_table('trajectories', schema=None) as batch_op:
        batch_op.add_column(sa.Column('consent', sa.String(length=20), nullable=False, server_default='open'))
        batch_op.add_column(sa.Column('anchor_person_id', sa.String(length=36), nullable=True))
        batch_op.create_foreign_key('fk_trajectories_anchor', 'people', ['anchor_person_id'], ['id'])


def downgrade() -> None:
    with op.batch_alter_table('trajectories', schema=None) as batch_op:
        batch_op.drop_constraint('fk_trajectories_anchor', type_='foreignkey')
        batch_op.drop_column('anchor_person_id')
        batch_op.drop_column('consent')

    with op.batch_alter_table('tasks', schema=None) as batch_op:
        batch_op.drop_constraint('fk_tasks_claimed_by', type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_tasks_due_at'))
        batch_op.drop_column('claimed_at')
        batch_op.drop_column('claimed_by')
        batch_op.drop_column('due_at')

    with op.batch_alter_table('children', schema=None) as batch_op:
        batch_op.drop_column('representatives')

    with op.batch_alter_table('trajectory_members', schema=None) as batch_op:
        batch_op.drop_index('ix_members_person')

    op.drop_table('trajectory_members')
    op.drop_table('drafts')
    with op.batch_alter_table('login_failures', schema=None) as batch_op:
        batch_op.drop_index('ix_login_failures_user')
        batch_op.drop_index('ix_login_failures_address')

    op.drop_table('login_failures')
