"""questions the class votes up, their votes (one per question and person), raised hands (one per session and
person); a session's setting that new questions wait for the host's approval

Revision ID: 0008
Revises: 0009
Create Date: 2026-12-02 07:00:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0008'
down_revision: str | None = '0009'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # not in a batch: SQLite would copy the table to add a column with a default, and dropping the old copy with
    # foreign keys on would delete every message, file and participant of every session
    op.add_column('study_session', sa.Column('questions_moderated', sa.Boolean(), server_default=sa.false(),
                                             nullable=False))

    op.create_table('question',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('participant_id', sa.Integer(), nullable=True),
    sa.Column('author', sa.String(length=40), nullable=False),
    sa.Column('anonymous', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.Column('body', sa.String(), nullable=False),
    sa.Column('html', sa.String(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('highlighted', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('answered_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['participant_id'], ['participant.id'], ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['session_id'], ['study_session.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('question', schema=None) as batch_op:
        batch_op.create_index('ix_question_session_id_id', ['session_id', 'id'], unique=False)

    op.create_table('question_vote',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('question_id', sa.Integer(), nullable=False),
    sa.Column('participant_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['participant_id'], ['participant.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['question_id'], ['question.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['session_id'], ['study_session.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('question_id', 'participant_id')
    )
    with op.batch_alter_table('question_vote', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_question_vote_session_id'), ['session_id'], unique=False)

    op.create_table('hand',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('participant_id', sa.Integer(), nullable=False),
    sa.Column('raised_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['participant_id'], ['participant.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['session_id'], ['study_session.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('session_id', 'participant_id')
    )


def downgrade() -> None:
    op.drop_table('hand')
    with op.batch_alter_table('question_vote', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_question_vote_session_id'))
    op.drop_table('question_vote')
    with op.batch_alter_table('question', schema=None) as batch_op:
        batch_op.drop_index('ix_question_session_id_id')
    op.drop_table('question')
    op.execute('ALTER TABLE study_session DROP COLUMN questions_moderated')  # SQLite too (3.35+), without a copy
