"""Host actions over HTTP: every route needs the session's host key in the `X-Host-Key` header (403 otherwise)."""
from typing import Annotated, Literal

from fastapi import Header
from nicegui import APIRouter
from pydantic import BaseModel

from db.schemas import SessionPublic
from services import context, host, materials, sessions

router = APIRouter(prefix='/api')
HostKey = Annotated[str | None, Header(alias='X-Host-Key')]


class SessionChange(BaseModel):
    """Any of these; `passcode: ""` removes the passcode, `pinned_message_id: null` unpins."""
    title: str | None = None
    status: Literal['open', 'locked', 'closed'] | None = None
    passcode: str | None = None
    pinned_message_id: int | None = None


class Moderation(BaseModel):
    muted: bool | None = None
    removed: bool | None = None


@router.patch('/sessions/{code}')
async def change_session(code: str, data: SessionChange, x_host_key: HostKey = None) -> SessionPublic:
    ctx = context.current()
    session = await sessions.get_session(ctx, code)
    host.require_host(session, x_host_key, 'changing the session')
    given = data.model_fields_set
    if 'title' in given:
        await host.rename(ctx, session, x_host_key, data.title or '')
    if 'status' in given:
        await host.set_status(ctx, session, x_host_key, data.status or 'open')
    if 'passcode' in given:
        await host.set_passcode(ctx, session, x_host_key, data.passcode)
    if 'pinned_message_id' in given:
        await host.pin(ctx, session, x_host_key, data.pinned_message_id)
    return SessionPublic.of(session)


@router.delete('/sessions/{code}/materials/{material_id}', status_code=204)
async def remove_material(code: str, material_id: int, x_host_key: HostKey = None) -> None:
    ctx = context.current()
    await materials.remove_material(ctx, await sessions.get_session(ctx, code), material_id, x_host_key)


@router.patch('/sessions/{code}/participants/{name}')
async def moderate(code: str, name: str, data: Moderation, x_host_key: HostKey = None) -> dict:
    """Mute or unmute (`{"muted": true}`), remove (`{"removed": true}`) or let back in someone."""
    ctx = context.current()
    session = await sessions.get_session(ctx, code)
    participant = await host.moderate(ctx, session, x_host_key, name, muted=data.muted, removed=data.removed)
    return {'name': participant.name, 'muted': participant.muted, 'removed': participant.removed}
