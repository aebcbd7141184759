"""host controls: passcode and pinned message of a session; who took a name, host, muted and removed participants

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-26 05:20:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0004'
down_revision: str | None = '0003'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('study_session', schema=None) as batch_op:
        batch_op.add_column(sa.Column('passcode_hash', sa.String(length=128), nullable=True))
        batch_op.add_column(sa.Column('pinned_message_id', sa.Integer(), nullable=True))
    with op.batch_alter_table('participant', schema=None) as batch_op:
        batch_op.add_column(sa.Column('browser_id', sa.String(length=64), nullable=True))
        for flag in ('is_host', 'muted', 'removed'):
            batch_op.add_column(sa.Column(flag, sa.Boolean(), server_default=sa.false(), nullable=False))


def downgrade() -> None:
    with op.batch_alter_table('participant', schema=None) as batch_op:
        for column in ('removed', 'muted', 'is_host', 'browser_id'):
            batch_op.drop_column(column)
    with op.batch_alter_table('study_session', schema=None) as batch_op:
        batch_op.drop_column('pinned_message_id')
        batch_op.drop_column('passcode_hash')
