"""study_session: the passcode sealed for the host to see again (issue 17); SQLite: the search triggers again


Revision ID: 0007
Revises: 0010
Create Date: 2026-12-02 07:05:00

Passcodes set before this revision have only their hash: the host sees that there is one and sets it anew to see it.

On SQLite, 0009 rebuilt the message table (batch mode copies it into a new one), which drops its triggers: new and
edited messages no longer reached the full-text index, so search found nothing new. The triggers are made again
(where missing) and the index is rebuilt from the messages.
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0007'
down_revision: str | None = '0010'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


SEARCH_TRIGGERS = [
    """CREATE TRIGGER IF NOT EXISTS message_fts_insert AFTER INSERT ON message BEGIN
         INSERT INTO message_fts(rowid, body) VALUES (new.id, new.body);
       END""",
    """CREATE TRIGGER IF NOT EXISTS message_fts_delete AFTER DELETE ON message BEGIN
         INSERT INTO message_fts(message_fts, rowid, body) VALUES ('delete', old.id, old.body);
       END""",
    """CREATE TRIGGER IF NOT EXISTS message_fts_update AFTER UPDATE OF body ON message BEGIN
         INSERT INTO message_fts(message_fts, rowid, body) VALUES ('delete', old.id, old.body);
         INSERT INTO message_fts(rowid, body) VALUES (new.id, new.body);
       END""",
    "INSERT INTO message_fts(message_fts) VALUES ('rebuild')",
]


def upgrade() -> None:
    op.add_column('study_session', sa.Column('passcode_sealed', sa.String(length=256), nullable=True))
    if op.get_bind().dialect.name == 'sqlite':
        for statement in SEARCH_TRIGGERS:
            op.execute(statement)


def downgrade() -> None:
    with op.batch_alter_table('study_session', schema=None) as batch_op:
        batch_op.drop_column('passcode_sealed')
