"""Facts about a stored file from its first bytes and, for a picture, its header (never its pixels)."""
import logging
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

from .file_types import HEAD_BYTES, PICTURE_TYPES, sniff

log = logging.getLogger(__name__)

PILLOW_FORMATS = ['PNG', 'JPEG', 'GIF', 'WEBP']


@dataclass(frozen=True)
class FileFacts:
    detected_type: str | None
    width: int | None = None
    height: int | None = None
    previewable: bool = False  # a picture whose size is known and within the limit: safe to decode


def inspect_file(path: Path, max_pixels: int) -> FileFacts:
    """Blocking: run it with `io_bound`."""
    with path.open('rb') as file:
        detected = sniff(file.read(HEAD_BYTES))
    if detected not in PICTURE_TYPES:
        return FileFacts(detected)
    size = picture_size(path, max_pixels)
    if size is None:
        return FileFacts(detected)
    width, height = size
    return FileFacts(detected, width, height, previewable=width * height <= max_pixels)


def picture_size(path: Path, max_pixels: int) -> tuple[int, int] | None:
    """Width and height from the header; None for a picture Pillow refuses (corrupt, or a decompression bomb: more
    than twice the pixel limit, which Pillow's own check follows, as the preview worker's does)."""
    Image.MAX_IMAGE_PIXELS = max_pixels  # the same value every time: the setting
    try:
        with Image.open(path, formats=PILLOW_FORMATS) as image:  # lazy: reads the header only
            return image.size
    except (Image.DecompressionBombError, OSError, SyntaxError, ValueError) as e:
        log.info('picture %s is not readable (%s); it is kept but never decoded', path.name, e)
        return None
