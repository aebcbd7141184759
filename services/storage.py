"""Shared files on disk: streamed into a temp file, hashed and counted on the way, then stored by content."""
import contextlib
import hashlib
import logging
import os
import re
import time
import uuid
from collections.abc import Collection, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from framework_seams import io_bound
from i18n import _

from .errors import StorageUnavailable, TooLarge
from .text import human_size

log = logging.getLogger(__name__)

FLUSH_BYTES = 1024 * 1024
STALE_TEMP_SECONDS = 3600
_SHARD = re.compile(r'[0-9a-f]{2}')
_CONTENT_NAME = re.compile(r'[0-9a-f]{64}')


@dataclass(frozen=True)
class StoredBlob:
    sha256: str
    size: int


class FileStore:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.temp_dir = root / '.incoming'

    def path_of(self, sha256: str) -> Path:
        return self.root / sha256[:2] / sha256

    def incoming(self, limit: int, refusal: str | None = None) -> 'IncomingFile':
        """A new upload that may carry at most `limit` bytes (else TooLarge, with `refusal` as its message)."""
        return IncomingFile(self, limit, refusal)

    async def store_bytes(self, data: bytes) -> StoredBlob:
        """Store content the server made itself (no limit applies)."""
        async with self.incoming(len(data)) as incoming:
            await incoming.write(data)
            return await incoming.store()

    async def sweep_temporary(self, older_than: float = 0) -> int:
        """Remove temp files left by an interrupted upload; at start-up every one of them is stale."""
        return await io_bound(self._sweep, older_than)

    def _sweep(self, older_than: float) -> int:
        self.temp_dir.mkdir(parents=True, exist_ok=True)
        deadline = time.time() - older_than
        stale = [path for path in self.temp_dir.iterdir() if path.stat().st_mtime <= deadline]
        for path in stale:
            path.unlink(missing_ok=True)
        return len(stale)

    async def sweep_orphans(self, referenced: set[str], older_than: float) -> int:
        """Remove stored files that no material refers to (an upload cut off between file and row).

        The grace period spares a file another process has just put in place and is about to record.
        """
        return await io_bound(self._sweep_orphans, referenced, older_than)

    def _sweep_orphans(self, referenced: set[str], older_than: float) -> int:
        deadline = time.time() - older_than
        removed = 0
        for path in self.stored_files():
            if path.name not in referenced and path.stat().st_mtime <= deadline:
                path.unlink(missing_ok=True)
                removed += 1
        return removed

    async def remove(self, hashes: Collection[str], spare_newer_than: float) -> int:
        """Remove the stored files of these hashes (no material refers to them any more), sparing a file put in place
        within the last `spare_newer_than` seconds: an upload of the same content may be about to record it (if it
        is not, the start-up sweep removes it later)."""
        return await io_bound(self._remove, hashes, spare_newer_than)

    def _remove(self, hashes: Collection[str], spare_newer_than: float) -> int:
        deadline = time.time() - spare_newer_than
        removed = 0
        for sha256 in hashes:
            path = self.path_of(sha256)
            with contextlib.suppress(FileNotFoundError):
                if path.stat().st_mtime <= deadline:
                    path.unlink()
                    removed += 1
        return removed

    def stored_files(self) -> Iterator[Path]:
        """Every file kept at its content address (blocking)."""
        for shard in self.root.iterdir():
            if shard.is_dir() and _SHARD.fullmatch(shard.name):
                yield from (path for path in shard.iterdir() if _CONTENT_NAME.fullmatch(path.name))


class IncomingFile:
    """Bytes of one upload on their way to disk; over `limit` raises TooLarge. Use as `async with`.

    A failing disk (full, read-only, not writable) raises StorageUnavailable; the temp file is always removed.
    """

    def __init__(self, store: FileStore, limit: int, refusal: str | None = None) -> None:
        self._file_store = store
        self.limit = limit
        self.refusal = refusal or _('The file is larger than the limit of %(limit)s.', limit=human_size(limit))
        self.size = 0
        self._hash = hashlib.sha256()
        self._pending = bytearray()
        self._temp_path = store.temp_dir / f'{uuid.uuid4().hex}.part'
        self._file: BinaryIO | None = None

    async def __aenter__(self) -> 'IncomingFile':
        with _storage_errors():
            self._file = await io_bound(self._open)
        return self

    async def __aexit__(self, *_) -> None:
        await io_bound(self._close_and_remove_temp)

    async def write(self, chunk: bytes) -> None:
        self.size += len(chunk)
        if self.size > self.limit:
            raise TooLarge(self.refusal)
        self._pending += chunk
        if len(self._pending) >= FLUSH_BYTES:
            await self._flush()

    async def store(self) -> StoredBlob:
        """Put the complete file at its content address (kept once however often it is uploaded)."""
        await self._flush()
        sha256 = self._hash.hexdigest()
        with _storage_errors():
            await io_bound(self._move_into_place, self._file_store.path_of(sha256))
        return StoredBlob(sha256=sha256, size=self.size)

    async def _flush(self) -> None:
        if self._pending:
            data, self._pending = bytes(self._pending), bytearray()
            with _storage_errors():
                await io_bound(self._write_and_hash, data)

    def _open(self) -> BinaryIO:
        self._temp_path.parent.mkdir(parents=True, exist_ok=True)
        return self._temp_path.open('xb')

    def _write_and_hash(self, data: bytes) -> None:
        assert self._file is not None, 'opened on entering'
        self._file.write(data)
        self._hash.update(data)

    def _move_into_place(self, target: Path) -> None:
        assert self._file is not None, 'opened on entering'
        self._file.flush()
        os.fsync(self._file.fileno())
        self._file.close()
        target.parent.mkdir(parents=True, exist_ok=True)
        if target.exists():
            self._temp_path.unlink()
            os.utime(target)  # fresh again: an orphan sweep's grace period now spares it until its row is written
        else:
            os.replace(self._temp_path, target)

    def _close_and_remove_temp(self) -> None:
        try:
            if self._file is not None and not self._file.closed:
                self._file.close()
        except OSError:
            pass  # a full disk cannot take the rest of the buffer; the file goes anyway
        try:
            self._temp_path.unlink(missing_ok=True)
        except OSError as e:
            log.warning('could not remove the temp file %s: %s', self._temp_path, e)


@contextmanager
def _storage_errors() -> Iterator[None]:
    try:
        yield
    except OSError as e:
        log.error('storage unavailable: %s', e)
        raise StorageUnavailable(_('The file could not be stored: the server\'s storage is full or not writable. '
                                   'Messages still work.')) from e

