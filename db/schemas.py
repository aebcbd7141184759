"""Public shapes of rows, as the HTTP API returns them and events carry them."""
from datetime import UTC, datetime
from typing import Annotated

from pydantic import AfterValidator, BaseModel, TypeAdapter

from services.excerpts import excerpt_html, excerpt_text
from services.poll_cards import neutral

from .models import Material, Message, Question, StudySession


def _as_utc(value: datetime) -> datetime:
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


UtcDatetime = Annotated[datetime, AfterValidator(_as_utc)]


EXCERPT_CHARS = 120


def display_code(code: str) -> str:
    """`K7P2QX` -> `K7P-2QX`: easier to read aloud."""
    return f'{code[:3]}-{code[3:]}'


class SessionPublic(BaseModel):
    code: str
    title: str
    description: str
    status: str
    url: str
    created_at: UtcDatetime
    has_passcode: bool = False
    pinned_message_id: int | None = None
    questions_moderated: bool = False

    @classmethod
    def of(cls, row: StudySession) -> 'SessionPublic':
        code = display_code(row.code)
        return cls(code=code, title=row.title, description=row.description, status=row.status,
                   url=f'/s/{code}', created_at=row.created_at, has_passcode=row.passcode_hash is not None,
                   pinned_message_id=row.pinned_message_id, questions_moderated=row.questions_moderated)


class ReplyPreview(BaseModel):
    """What a reply (or the pinned-message banner) shows of a message: readable text, and the same as safe inline HTML
    with its formulas (services/excerpts.py)."""
    id: int
    author: str
    excerpt: str
    html: str = ''
    deleted: bool = False

    @classmethod
    def of(cls, row: Message | None) -> 'ReplyPreview | None':
        if row is None:
            return None
        author, _body, html = neutral(row.author, row.body, row.html) if row.poll_id else (row.author, '', row.html)
        return cls(id=row.id, author=author, excerpt=excerpt_text(html, EXCERPT_CHARS),
                   html=excerpt_html(html, EXCERPT_CHARS), deleted=row.deleted_at is not None)


class MessagePublic(BaseModel):
    id: int
    session_id: int
    author: str
    body: str
    html: str
    client_msg_id: str | None = None
    created_at: UtcDatetime
    edited_at: UtcDatetime | None = None
    deleted: bool = False
    reply_to: ReplyPreview | None = None
    reactions: dict[str, list[str]] = {}
    poll_id: int | None = None  # the message is the card of this poll, where it was launched

    @classmethod
    def of(cls, row: Message, reply_to: ReplyPreview | None = None,
           reactions: dict[str, list[str]] | None = None) -> 'MessagePublic':
        # a poll's card in no language (an empty author: the host before they had a name), also when stored by an
        # older version in the launcher's; services/poll_cards.py
        author, body, html = (neutral(row.author, row.body, row.html) if row.poll_id
                              else (row.author, row.body, row.html))
        return cls(id=row.id, session_id=row.session_id, author=author, body=body, html=html,
                   client_msg_id=row.client_msg_id, created_at=row.created_at, edited_at=row.edited_at,
                   deleted=row.deleted_at is not None, reply_to=reply_to, reactions=reactions or {},
                   poll_id=row.poll_id)



MESSAGE_LIST = TypeAdapter(list[MessagePublic])
# a page's copy of a list leaves out what the browser can assume: the session it is on and the empty defaults
# (no reactions, not edited, ...); each page of a class arriving at once costs less to build and to send
PAGE_COPY_EXCLUDE = {'__all__': {'session_id'}}


def page_copy(messages: list[MessagePublic]) -> list[dict]:
    return MESSAGE_LIST.dump_python(messages, mode='json', exclude_defaults=True, exclude=PAGE_COPY_EXCLUDE)


def page_copy_json(messages: list[MessagePublic]) -> str:
    return MESSAGE_LIST.dump_json(messages, exclude_defaults=True, exclude=PAGE_COPY_EXCLUDE).decode()

class MaterialPublic(BaseModel):
    id: int
    session_id: int
    author: str
    name: str
    size: int
    sha256: str
    content_type: str
    url: str
    preview_url: str
    image_width: int | None = None
    image_height: int | None = None
    previewable: bool = False  # a picture whose header was read and whose size is within the limit
    created_at: UtcDatetime

    @classmethod
    def of(cls, row: Material, session_code: str) -> 'MaterialPublic':
        base = f'/api/sessions/{display_code(session_code)}/materials/{row.id}'
        return cls(id=row.id, session_id=row.session_id, author=row.author, name=row.name, size=row.size,
                   sha256=row.sha256, content_type=row.content_type, url=f'{base}/download',
                   preview_url=f'{base}/preview', image_width=row.image_width, image_height=row.image_height,
                   previewable=row.previewable, created_at=row.created_at)


class ParticipantPublic(BaseModel):
    name: str
    online: bool
    last_read_id: int | None = None
    muted: bool = False
    removed: bool = False


class QuestionPublic(BaseModel):
    """A question as the host sees it; `for_guests()` is what everybody else may see (no anonymous asker)."""
    id: int
    body: str
    html: str
    author: str | None
    anonymous: bool = False
    votes: int = 0
    status: str = 'open'  # open | pending | answered | hidden
    highlighted: bool = False
    created_at: UtcDatetime
    answered_at: UtcDatetime | None = None

    @classmethod
    def of(cls, row: Question, votes: int = 0) -> 'QuestionPublic':
        return cls(id=row.id, body=row.body, html=row.html, author=row.author, anonymous=row.anonymous, votes=votes,
                   status=row.status, highlighted=row.highlighted, created_at=row.created_at,
                   answered_at=row.answered_at)

    def for_guests(self) -> 'QuestionPublic':
        return self.model_copy(update={'author': None}) if self.anonymous else self


class HandPublic(BaseModel):
    name: str
    raised_at: UtcDatetime
    position: int  # 1 for the first hand up
