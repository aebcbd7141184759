import io

import pytest
from PIL import Image

from services import previews
from services.context import Context
from services.errors import NotFound


def picture(size: tuple[int, int], kind: str = 'PNG', mode: str = 'RGB') -> bytes:
    buffer = io.BytesIO()
    Image.new(mode, size, 'white').save(buffer, kind)
    return buffer.getvalue()


def make(ctx: Context, data: bytes, content_type: str) -> tuple[str, tuple[int, int]] | None:
    """What the worker process does, run here directly."""
    source = ctx.files.root / 'source'
    source.write_bytes(data)
    target = ctx.files.root / 'preview.webp'
    if not previews.make_preview(source, target, content_type):
        return None
    with Image.open(target) as made:
        return made.format, made.size


@pytest.mark.parametrize(('size', 'kind', 'content_type'), [
    ((1600, 900), 'PNG', 'image/png'), ((900, 1600), 'JPEG', 'image/jpeg'), ((640, 420), 'PDF', 'application/pdf'),
])
def test_pictures_and_pdfs_get_a_small_preview(ctx: Context, size, kind, content_type) -> None:
    made = make(ctx, picture(size, kind), content_type)
    assert made is not None
    image_format, made_size = made
    assert image_format == 'WEBP'
    assert max(made_size) == previews.PREVIEW_PIXELS


@pytest.mark.filterwarnings('ignore::PIL.Image.DecompressionBombWarning')
def test_a_picture_over_the_pixel_limit_is_never_decoded(ctx: Context) -> None:
    huge = picture((10_000, 10_000), mode='1')  # 100 megapixels, a few kB on disk
    assert make(ctx, huge, 'image/png') is None


def test_a_broken_file_gets_no_preview_and_no_error(ctx: Context) -> None:
    assert make(ctx, b'%PDF-1.4 not really', 'application/pdf') is None
    assert make(ctx, b'\x89PNG\r\n\x1a\n truncated', 'image/png') is None


async def test_only_images_and_pdfs_are_previewed(ctx: Context) -> None:
    assert not previews.can_preview('text/html', previewable=True)
    assert not previews.can_preview('image/png', previewable=False)  # too big, or its header could not be read
    assert previews.can_preview('application/pdf', previewable=False)
    with pytest.raises(NotFound):
        await previews.preview_of(ctx, 'a' * 64, 'text/plain', previewable=False)
