"""polls and their answers, the session timer and the projector's stage; a message may carry a poll's card

Revision ID: 0009
Revises: 0006
Create Date: 2026-12-02 07:00:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0009'
down_revision: str | None = '0006'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _moment(name: str, nullable: bool = True) -> sa.Column:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def upgrade() -> None:
    op.create_table(
        'poll',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('session_id', sa.Integer(), nullable=False),
        sa.Column('question', sa.String(length=300), nullable=False),
        sa.Column('options', sa.JSON(), nullable=False),
        sa.Column('multiple', sa.Boolean(), nullable=False),
        sa.Column('anonymous', sa.Boolean(), nullable=False),
        sa.Column('results', sa.String(length=8), nullable=False),
        sa.Column('results_visible', sa.Boolean(), nullable=False),
        sa.Column('correct', sa.JSON(), nullable=True),
        sa.Column('seconds', sa.Integer(), nullable=True),
        sa.Column('status', sa.String(length=8), nullable=False),
        sa.Column('salt', sa.String(length=64), nullable=False),
        _moment('created_at', nullable=False), _moment('opened_at'), _moment('closes_at'), _moment('closed_at'),
        sa.ForeignKeyConstraint(['session_id'], ['study_session.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_poll_session_id_id', 'poll', ['session_id', 'id'])
    op.create_table(
        'poll_answer',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('poll_id', sa.Integer(), nullable=False),
        sa.Column('voter', sa.String(length=64), nullable=False),
        sa.Column('participant_id', sa.Integer(), nullable=True),
        sa.Column('choices', sa.JSON(), nullable=False),
        _moment('answered_at', nullable=False),
        sa.ForeignKeyConstraint(['poll_id'], ['poll.id'], ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['participant_id'], ['participant.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('poll_id', 'voter'),
    )
    op.create_table(
        'session_timer',
        sa.Column('session_id', sa.Integer(), nullable=False),
        sa.Column('label', sa.String(length=60), nullable=False),
        sa.Column('phases', sa.JSON(), nullable=False),
        _moment('started_at', nullable=False),
        sa.Column('paused_elapsed', sa.Float(), nullable=True),
        _moment('updated_at', nullable=False),
        sa.ForeignKeyConstraint(['session_id'], ['study_session.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('session_id'),
    )
    op.create_table(
        'stage',
        sa.Column('session_id', sa.Integer(), nullable=False),
        sa.Column('show', sa.String(length=16), nullable=False),
        sa.Column('poll_id', sa.Integer(), nullable=True),
        sa.Column('scoreboard_public', sa.Boolean(), server_default=sa.false(), nullable=False),
        _moment('updated_at', nullable=False),
        sa.ForeignKeyConstraint(['session_id'], ['study_session.id'], ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['poll_id'], ['poll.id'], ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('session_id'),
    )
    if op.get_bind().dialect.name == 'sqlite':
        # one ALTER TABLE, not a batch: a batch copies the message table on SQLite and so drops the search triggers
        # that migration 0002 put on it (message_fts); SQLite takes a reference in ADD COLUMN, Alembic does not
        op.execute('ALTER TABLE message ADD COLUMN poll_id INTEGER '
                   'CONSTRAINT fk_message_poll_id_poll REFERENCES poll (id) ON DELETE SET NULL')
    else:
        op.add_column('message', sa.Column('poll_id', sa.Integer(), nullable=True))
        op.create_foreign_key('fk_message_poll_id_poll', 'message', 'poll', ['poll_id'], ['id'], ondelete='SET NULL')


def downgrade() -> None:
    with op.batch_alter_table('message', schema=None) as batch_op:
        batch_op.drop_constraint('fk_message_poll_id_poll', type_='foreignkey')
        batch_op.drop_column('poll_id')
    op.drop_table('stage')
    op.drop_table('session_timer')
    op.drop_table('poll_answer')
    op.drop_index('ix_poll_session_id_id', table_name='poll')
    op.drop_table('poll')
