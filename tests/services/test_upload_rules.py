"""What a shared file is kept as: its type judged by its bytes, pictures measured but never decoded, quotas."""
import hashlib
import os
import time

import pytest

from services import materials, sessions
from services.context import Context
from services.errors import StorageUnavailable, TooLarge
from services.file_types import stored_type
from settings import Settings
from tests.files import picture, png_header, zip_bomb

from .test_materials import files_on_disk, store

QUOTA_MB = 0.1
QUOTA_BYTES = int(QUOTA_MB * 1024 * 1024)  # 104,857 bytes


@pytest.fixture
def settings(tmp_path) -> Settings:
    return Settings(data_dir=tmp_path / 'data', uploads_dir=tmp_path / 'uploads',
                    session_quota_mb=QUOTA_MB)


@pytest.fixture
async def session(ctx: Context):
    row, _ = await sessions.create_session(ctx, 'Uploads')
    return row


async def share(ctx: Context, session, name: str, data: bytes, declared: str | None = None):
    return await materials.share_file(ctx, session, 'Ana', name, await store(ctx, data), declared)


@pytest.mark.parametrize(('claimed', 'detected', 'kept'), [
    ('image/png', 'image/png', 'image/png'),
    ('image/png', 'image/jpeg', 'image/jpeg'),  # a JPEG named .png is still a picture
    ('image/png', 'text/html', 'text/html'),  # markup named .png is never shown as a picture
    ('image/png', None, 'application/octet-stream'),
    ('application/pdf', 'application/x-msdownload', 'application/x-msdownload'),
    ('text/plain', 'text/html', 'text/html'),
    ('text/plain', 'image/svg+xml', 'image/svg+xml'),
    ('text/plain', None, 'text/plain'),
    ('application/zip', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'application/zip'),
    ('application/octet-stream', 'image/png', 'image/png'),
    ('text/html', None, 'text/html'),
])
def test_the_kept_type_never_lets_a_name_show_other_bytes_inline(claimed, detected, kept) -> None:
    assert stored_type(claimed, detected) == kept


@pytest.mark.parametrize(('name', 'data', 'declared', 'kept'), [
    ('photo.png', b'<!DOCTYPE html><html><script>alert(1)</script></html>', 'image/png', 'text/html'),
    ('notes.txt', b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', 'text/plain', 'image/svg+xml'),
    ('paper.pdf', b'MZ\x90\x00' + bytes(200), 'application/pdf', 'application/vnd.microsoft.portable-executable'),
    ('photo.png', picture('JPEG'), 'image/png', 'image/jpeg'),
    ('notes.txt', b'plain words', 'text/plain', 'text/plain'),
    ('blob', picture('PNG'), None, 'image/png'),
])
async def test_the_type_is_judged_by_content(ctx: Context, session, name, data, declared, kept) -> None:
    assert (await share(ctx, session, name, data, declared)).content_type == kept


async def test_a_picture_is_measured_and_marked_safe_to_decode(ctx: Context, session) -> None:
    material = await share(ctx, session, 'dot.png', picture(size=(40, 30)))
    assert (material.image_width, material.image_height, material.previewable) == (40, 30, True)


@pytest.mark.filterwarnings('ignore::PIL.Image.DecompressionBombWarning')  # Pillow's check follows the limit
async def test_a_picture_over_the_pixel_limit_is_kept_but_never_to_be_decoded(ctx: Context, session) -> None:
    huge = png_header(8000, 6000)  # 48 megapixels, in 66 bytes
    material = await share(ctx, session, 'huge.png', huge)
    assert (material.image_width, material.image_height, material.previewable) == (8000, 6000, False)
    assert material.content_type == 'image/png'
    assert ctx.files.path_of(material.sha256).read_bytes() == huge


async def test_a_decompression_bomb_is_kept_unmeasured_and_never_to_be_decoded(ctx: Context, session) -> None:
    material = await share(ctx, session, 'bomb.png', png_header(60000, 60000))  # Pillow refuses to open it
    assert (material.image_width, material.image_height, material.previewable) == (None, None, False)


async def test_a_broken_picture_is_kept_but_not_previewable(ctx: Context, session) -> None:
    material = await share(ctx, session, 'broken.png', b'\x89PNG\r\n\x1a\n' + b'garbage' * 10)
    assert (material.content_type, material.previewable) == ('image/png', False)


async def test_a_zip_bomb_is_stored_as_its_bytes_and_never_unpacked(ctx: Context, session) -> None:
    bomb = zip_bomb(50)
    material = await share(ctx, session, 'bomb.zip', bomb)
    assert (material.size, material.content_type) == (len(bomb), 'application/zip')
    assert material.sha256 == hashlib.sha256(bomb).hexdigest()
    assert files_on_disk(ctx) == [ctx.files.path_of(material.sha256)]


async def test_the_same_content_twice_is_one_file(ctx: Context, session) -> None:
    first = await share(ctx, session, 'a.png', picture())
    second = await share(ctx, session, 'b.png', picture())
    assert first.sha256 == second.sha256 and first.id != second.id
    assert len(files_on_disk(ctx)) == 1


async def test_a_session_over_its_quota_refuses_more_but_keeps_what_it_has(ctx: Context, session) -> None:
    kept = await share(ctx, session, 'first.bin', os.urandom(60_000))
    limit, refusal = await materials.upload_allowance(ctx, session)
    assert limit == QUOTA_BYTES - 60_000 and 'of its' in refusal
    with pytest.raises(TooLarge, match=r'58\.6 KB of its 102\.4 KB'):
        await share(ctx, session, 'second.bin', os.urandom(60_000))
    assert [m.name for m in await materials.list_materials(ctx, session)] == ['first.bin']
    assert ctx.files.path_of(kept.sha256).exists()
    other, _ = await sessions.create_session(ctx, 'Other')
    assert (await share(ctx, other, 'fits.bin', os.urandom(60_000))).size == 60_000


async def test_a_full_session_refuses_before_reading_anything(ctx: Context, session) -> None:
    await share(ctx, session, 'all.bin', os.urandom(QUOTA_BYTES))
    with pytest.raises(TooLarge, match='does not fit'):
        await materials.upload_allowance(ctx, session)


async def test_the_start_up_sweep_removes_temp_files_and_old_unreferenced_files(ctx: Context, session) -> None:
    kept = await share(ctx, session, 'kept.bin', b'referenced')
    orphan = await store(ctx, b'cut off before its row')
    young = await store(ctx, b'another process is about to record me')
    old = time.time() - 7200
    os.utime(ctx.files.path_of(orphan.sha256), (old, old))
    os.utime(ctx.files.path_of(kept.sha256), (old, old))
    (ctx.files.temp_dir / 'interrupted.part').write_bytes(b'half')
    (ctx.files.root / '.gitkeep').touch()
    await ctx.start()
    assert not ctx.files.path_of(orphan.sha256).exists()
    assert ctx.files.path_of(kept.sha256).exists() and ctx.files.path_of(young.sha256).exists()
    assert list(ctx.files.temp_dir.iterdir()) == []
    assert (ctx.files.root / '.gitkeep').exists()


async def test_an_unwritable_store_gives_a_clear_error_and_leaves_nothing(ctx: Context) -> None:
    ctx.files.temp_dir.rmdir()
    ctx.files.temp_dir.write_text('not a folder')  # works as root too, unlike chmod
    with pytest.raises(StorageUnavailable, match='full or not writable'):
        await store(ctx, b'data')
    await ctx.start()  # the start-up sweep copes with it too


async def test_no_new_file_is_taken_while_the_disk_is_nearly_full_whichever_session_asks(ctx: Context) -> None:
    ctx.settings.min_free_disk_mb = 10 ** 12  # more than any disk has free: as if this one were full
    for title in ('Biology', 'Chemistry'):
        session, _ = await sessions.create_session(ctx, title)
        with pytest.raises(StorageUnavailable, match='almost out of disk space') as refused:
            await materials.upload_allowance(ctx, session)
        assert refused.value.status == 507
    ctx.settings.min_free_disk_mb = 1
    assert (await materials.upload_allowance(ctx, session))[0] > 0
