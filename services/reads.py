"""Intents around read state: mark how far someone has read (services/opening.py reads everyone's positions)."""
from db.models import StudySession

from .context import Context
from .sessions import participant_named


async def mark_read(ctx: Context, session: StudySession, name: str, message_id: int) -> None:
    """Through the API: the participant must exist; stored at once."""
    participant = await participant_named(ctx, session, name)
    ctx.reads.mark(session, participant.id, participant.name, message_id)
    await ctx.reads.flush()

