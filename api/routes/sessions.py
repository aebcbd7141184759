"""Sessions: create one, look one up by its join code, change it (host), export it (host)."""
from typing import Annotated, Literal

from fastapi import APIRouter, Header
from fastapi.responses import FileResponse
from pydantic import BaseModel
from starlette.background import BackgroundTask

from db.schemas import SessionPublic, display_code
from services import export, host, owner, sessions

from ..deps import ClientAddress, Ctx, HostKey, HostKeyOrQuery, SessionByCode

router = APIRouter(prefix='/api', tags=['sessions'])


class SessionCreate(BaseModel):
    title: str
    description: str = ''


class SessionCreated(SessionPublic):
    host_key: str


class SessionChange(BaseModel):
    """Any of these; `passcode: ""` removes the passcode, `pinned_message_id: null` unpins; `questions_moderated`: new
    questions wait for the host's approval."""
    title: str | None = None
    status: Literal['open', 'locked', 'closed'] | None = None
    passcode: str | None = None
    pinned_message_id: int | None = None
    questions_moderated: bool | None = None


@router.post('/sessions', status_code=201, responses={403: {'description': 'only the owner may create sessions '
                                                                           '(--session-creation owner)'},
                                                      429: {'description': 'too many new sessions from this address'}})
async def create_session(data: SessionCreate, ctx: Ctx, address: ClientAddress,
                         x_owner_key: Annotated[str | None, Header(alias='X-Owner-Key')] = None) -> SessionCreated:
    """With `--session-creation owner`, only with the owner key as `X-Owner-Key`."""
    if x_owner_key is not None:
        await owner.require_owner(ctx, x_owner_key, address, 'creating a session')
    row, host_key = await sessions.create_session(ctx, data.title, data.description, address=address,
                                                  by_owner=x_owner_key is not None)
    return SessionCreated(**SessionPublic.of(row).model_dump(), host_key=host_key)


@router.get('/sessions/{code}', responses={404: {'description': 'no session has this code'},
                                           429: {'description': 'too many wrong codes from this address'}})
async def get_session(code: str, ctx: Ctx, address: ClientAddress) -> SessionPublic:
    """Wrong codes count per client address, so join codes cannot be found by trying many."""
    return SessionPublic.of(await sessions.find_session(ctx, code, address))


@router.patch('/sessions/{code}', responses={403: {'description': 'not the host'}})
async def change_session(data: SessionChange, session: SessionByCode, ctx: Ctx, host_key: HostKey) -> SessionPublic:
    """Host only (`X-Host-Key`). Every field given is checked first; then all change at once, or none does."""
    changes = {field: getattr(data, field) for field in data.model_fields_set}
    if 'status' in changes:
        changes['status'] = changes['status'] or 'open'
    if 'questions_moderated' in changes:
        changes['questions_moderated'] = bool(changes['questions_moderated'])
    return SessionPublic.of(await host.change_session(ctx, session, host_key, **changes))


class Passcode(BaseModel):
    passcode: str | None


@router.get('/sessions/{code}/passcode', responses={403: {'description': 'not the host'},
                                                    404: {'description': 'set before it could be shown: set it anew'}})
async def get_passcode(session: SessionByCode, ctx: Ctx, host_key: HostKey) -> Passcode:
    """Host only (`X-Host-Key`): the passcode newcomers need, as the host set it (null: none)."""
    return Passcode(passcode=await host.passcode_of(ctx, session, host_key))


@router.get('/sessions/{code}/export', response_class=FileResponse,
            responses={200: {'content': {'application/zip': {}}}, 403: {'description': 'not the host'}})
async def export_session(session: SessionByCode, ctx: Ctx, host_key: HostKeyOrQuery) -> FileResponse:
    """The host's zip of the session: the host key as `X-Host-Key` header (or `?host_key=`)."""
    host.require_host(session, host_key, 'export')
    path = await export.export_session(ctx, session)
    return FileResponse(path, media_type='application/zip', filename=f'studyhall-{display_code(session.code)}.zip',
                        headers={'Cache-Control': 'no-store'}, background=BackgroundTask(path.unlink, missing_ok=True))
