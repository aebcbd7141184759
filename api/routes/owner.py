"""The owner's routes: every session with its figures, deleting one, the server's facts, the backup zip.

Each needs the owner key as `X-Owner-Key` (403 without it or with a wrong one; wrong keys count per address like
wrong join codes). The backup also takes `?token=` from the owner's page, so the key never stands in an address.
"""
from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Header, Query, Response
from fastapi.responses import StreamingResponse

from services import backup_zip, deletion, overview, owner
from services.overview import ServerStatus, SessionFigures

from ..deps import ClientAddress, Ctx, OwnerKey, SessionByCode

router = APIRouter(prefix='/api/owner', tags=['owner'])
REFUSED: dict[int | str, dict[str, Any]] = {403: {'description': 'no owner key, or a wrong one'},
           429: {'description': 'too many wrong owner keys from this address'}}


@router.get('/sessions', responses=REFUSED)
async def list_sessions(ctx: Ctx, _: OwnerKey) -> list[SessionFigures]:
    """Every session, most recently active first."""
    return await overview.sessions(ctx)


@router.delete('/sessions/{code}', status_code=204, responses={**REFUSED, 404: {'description': 'no such session'}})
async def delete_session(_: OwnerKey, session: SessionByCode, ctx: Ctx) -> Response:
    # (the key is checked first: without it, nobody learns whether a code exists)
    """For good: its messages, read positions, reactions, materials, and every stored file no other session uses.
    Its open pages are told."""
    await deletion.delete_session(ctx, session)
    return Response(status_code=204)


@router.get('/status', responses=REFUSED)
async def server_status(ctx: Ctx, _: OwnerKey) -> ServerStatus:
    return await overview.status(ctx)


@router.get('/backup', response_class=StreamingResponse,
            responses={200: {'content': {'application/zip': {}}}, **REFUSED,
                       422: {'description': 'the database is not SQLite (use pg_dump)'}})
async def backup(ctx: Ctx, address: ClientAddress,
                 x_owner_key: Annotated[str | None, Header(alias='X-Owner-Key')] = None,
                 token: Annotated[str | None, Query()] = None) -> StreamingResponse:
    """A consistent zip of the database and the shared files, streamed (`data/studyhall.db`, `uploads/`)."""
    if not owner.is_download_token(ctx, token):  # a wrong token counts as a wrong key
        await owner.require_owner(ctx, x_owner_key or token, address, 'a backup')
    database = await backup_zip.snapshot(ctx)
    blocks = backup_zip.zip_blocks(database, ctx.files.root, ctx.files.stored_files())
    name = f'studyhall-backup-{datetime.now(UTC):%Y-%m-%d-%H%M}.zip'
    return StreamingResponse(blocks, media_type='application/zip',
                             headers={'Content-Disposition': f'attachment; filename="{name}"',
                                      'Cache-Control': 'no-store'})
