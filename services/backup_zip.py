"""The owner's backup as one zip, streamed: `data/studyhall.db` and `uploads/` as `python main.py backup` lays them out.

The database is first copied with SQLite's online backup API into a snapshot file (backup.py: one read transaction,
while writers go on); then the zip is written block by block into memory that is handed on and emptied after each
block, so neither the database nor any file is ever held whole. A row is only written after its file is in place, so
every file the snapshot refers to is there (unless a session was deleted meanwhile: that file is left out).
Restore by unpacking it and starting with `--data-dir DIR/data --uploads-dir DIR/uploads`.
"""
import logging
import uuid
import zipfile
from collections.abc import Iterator
from pathlib import Path

from sqlalchemy.engine import make_url

from framework_seams import io_bound

from .backup import DATABASE_NAME, copy_database
from .context import Context
from .errors import InvalidInput

log = logging.getLogger(__name__)

BLOCK = 1024 * 1024


async def snapshot(ctx: Context) -> Path:
    """A consistent copy of the SQLite database in the uploads' temp folder (the caller streams, then removes it; the
    start-up sweep removes one left behind)."""
    url = make_url(ctx.db.url)
    if not url.drivername.startswith('sqlite') or not url.database:
        raise InvalidInput('The backup button copies a SQLite database; with PostgreSQL, back the database up with '
                           'pg_dump and copy the uploads folder.')
    target = ctx.files.temp_dir / f'backup-{uuid.uuid4().hex}.db'
    integrity = await io_bound(copy_database, Path(url.database), target)
    if integrity != 'ok':
        log.warning('backup: the database snapshot failed its integrity check: %s', integrity)
    return target


def zip_blocks(database: Path, uploads_root: Path, files: Iterator[Path]) -> Iterator[bytes]:
    """Blocking (Starlette runs a plain iterator in a worker thread); removes `database` when done or abandoned."""
    out = _Blocks()
    try:
        with zipfile.ZipFile(out, 'w', zipfile.ZIP_DEFLATED) as archive:
            yield from _add(archive, out, database, f'data/{DATABASE_NAME}', zipfile.ZIP_DEFLATED)
            for path in files:
                name = f'uploads/{path.relative_to(uploads_root).as_posix()}'
                yield from _add(archive, out, path, name, zipfile.ZIP_STORED)  # most shared files are compressed
        yield out.take()
    finally:
        database.unlink(missing_ok=True)


def _add(archive: zipfile.ZipFile, out: '_Blocks', path: Path, name: str, compression: int) -> Iterator[bytes]:
    try:
        source = path.open('rb')
    except FileNotFoundError:  # removed since the snapshot (its session was deleted)
        log.info('backup: %s was removed meanwhile and is left out', name)
        return
    info = zipfile.ZipInfo.from_file(path, name)
    info.compress_type = compression
    with source, archive.open(info, 'w', force_zip64=True) as entry:
        while block := source.read(BLOCK):
            entry.write(block)
            if out.size >= BLOCK:
                yield out.take()


class _Blocks:
    """Where the zip writes: bytes collect until taken (zipfile writes data descriptors to a stream it cannot
    seek)."""

    def __init__(self) -> None:
        self._parts: list[bytes] = []
        self.size = 0

    def write(self, data: bytes, /) -> int:
        self._parts.append(bytes(data))
        self.size += len(data)
        return len(data)

    def flush(self) -> None:
        pass

    def close(self) -> None:
        pass

    def take(self) -> bytes:
        data = b''.join(self._parts)
        self._parts.clear()
        self.size = 0
        return data
