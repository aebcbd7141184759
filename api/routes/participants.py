"""The people of a session: who joined, who is here, how far each has read; the host mutes and removes."""
from fastapi import APIRouter
from pydantic import BaseModel

from db.schemas import ParticipantPublic
from services import host, reads, sessions

from ..deps import Ctx, HostKey, SessionByCode

router = APIRouter(prefix='/api', tags=['participants'])


class ReadMark(BaseModel):
    author: str
    message_id: int


class Moderation(BaseModel):
    muted: bool | None = None
    removed: bool | None = None


class ModerationOut(BaseModel):
    name: str
    muted: bool
    removed: bool


@router.get('/sessions/{code}/participants')
async def list_participants(session: SessionByCode, ctx: Ctx) -> list[ParticipantPublic]:
    """Everyone who joined, online first, with how far they have read."""
    return await sessions.participants(ctx, session)


@router.post('/sessions/{code}/read', status_code=204)
async def mark_read(data: ReadMark, session: SessionByCode, ctx: Ctx) -> None:
    """How far this participant has read."""
    await reads.mark_read(ctx, session, data.author, data.message_id)


@router.patch('/sessions/{code}/participants/{name}', responses={403: {'description': 'not the host'}})
async def moderate(name: str, data: Moderation, session: SessionByCode, ctx: Ctx, host_key: HostKey) -> ModerationOut:
    """Host only: mute or unmute (`{"muted": true}`), remove (`{"removed": true}`) or let back in someone."""
    participant = await host.moderate(ctx, session, host_key, name, muted=data.muted, removed=data.removed)
    return ModerationOut(name=participant.name, muted=participant.muted, removed=participant.removed)
