"""need-to-know: who registered a child; which tasks are escalations

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01
"""
import sqlalchemy as sa
from alembic import op

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('children', schema=None) as batch_op:
        batch_op.add_column(sa.Column('registered_by', sa.String(length=36), nullable=True))
        batch_op.create_foreign_key('fk_children_registered_by', 'people', ['registered_by'], ['id'])
    with op.batch_alter_table('tasks', schema=None) as batch_op:
        batch_op.add_column(sa.Column('escalation', sa.Boolean(), nullable=False, server_default=sa.false()))
    # Children registered before this revision: the registration is in the access log.
    op.execute("UPDATE children SET registered_by = (SELECT a.actor FROM access_log a WHERE a.action = 'registratie' "
               "AND a.subject = 'kind:' || children.id AND a.actor IN (SELECT id FROM people) "
               "ORDER BY a.id LIMIT 1)")


def downgrade() -> None:
    with op.batch_alter_table('tasks', schema=None) as batch_op:
        batch_op.drop_column('escalation')
    with op.batch_alter_table('children', schema=None) as batch_op:
        batch_op.drop_constraint('fk_children_registered_by', type_='foreignkey')
        batch_op.drop_column('registered_by')
