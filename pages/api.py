"""The HTTP API: the same services the pages use, for scripts, bots and tests."""
from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Header, Query, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse
from pydantic import BaseModel
from starlette.background import BackgroundTask

from db.schemas import MaterialPublic, MessagePublic, ParticipantPublic, SessionPublic, display_code
from services import context, export, materials, messages, previews, reads, search, sessions
from services.errors import ServiceError, TooManyRequests
from services.file_types import GENERIC_TYPE, INLINE_TYPES
from services.form_upload import receive_file
from services.host import require_host

router = APIRouter(prefix='/api')



class SessionCreate(BaseModel):
    title: str
    description: str = ''


class SessionCreated(SessionPublic):
    host_key: str


class MessageCreate(BaseModel):
    author: str
    body: str
    client_msg_id: str | None = None
    reply_to_id: int | None = None


class MessageEdit(BaseModel):
    author: str
    body: str


class ReactionToggle(BaseModel):
    author: str
    emoji: str


class ReadMark(BaseModel):
    author: str
    message_id: int


class MessageHitOut(BaseModel):
    id: int
    author: str
    created_at: datetime
    excerpt: str


class SearchOut(BaseModel):
    messages: list[MessageHitOut]
    materials: list[MaterialPublic]


@router.post('/sessions', status_code=201)
async def create_session(data: SessionCreate) -> SessionCreated:
    row, host_key = await sessions.create_session(context.current(), data.title, data.description)
    return SessionCreated(**SessionPublic.of(row).model_dump(), host_key=host_key)


@router.get('/sessions/{code}')
async def get_session(code: str, request: Request) -> SessionPublic:
    """Wrong codes count per client address, so join codes cannot be found by trying many."""
    address = request.client.host if request.client else 'unknown'
    return SessionPublic.of(await sessions.find_session(context.current(), code, address))


@router.post('/sessions/{code}/messages', status_code=201, responses={200: {'description': 'a retried post'}})
async def post_message(code: str, data: MessageCreate, request: Request, response: Response) -> MessagePublic:
    """As `author`: a name nobody took yet, or one this browser took (409 for a name somebody else took)."""
    ctx = context.current()
    session = await sessions.get_session(ctx, code)
    message, is_new = await messages.post_message(ctx, session, data.author, data.body, data.client_msg_id,
                                                  data.reply_to_id, browser_id(request))
    if not is_new:
        response.status_code = 200
    return message


@router.get('/sessions/{code}/messages')
async def list_messages(code: str, after_id: Annotated[int, Query(ge=0)] = 0,
                        limit: Annotated[int, Query(ge=1, le=500)] = 100) -> list[MessagePublic]:
    ctx = context.current()
    session = await sessions.get_session(ctx, code)
    return await messages.messages_after(ctx, session.id, after_id, limit)


@router.patch('/sessions/{code}/messages/{message_id}')
async def edit_message(code: str, message_id: int, data: MessageEdit, request: Request) -> MessagePublic:
    """Only the author edits (403 for anybody else)."""
    ctx = context.current()
    return await messages.edit_message(ctx, await sessions.get_session(ctx, code), message_id, data.author, data.body,
                                       browser_id(request))


@router.delete('/sessions/{code}/messages/{message_id}')
async def delete_message(code: str, message_id: int, request: Request, author: str = '',
                         x_host_key: Annotated[str | None, Header()] = None) -> MessagePublic:
    """The author deletes their message (`?author=`), the host any message (`X-Host-Key`); a stub stays."""
    ctx = context.current()
    session = await sessions.get_session(ctx, code)
    if x_host_key is not None:
        return await messages.remove_message(ctx, session, message_id, x_host_key)
    return await messages.delete_message(ctx, session, message_id, author, browser_id(request))


@router.post('/sessions/{code}/messages/{message_id}/reactions')
async def toggle_reaction(code: str, message_id: int, data: ReactionToggle, request: Request) -> MessagePublic:
    """The same reaction by the same person again takes it back."""
    ctx = context.current()
    session = await sessions.get_session(ctx, code)
    return await messages.toggle_reaction(ctx, session, message_id, data.author, data.emoji, browser_id(request))


@router.post('/sessions/{code}/read', status_code=204)
async def mark_read(code: str, data: ReadMark) -> None:
    ctx = context.current()
    await reads.mark_read(ctx, await sessions.get_session(ctx, code), data.author, data.message_id)


@router.get('/sessions/{code}/search')
async def search_session(code: str, q: Annotated[str, Query(max_length=200)] = '') -> SearchOut:
    """Messages (newest first, with a plain-text excerpt) and materials whose names contain every word of `q`."""
    ctx = context.current()
    found = await search.search(ctx, await sessions.get_session(ctx, code), q)
    hits = [MessageHitOut(id=hit.id, author=hit.author, created_at=hit.created_at,
                          excerpt=''.join(text for text, _ in hit.excerpt)) for hit in found.messages]
    return SearchOut(messages=hits, materials=found.materials)


@router.get('/sessions/{code}/participants')
async def list_participants(code: str) -> list[ParticipantPublic]:
    """Everyone who joined, online first, with how far they have read."""
    ctx = context.current()
    return await sessions.participants(ctx, await sessions.get_session(ctx, code))


@router.post('/sessions/{code}/materials', status_code=201)
async def share_material(code: str, request: Request) -> MaterialPublic:
    """Multipart form with `file` and `author`; streamed to disk, never more than the upload limit."""
    ctx = context.current()
    session = await sessions.get_session(ctx, code)
    limit, refusal = await materials.upload_allowance(ctx, session)
    async with ctx.files.incoming(limit, refusal) as incoming:
        received = await receive_file(request.headers, request.stream(), incoming, field_names=('author',))
        return await materials.share_file(ctx, session, received.fields['author'], received.file_name,
                                          received.blob, received.content_type, browser_id(request))


@router.get('/sessions/{code}/materials')
async def list_materials(code: str) -> list[MaterialPublic]:
    ctx = context.current()
    return await materials.list_materials(ctx, await sessions.get_session(ctx, code))


@router.get('/sessions/{code}/materials/{material_id}/download')
async def download_material(code: str, material_id: int) -> FileResponse:
    ctx = context.current()
    row, path = await materials.material_file(ctx, await sessions.get_session(ctx, code), material_id)
    inline = row.content_type in INLINE_TYPES
    # Anything else goes out as plain bytes: under nosniff no page, not even ours, can run it as a script or style.
    media_type = row.content_type if inline else GENERIC_TYPE
    media_type = f'{media_type}; charset=utf-8' if media_type == 'text/plain' else media_type
    return FileResponse(path, media_type=media_type, filename=row.name,
                        content_disposition_type='inline' if inline else 'attachment',
                        headers={'X-Content-Type-Options': 'nosniff'})


@router.get('/sessions/{code}/materials/{material_id}/preview')
async def material_preview(code: str, material_id: int) -> FileResponse:
    """A small WebP picture of an image or of a PDF's first page; 404 when there can be none."""
    ctx = context.current()
    row, _ = await materials.material_file(ctx, await sessions.get_session(ctx, code), material_id)
    path = await previews.preview_of(ctx, row.sha256, row.content_type, row.previewable)
    return FileResponse(path, media_type='image/webp',
                        headers={'X-Content-Type-Options': 'nosniff', 'Cache-Control': 'max-age=86400, immutable'})


@router.get('/sessions/{code}/export', responses={403: {'description': 'not the host'}})
async def export_session(code: str, host_key: str | None = None,
                         x_host_key: Annotated[str | None, Header()] = None) -> FileResponse:
    """The host's zip of the session: the host key as `X-Host-Key` header (or `?host_key=`)."""
    ctx = context.current()
    session = await sessions.get_session(ctx, code)
    require_host(session, x_host_key or host_key, 'export')
    path = await export.export_session(ctx, session)
    return FileResponse(path, media_type='application/zip', filename=f'studyhall-{display_code(session.code)}.zip',
                        headers={'Cache-Control': 'no-store'}, background=BackgroundTask(path.unlink, missing_ok=True))


def browser_id(request: Request) -> str | None:
    """The browser behind a request that carries our cookie (a page's upload, say); None for scripts and bots."""
    return request.session.get('id') if 'session' in request.cookies else None


async def service_error_response(_: Request, error: ServiceError) -> JSONResponse:
    headers = {'Retry-After': str(error.retry_after)} if isinstance(error, TooManyRequests) else None
    return JSONResponse({'error': error.message}, status_code=error.status, headers=headers)


async def validation_error_response(_: Request, error: RequestValidationError) -> JSONResponse:
    problems = [_describe(problem) for problem in error.errors()]
    return JSONResponse({'error': '; '.join(problems), 'details': jsonable(error.errors())}, status_code=422)


def _describe(problem: dict) -> str:
    if problem.get('type') == 'json_invalid':
        return 'The request body is not valid JSON.'
    location = list(problem.get('loc', ()))
    field = '.'.join(str(part) for part in location[1:] if location and location[0] in ('body', 'query', 'path'))
    return f'{field}: {problem.get("msg", "invalid")}' if field else problem.get('msg', 'invalid request')


def jsonable(errors: list[dict]) -> list[dict]:
    return [{key: value for key, value in error.items() if key in ('type', 'loc', 'msg')} for error in errors]
