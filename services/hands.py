"""Intents around raised hands: raise, lower (one's own, or the host any), the host's next and lower all.

A hand is a row, one per session and person however many tabs they have open. The queue is announced through a
per-session coalescer, read from the rows in the order the hands went up: 300 hands raised at once cost each page a
few updates, and every page (in every process) shows the same order.
"""
from functools import partial

from sqlmodel.ext.asyncio.session import AsyncSession

from db import queries as people
from db import question_queries as queries
from db.models import Participant, StudySession, utcnow
from db.schemas import HandPublic
from i18n import _
from realtime.coalescer import Coalescer
from realtime.events import HandsChanged, HandTurn

from .context import Context
from .errors import Forbidden, NotFound
from .host import is_host, require_host
from .sessions import clean_nickname, ensure_participant
from .text import name_key


async def raise_hand(ctx: Context, session: StudySession, name: str,
                     browser_id: str | None = None) -> tuple[HandPublic, bool]:
    """Raise this person's hand; returns it and whether it went up now (False: it was up already, unchanged). A
    muted person may raise a hand (to ask to speak), and so may anyone in a locked session; not a removed person,
    nor anyone in a closed session."""
    # A class raises its hands at once, and SQLite has one writer: what can be read is read before the write (the
    # person and the session, in the common case of a page whose person has joined) and after it (the place).
    async with ctx.db.read() as db:
        participant = await _known_raiser(db, session.id, name, browser_id)
    async with ctx.db.write() as db:
        if participant is None:
            participant = await _raiser(db, session.id, name, browser_id)
        raised = await queries.raise_unless_raised(db, session.id, participant.id, utcnow())
    async with ctx.db.read() as db:
        hand = await queries.hand_of(db, session.id, participant.id)
        position = await queries.place_of(db, hand) if hand else 0  # one count, not the whole queue
    _announce(ctx, session.id)
    return HandPublic(name=participant.name, raised_at=hand.raised_at if hand else utcnow(), position=position), raised


async def lower_hand(ctx: Context, session: StudySession, name: str, *, requester: str | None = None,
                     host_key: str | None = None, browser_id: str | None = None) -> bool:
    """The person lowers their own hand (`requester` is them), or the host anyone's; True if it was up."""
    host = is_host(session, host_key)
    if not host and name_key(clean_nickname(requester or '')) != name_key(clean_nickname(name)):
        raise Forbidden(_('Only the host or %(name)s can lower this hand.', name=clean_nickname(name)))
    async with ctx.db.write() as db:
        if host:
            participant = await _participant(db, session.id, name)
        else:
            participant = await ensure_participant(db, session.id, clean_nickname(name), browser_id)
        lowered = await queries.lower(db, session.id, [participant.id]) > 0
    if lowered:
        _announce(ctx, session.id)
    return lowered


async def lower_if_raised(ctx: Context, session_id: int, participant_id: int) -> None:
    """Someone left the session (no page of theirs is open any more): their hand goes down."""
    async with ctx.db.write() as db:
        lowered = await queries.lower(db, session_id, [participant_id])
    if lowered:
        _announce(ctx, session_id)


async def next_hand(ctx: Context, session: StudySession, host_key: str | None) -> HandPublic:
    """The host calls on the first hand: it goes down and that person's pages say it is their turn."""
    require_host(session, host_key, 'calling on the next hand')
    while True:
        async with ctx.db.write() as db:
            queue = await queries.hands_of(db, session.id)
            if not queue:
                raise NotFound(_('No hand is up.'))
            hand, name, key = queue[0]
            # two hosts may press at once (PostgreSQL): whoever lowered the hand called on it; the other takes the next
            if await queries.lower(db, session.id, [hand.participant_id]):
                break
    _announce(ctx, session.id)
    await ctx.hub.publish(session.id, HandTurn(session_id=session.id, name=name, name_key=key))
    return HandPublic(name=name, raised_at=hand.raised_at, position=1)


async def lower_all(ctx: Context, session: StudySession, host_key: str | None) -> int:
    """The host lowers every hand; returns how many were up."""
    require_host(session, host_key, 'lowering all hands')
    async with ctx.db.write() as db:
        lowered = await queries.lower(db, session.id)
    if lowered:
        _announce(ctx, session.id)
    return lowered


async def hands(ctx: Context, session_id: int) -> list[HandPublic]:
    """The raised hands, first raised first, with their place in the queue."""
    async with ctx.db.read() as db:
        return await _queue(db, session_id)


async def _queue(db: AsyncSession, session_id: int) -> list[HandPublic]:
    return [HandPublic(name=name, raised_at=hand.raised_at, position=place)
            for place, (hand, name, _key) in enumerate(await queries.hands_of(db, session_id), start=1)]


async def _known_raiser(db: AsyncSession, session_id: int, name: str, browser_id: str | None) -> Participant | None:
    """The participant, if they joined from this browser already and may raise a hand (refusals as `_raiser`);
    None: it takes a write to know (a new name, or one the API uses for the first time)."""
    participant = await people.participant_by_key(db, session_id, name_key(clean_nickname(name)))
    if participant is None or participant.browser_id is None or participant.browser_id != browser_id:
        return None
    return _may_raise(participant, await db.get(StudySession, session_id))


async def _raiser(db: AsyncSession, session_id: int, name: str, browser_id: str | None) -> Participant:
    participant = await ensure_participant(db, session_id, clean_nickname(name), browser_id)
    return _may_raise(participant, await db.get(StudySession, session_id))


def _may_raise(participant: Participant, session: StudySession | None) -> Participant:
    if participant.removed:
        raise Forbidden(_('The host removed you from this session.'))
    if session is None or session.status == 'closed':
        raise Forbidden(_('This session is closed: its history stays readable, but nothing can be added.'))
    return participant


async def _participant(db: AsyncSession, session_id: int, name: str) -> Participant:
    participant = await people.participant_by_key(db, session_id, name_key(clean_nickname(name)))
    if participant is None:
        raise NotFound(_('Nobody by that name has joined this session.'))
    return participant


def _announce(ctx: Context, session_id: int) -> None:
    if 'hands' not in ctx.coalescers:
        ctx.coalescers['hands'] = Coalescer(partial(_announce_queue, ctx), name='hand queue')
    ctx.coalescers['hands'].touch(session_id, 'queue')


async def _announce_queue(ctx: Context, session_id: int, _keys: set) -> None:
    await ctx.hub.publish(session_id, HandsChanged(session_id=session_id, hands=await hands(ctx, session_id)))
