"""a-documents signatures agreements

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-22
"""
import sqlalchemy as sa
from alembic import op

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('a_documents',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('trajectory_id', sa.String(length=36), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('additions', sa.JSON(), nullable=False),
    sa.Column('content', sa.JSON(), nullable=True),
    sa.Column('content_hash', sa.String(length=64), nullable=True),
    sa.Column('frozen_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('frozen_by', sa.String(length=36), nullable=True),
    sa.Column('replaces_id', sa.String(length=36), nullable=True),
    sa.Column('correction_reason', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['frozen_by'], ['people.id'], ),
    sa.ForeignKeyConstraint(['replaces_id'], ['a_documents.id'], ),
    sa.ForeignKeyConstraint(['trajectory_id'], ['trajectories.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('trajectory_id', 'version')
    )
    with op.batch_alter_table('a_documents', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_a_documents_trajectory_id'), ['trajectory_id'], unique=False)

    op.create_table('agreements',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('a_document_id', sa.String(length=36), nullable=False),
    sa.Column('content_hash', sa.String(length=64), nullable=False),
    sa.Column('agreed_on', sa.Date(), nullable=False),
    sa.Column('parties', sa.JSON(), nullable=False),
    sa.Column('recorded_by', sa.String(length=36), nullable=False),
    sa.Column('recorded_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['a_document_id'], ['a_documents.id'], ),
    sa.ForeignKeyConstraint(['recorded_by'], ['people.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('agreements', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_agreements_a_document_id'), ['a_document_id'], unique=False)

    op.create_table('signatures',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('a_document_id', sa.String(length=36), nullable=False),
    sa.Column('person_id', sa.String(length=36), nullable=False),
    sa.Column('role', sa.String(length=50), nullable=False),
    sa.Column('content_hash', sa.String(length=64), nullable=False),
    sa.Column('signed_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['a_document_id'], ['a_documents.id'], ),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('signatures', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_signatures_a_document_id'), ['a_document_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('signatures', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_signatures_a_document_id'))

    op.drop_table('signatures')
    with op.batch_alter_table('agreements', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_agreements_a_document_id'))

    op.drop_table('agreements')
    with op.batch_alter_table('a_documents', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_a_documents_trajectory_id'))

    op.drop_table('a_documents')
