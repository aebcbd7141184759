"""Export a session as one zip: the transcript as Markdown and JSON, and every material under its own name."""
import logging
import uuid
import zipfile
from datetime import UTC, datetime
from pathlib import Path

from db.models import StudySession
from db.schemas import MaterialPublic, MessagePublic, SessionPublic
from framework_seams import io_bound
from i18n import _

from . import materials, messages, transcript
from .context import Context
from .errors import StorageUnavailable
from .poll_export import poll_files
from .question_export import question_files
from .storage import FileStore

log = logging.getLogger(__name__)

PAGE = 1000


async def export_session(ctx: Context, session: StudySession) -> Path:
    """Write the zip to a temp file (the caller removes it; a start-up sweep would too) and return its path."""
    history = await _all_messages(ctx, session.id)
    shared = await materials.list_materials(ctx, session)
    extras = await poll_files(ctx, session) | await question_files(ctx, session)
    target = ctx.files.temp_dir / f'export-{uuid.uuid4().hex}.zip.part'
    try:
        await io_bound(write_zip, target, SessionPublic.of(session), history, shared, ctx.files, extras)
    except OSError as e:
        target.unlink(missing_ok=True)
        raise StorageUnavailable(_('The export could not be written: the server\'s storage is full or not '
                                   'writable.')) from e
    return target


async def _all_messages(ctx: Context, session_id: int) -> list[MessagePublic]:
    rows: list[MessagePublic] = []
    while page := await messages.messages_after(ctx, session_id, rows[-1].id if rows else 0, PAGE):
        rows += page
    return rows


def write_zip(target: Path, session: SessionPublic, history: list[MessagePublic], shared: list[MaterialPublic],
              files: FileStore, extras: dict[str, str] | None = None) -> None:
    """Blocking: run it with `io_bound`. Materials are stored uncompressed (most are compressed already);
    `extras`: more files by name (the polls)."""
    exported_at = datetime.now(UTC)
    missing = [material for material in shared if not files.path_of(material.sha256).exists()]
    if missing:
        log.warning('export of %s: %d files are missing on disk and left out', session.code, len(missing))
        shared = [material for material in shared if material not in missing]
    names = transcript.unique_names([material.name for material in shared])
    with zipfile.ZipFile(target, 'w', zipfile.ZIP_DEFLATED) as archive:
        archive.writestr('transcript.md', transcript.as_markdown(session, history, exported_at))
        archive.writestr('transcript.json', transcript.as_json(session, history, shared, names, exported_at))
        for extra, text in (extras or {}).items():
            archive.writestr(extra, text)
        for material, name in zip(shared, names, strict=True):
            archive.write(files.path_of(material.sha256), f'materials/{name}', compress_type=zipfile.ZIP_STORED)
