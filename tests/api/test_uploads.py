"""Upload rules through the real server: quota, types judged by content, pictures flagged, archives kept whole."""
import hashlib
import os

import httpx

from bench.server_process import ServerProcess
from tests.files import png_header, zip_bomb
from tests.servers import client_of, module_server

from .test_api import create, error_of

QUOTA = ('--session-quota-mb', '0.2', '--max-upload-mb', '1')  # 204.8 KB per session


quota_server = module_server(*QUOTA)
client = client_of('quota_server')


def stored_files(server: ServerProcess) -> list:
    return sorted(path for path in (server.data_dir / 'uploads').rglob('*') if path.is_file())


async def upload(client: httpx.AsyncClient, code: str, name: str, data: bytes, declared: str | None = None):
    file = (name, data, declared) if declared else (name, data)
    return await client.post(f'/api/sessions/{code}/materials', data={'author': 'Ana'}, files={'file': file})


async def test_a_file_over_the_session_quota_is_413_and_nothing_else_changes(client, quota_server) -> None:
    code = (await create(client))['code']
    first = os.urandom(150_000)
    kept = (await upload(client, code, 'first.bin', first)).json()
    before = stored_files(quota_server)
    refused = await upload(client, code, 'second.bin', os.urandom(100_000))
    assert 'of its 204.8 KB' in await error_of(refused, 413)
    assert stored_files(quota_server) == before  # the temp file is gone, the first file is untouched
    assert (await client.get(kept['url'])).content == first
    assert [m['name'] for m in (await client.get(f'/api/sessions/{code}/materials')).json()] == ['first.bin']
    other = (await create(client))['code']
    assert (await upload(client, other, 'elsewhere.bin', os.urandom(100_000))).status_code == 201


async def test_markup_named_as_a_picture_is_kept_as_markup_and_only_downloaded(client) -> None:
    code = (await create(client))['code']
    response = await upload(client, code, 'photo.png', b'<!DOCTYPE html><html><script>alert(1)</script>', 'image/png')
    material = response.json()
    assert (material['content_type'], material['previewable']) == ('text/html', False)
    download = await client.get(material['url'])
    assert download.headers['content-disposition'].startswith('attachment')
    assert download.headers['content-type'] == 'application/octet-stream'
    assert download.headers['x-content-type-options'] == 'nosniff'


async def test_a_pixel_flood_is_kept_but_flagged_never_to_be_decoded(client) -> None:
    code = (await create(client))['code']
    material = (await upload(client, code, 'huge.png', png_header(8000, 6000))).json()
    assert (material['image_width'], material['image_height'], material['previewable']) == (8000, 6000, False)
    assert (await client.get(material['url'])).content == png_header(8000, 6000)


async def test_a_zip_bomb_is_stored_as_bytes_and_downloads_unchanged(client, quota_server) -> None:
    code = (await create(client))['code']
    bomb = zip_bomb(50)
    material = (await upload(client, code, 'bomb.zip', bomb)).json()
    assert (material['size'], material['sha256']) == (len(bomb), hashlib.sha256(bomb).hexdigest())
    assert (await client.get(material['url'])).content == bomb
    assert sum(path.stat().st_size for path in stored_files(quota_server)) < 5_000_000  # nothing unpacked


async def test_the_same_content_uploaded_twice_is_one_file_on_disk(client, quota_server) -> None:
    code = (await create(client))['code']
    data = os.urandom(20_000)
    first = (await upload(client, code, 'a.bin', data)).json()
    second = (await upload(client, code, 'b.bin', data)).json()
    assert first['sha256'] == second['sha256'] and first['id'] != second['id']
    assert [path.name for path in stored_files(quota_server)].count(first['sha256']) == 1


async def test_an_upload_sent_again_with_its_upload_id_is_kept_once(client) -> None:
    code = (await create(client))['code']
    answers = [await client.post(f'/api/sessions/{code}/materials', files={'file': ('notes.txt', b'cells')},
                                 data={'author': 'Ana', 'client_upload_id': upload_id})
               for upload_id in ('page-1', 'page-1', 'page-2')]
    assert [answer.status_code for answer in answers] == [201, 201, 201]
    first, again, other = (answer.json()['id'] for answer in answers)
    assert first == again != other
    assert [m['id'] for m in (await client.get(f'/api/sessions/{code}/materials')).json()] == [first, other]
