"""Small preview pictures of shared images and of a PDF's first page, made once per content in a worker process."""
import os
import uuid
from pathlib import Path

from PIL import Image

from framework_seams import cpu_bound

from .context import Context
from .errors import NotFound
from .file_types import PICTURE_TYPES

PREVIEW_PIXELS = 160
MAX_SOURCE_PIXELS = 40_000_000  # larger pictures are shared as they are but never decoded
PDF_TYPE = 'application/pdf'


def can_preview(content_type: str, previewable: bool) -> bool:
    """PDFs, and pictures whose header was read at upload and whose size is within the limit."""
    return content_type == PDF_TYPE or (content_type in PICTURE_TYPES and previewable)


async def preview_of(ctx: Context, sha256: str, content_type: str, previewable: bool) -> Path:
    """The preview file of this content, made on first request (NotFound if there can be none)."""
    target = ctx.files.root / '.previews' / f'{sha256}.webp'
    if target.exists():
        return target
    if can_preview(content_type, previewable):
        source = ctx.files.path_of(sha256)
        if await cpu_bound(make_preview, source, target, content_type):
            return target
    raise NotFound('There is no preview of this file.')


def make_preview(source: Path, target: Path, content_type: str) -> bool:
    """Runs in a worker process: a bad or hostile file can cost that process, never the server's event loop."""
    try:
        picture = _first_pdf_page(source) if content_type == PDF_TYPE else _small_image(source)
    except Exception:
        return False
    if picture is None:
        return False
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f'{uuid.uuid4().hex}.tmp')
    picture.convert('RGB').save(temporary, 'WEBP', quality=80)
    os.replace(temporary, target)
    return True


def _small_image(source: Path) -> Image.Image | None:
    with Image.open(source) as image:  # reads the header only
        if image.width * image.height > MAX_SOURCE_PIXELS:
            return None
        image.draft('RGB', (PREVIEW_PIXELS, PREVIEW_PIXELS))  # JPEG decodes at a fraction of its size
        image.thumbnail((PREVIEW_PIXELS, PREVIEW_PIXELS))
        return image.copy()


def _first_pdf_page(source: Path) -> Image.Image:
    import pypdfium2
    document = pypdfium2.PdfDocument(source)
    try:
        page = document[0]
        width, height = page.get_size()
        picture = page.render(scale=PREVIEW_PIXELS / max(width, height, 1)).to_pil()
        picture.thumbnail((PREVIEW_PIXELS, PREVIEW_PIXELS))
        return picture
    finally:
        document.close()
