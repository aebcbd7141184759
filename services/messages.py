"""Intents around messages: post one (persist, then publish) and read history."""
from collections.abc import Sequence

from sqlalchemy.exc import IntegrityError

from db import queries
from db.models import Message, StudySession
from db.schemas import MessagePublic
from realtime.events import MessagePosted

from .context import Context
from .errors import InvalidInput
from .rendering import render_message
from .sessions import clean_nickname, ensure_participant
from .text import clean_body, clean_line

CLIENT_MSG_ID_MAX = 64


async def post_message(ctx: Context, session: StudySession, author: str, body: str,
                       client_msg_id: str | None = None) -> tuple[MessagePublic, bool]:
    """Store a message once and publish it; returns it and whether it is new (False: a retried post)."""
    body = clean_body(body or '')
    if not body:
        raise InvalidInput('A message cannot be empty.')
    limit = ctx.settings.max_message_chars
    if len(body) > limit:
        raise InvalidInput(f'A message can have at most {limit:,} characters (this one has {len(body):,}).')
    client_msg_id = clean_line(client_msg_id, CLIENT_MSG_ID_MAX) if client_msg_id else None
    author = clean_nickname(author)
    html = render_message(body)

    try:
        message, is_new = await _store_once(ctx, session.id, author, body, html, client_msg_id)
    except IntegrityError:
        # the same retry was stored by a concurrent request (no in-process write lock on PostgreSQL): that one wins
        existing = await _stored_retry(ctx, session.id, client_msg_id) if client_msg_id else None
        if existing is None:
            raise
        return existing, False
    if is_new:
        await ctx.hub.publish(session.id, MessagePosted(session_id=session.id, message=message))
    return message, is_new


async def _store_once(ctx: Context, session_id: int, author: str, body: str, html: str,
                      client_msg_id: str | None) -> tuple[MessagePublic, bool]:
    async with ctx.db.write() as db:
        if client_msg_id and (row := await queries.message_by_client_id(db, session_id, client_msg_id)):
            return MessagePublic.model_validate(row), False
        participant = await ensure_participant(db, session_id, author)
        row = Message(session_id=session_id, participant_id=participant.id, author=participant.name,
                      body=body, html=html, client_msg_id=client_msg_id)
        db.add(row)
        await db.flush()
    return MessagePublic.model_validate(row), True


async def _stored_retry(ctx: Context, session_id: int, client_msg_id: str) -> MessagePublic | None:
    async with ctx.db.read() as db:
        row = await queries.message_by_client_id(db, session_id, client_msg_id)
    return MessagePublic.model_validate(row) if row else None


async def messages_after(ctx: Context, session_id: int, after_id: int, limit: int) -> list[MessagePublic]:
    async with ctx.db.read() as db:
        return _public(await queries.messages_after(db, session_id, after_id, limit))


async def messages_before(ctx: Context, session_id: int, before_id: int | None, limit: int) -> list[MessagePublic]:
    async with ctx.db.read() as db:
        return _public(await queries.messages_before(db, session_id, before_id, limit))


def _public(rows: Sequence[Message]) -> list[MessagePublic]:
    return [MessagePublic.model_validate(row) for row in rows]
