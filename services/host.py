"""Host actions: only whoever holds a session's host key may do them, by any route."""
import hmac
import logging

from sqlmodel.ext.asyncio.session import AsyncSession

from db import queries
from db.models import NAME_MAX, TITLE_MAX, Participant, StudySession, utcnow
from db.schemas import ReplyPreview, SessionPublic, display_code
from framework_seams import io_bound
from i18n import _, ngettext
from realtime.events import ParticipantChanged, SessionChanged

from . import context, existing, passcodes
from .context import Context
from .errors import Forbidden, InvalidInput, NotFound
from .owner import derived_host_key
from .sessions import hash_host_key
from .text import clean_line, name_key

log = logging.getLogger(__name__)

HOST_KEY_MAX = 200
PASSCODE_MAX = 64
STATUSES = ('open', 'locked', 'closed')


def is_host(session: StudySession, host_key: str | None) -> bool:
    """The key the session was created with, or the one the owner gives it (services/owner.py)."""
    if not host_key or len(host_key) > HOST_KEY_MAX:
        return False
    if hmac.compare_digest(hash_host_key(host_key), session.host_key_hash):
        return True
    ctx = context.installed()
    return ctx is not None and hmac.compare_digest(host_key, derived_host_key(ctx.owner_key, session.code))


def require_host(session: StudySession, host_key: str | None, action: str = 'a host action') -> None:
    """Forbidden unless `host_key` is this session's; refusals are logged with the session code, never the key."""
    if is_host(session, host_key):
        return
    reason = 'a wrong host key' if host_key else 'no host key'
    log.warning('refused %s on session %s: %s', action, display_code(session.code), reason)
    raise Forbidden(_('Only the host of this session can do this: the host key is missing or wrong.'))


KEEP = object()  # change_session: leave this as it is


async def change_session(ctx: Context, session: StudySession, host_key: str | None, *, title=KEEP, status=KEEP,
                         passcode=KEEP, pinned_message_id=KEEP, questions_moderated=KEEP) -> StudySession:
    """Change any of these at once: every one is checked first, then the session changes in one transaction and
    one event goes out; one refusal changes nothing. `passcode` empty: none; `pinned_message_id` None: unpinned;
    `questions_moderated`: new questions wait for the host's approval."""
    require_host(session, host_key, 'changing the session')
    changes: dict[str, object] = {}
    if title is not KEEP:
        changes['title'] = clean_line(title or '', TITLE_MAX)
        if not changes['title']:
            raise InvalidInput(_('Give the session a title.'))
    if status is not KEEP:
        if status not in STATUSES:
            raise InvalidInput(_('A session is %(statuses)s.', statuses=', '.join(STATUSES)))
        changes['status'] = status
        if (status == 'closed') != (session.status == 'closed'):  # retention counts the days since it was closed
            changes['closed_at'] = utcnow() if status == 'closed' else None
    new_passcode = None if passcode is KEEP else (passcode or '').strip()
    if new_passcode is not None and len(new_passcode) > PASSCODE_MAX:
        raise InvalidInput(ngettext('A passcode has at most %(count)d character.',
                                    'A passcode has at most %(count)d characters.', PASSCODE_MAX, count=PASSCODE_MAX))
    if pinned_message_id is not KEEP:
        changes['pinned_message_id'] = pinned_message_id
    if questions_moderated is not KEEP:
        changes['questions_moderated'] = bool(questions_moderated)
    if new_passcode is not None:  # hashing takes a while: only once everything else is known to be right
        changes['passcode_hash'] = await io_bound(passcodes.hashed, new_passcode) if new_passcode else None
        secret = await io_bound(ctx.settings.resolved_storage_secret)  # a file in the data folder
        changes['passcode_sealed'] = passcodes.seal(new_passcode, secret, session.code) if new_passcode else None
    return await _change_session(ctx, session, **changes) if changes else session


async def rename(ctx: Context, session: StudySession, host_key: str | None, title: str) -> StudySession:
    return await change_session(ctx, session, host_key, title=title)


async def set_status(ctx: Context, session: StudySession, host_key: str | None, status: str) -> StudySession:
    """open; locked (read-only for all but the host, until unlocked); closed (archived, read-only, exportable)."""
    return await change_session(ctx, session, host_key, status=status)


async def set_passcode(ctx: Context, session: StudySession, host_key: str | None,
                       passcode: str | None) -> StudySession:
    """New participants need the passcode from now on (those who joined stay in); empty: no passcode."""
    return await change_session(ctx, session, host_key, passcode=passcode)


async def passcode_of(ctx: Context, session: StudySession, host_key: str | None) -> str | None:
    """The passcode as the host set it (None: the session has none). A passcode set before it could be shown again,
    or under another storage secret, cannot be read: the host sets it anew."""
    require_host(session, host_key, 'reading the passcode')
    async with ctx.db.read() as db:
        row = await _session_row(db, session.id)
    if row.passcode_hash is None:
        return None
    secret = await io_bound(ctx.settings.resolved_storage_secret)  # a file in the data folder
    shown = passcodes.unseal(row.passcode_sealed, secret, row.code) if row.passcode_sealed else None
    if shown is None:
        raise NotFound(_('This passcode was set before StudyHall could show it again: set it anew to see it.'))
    return shown


async def pin(ctx: Context, session: StudySession, host_key: str | None, message_id: int | None) -> StudySession:
    """Pin a message above the chat for everyone (None unpins)."""
    return await change_session(ctx, session, host_key, pinned_message_id=message_id)


async def moderate(ctx: Context, session: StudySession, host_key: str | None, name: str, *,
                   muted: bool | None = None, removed: bool | None = None) -> Participant:
    """Mute or unmute someone (they still read), or remove them (their pages are closed; the name stays theirs)."""
    require_host(session, host_key, 'muting or removing a participant')
    async with ctx.db.write() as db:
        participant = await queries.participant_by_key(db, session.id, name_key(clean_line(name or '', NAME_MAX)))
        if participant is None:
            raise NotFound(_('Nobody by that name has joined this session.'))
        if participant.is_host:
            raise InvalidInput(_('The host cannot mute or remove themselves.'))
        if muted is not None:
            participant.muted = muted
        if removed is not None:
            participant.removed = removed
        db.add(participant)
    await ctx.hub.publish(session.id, ParticipantChanged(session_id=session.id, name=participant.name,
                                                         muted=participant.muted, removed=participant.removed))
    return participant


async def removed_people(ctx: Context, session: StudySession, host_key: str | None) -> list[str]:
    """The names the host removed (their browsers stay out until the host lets them back in)."""
    require_host(session, host_key, 'listing removed participants')
    async with ctx.db.read() as db:
        return await queries.removed_names(db, session.id)


async def current(ctx: Context, session: StudySession) -> tuple[StudySession, ReplyPreview | None]:
    """The session as it is now, with a preview of its pinned message."""
    async with ctx.db.read() as db:
        row = await _session_row(db, session.id)
        pinned_id = row.pinned_message_id
        pinned = await queries.message_by_id(db, session.id, pinned_id) if pinned_id else None
    return row, ReplyPreview.of(pinned)


async def _change_session(ctx: Context, session: StudySession, **changes) -> StudySession:
    async with ctx.db.write() as db:
        if (pinned := changes.get('pinned_message_id')) is not None:  # checked where it is written: still there
            await existing.message(db, session.id, pinned)
        row = await _session_row(db, session.id)
        for field, value in changes.items():
            setattr(row, field, value)
        db.add(row)
    row, pinned = await current(ctx, row)
    for field in changes:
        setattr(session, field, getattr(row, field))  # the caller's copy stays true
    await ctx.hub.publish(session.id, SessionChanged(session_id=session.id, session=SessionPublic.of(row),
                                                     pinned=pinned))
    return row


async def _session_row(db: AsyncSession, session_id: int) -> StudySession:
    row = await db.get(StudySession, session_id)
    if row is None:
        raise NotFound(_('This session does not exist any more.'))
    return row
