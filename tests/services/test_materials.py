import hashlib

import pytest

from realtime.events import MaterialShared
from services import materials, sessions
from services.context import Context
from services.errors import NotFound, TooLarge


@pytest.fixture
async def session(ctx: Context):
    row, _ = await sessions.create_session(ctx, 'Biology')
    return row


async def store(ctx: Context, data: bytes, limit: int = 10_000_000, chunk: int = 65536):
    async with ctx.files.incoming(limit) as incoming:
        for start in range(0, len(data), chunk):
            await incoming.write(data[start:start + chunk])
        return await incoming.store()


def files_on_disk(ctx: Context) -> list:
    return sorted(path for path in ctx.files.root.rglob('*') if path.is_file())


async def test_a_shared_file_is_stored_by_content_recorded_and_published(ctx: Context, session) -> None:
    received = []
    ctx.hub.subscribe(session.id, received.append)
    data = b'cell membrane\n' * 100_000  # several flushes
    blob = await store(ctx, data)
    material = await materials.share_file(ctx, session, 'Ana', 'notes.txt', blob, 'text/plain')
    await ctx.hub.backend.delivered()

    assert material.size == len(data)
    assert material.sha256 == hashlib.sha256(data).hexdigest()
    assert material.content_type == 'text/plain'
    assert ctx.files.path_of(material.sha256).read_bytes() == data
    assert [(type(e), e.material.id) for e in received] == [(MaterialShared, material.id)]
    assert [m.name for m in await materials.list_materials(ctx, session)] == ['notes.txt']


async def test_the_same_content_twice_is_kept_once_on_disk(ctx: Context, session) -> None:
    for name in ('a.pdf', 'copy of a.pdf'):
        await materials.share_file(ctx, session, 'Ana', name, await store(ctx, b'%PDF-1.4 same bytes'))
    assert len(files_on_disk(ctx)) == 1
    assert [m.name for m in await materials.list_materials(ctx, session)] == ['a.pdf', 'copy of a.pdf']


async def test_an_upload_retried_with_its_upload_id_is_recorded_and_published_once(ctx: Context, session) -> None:
    received = []
    ctx.hub.subscribe(session.id, received.append)
    first, again = [await materials.share_file(ctx, session, 'Ana', 'notes.txt', await store(ctx, b'cells'),
                                               client_upload_id='upload-1') for _ in range(2)]
    other = await materials.share_file(ctx, session, 'Ana', 'notes.txt', await store(ctx, b'cells'),
                                       client_upload_id='upload-2')
    await ctx.hub.backend.delivered()

    assert again.id == first.id != other.id
    assert [m.id for m in await materials.list_materials(ctx, session)] == [first.id, other.id]
    assert [e.material.id for e in received] == [first.id, other.id]
    elsewhere, _ = await sessions.create_session(ctx, 'Physics')  # ids are the page's: only unique per session
    assert (await materials.share_file(ctx, elsewhere, 'Ana', 'notes.txt', await store(ctx, b'cells'),
                                       client_upload_id='upload-1')).id not in (first.id, other.id)


async def test_a_file_over_the_limit_is_refused_and_leaves_nothing_on_disk(ctx: Context) -> None:
    with pytest.raises(TooLarge, match='1000 bytes'):
        await store(ctx, b'x' * 5000, limit=1000, chunk=400)
    assert files_on_disk(ctx) == []


async def test_the_display_name_is_cleaned_and_the_type_comes_from_it(ctx: Context, session) -> None:
    blob = await store(ctx, b'<svg></svg>')
    material = await materials.share_file(ctx, session, 'Ana', '../../evil\x00.svg', blob, 'text/plain')
    assert material.name == 'evil.svg'
    assert material.content_type == 'image/svg+xml'


async def test_a_material_is_only_found_in_its_own_session(ctx: Context, session) -> None:
    other, _ = await sessions.create_session(ctx, 'Physics')
    material = await materials.share_file(ctx, session, 'Ana', 'a.txt', await store(ctx, b'a'))
    _, path = await materials.material_file(ctx, session, material.id)
    assert path.read_bytes() == b'a'
    with pytest.raises(NotFound):
        await materials.material_file(ctx, other, material.id)


async def test_the_startup_sweep_removes_stale_temp_files(ctx: Context) -> None:
    ctx.files.temp_dir.mkdir(parents=True, exist_ok=True)
    (ctx.files.temp_dir / 'interrupted.part').write_bytes(b'half a file')
    assert await ctx.files.sweep_temporary() == 1
    assert files_on_disk(ctx) == []
