"""material: the id the uploading page gave the file, so that an upload retried after a lost answer is kept once

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01 22:00:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0005'
down_revision: str | None = '0004'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('material', schema=None) as batch_op:
        batch_op.add_column(sa.Column('client_upload_id', sa.String(length=64), nullable=True))
        batch_op.create_unique_constraint('uq_material_session_id_client_upload_id', ['session_id', 'client_upload_id'])


def downgrade() -> None:
    with op.batch_alter_table('material', schema=None) as batch_op:
        batch_op.drop_constraint('uq_material_session_id_client_upload_id', type_='unique')
        batch_op.drop_column('client_upload_id')
