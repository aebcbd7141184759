"""Intents around a study session: create it, find it, join it."""
import hashlib
import secrets
from collections.abc import Sequence

from sqlalchemy.exc import IntegrityError
from sqlmodel.ext.asyncio.session import AsyncSession

from db import queries
from db.models import DESCRIPTION_MAX, NAME_MAX, TITLE_MAX, Participant, StudySession
from db.schemas import ParticipantPublic, display_code
from framework_seams import io_bound
from i18n import _

from . import passcodes
from .codes import new_code, normalize_code
from .context import Context
from .errors import Forbidden, InvalidInput, NameTaken, NotFound
from .text import clean_line, name_key


def hash_host_key(host_key: str) -> str:
    return hashlib.sha256(host_key.encode()).hexdigest()


CREATION_REFUSED = 'Only the owner of this server can start sessions here: join one with its code.'


async def create_session(ctx: Context, title: str, description: str = '', *, address: str | None = None,
                         by_owner: bool = False) -> tuple[StudySession, str]:
    """A new open session and its host key (returned only here; the database keeps its hash). Sessions count per
    `address` (the pages and the API give it; None: a session the server makes itself, like the demo). With
    `--session-creation owner`, only the owner (`by_owner`: the caller checked the owner key) may create one."""
    if address is not None and ctx.settings.session_creation == 'owner' and not by_owner:
        raise Forbidden(CREATION_REFUSED)
    title = clean_line(title or '', TITLE_MAX)
    if not title:
        raise InvalidInput(_('Give the session a title.'))
    if address is not None:
        await ctx.flood.count_new_session(address)
    description = (description or '').strip()[:DESCRIPTION_MAX]
    host_key = secrets.token_urlsafe(24)
    for _attempt in range(10):  # a new code clashes with an existing one about once in 700 million
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
        raise NotFound(_('There is no study session with the code "%(code)s".', code=shown))
    return row


async def find_session(ctx: Context, code: str, address: str) -> StudySession:
    """`get_session` for what people type or link: wrong codes count per address, so codes cannot be found by
    trying many (TooManyRequests while an address has used up its tries)."""
    await ctx.flood.check_code_guessing(address)
    try:
        return await get_session(ctx, code)
    except NotFound:
        await ctx.flood.count_wrong_code(address)
        raise


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
    nickname = clean_line(nickname or '', NAME_MAX)
    if not nickname:
        raise InvalidInput(_('A nickname is required.'))
    return nickname


async def join(ctx: Context, session: StudySession, nickname: str, *, browser_id: str | None = None,
               host: bool = False, passcode: str | None = None, address: str = '') -> Participant:
    """Enter the session as `nickname` from the browser `browser_id`. The first browser to use a name keeps it;
    the host (holding the host key) may use the host's name on any device. A new participant needs the
    session's passcode, if it has one (the host does not); wrong passcodes are throttled per address."""
    nickname = clean_nickname(nickname)
    async with ctx.db.read() as db:
        existing = await queries.participant_by_key(db, session.id, name_key(nickname))
        removed = await queries.removed_names(db, session.id, browser_id) if browser_id and not host else []
    if removed:  # a removal is of the browser: another name does not help
        raise Forbidden(_('The host removed you from this session (as %(name)s). The host can let you back in.',
                          name=removed[0]))
    returning = existing is not None and browser_id is not None and existing.browser_id == browser_id
    if existing is not None and returning and not existing.removed and (existing.is_host or not host):
        return existing  # nothing to write: the common case of every page load after the first
    if session.passcode_hash and not host and not returning:
        await _check_passcode(ctx, session.id, session.passcode_hash, passcode, address)
    async with ctx.db.write() as db:
        participant = await ensure_participant(db, session.id, nickname, browser_id, host=host)
        if participant.removed:
            raise Forbidden(f'{participant.name} was removed from this session by the host.')
        return participant


async def ensure_participant(db: AsyncSession, session_id: int, nickname: str, browser_id: str | None = None, *,
                             host: bool = False) -> Participant:
    """Within a write transaction: the participant with this (cleaned) nickname, created if new. A name another
    browser took is refused (names compare after Unicode normalisation and case folding), so nobody can pose
    as somebody else, the host included; the HTTP API (`browser_id=None`) may only use names nobody took."""
    key = name_key(nickname)
    participant = await queries.participant_by_key(db, session_id, key)
    if participant is None:
        # Two processes may create the same name at once (PostgreSQL has no in-process write lock), and an
        # IntegrityError would abort the caller's whole transaction there: the insert skips a name taken meanwhile
        # and the row that won is read back (and checked like any other).
        await queries.add_participant_unless_taken(db, session_id, nickname, key, browser_id, host)
        participant = await queries.participant_by_key(db, session_id, key)
        assert participant is not None, 'inserted just now, by this transaction or the one that won'
    if participant.browser_id is None or (host and not participant.is_host and participant.browser_id == browser_id):
        participant.browser_id = browser_id  # (the second case: this browser took the name, then the host link)
        participant.is_host = participant.is_host or host
        db.add(participant)
        await db.flush()
    elif participant.browser_id != browser_id and not (host and participant.is_host):
        raise NameTaken(_('The name “%(name)s” is taken in this session. Choose another one.', name=participant.name))
    return participant


async def writer(db: AsyncSession, session_id: int, nickname: str, browser_id: str | None = None) -> Participant:
    """Within a write transaction: the participant, if the session and its host let them write now."""
    participant = await ensure_participant(db, session_id, clean_nickname(nickname), browser_id)
    return may_write(participant, await queries.session_status(db, session_id))


def may_write(participant: Participant, status: str) -> Participant:
    """The participant, if they may write in a session of this status now; else Forbidden with the reason."""
    if participant.removed:
        raise Forbidden(_('The host removed you from this session.'))
    if participant.muted:
        raise Forbidden(_('The host has muted you in this session.'))
    if status == 'closed':
        raise Forbidden(_('This session is closed: its history stays readable, but nothing can be added.'))
    if status == 'locked' and not participant.is_host:
        raise Forbidden(_('The host has locked this session: it is read-only for now.'))
    return participant


async def _check_passcode(ctx: Context, session_id: int, passcode_hash: str, passcode: str | None,
                          address: str) -> None:
    await ctx.flood.check_passcode_guessing(session_id, address)
    if not passcode:
        raise InvalidInput(_('This session needs its passcode: ask the host.'))
    if not await io_bound(passcodes.matches, passcode, passcode_hash):
        await ctx.flood.count_wrong_passcode(session_id, address)
        raise InvalidInput(_('That passcode is not right.'))


async def participants(ctx: Context, session: StudySession) -> list[ParticipantPublic]:
    """Everyone who ever joined, with whether they have the session open now and how far they have read."""
    online = set(ctx.presence.online(session.id))
    async with ctx.db.read() as db:
        rows = await queries.participants_of(db, session.id)
        reads = dict(await queries.read_positions_of(db, session.id))
    people = [ParticipantPublic(name=row.name, online=row.name in online, last_read_id=reads.get(row.name),
                                muted=row.muted, removed=row.removed) for row in rows]
    return sorted(people, key=lambda person: (not person.online, person.name.casefold()))


async def participant_named(ctx: Context, session: StudySession, name: str) -> Participant:
    async with ctx.db.read() as db:
        participant = await queries.participant_by_key(db, session.id, name_key(clean_line(name or '', NAME_MAX)))
    if participant is None:
        raise NotFound(_('Nobody called "%(name)s" has joined this session.', name=clean_line(name or '', NAME_MAX)))
    return participant
