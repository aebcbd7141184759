"""study_session: when it was closed, so that closed sessions can be deleted after a number of days (issue 21)

Revision ID: 0010
Revises: 0008
Create Date: 2026-12-02 07:00:00

Sessions closed before this revision count as closed from the moment of the upgrade: no session is deleted sooner
than the days given after the upgrade.
"""
from collections.abc import Sequence
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision: str = '0010'
down_revision: str | None = '0008'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column('study_session', sa.Column('closed_at', sa.DateTime(timezone=True), nullable=True))
    session = sa.table('study_session', sa.column('status', sa.String), sa.column('closed_at', sa.DateTime(True)))
    op.execute(session.update().where(session.c.status == 'closed').values(closed_at=datetime.now(UTC)))


def downgrade() -> None:
    with op.batch_alter_table('study_session', schema=None) as batch_op:
        batch_op.drop_column('closed_at')
