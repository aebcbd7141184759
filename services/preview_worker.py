"""Makes one preview, in a process of its own with limits on its memory and CPU time: a hostile picture or PDF
(a decompression bomb, a page the size of a field, a broken cross-reference table) costs this process, never the
server. services/previews.py runs it and also stops it after a while of wall time.

`python -m services.preview_worker SOURCE TARGET CONTENT_TYPE MAX_PIXELS`; exit status 0 when TARGET was made.
"""
import os
import resource
import sys
import uuid
import warnings
from pathlib import Path

MEMORY_LIMIT_BYTES = 512 * 1024 * 1024
CPU_SECONDS = 10
PREVIEW_PIXELS = 160
PDF_TYPE = 'application/pdf'


def limit_resources() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT_BYTES, MEMORY_LIMIT_BYTES))
    resource.setrlimit(resource.RLIMIT_CPU, (CPU_SECONDS, CPU_SECONDS))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def make_preview(source: Path, target: Path, content_type: str, max_pixels: int) -> bool:
    """A small WebP of the picture or of the PDF's first page at `target`; False when there can be none."""
    try:
        picture = _first_pdf_page(source) if content_type == PDF_TYPE else _small_image(source, max_pixels)
    except Exception:  # whatever a broken or hostile file makes a decoder raise: no preview
        return False
    if picture is None:
        return False
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f'{uuid.uuid4().hex}.tmp')
    picture.convert('RGB').save(temporary, 'WEBP', quality=80)
    os.replace(temporary, target)
    return True


def _small_image(source: Path, max_pixels: int):
    from PIL import Image

    from services.inspection import PILLOW_FORMATS
    Image.MAX_IMAGE_PIXELS = max_pixels  # Pillow's own bomb check follows the setting too
    with warnings.catch_warnings():
        warnings.simplefilter('error', Image.DecompressionBombWarning)
        with Image.open(source, formats=PILLOW_FORMATS) as image:  # reads the header only
            if image.width * image.height > max_pixels:
                return None
            image.draft('RGB', (PREVIEW_PIXELS, PREVIEW_PIXELS))  # JPEG decodes at a fraction of its size
            image.thumbnail((PREVIEW_PIXELS, PREVIEW_PIXELS))
            return image.copy()


def _first_pdf_page(source: Path):
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


def main(arguments: list[str]) -> int:
    source, target, content_type, max_pixels = arguments
    limit_resources()
    return 0 if make_preview(Path(source), Path(target), content_type, int(max_pixels)) else 1


if __name__ == '__main__':
    raise SystemExit(main(sys.argv[1:]))
