"""Database tables. Times are stored in UTC."""
from datetime import UTC, datetime

from sqlalchemy import JSON, Column, DateTime, Index, UniqueConstraint, false
from sqlmodel import Field, SQLModel

NAME_MAX = 40  # a nickname, as people type it
NAME_KEY_MAX = 800  # services.text.name_key: NFKC makes a name of 40 up to 720 long (U+FDFA is 18)
TITLE_MAX = 120
DESCRIPTION_MAX = 2000
POLL_QUESTION_MAX = 300
POLL_OPTION_MAX = 120
TIMER_LABEL_MAX = 60


def utcnow() -> datetime:
    return datetime.now(UTC)


def _timestamp() -> Column:
    return Column(DateTime(timezone=True), nullable=False, default=utcnow)


class StudySession(SQLModel, table=True):
    __tablename__ = 'study_session'

    id: int = Field(default=None, primary_key=True)  # None until the row is flushed; every row read has one
    code: str = Field(max_length=16, unique=True, index=True)
    title: str = Field(max_length=TITLE_MAX)
    description: str = Field(default='', max_length=DESCRIPTION_MAX)
    host_key_hash: str = Field(max_length=64)
    status: str = Field(default='open', max_length=16)  # open | locked (read-only but for the host) | closed
    passcode_hash: str | None = Field(default=None, max_length=128)
    passcode_sealed: str | None = Field(default=None, max_length=256)  # for the host to see (services/passcodes)
    pinned_message_id: int | None = None
    questions_moderated: bool = Field(default=False, sa_column_kwargs={'server_default': false()})  # host approves
    created_at: datetime = Field(default_factory=utcnow, sa_column=_timestamp())
    closed_at: datetime | None = Field(default=None, sa_column=Column(DateTime(timezone=True), nullable=True))


class Participant(SQLModel, table=True):
    __table_args__ = (UniqueConstraint('session_id', 'name_key'),)

    id: int = Field(default=None, primary_key=True)  # None until the row is flushed; every row read has one
    session_id: int = Field(foreign_key='study_session.id', ondelete='CASCADE')
    name: str = Field(max_length=NAME_MAX)
    name_key: str = Field(max_length=NAME_KEY_MAX)
    browser_id: str | None = Field(default=None, max_length=64)  # the browser that took this name; None: free
    is_host: bool = Field(default=False, sa_column_kwargs={'server_default': false()})
    muted: bool = Field(default=False, sa_column_kwargs={'server_default': false()})
    removed: bool = Field(default=False, sa_column_kwargs={'server_default': false()})
    created_at: datetime = Field(default_factory=utcnow, sa_column=_timestamp())


class Message(SQLModel, table=True):
    __table_args__ = (
        UniqueConstraint('session_id', 'client_msg_id'),
        Index('ix_message_session_id_id', 'session_id', 'id'),
    )

    id: int = Field(default=None, primary_key=True)  # None until the row is flushed; every row read has one
    session_id: int = Field(foreign_key='study_session.id', ondelete='CASCADE')
    participant_id: int | None = Field(default=None, foreign_key='participant.id', ondelete='SET NULL')
    author: str = Field(max_length=NAME_MAX)
    body: str
    html: str
    client_msg_id: str | None = Field(default=None, max_length=64)
    reply_to_id: int | None = Field(default=None, foreign_key='message.id', ondelete='SET NULL')
    created_at: datetime = Field(default_factory=utcnow, sa_column=_timestamp())
    edited_at: datetime | None = Field(default=None, sa_column=Column(DateTime(timezone=True), nullable=True))
    deleted_at: datetime | None = Field(default=None, sa_column=Column(DateTime(timezone=True), nullable=True))
    poll_id: int | None = Field(default=None, foreign_key='poll.id', ondelete='SET NULL')  # the card of a launched poll


class Reaction(SQLModel, table=True):
    __table_args__ = (UniqueConstraint('message_id', 'participant_id', 'emoji'),)

    id: int = Field(default=None, primary_key=True)  # None until the row is flushed; every row read has one
    message_id: int = Field(foreign_key='message.id', ondelete='CASCADE', index=True)
    participant_id: int = Field(foreign_key='participant.id', ondelete='CASCADE')
    emoji: str = Field(max_length=16)
    created_at: datetime = Field(default_factory=utcnow, sa_column=_timestamp())


class ReadPosition(SQLModel, table=True):
    """How far a participant has read in a session: the highest message id they have seen."""
    __tablename__ = 'read_position'

    participant_id: int = Field(foreign_key='participant.id', ondelete='CASCADE', primary_key=True)
    session_id: int = Field(foreign_key='study_session.id', ondelete='CASCADE', index=True)
    last_read_id: int
    updated_at: datetime = Field(default_factory=utcnow, sa_column=_timestamp())


class Material(SQLModel, table=True):
    __table_args__ = (
        Index('ix_material_session_id_id', 'session_id', 'id'),
        UniqueConstraint('session_id', 'client_upload_id'),
    )

    id: int = Field(default=None, primary_key=True)  # None until the row is flushed; every row read has one
    session_id: int = Field(foreign_key='study_session.id', ondelete='CASCADE')
    participant_id: int | None = Field(default=None, foreign_key='participant.id', ondelete='SET NULL')
    author: str = Field(max_length=NAME_MAX)
    name: str = Field(max_length=255)
    size: int
    sha256: str = Field(max_length=64, index=True)
    content_type: str = Field(max_length=127)
    image_width: int | None = None
    image_height: int | None = None
    previewable: bool = Field(default=False, sa_column_kwargs={'server_default': false()})  # safe to decode
    client_upload_id: str | None = Field(default=None, max_length=64)  # the page's id: a retried upload counts once
    created_at: datetime = Field(default_factory=utcnow, sa_column=_timestamp())


def _moment() -> Column:
    return Column(DateTime(timezone=True), nullable=True)


class Poll(SQLModel, table=True):
    """A poll or a quiz (`correct` given) of a session: a draft until launched, then open, then closed."""
    __table_args__ = (Index('ix_poll_session_id_id', 'session_id', 'id'),)

    id: int = Field(default=None, primary_key=True)  # None until the row is flushed; every row read has one
    session_id: int = Field(foreign_key='study_session.id', ondelete='CASCADE')
    question: str = Field(max_length=POLL_QUESTION_MAX)
    options: list[str] = Field(sa_column=Column(JSON, nullable=False))
    multiple: bool = False
    anonymous: bool = False
    results: str = Field(default='live', max_length=8)  # live | hidden (until the host reveals them)
    results_visible: bool = False
    correct: list[int] | None = Field(default=None, sa_column=Column(JSON, nullable=True))  # a quiz's right options
    seconds: int | None = None  # a quiz's time limit once launched
    status: str = Field(default='draft', max_length=8)  # draft | open | closed
    salt: str = Field(max_length=64)  # anonymous polls: answers are kept under a key made with it, not by person
    created_at: datetime = Field(default_factory=utcnow, sa_column=_timestamp())
    opened_at: datetime | None = Field(default=None, sa_column=_moment())
    closes_at: datetime | None = Field(default=None, sa_column=_moment())  # opened_at + seconds
    closed_at: datetime | None = Field(default=None, sa_column=_moment())


class PollAnswer(SQLModel, table=True):
    """One person's answer to one poll, replaced when they change their mind: `voter` is unique per poll."""
    __tablename__ = 'poll_answer'
    __table_args__ = (UniqueConstraint('poll_id', 'voter'),)

    id: int = Field(default=None, primary_key=True)  # None until the row is flushed; every row read has one
    poll_id: int = Field(foreign_key='poll.id', ondelete='CASCADE')
    voter: str = Field(max_length=64)  # named: the participant id; anonymous: a keyed hash of it
    participant_id: int | None = Field(default=None, foreign_key='participant.id', ondelete='CASCADE')  # named only
    choices: list[int] = Field(sa_column=Column(JSON, nullable=False))
    answered_at: datetime = Field(default_factory=utcnow, sa_column=_timestamp())


class SessionTimer(SQLModel, table=True):
    """The session's shared timer: phases (a countdown is one) counted from `started_at`, or stopped at `paused_at`
    with `elapsed` seconds gone. Pages count down from these themselves; nothing ticks on the server."""
    __tablename__ = 'session_timer'

    session_id: int = Field(foreign_key='study_session.id', ondelete='CASCADE', primary_key=True)
    label: str = Field(default='', max_length=TIMER_LABEL_MAX)
    phases: list[list] = Field(sa_column=Column(JSON, nullable=False))  # [[kind, seconds], ...], kind: timer|work|break
    started_at: datetime = Field(sa_column=_timestamp())  # when `elapsed` was 0 (running)
    paused_elapsed: float | None = None  # seconds gone when paused; None: running
    updated_at: datetime = Field(default_factory=utcnow, sa_column=_timestamp())


class Stage(SQLModel, table=True):
    """What the session's projector shows now, as the host directs it."""
    session_id: int = Field(foreign_key='study_session.id', ondelete='CASCADE', primary_key=True)
    show: str = Field(default='chat', max_length=16)
    poll_id: int | None = Field(default=None, foreign_key='poll.id', ondelete='SET NULL')
    scoreboard_public: bool = Field(default=False, sa_column_kwargs={'server_default': false()})
    updated_at: datetime = Field(default_factory=utcnow, sa_column=_timestamp())


class Question(SQLModel, table=True):
    """A question to the host that the class votes up; `anonymous`: only the host sees who asked."""
    __table_args__ = (Index('ix_question_session_id_id', 'session_id', 'id'),)

    id: int = Field(default=None, primary_key=True)  # None until the row is flushed; every row read has one
    session_id: int = Field(foreign_key='study_session.id', ondelete='CASCADE')
    participant_id: int | None = Field(default=None, foreign_key='participant.id', ondelete='SET NULL')
    author: str = Field(max_length=NAME_MAX)
    anonymous: bool = Field(default=False, sa_column_kwargs={'server_default': false()})
    body: str
    html: str
    status: str = Field(default='open', max_length=16)  # open | pending (awaits approval) | answered | hidden
    highlighted: bool = Field(default=False, sa_column_kwargs={'server_default': false()})
    created_at: datetime = Field(default_factory=utcnow, sa_column=_timestamp())
    answered_at: datetime | None = Field(default=None, sa_column=Column(DateTime(timezone=True), nullable=True))


class QuestionVote(SQLModel, table=True):
    """One vote per question and person: counted exactly once, whichever process took it."""
    __tablename__ = 'question_vote'
    __table_args__ = (UniqueConstraint('question_id', 'participant_id'),)

    id: int = Field(default=None, primary_key=True)  # None until the row is flushed; every row read has one
    session_id: int = Field(foreign_key='study_session.id', ondelete='CASCADE', index=True)
    question_id: int = Field(foreign_key='question.id', ondelete='CASCADE')
    participant_id: int = Field(foreign_key='participant.id', ondelete='CASCADE')
    created_at: datetime = Field(default_factory=utcnow, sa_column=_timestamp())


class Hand(SQLModel, table=True):
    """A raised hand: one per session and person, however many tabs; lowering it deletes the row."""
    __table_args__ = (UniqueConstraint('session_id', 'participant_id'),)

    id: int = Field(default=None, primary_key=True)  # None until the row is flushed; every row read has one
    session_id: int = Field(foreign_key='study_session.id', ondelete='CASCADE')
    participant_id: int = Field(foreign_key='participant.id', ondelete='CASCADE')
    raised_at: datetime = Field(default_factory=utcnow, sa_column=_timestamp())
