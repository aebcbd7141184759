"""The projector is a stage the host directs: what it shows now is a row, and a change is one event."""
from typing import get_args

from db import activity_queries as q
from db.activity_schemas import StagePublic, StageShow
from db.models import Stage, StudySession, utcnow
from i18n import _
from realtime.events import StageChanged

from .context import Context
from .errors import InvalidInput, NotFound
from .host import require_host

SHOWS: tuple[str, ...] = get_args(StageShow)
NOT_YET: dict[str, str] = {}  # what the stage would offer only once the feature exists (none left)


def available() -> tuple[str, ...]:
    return tuple(show for show in SHOWS if show not in NOT_YET)


async def current(ctx: Context, session: StudySession) -> StagePublic:
    async with ctx.db.read() as db:
        return StagePublic.of(await q.stage(db, session.id))


async def set_stage(ctx: Context, session: StudySession, host_key: str | None, show: str, *,
                    poll_id: int | None = None, scoreboard_public: bool | None = None) -> StagePublic:
    """Show `show` on the projector (`poll_id`: which poll; the newest launched one when not given). Putting the
    scoreboard on the projector shows it to everybody."""
    require_host(session, host_key, 'directing the projector')
    if show not in SHOWS:
        raise InvalidInput(_('The projector shows one of: %(shows)s.', shows=', '.join(available())))
    if show in NOT_YET:
        raise InvalidInput(_(NOT_YET[show]))
    async with ctx.db.write() as db:
        if poll_id is not None and await q.poll(db, session.id, poll_id) is None:
            raise NotFound(_('This session has no such poll.'))
        if show == 'poll' and poll_id is None:
            launched = [row for row in await q.polls_of(db, session.id, drafts=False)]
            poll_id = launched[-1].id if launched else None
        row = await q.stage(db, session.id) or Stage(session_id=session.id)
        row.show, row.updated_at = show, utcnow()
        if poll_id is not None or show == 'poll':
            row.poll_id = poll_id
        if scoreboard_public is not None:
            row.scoreboard_public = scoreboard_public
        if show == 'scoreboard':
            row.scoreboard_public = True
        db.add(row)
        await db.flush()
        public = StagePublic.of(row)
    await ctx.hub.publish(session.id, StageChanged(session_id=session.id, stage=public.model_dump(mode='json')))
    if scoreboard_public is not None or show == 'scoreboard':
        from . import polls  # (polls reads the stage too)
        await polls.publish_scoreboard(ctx, session)
    return public
