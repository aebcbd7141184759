"""Intents around read state: mark how far someone has read, and read everyone's positions."""
from db import queries
from db.models import StudySession

from .context import Context
from .sessions import participant_named


async def mark_read(ctx: Context, session: StudySession, name: str, message_id: int) -> None:
    """Through the API: the participant must exist; stored at once."""
    participant = await participant_named(ctx, session, name)
    ctx.reads.mark(session, participant.id, participant.name, message_id)
    await ctx.reads.flush(ctx)


async def read_positions(ctx: Context, session_id: int) -> dict[str, int]:
    async with ctx.db.read() as db:
        return dict(await queries.read_positions_of(db, session_id))
