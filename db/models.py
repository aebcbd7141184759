"""Database tables. Times are stored in UTC."""
from datetime import UTC, datetime

from sqlalchemy import Column, DateTime, Index, UniqueConstraint, false
from sqlmodel import Field, SQLModel

NAME_MAX = 40  # a nickname, as people type it
NAME_KEY_MAX = 800  # services.text.name_key: NFKC makes a name of 40 up to 720 long (U+FDFA is 18)
TITLE_MAX = 120
DESCRIPTION_MAX = 2000


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
    pinned_message_id: int | None = None
    created_at: datetime = Field(default_factory=utcnow, sa_column=_timestamp())


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
