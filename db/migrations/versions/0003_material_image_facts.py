"""material: picture width and height, and whether it is safe to decode

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-26 05:00:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0003'
down_revision: str | None = '0002'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('material', schema=None) as batch_op:
        batch_op.add_column(sa.Column('image_width', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('image_height', sa.Integer(), nullable=True))
        # files shared before this revision were never inspected: not known to be safe to decode
        batch_op.add_column(sa.Column('previewable', sa.Boolean(), server_default=sa.false(), nullable=False))


def downgrade() -> None:
    with op.batch_alter_table('material', schema=None) as batch_op:
        batch_op.drop_column('previewable')
        batch_op.drop_column('image_height')
        batch_op.drop_column('image_width')
