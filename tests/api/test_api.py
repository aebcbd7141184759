"""The HTTP API against the real server, bad inputs included: every refusal is a 4xx with a JSON error."""
import hashlib
import io

import httpx
import pytest
from PIL import Image

from bench.server_process import ServerProcess
from tests.conftest import TEST_UPLOAD_LIMIT_MB


async def create(api: httpx.AsyncClient, **data) -> dict:
    response = await api.post('/api/sessions', json={'title': 'API test', **data})
    assert response.status_code == 201, response.text
    return response.json()


async def test_creating_a_session_returns_its_code_link_and_host_key(api) -> None:
    created = await create(api, title='Chemistry', description='Lab 3')
    assert created['title'] == 'Chemistry'
    assert created['url'] == f'/s/{created["code"]}'
    assert len(created['host_key']) >= 24
    fetched = (await api.get(f'/api/sessions/{created["code"].lower()}')).json()
    assert fetched['description'] == 'Lab 3'
    assert 'host_key' not in fetched


async def test_messages_are_stored_and_listed_in_id_order_from_an_id(api) -> None:
    code = (await create(api))['code']
    ids = []
    for i in range(5):
        response = await api.post(f'/api/sessions/{code}/messages', json={'author': 'Ana', 'body': f'm{i}'})
        assert response.status_code == 201
        message = response.json()
        assert set(message) >= {'id', 'author', 'body', 'created_at', 'client_msg_id'}
        ids.append(message['id'])
    listed = (await api.get(f'/api/sessions/{code}/messages', params={'after_id': ids[1], 'limit': 2})).json()
    assert [m['id'] for m in listed] == ids[2:4]


async def test_a_repeated_client_msg_id_answers_200_with_the_same_message(api) -> None:
    code = (await create(api))['code']
    payload = {'author': 'Ana', 'body': 'once', 'client_msg_id': 'c-1'}
    first = await api.post(f'/api/sessions/{code}/messages', json=payload)
    again = await api.post(f'/api/sessions/{code}/messages', json=payload)
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json() == first.json()
    assert len((await api.get(f'/api/sessions/{code}/messages')).json()) == 1


async def test_a_file_round_trips_unchanged_with_its_hash(api) -> None:
    code = (await create(api))['code']
    data = bytes(range(256)) * 2000
    response = await api.post(f'/api/sessions/{code}/materials', data={'author': 'Ana'},
                              files={'file': ('data.bin', data, 'application/octet-stream')})
    assert response.status_code == 201
    material = response.json()
    assert (material['name'], material['size']) == ('data.bin', len(data))
    assert material['sha256'] == hashlib.sha256(data).hexdigest()
    download = await api.get(material['url'])
    assert download.content == data
    assert download.headers['x-content-type-options'] == 'nosniff'
    listed = (await api.get(f'/api/sessions/{code}/materials')).json()
    assert [m['id'] for m in listed] == [material['id']]


@pytest.mark.parametrize(('name', 'content_type'), [
    ('page.html', 'text/html'), ('logo.svg', 'image/svg+xml'), ('feed.xml', 'application/xml'),
    ('tool.js', 'text/javascript'),
])
async def test_files_a_browser_could_run_are_only_ever_downloaded(api, name: str, content_type: str) -> None:
    code = (await create(api))['code']
    for declared in (content_type, 'text/plain'):  # whatever type the uploading browser claims
        response = await api.post(f'/api/sessions/{code}/materials', data={'author': 'Ana'},
                                  files={'file': (name, b'<script>alert(1)</script>', declared)})
        assert response.status_code == 201, response.text
        material = response.json()
        assert not material['previewable']
        download = await api.get(material['url'])
        assert download.headers['content-disposition'].startswith('attachment')
        assert download.headers['x-content-type-options'] == 'nosniff'


async def test_a_picture_is_shown_inline(api) -> None:
    code = (await create(api))['code']
    response = await api.post(f'/api/sessions/{code}/materials', data={'author': 'Ana'},
                              files={'file': ('photo.png', b'\x89PNG\r\n\x1a\n', 'image/png')})
    download = await api.get(response.json()['url'])
    assert download.headers['content-type'] == 'image/png'
    assert download.headers['content-disposition'].startswith('inline')


async def error_of(response: httpx.Response, status: int) -> str:
    assert response.status_code == status, response.text
    return response.json()['error']


async def test_an_unknown_session_is_404_everywhere(api) -> None:
    for method, path in [('GET', '/api/sessions/ZZZ-ZZZ'), ('GET', '/api/sessions/ZZZ-ZZZ/messages'),
                         ('GET', '/api/sessions/ZZZ-ZZZ/materials'), ('GET', '/api/sessions/nonsense')]:
        assert 'no study session' in await error_of(await api.request(method, path), 404)
    response = await api.post('/api/sessions/ZZZ-ZZZ/messages', json={'author': 'Ana', 'body': 'hi'})
    assert 'no study session' in await error_of(response, 404)


@pytest.mark.parametrize(('payload', 'problem'), [
    ({'author': 'Ana', 'body': ''}, 'empty'),
    ({'author': 'Ana', 'body': '  \n\t '}, 'empty'),
    ({'author': 'Ana', 'body': 'x' * 4001}, '4,000'),
    ({'body': 'hello'}, 'author'),
    ({'author': '   ', 'body': 'hello'}, 'nickname'),
    ({'author': 'Ana'}, 'body'),
])
async def test_bad_messages_are_refused_with_a_reason_and_nothing_is_stored(api, payload, problem) -> None:
    code = (await create(api))['code']
    assert problem in await error_of(await api.post(f'/api/sessions/{code}/messages', json=payload), 422)
    assert (await api.get(f'/api/sessions/{code}/messages')).json() == []


async def test_malformed_json_is_refused_with_a_reason(api) -> None:
    code = (await create(api))['code']
    response = await api.post(f'/api/sessions/{code}/messages', content=b'{"author": "Ana", "body": ',
                              headers={'content-type': 'application/json'})
    assert 'not valid JSON' in await error_of(response, 422)


async def test_a_session_needs_a_title(api) -> None:
    assert 'title' in await error_of(await api.post('/api/sessions', json={'title': '  '}), 422)
    assert 'title' in await error_of(await api.post('/api/sessions', json={}), 422)


async def test_a_file_over_the_limit_is_413_and_leaves_nothing_on_disk(api, server: ServerProcess) -> None:
    code = (await create(api))['code']
    uploads = server.data_dir / 'uploads'
    before = sorted(p for p in uploads.rglob('*') if p.is_file())
    too_big = b'x' * (TEST_UPLOAD_LIMIT_MB * 1024 * 1024 + 1)
    response = await api.post(f'/api/sessions/{code}/materials', data={'author': 'Ana'},
                              files={'file': ('big.bin', too_big)})
    assert f'{TEST_UPLOAD_LIMIT_MB} MB' in await error_of(response, 413)
    assert sorted(p for p in uploads.rglob('*') if p.is_file()) == before
    assert (await api.get(f'/api/sessions/{code}/materials')).json() == []


async def test_an_upload_without_author_or_file_is_refused(api) -> None:
    code = (await create(api))['code']
    no_author = await api.post(f'/api/sessions/{code}/materials', files={'file': ('a.txt', b'a')})
    assert 'nickname' in await error_of(no_author, 422)
    no_file = await api.post(f'/api/sessions/{code}/materials', data={'author': 'Ana'},
                             files={'other': ('a.txt', b'a')})
    assert '"file"' in await error_of(no_file, 422)
    not_multipart = await api.post(f'/api/sessions/{code}/materials', json={'author': 'Ana'})
    assert 'multipart' in await error_of(not_multipart, 422)
    assert (await api.get(f'/api/sessions/{code}/materials')).json() == []


async def test_a_material_of_another_session_is_not_found(api) -> None:
    code, other = (await create(api))['code'], (await create(api))['code']
    response = await api.post(f'/api/sessions/{code}/materials', data={'author': 'Ana'},
                              files={'file': ('a.txt', b'a')})
    material_id = response.json()['id']
    await error_of(await api.get(f'/api/sessions/{other}/materials/{material_id}/download'), 404)


async def test_pictures_and_pdfs_have_a_preview_and_other_files_do_not(api) -> None:
    code = (await create(api))['code']
    buffer = io.BytesIO()
    Image.new('RGB', (800, 600), 'teal').save(buffer, 'PNG')
    picture = (await api.post(f'/api/sessions/{code}/materials', data={'author': 'Ana'},
                              files={'file': ('photo.png', buffer.getvalue(), 'image/png')})).json()
    preview = await api.get(picture['preview_url'])
    assert preview.status_code == 200
    assert preview.headers['content-type'] == 'image/webp'
    assert Image.open(io.BytesIO(preview.content)).size == (160, 120)

    text = (await api.post(f'/api/sessions/{code}/materials', data={'author': 'Ana'},
                           files={'file': ('notes.txt', b'just text', 'text/plain')})).json()
    assert 'no preview' in await error_of(await api.get(text['preview_url']), 404)
