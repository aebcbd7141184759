"""Intents around a study session: create it, find it, join it."""
import hashlib
import secrets
from collections.abc import Sequence

from sqlalchemy.exc import IntegrityError
from sqlmodel.ext.asyncio.session import AsyncSession

from db import queries
from db.models import Participant, StudySession
from db.schemas import display_code

from .codes import new_code, normalize_code
from .context import Context
from .errors import InvalidInput, NotFound
from .text import clean_line, name_key

TITLE_MAX = 120
DESCRIPTION_MAX = 2000
NICKNAME_MAX = 40


def hash_host_key(host_key: str) -> str:
    return hashlib.sha256(host_key.encode()).hexdigest()


async def create_session(ctx: Context, title: str, description: str = '') -> tuple[StudySession, str]:
    """A new open session and its host key (returned only here; the database keeps its hash)."""
    title = clean_line(title or '', TITLE_MAX)
    if not title:
        raise InvalidInput('Give the session a title.')
    description = (description or '').strip()[:DESCRIPTION_MAX]
    host_key = secrets.token_urlsafe(24)
    for _ in range(10):  # a new code clashes with an existing one about once in 700 million
        row = StudySession(code=new_code(), title=title, description=description,
                           host_key_hash=hash_host_key(host_key))
        try:
            async with ctx.db.write() as db:
                db.add(row)
            return row, host_key
        except IntegrityError:
            continue
    raise RuntimeError('could not find a free join code')


async def get_session(ctx: Context, code: str) -> StudySession:
    """The session with this join code, however it was typed."""
    normalized = normalize_code(code)
    row = None
    if normalized:
        async with ctx.db.read() as db:
            row = await queries.session_by_code(db, normalized)
    if row is None:
        shown = display_code(normalized) if normalized else clean_line(code or '', 20)
        raise NotFound(f'There is no study session with the code "{shown}".')
    return row


async def open_sessions(ctx: Context, limit: int = 20) -> Sequence[StudySession]:
    async with ctx.db.read() as db:
        return await queries.open_sessions(db, limit)


async def sessions_with_codes(ctx: Context, codes: Sequence[str]) -> Sequence[StudySession]:
    normalized = [code for code in map(normalize_code, codes) if code]
    if not normalized:
        return []
    async with ctx.db.read() as db:
        return await queries.sessions_by_codes(db, normalized)


def clean_nickname(nickname: str) -> str:
    nickname = clean_line(nickname or '', NICKNAME_MAX)
    if not nickname:
        raise InvalidInput('A nickname is required.')
    return nickname


async def join(ctx: Context, session: StudySession, nickname: str) -> Participant:
    """The participant of this session with this nickname, created the first time it is used."""
    nickname = clean_nickname(nickname)
    async with ctx.db.write() as db:
        return await ensure_participant(db, session.id, nickname)


async def ensure_participant(db: AsyncSession, session_id: int, nickname: str) -> Participant:
    """Within a write transaction: the participant with this (cleaned) nickname, created if new.

    Two processes may create the same name at once (PostgreSQL has no in-process write lock). An IntegrityError
    would abort the caller's whole transaction there, so the insert skips a name taken meanwhile and the row that
    won is read back.
    """
    key = name_key(nickname)
    participant = await queries.participant_by_key(db, session_id, key)
    if participant is None:
        await queries.add_participant_unless_taken(db, session_id, nickname, key)
        participant = await queries.participant_by_key(db, session_id, key)
    return participant
