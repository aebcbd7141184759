"""Previews come from a worker process with limits; crafted pictures and PDFs cost that process, never the server,
and a file whose preview fails is still shared."""
import hashlib
import io
import struct
import zlib

import pypdfium2
import pytest
from PIL import Image

from services import materials, previews, sessions
from services.context import Context
from services.errors import NotFound
from services.preview_worker import make_preview


def picture(size: tuple[int, int], kind: str = 'PNG', mode: str = 'RGB') -> bytes:
    buffer = io.BytesIO()
    Image.new(mode, size, 'white').save(buffer, kind)
    return buffer.getvalue()


def pdf(pages: int = 1, size: tuple[float, float] = (595, 842)) -> bytes:
    document = pypdfium2.PdfDocument.new()
    for _ in range(pages):
        document.new_page(*size)
    buffer = io.BytesIO()
    document.save(buffer)
    document.close()
    return buffer.getvalue()


def png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack('>I', len(data)) + kind + data + struct.pack('>I', zlib.crc32(kind + data))


def grey_png(width: int, height: int) -> bytes:
    """A valid PNG of `width` x `height` black pixels, made without holding them (a few hundred kB)."""
    compressor = zlib.compressobj(1)
    row = b'\x00' * (width + 1)
    data = b''.join(compressor.compress(row) for _ in range(height)) + compressor.flush()
    header = struct.pack('>IIBBBBB', width, height, 8, 0, 0, 0, 0)
    return b'\x89PNG\r\n\x1a\n' + png_chunk(b'IHDR', header) + png_chunk(b'IDAT', data) + png_chunk(b'IEND', b'')


async def stored(ctx: Context, data: bytes) -> str:
    async with ctx.files.incoming(len(data) + 1) as incoming:
        await incoming.write(data)
        return (await incoming.store()).sha256


async def preview_size(ctx: Context, data: bytes, content_type: str, previewable: bool = True) -> tuple[int, int]:
    """The size of the preview the worker made; NotFound when it made none."""
    path = await previews.preview_of(ctx, await stored(ctx, data), content_type, previewable)
    with Image.open(path) as made:
        assert made.format == 'WEBP'
        return made.size


@pytest.mark.parametrize(('made', 'content_type'), [
    (lambda: picture((1600, 900)), 'image/png'), (lambda: picture((900, 1600), 'JPEG'), 'image/jpeg'),
    (pdf, 'application/pdf'),
])
async def test_pictures_and_pdfs_get_a_small_preview(ctx: Context, made, content_type: str) -> None:
    assert max(await preview_size(ctx, made(), content_type)) == previews.PREVIEW_PIXELS


async def test_previews_follow_the_pixel_limit_of_the_settings(ctx: Context) -> None:
    """It used to be 40 megapixels whatever the setting: pictures marked previewable whose preview was a 404."""
    ctx.settings.max_image_megapixels = 60
    session, _ = await sessions.create_session(ctx, 'Maps')
    big = picture((10_000, 5_000), mode='1')  # 50 megapixels, a few kB on disk
    async with ctx.files.incoming(len(big)) as incoming:
        await incoming.write(big)
        blob = await incoming.store()
    material = await materials.share_file(ctx, session, 'Ana', 'map.png', blob)
    assert material.previewable
    assert await preview_size(ctx, big, 'image/png', material.previewable) == (160, 80)
    ctx.settings.max_image_megapixels = 40
    with pytest.raises(NotFound):
        await preview_size(ctx, picture((10_000, 4_500), mode='1'), 'image/png')  # 45: over it now


@pytest.mark.parametrize(('made', 'content_type'), [
    (lambda: b'%PDF-1.4 not really', 'application/pdf'),
    (lambda: b'\x89PNG\r\n\x1a\n truncated', 'image/png'),
    (lambda: picture((400, 400))[:300], 'image/png'),  # cut off in its pixels
    (lambda: picture((20_000, 20_000), mode='1'), 'image/png'),  # 400 megapixels: a decompression bomb of 50 kB
    (lambda: b'GIF89a\x01\x00\x01\x00\xf7\x00\x00' + b'\x00' * 90, 'image/gif'),  # a full palette, then nothing
])
async def test_a_broken_or_hostile_file_gets_no_preview(ctx: Context, made, content_type: str) -> None:
    with pytest.raises(NotFound):
        await preview_size(ctx, made(), content_type)


async def test_a_picture_too_big_for_the_workers_memory_gets_no_preview_even_within_the_pixel_limit(
        ctx: Context) -> None:
    ctx.settings.max_image_megapixels = 1000
    with pytest.raises(NotFound):
        await preview_size(ctx, grey_png(24_000, 24_000), 'image/png')  # 576 MB to decode: past the worker's 512


@pytest.mark.parametrize('made', [
    lambda: pdf(pages=3000),
    lambda: pdf(size=(14_400, 14_400)),  # the largest page PDF allows
    lambda: pdf(size=(14_400, 1)),
    lambda: pdf().replace(b'startxref', b'startxref\n999999\n%%EOF\nstartxref', 1),  # no cross-reference there
])
async def test_crafted_pdfs_get_a_small_preview_or_none(ctx: Context, made) -> None:
    try:
        size = await preview_size(ctx, made(), 'application/pdf')
    except NotFound:
        return
    assert max(size) <= previews.PREVIEW_PIXELS


async def test_a_failed_preview_is_remembered_and_the_file_stays_shared(ctx: Context) -> None:
    session, _ = await sessions.create_session(ctx, 'Physics')
    broken = b'%PDF-1.4 broken on purpose'
    async with ctx.files.incoming(len(broken)) as incoming:
        await incoming.write(broken)
        blob = await incoming.store()
    material = await materials.share_file(ctx, session, 'Ana', 'broken.pdf', blob)
    for _ in range(2):
        with pytest.raises(NotFound):
            await previews.preview_of(ctx, material.sha256, material.content_type, material.previewable)
    assert (ctx.files.root / '.previews' / f'{hashlib.sha256(broken).hexdigest()}.failed').exists()
    assert [m.name for m in await materials.list_materials(ctx, session)] == ['broken.pdf']


def test_the_worker_makes_the_preview_where_asked(tmp_path) -> None:
    source, target = tmp_path / 'source', tmp_path / 'out' / 'preview.webp'
    source.write_bytes(picture((300, 200)))
    assert make_preview(source, target, 'image/png', 40_000_000)
    with Image.open(target) as made:
        assert made.size == (160, 107)


async def test_only_images_and_pdfs_are_previewed(ctx: Context) -> None:
    assert not previews.can_preview('text/html', previewable=True)
    assert not previews.can_preview('image/png', previewable=False)  # too big, or its header could not be read
    assert previews.can_preview('application/pdf', previewable=False)
    with pytest.raises(NotFound):
        await previews.preview_of(ctx, 'a' * 64, 'text/plain', previewable=False)
