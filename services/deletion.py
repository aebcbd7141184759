"""Deleting a session for good (the owner, or retention): its rows, and every stored file no other session uses.

The session's row goes in one statement; its participants, messages, reactions, read positions and materials follow
by the foreign keys' ON DELETE CASCADE (on SQLite too: the engine turns foreign keys on), so tables added later go
with it as long as they declare the same. The files are removed after the commit: a file is only removed when no
material of any session refers to it any more.
"""
import asyncio
import logging
from datetime import timedelta

from sqlalchemy import delete
from sqlmodel import col, select

from db.models import Material, StudySession, utcnow
from db.schemas import display_code
from realtime.events import SessionDeleted

from .context import Context
from .errors import NotFound

log = logging.getLogger(__name__)

UPLOAD_GRACE_SECONDS = 60  # a file stored this recently may belong to an upload that is about to record it
RETENTION_INTERVAL_SECONDS = 24 * 3600


async def delete_session(ctx: Context, session: StudySession, why: str = 'by the owner') -> int:
    """Delete the session and its unshared files; returns how many files were removed. Its open pages are told."""
    async with ctx.db.write() as db:
        hashes = set((await db.exec(select(Material.sha256).where(Material.session_id == session.id))).all())
        deleted = await db.exec(delete(StudySession).where(col(StudySession.id) == session.id))
        if deleted.rowcount == 0:
            raise NotFound('This session does not exist any more.')
        still_used = set((await db.exec(select(Material.sha256).where(col(Material.sha256).in_(hashes))
                                        .distinct())).all()) if hashes else set()
    removed = await ctx.files.remove(hashes - still_used, UPLOAD_GRACE_SECONDS)
    log.info('deleted session %s %s: %d of its %d files removed (the others are shared with other sessions)',
             display_code(session.code), why, removed, len(hashes))
    await ctx.hub.publish(session.id, SessionDeleted(session_id=session.id))
    return removed


async def delete_closed_sessions(ctx: Context, older_than_days: int) -> int:
    """Delete the sessions closed for more than this many days; returns how many."""
    cutoff = utcnow() - timedelta(days=older_than_days)
    async with ctx.db.read() as db:
        due = (await db.exec(select(StudySession).where(StudySession.status == 'closed',
                                                        col(StudySession.closed_at) < cutoff))).all()
    for session in due:
        try:
            await delete_session(ctx, session, f'closed for more than {older_than_days} days')
        except NotFound:  # another process took it first
            continue
    return len(due)


async def keep_deleting_closed_sessions(ctx: Context, older_than_days: int) -> None:
    """At start-up and once a day (`--delete-closed-after-days`); a failing round is logged and the next one comes."""
    while True:
        try:
            count = await delete_closed_sessions(ctx, older_than_days)
            log.info('retention: %d sessions closed for more than %d days deleted', count, older_than_days)
        except Exception:
            log.exception('retention: deleting closed sessions failed; trying again in a day')
        await asyncio.sleep(RETENTION_INTERVAL_SECONDS)
