"""study_session: the passcode sealed for the host to see again (issue 17)

Revision ID: 0007
Revises: 0010
Create Date: 2026-12-02 07:05:00

Passcodes set before this revision have only their hash: the host sees that there is one and sets it anew to see it.
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0007'
down_revision: str | None = '0010'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column('study_session', sa.Column('passcode_sealed', sa.String(length=256), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('study_session', schema=None) as batch_op:
        batch_op.drop_column('passcode_sealed')
