"""Small preview pictures of shared images and of a PDF's first page, made once per content by a process of its own
(services/preview_worker.py) with limits on memory, CPU time and wall time. A file whose preview fails is still
shared, only without a preview; the failure is remembered, so asking again costs nothing."""
import asyncio
import contextlib
import logging
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from i18n import _
from settings import PROJECT_DIR

from .errors import NotFound
from .file_types import PICTURE_TYPES
from .preview_worker import PDF_TYPE, PREVIEW_PIXELS

if TYPE_CHECKING:
    from .context import Context  # which holds the Previews

log = logging.getLogger(__name__)

WALL_SECONDS = 20  # the worker's CPU limit is 10 s; a worker waiting on a stuck disk is stopped too
AT_ONCE = 2  # previews being made at the same time: a crafted batch of files does not start a process per file

__all__ = ['PREVIEW_PIXELS', 'Previews', 'can_preview', 'preview_of']


async def preview_of(ctx: 'Context', sha256: str, content_type: str, previewable: bool) -> Path:
    """The preview file of this content, made on first request (NotFound if there can be none)."""
    return await ctx.previews.preview_of(ctx, sha256, content_type, previewable)


def can_preview(content_type: str, previewable: bool) -> bool:
    """PDFs, and pictures whose header was read at upload and whose size is within the limit."""
    return content_type == PDF_TYPE or (content_type in PICTURE_TYPES and previewable)


class Previews:

    def __init__(self) -> None:
        self._turns: asyncio.Semaphore | None = None
        self._making: dict[str, asyncio.Task] = {}  # one worker per content, however many pages ask for it

    async def preview_of(self, ctx: 'Context', sha256: str, content_type: str, previewable: bool) -> Path:
        folder = ctx.files.root / '.previews'
        target, failed = folder / f'{sha256}.webp', folder / f'{sha256}.failed'
        if target.exists():
            return target
        if can_preview(content_type, previewable) and not failed.exists():
            if sha256 not in self._making:
                source = ctx.files.path_of(sha256)
                self._making[sha256] = asyncio.ensure_future(
                    self._make(source, target, failed, content_type, ctx.settings.max_image_pixels))
                self._making[sha256].add_done_callback(lambda _: self._making.pop(sha256, None))
            if await asyncio.shield(self._making[sha256]):
                return target
        raise NotFound(_('There is no preview of this file.'))

    async def _make(self, source: Path, target: Path, failed: Path, content_type: str, max_pixels: int) -> bool:
        if self._turns is None:
            self._turns = asyncio.Semaphore(AT_ONCE)
        async with self._turns:
            made = await _run_worker(source, target, content_type, max_pixels)
        if not made:
            log.info('no preview of %s (%s): it is shared without one', source.name, content_type)
            failed.parent.mkdir(parents=True, exist_ok=True)
            failed.touch()
        return made


async def _run_worker(source: Path, target: Path, content_type: str, max_pixels: int) -> bool:
    worker = await asyncio.create_subprocess_exec(
        sys.executable, '-m', 'services.preview_worker', str(source), str(target), content_type, str(max_pixels),
        cwd=PROJECT_DIR, stdin=asyncio.subprocess.DEVNULL, stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.DEVNULL)
    try:
        async with asyncio.timeout(WALL_SECONDS):
            return await worker.wait() == 0 and target.exists()
    except TimeoutError:
        return False
    finally:
        if worker.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                worker.kill()
            await worker.wait()
