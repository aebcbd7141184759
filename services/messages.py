"""Intents around messages: post, edit, delete, react (each: persist, then publish) and read history."""
from collections import defaultdict
from collections.abc import Sequence

from sqlalchemy.exc import IntegrityError
from sqlmodel.ext.asyncio.session import AsyncSession

from db import queries
from db.models import Message, Participant, Reaction, StudySession, utcnow
from db.schemas import MessagePublic, ReplyPreview
from i18n import _, ngettext
from i18n.formatting import format_number
from realtime.events import MessagePosted, MessageUpdated

from . import existing
from .context import Context
from .errors import Forbidden, InvalidInput, TooManyRequests
from .host import require_host
from .rendering import mention_keys
from .sessions import clean_nickname, writer
from .text import clean_body, clean_line, name_key

CLIENT_MSG_ID_MAX = 64
REACTIONS = ('👍', '❤️', '😂', '🎉', '🤔', '👀')


async def post_message(ctx: Context, session: StudySession, author: str, body: str,
                       client_msg_id: str | None = None, reply_to_id: int | None = None,
                       browser_id: str | None = None) -> tuple[MessagePublic, bool]:
    """Store a message once and publish it; returns it and whether it is new (False: a retried post).
    `browser_id`: the browser posting (None: the HTTP API without a browser), see sessions.ensure_participant."""
    body = _valid_body(ctx, body)
    client_msg_id = clean_line(client_msg_id, CLIENT_MSG_ID_MAX) if client_msg_id else None
    author = clean_nickname(author)
    try:
        await ctx.flood.check_message(session.id, name_key(author))  # no rendering for a message to be refused
    except TooManyRequests:
        if client_msg_id and (existing := await _stored_retry(ctx, session.id, client_msg_id)):
            return existing, False
        raise
    html = await ctx.rendering.render(body, await _mentionable(ctx, session.id, body))

    try:
        message, is_new = await _store_once(ctx, session, author, body, html, client_msg_id, reply_to_id, browser_id)
    except IntegrityError:
        # the same retry was stored by a concurrent request (no in-process write lock on PostgreSQL): that one wins
        if not client_msg_id or (existing := await _stored_retry(ctx, session.id, client_msg_id)) is None:
            raise
        return existing, False
    if is_new:
        await ctx.hub.publish(session.id, MessagePosted(session_id=session.id, message=message))
    return message, is_new


async def _store_once(ctx: Context, session: StudySession, author: str, body: str, html: str,
                      client_msg_id: str | None, reply_to_id: int | None,
                      browser_id: str | None) -> tuple[MessagePublic, bool]:
    async with ctx.db.write() as db:
        if client_msg_id and (row := await queries.message_by_client_id(db, session.id, client_msg_id)):
            return (await with_details(db, [row]))[0], False
        await ctx.flood.count_message(session.id, name_key(author))
        target = await _reply_target(db, session.id, reply_to_id) if reply_to_id is not None else None
        participant = await writer(db, session.id, author, browser_id)
        row = Message(session_id=session.id, participant_id=participant.id, author=participant.name,
                      body=body, html=html, client_msg_id=client_msg_id, reply_to_id=reply_to_id)
        db.add(row)
        await db.flush()
    # a new message has no reactions yet and its reply target is at hand: no more queries (under load, every query's
    # answer waits in the event loop behind the fan-out of the messages before it)
    return MessagePublic.of(row, ReplyPreview.of(target), {}), True


async def _stored_retry(ctx: Context, session_id: int, client_msg_id: str) -> MessagePublic | None:
    async with ctx.db.read() as db:
        row = await queries.message_by_client_id(db, session_id, client_msg_id)
        return (await with_details(db, [row]))[0] if row else None


async def edit_message(ctx: Context, session: StudySession, message_id: int, editor: str, body: str,
                       browser_id: str | None = None) -> MessagePublic:
    """Only the author edits a message; it is marked as edited. An edit counts as a message for flood control: it
    is rendered and sent to every page again."""
    body = _valid_body(ctx, body)
    editor_key = name_key(clean_nickname(editor))
    await ctx.flood.check_message(session.id, editor_key)
    html = await ctx.rendering.render(body, await _mentionable(ctx, session.id, body))
    async with ctx.db.write() as db:
        await ctx.flood.count_message(session.id, editor_key)
        author = await writer(db, session.id, editor, browser_id)
        row = await _own_message(db, session.id, message_id, author, 'edit')
        row.body, row.html, row.edited_at = body, html, utcnow()
        db.add(row)
        await db.flush()
        message = (await with_details(db, [row]))[0]
    await ctx.hub.publish(session.id, MessageUpdated(session_id=session.id, message=message))
    return message


async def delete_message(ctx: Context, session: StudySession, message_id: int, requester: str,
                         browser_id: str | None = None) -> MessagePublic:
    """Only the author deletes a message; its text is removed and a 'message deleted' stub stays."""
    async with ctx.db.write() as db:
        author = await writer(db, session.id, requester, browser_id)
        message = await _remove_text(db, await _own_message(db, session.id, message_id, author, 'delete'))
    await ctx.hub.publish(session.id, MessageUpdated(session_id=session.id, message=message))
    return message


async def remove_message(ctx: Context, session: StudySession, message_id: int, host_key: str | None) -> MessagePublic:
    """The host deletes any message (a stub stays, as when its author deletes it)."""
    require_host(session, host_key, 'removing a message')
    async with ctx.db.write() as db:
        message = await _remove_text(db, await existing.message(db, session.id, message_id))
    await ctx.hub.publish(session.id, MessageUpdated(session_id=session.id, message=message))
    return message


async def _remove_text(db: AsyncSession, row: Message) -> MessagePublic:
    row.body, row.html, row.deleted_at = '', '', utcnow()
    db.add(row)
    await db.flush()
    return (await with_details(db, [row]))[0]


async def toggle_reaction(ctx: Context, session: StudySession, message_id: int, name: str,
                          emoji: str, browser_id: str | None = None) -> MessagePublic:
    """The same reaction from the same person a second time takes it back. Reactions have a flood limit of their
    own, as large as the one for messages: each one sends the whole message to every page again."""
    if emoji not in REACTIONS:
        raise InvalidInput(_('Reactions are %(reactions)s.', reactions=' '.join(REACTIONS)))
    async with ctx.db.write() as db:
        await ctx.flood.count_reaction(session.id, name_key(clean_nickname(name)))
        row = await existing.message(db, session.id, message_id)
        participant = await writer(db, session.id, name, browser_id)
        if given := await queries.reaction(db, message_id, participant.id, emoji):
            await db.delete(given)
        else:
            db.add(Reaction(message_id=message_id, participant_id=participant.id, emoji=emoji))
        await db.flush()
        message = (await with_details(db, [row]))[0]
    await ctx.hub.publish(session.id, MessageUpdated(session_id=session.id, message=message))
    return message


async def messages_after(ctx: Context, session_id: int, after_id: int, limit: int) -> list[MessagePublic]:
    async with ctx.db.read() as db:
        return await with_details(db, await queries.messages_after(db, session_id, after_id, limit))


async def messages_before(ctx: Context, session_id: int, before_id: int | None, limit: int) -> list[MessagePublic]:
    async with ctx.db.read() as db:
        return await with_details(db, await queries.messages_before(db, session_id, before_id, limit))


def _valid_body(ctx: Context, body: str) -> str:
    body = clean_body(body or '')
    if not body:
        raise InvalidInput(_('A message cannot be empty.'))
    limit = ctx.settings.max_message_chars
    if len(body) > limit:
        raise InvalidInput(ngettext('A message can have at most %(limit)s character (this one has %(length)s).',
                                    'A message can have at most %(limit)s characters (this one has %(length)s).',
                                    limit, limit=format_number(limit), length=format_number(len(body))))
    return body


async def _mentionable(ctx: Context, session_id: int, body: str) -> dict[str, str]:
    """Name key -> name of the participants `body` may mention: only those typed after an `@` are looked up, so a
    session of thousands of people costs a message no more than one of three."""
    if '@' not in body or not (keys := mention_keys(body)):
        return {}
    async with ctx.db.read() as db:
        return dict(await queries.participants_with_keys(db, session_id, keys))


async def _own_message(db: AsyncSession, session_id: int, message_id: int, author: Participant,
                       action: str) -> Message:
    row = await existing.message(db, session_id, message_id)
    # by who wrote it, not by its name: a look-alike of the author renamed by migration 0006 stays the author
    own = row.participant_id == author.id if row.participant_id is not None else name_key(row.author) == author.name_key
    if not own:
        if action == 'edit':
            raise Forbidden(_('Only %(name)s can edit this message.', name=row.author))
        raise Forbidden(_('Only %(name)s can delete this message.', name=row.author))
    return row


async def _reply_target(db: AsyncSession, session_id: int, message_id: int) -> Message:
    row = await queries.message_by_id(db, session_id, message_id)
    if row is None:
        raise InvalidInput(_('The message you reply to is not in this session.'))
    if row.deleted_at is not None:
        raise InvalidInput(_('The message you reply to was deleted.'))
    return row


async def with_details(db: AsyncSession, rows: Sequence[Message]) -> list[MessagePublic]:
    """Messages with their reactions and reply previews: two indexed queries for the whole page."""
    if not rows:
        return []
    reactions: dict[int, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for message_id, emoji, name in await queries.reactions_for(db, [row.id for row in rows]):
        reactions[message_id][emoji].append(name)
    reply_ids = {row.reply_to_id for row in rows if row.reply_to_id}
    replied = {row.id: row for row in await queries.messages_by_ids(db, list(reply_ids))} if reply_ids else {}
    return [MessagePublic.of(row, ReplyPreview.of(replied.get(row.reply_to_id) if row.reply_to_id else None),
                             {emoji: names for emoji, names in reactions[row.id].items()}) for row in rows]
