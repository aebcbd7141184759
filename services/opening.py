"""What a session page shows as it opens, read in one database session: a whole class may open it at once."""
from dataclasses import dataclass

from db import queries
from db.models import StudySession
from db.schemas import MaterialPublic, MessagePublic, ReplyPreview

from .context import Context
from .messages import with_details


@dataclass
class Opening:
    history: list[MessagePublic]  # the newest page of messages, oldest first
    has_older: bool
    materials: list[MaterialPublic]
    reads: dict[str, int]  # how far each participant has read
    muted: list[str]
    pinned: ReplyPreview | None


async def opening(ctx: Context, session: StudySession) -> Opening:
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
