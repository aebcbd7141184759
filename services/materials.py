"""Intents around shared files: share one (file in place, then row, then publish), list, open for download."""
import mimetypes
import shutil
from pathlib import Path

from sqlalchemy.exc import IntegrityError

from db import queries
from db.models import Material, StudySession
from db.schemas import MaterialPublic
from framework_seams import io_bound
from i18n import _
from realtime.events import MaterialRemoved, MaterialShared

from . import existing
from .context import Context
from .errors import NotFound, StorageUnavailable, TooLarge
from .file_types import GENERIC_TYPE, stored_type
from .host import require_host
from .inspection import inspect_file
from .sessions import clean_nickname, writer
from .storage import StoredBlob
from .text import clean_file_name, clean_line, human_size

CLIENT_UPLOAD_ID_MAX = 64


async def share_file(ctx: Context, session: StudySession, author: str, file_name: str, blob: StoredBlob,
                     content_type: str | None = None, browser_id: str | None = None,
                     client_upload_id: str | None = None) -> MaterialPublic:
    """Record a file that is already stored at its content address, and publish it to the session.

    The type kept is judged by the file's bytes; a picture's size is read from its header, never by decoding it.
    `client_upload_id`: the uploading page's id for this file; the same id again (an upload retried after its answer
    was lost) returns the material recorded the first time, and nothing new is recorded or published.
    """
    author = clean_nickname(author)
    name = clean_file_name(file_name)
    client_upload_id = clean_line(client_upload_id or '', CLIENT_UPLOAD_ID_MAX) or None
    facts = await io_bound(inspect_file, ctx.files.path_of(blob.sha256), ctx.settings.max_image_pixels)
    kept_type = stored_type(guess_type(name, content_type), facts.detected_type)
    try:
        async with ctx.db.write() as db:
            if client_upload_id and (row := await queries.material_by_upload_id(db, session.id, client_upload_id)):
                return MaterialPublic.of(row, session.code)
            _check_quota(ctx, await queries.storage_used(db, session.id), blob.size)
            participant = await writer(db, session.id, author, browser_id)
            row = Material(session_id=session.id, participant_id=participant.id, author=participant.name, name=name,
                           size=blob.size, sha256=blob.sha256, content_type=kept_type, image_width=facts.width,
                           image_height=facts.height, client_upload_id=client_upload_id,
                           previewable=facts.previewable and kept_type == facts.detected_type)
            db.add(row)
            await db.flush()
    except IntegrityError:  # the same retry was recorded by a concurrent request: that one wins
        if not client_upload_id:
            raise
        async with ctx.db.read() as db:
            row = await queries.material_by_upload_id(db, session.id, client_upload_id)
        if row is None:
            raise
        return MaterialPublic.of(row, session.code)
    material = MaterialPublic.of(row, session.code)
    await ctx.hub.publish(session.id, MaterialShared(session_id=session.id, material=material))
    return material


async def upload_allowance(ctx: Context, session: StudySession) -> tuple[int, str | None]:
    """The most bytes the next upload to this session may have, and the refusal to give when it has more.
    StorageUnavailable (507) while the disk has less free space than the setting, whichever session asks."""
    await _check_free_space(ctx)
    async with ctx.db.read() as db:
        used = await queries.storage_used(db, session.id)
    left = ctx.settings.session_quota_bytes - used
    _check_quota(ctx, used, 1)
    if left < ctx.settings.max_upload_bytes:
        return left, _quota_refusal(ctx, used)
    return ctx.settings.max_upload_bytes, None


async def _check_free_space(ctx: Context) -> None:
    try:
        free = (await io_bound(shutil.disk_usage, ctx.files.root)).free
    except OSError as e:
        raise StorageUnavailable(_('The server cannot reach its storage, so it takes no files for now. Messages '
                                   'still work.')) from e
    if free < ctx.settings.min_free_disk_bytes:
        raise StorageUnavailable(_('The server is almost out of disk space (%(free)s free), so it takes no new files '
                                   'for now. Files shared so far are kept, and messages still work.',
                                   free=human_size(free)))


def _check_quota(ctx: Context, used: int, size: int) -> None:
    if used + size > ctx.settings.session_quota_bytes:
        raise TooLarge(_quota_refusal(ctx, used))


def _quota_refusal(ctx: Context, used: int) -> str:
    quota = ctx.settings.session_quota_bytes
    return _('This session has used %(used)s of its %(quota)s for files, so this file does not fit. Files shared so '
             'far are kept.', used=human_size(used), quota=human_size(quota))


async def remove_material(ctx: Context, session: StudySession, material_id: int, host_key: str | None) -> None:
    """The host takes a file out of the session. Its bytes stay on disk while other rows share them; the
    start-up sweep removes content nobody refers to any more."""
    require_host(session, host_key, 'removing a file')
    async with ctx.db.write() as db:
        await db.delete(await existing.material(db, session.id, material_id))
    await ctx.hub.publish(session.id, MaterialRemoved(session_id=session.id, material_id=material_id))


async def list_materials(ctx: Context, session: StudySession) -> list[MaterialPublic]:
    async with ctx.db.read() as db:
        rows = await queries.materials_of(db, session.id)
    return [MaterialPublic.of(row, session.code) for row in rows]


async def material_file(ctx: Context, session: StudySession, material_id: int) -> tuple[Material, Path]:
    """The row and the path on disk of a material of this session."""
    async with ctx.db.read() as db:
        row = await existing.material(db, session.id, material_id)
    path = ctx.files.path_of(row.sha256)
    if not path.exists():
        raise NotFound(_(existing.MATERIAL_GONE))
    return row, path


def guess_type(name: str, declared: str | None) -> str:
    """The type by the file's extension, else what the browser said, else generic bytes."""
    guessed, _encoding = mimetypes.guess_type(name)
    declared = (declared or '').split(';')[0].strip().lower()
    return guessed or (declared if '/' in declared and len(declared) <= 127 else GENERIC_TYPE)
