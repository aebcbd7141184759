"""edits, deletions, replies, reactions, read positions, search

On SQLite the message text is indexed with FTS5 (kept in step by triggers); on PostgreSQL by a GIN index
on its text search vector. NOTE: a later batch_alter_table("message") on SQLite recreates the table and
drops these triggers: recreate them in that migration.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26 04:44:54.862978
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision: str = '0002'
down_revision: str | None = '0001'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('read_position',
    sa.Column('participant_id', sa.Integer(), nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('last_read_id', sa.Integer(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['participant_id'], ['participant.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['session_id'], ['study_session.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('participant_id')
    )
    with op.batch_alter_table('read_position', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_read_position_session_id'), ['session_id'], unique=False)

    op.create_table('reaction',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('message_id', sa.Integer(), nullable=False),
    sa.Column('participant_id', sa.Integer(), nullable=False),
    sa.Column('emoji', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['message_id'], ['message.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['participant_id'], ['participant.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('message_id', 'participant_id', 'emoji')
    )
    with op.batch_alter_table('reaction', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_reaction_message_id'), ['message_id'], unique=False)

    with op.batch_alter_table('message', schema=None) as batch_op:
        batch_op.add_column(sa.Column('reply_to_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('edited_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('deleted_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.create_foreign_key('fk_message_reply_to_id', 'message', ['reply_to_id'], ['id'], ondelete='SET NULL')

    create_search_index()


def downgrade() -> None:
    drop_search_index()
    with op.batch_alter_table('message', schema=None) as batch_op:
        batch_op.drop_constraint('fk_message_reply_to_id', type_='foreignkey')
        batch_op.drop_column('deleted_at')
        batch_op.drop_column('edited_at')
        batch_op.drop_column('reply_to_id')

    with op.batch_alter_table('reaction', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_reaction_message_id'))

    op.drop_table('reaction')
    with op.batch_alter_table('read_position', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_read_position_session_id'))

    op.drop_table('read_position')


SQLITE_SEARCH = [
    "CREATE VIRTUAL TABLE message_fts USING fts5(body, content='message', content_rowid='id')",
    """CREATE TRIGGER message_fts_insert AFTER INSERT ON message BEGIN
         INSERT INTO message_fts(rowid, body) VALUES (new.id, new.body);
       END""",
    """CREATE TRIGGER message_fts_delete AFTER DELETE ON message BEGIN
         INSERT INTO message_fts(message_fts, rowid, body) VALUES ('delete', old.id, old.body);
       END""",
    """CREATE TRIGGER message_fts_update AFTER UPDATE OF body ON message BEGIN
         INSERT INTO message_fts(message_fts, rowid, body) VALUES ('delete', old.id, old.body);
         INSERT INTO message_fts(rowid, body) VALUES (new.id, new.body);
       END""",
    "INSERT INTO message_fts(message_fts) VALUES ('rebuild')",
]
# markup characters become spaces, so `<b>` in a message is the word "b" as in SQLite (PostgreSQL would drop tags)
POSTGRES_SEARCH = ["CREATE INDEX ix_message_body_search ON message "
                   "USING gin (to_tsvector('simple', translate(body, '<>&/', '    ')))"]


def create_search_index() -> None:
    statements = SQLITE_SEARCH if op.get_bind().dialect.name == 'sqlite' else POSTGRES_SEARCH
    for statement in statements:
        op.execute(statement)


def drop_search_index() -> None:
    if op.get_bind().dialect.name == 'sqlite':
        for name in ('message_fts_insert', 'message_fts_delete', 'message_fts_update'):
            op.execute(f'DROP TRIGGER IF EXISTS {name}')
        op.execute('DROP TABLE IF EXISTS message_fts')
    else:
        op.execute('DROP INDEX IF EXISTS ix_message_body_search')
