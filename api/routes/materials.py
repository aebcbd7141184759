"""Shared files: upload (streamed to disk), list, download, preview; the host takes one out."""
from fastapi import APIRouter, Request
from fastapi.responses import FileResponse

from db.schemas import MaterialPublic
from services import materials, previews
from services.file_types import GENERIC_TYPE, INLINE_TYPES
from services.form_upload import receive_file

from ..deps import BrowserId, Ctx, HostKey, SessionByCode

router = APIRouter(prefix='/api', tags=['materials'])
NOSNIFF = {'X-Content-Type-Options': 'nosniff'}


@router.post('/sessions/{code}/materials', status_code=201,
             responses={413: {'description': 'over the size limit or the session\'s quota'},
                        507: {'description': 'the server\'s storage is full or not writable'}})
async def share_material(request: Request, session: SessionByCode, ctx: Ctx, browser: BrowserId) -> MaterialPublic:
    """Multipart form with `file`, `author` and optionally `client_upload_id` (the same again: the file recorded the
    first time, kept once); streamed to disk, never more than the upload limit."""
    limit, refusal = await materials.upload_allowance(ctx, session)
    async with ctx.files.incoming(limit, refusal) as incoming:
        received = await receive_file(request.headers, request.stream(), incoming,
                                      field_names=('author', 'client_upload_id'))
        return await materials.share_file(ctx, session, received.fields['author'], received.file_name,
                                          received.blob, received.content_type, browser,
                                          received.fields['client_upload_id'] or None)


@router.get('/sessions/{code}/materials')
async def list_materials(session: SessionByCode, ctx: Ctx) -> list[MaterialPublic]:
    """The session's materials, oldest first."""
    return await materials.list_materials(ctx, session)


@router.get('/sessions/{code}/materials/{material_id}/download', response_class=FileResponse)
async def download_material(material_id: int, session: SessionByCode, ctx: Ctx) -> FileResponse:
    """The bytes as uploaded: pictures, PDFs and plain text inline, everything else as an attachment."""
    row, path = await materials.material_file(ctx, session, material_id)
    inline = row.content_type in INLINE_TYPES
    # Anything else goes out as plain bytes: under nosniff no page, not even ours, can run it as a script or style.
    media_type = row.content_type if inline else GENERIC_TYPE
    media_type = f'{media_type}; charset=utf-8' if media_type == 'text/plain' else media_type
    return FileResponse(path, media_type=media_type, filename=row.name,
                        content_disposition_type='inline' if inline else 'attachment', headers=NOSNIFF)


@router.get('/sessions/{code}/materials/{material_id}/preview', response_class=FileResponse)
async def material_preview(material_id: int, session: SessionByCode, ctx: Ctx) -> FileResponse:
    """A small WebP picture of an image or of a PDF's first page; 404 when there can be none."""
    row, _ = await materials.material_file(ctx, session, material_id)
    path = await previews.preview_of(ctx, row.sha256, row.content_type, row.previewable)
    return FileResponse(path, media_type='image/webp',
                        headers={**NOSNIFF, 'Cache-Control': 'max-age=86400, immutable'})


@router.delete('/sessions/{code}/materials/{material_id}', status_code=204,
               responses={403: {'description': 'not the host'}})
async def remove_material(material_id: int, session: SessionByCode, ctx: Ctx, host_key: HostKey) -> None:
    """Host only: the file leaves the session for everyone."""
    await materials.remove_material(ctx, session, material_id, host_key)
