"""What a session page shows as it opens: read in one database session, and shared by the pages that open the
session until something in it changes (a whole class may arrive at once)."""
from dataclasses import dataclass
from functools import cached_property

from db import queries
from db.models import StudySession
from db.schemas import MaterialPublic, MessagePublic, ReplyPreview, page_copy_json

from .context import Context
from .messages import with_details


@dataclass
class Opening:
    """Shared by the pages that open alike: read it, never change it."""
    history: list[MessagePublic]  # the newest page of messages, oldest first
    has_older: bool
    materials: list[MaterialPublic]
    reads: dict[str, int]  # how far each participant has read
    muted: list[str]
    pinned: ReplyPreview | None

    @cached_property
    def history_json(self) -> str:
        """The history as a page holds it, serialised once for all the pages that share this opening."""
        return page_copy_json(self.history)


async def opening(ctx: Context, session: StudySession) -> Opening:
    return await ctx.openings.get(ctx.hub, session.id, lambda: _read(ctx, session))


def newest_message_id(ctx: Context, session_id: int) -> int | None:
    """The id of the session's newest message (0: none yet) if the shared opening is current; None: not known
    without reading."""
    shown = ctx.openings.current(ctx.hub, session_id)
    if shown is None:
        return None
    return shown.history[-1].id if shown.history else 0


async def _read(ctx: Context, session: StudySession) -> Opening:
    size = ctx.settings.history_page_size
    async with ctx.db.read() as db:
        rows = await queries.messages_before(db, session.id, None, size + 1)
        history = await with_details(db, rows[-size:])
        materials = await queries.materials_of(db, session.id)
        reads = dict(await queries.read_positions_of(db, session.id))
        muted = await queries.participant_names(db, session.id, muted_only=True)
        pinned_id = session.pinned_message_id
        pinned = await queries.message_by_id(db, session.id, pinned_id) if pinned_id else None
    return Opening(history=history, has_older=len(rows) > size,
                   materials=[MaterialPublic.of(row, session.code) for row in materials],
                   reads=reads, muted=muted, pinned=ReplyPreview.of(pinned))
