"""The host's export: a zip with the transcript and every file; nobody else gets it, by header or query."""
import hashlib
import io
import json
import zipfile

import httpx
import pytest

from bench.server_process import ServerProcess
from tests.waiting import eventually

from .test_api import create, error_of


async def filled_session(api: httpx.AsyncClient) -> dict:
    created = await create(api, title='Export me', description='Week 3')
    code = created['code']
    for author, body in (('Ana', 'Hello **all**: $x^2$'), ('Ben', 'Grüße 👋\nsecond line')):
        assert (await api.post(f'/api/sessions/{code}/messages', json={'author': author, 'body': body})).is_success
    for name, data in (('notes.txt', b'first'), ('notes.txt', b'second'), ('Notes.txt', b'third'), ('a.bin', b'x')):
        response = await api.post(f'/api/sessions/{code}/materials', data={'author': 'Ana'},
                                  files={'file': (name, data)})
        assert response.status_code == 201
    return created


async def test_the_host_gets_a_zip_with_transcripts_and_every_file_under_a_unique_name(api, server) -> None:
    created = await filled_session(api)
    response = await api.get(f'/api/sessions/{created["code"]}/export', headers={'X-Host-Key': created['host_key']})
    assert response.status_code == 200, response.text
    assert response.headers['content-type'] == 'application/zip'
    assert f'studyhall-{created["code"]}.zip' in response.headers['content-disposition']
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    assert archive.testzip() is None
    assert sorted(archive.namelist()) == ['materials/Notes (3).txt', 'materials/a.bin', 'materials/notes (2).txt',
                                          'materials/notes.txt', 'transcript.json', 'transcript.md']
    assert [archive.read(f'materials/{name}') for name in ('notes.txt', 'notes (2).txt', 'Notes (3).txt')] == \
        [b'first', b'second', b'third']
    markdown = archive.read('transcript.md').decode()
    assert markdown.startswith('# Export me\n\nWeek 3\n')
    assert 'Hello **all**: $x^2$' in markdown and 'Grüße 👋\nsecond line' in markdown
    document = json.loads(archive.read('transcript.json'))
    assert [m['author'] for m in document['messages']] == ['Ana', 'Ben']
    assert [m['file'] for m in document['materials']][:2] == ['materials/notes.txt', 'materials/notes (2).txt']
    incoming = server.data_dir / 'uploads' / '.incoming'
    await eventually(lambda: not [p for p in incoming.iterdir() if p.name.startswith('export-')])  # removed once sent


async def test_the_host_key_also_works_as_a_query_parameter(api) -> None:
    created = await filled_session(api)
    response = await api.get(f'/api/sessions/{created["code"]}/export', params={'host_key': created['host_key']})
    assert response.status_code == 200


@pytest.mark.parametrize('how', ['no key', 'wrong key', 'other session key', 'empty key', 'huge key'])
async def test_a_guest_without_the_key_gets_403_and_the_refusal_is_logged_without_the_key(
        api, server: ServerProcess, how: str) -> None:
    created = await filled_session(api)
    other = await create(api)
    key = {'no key': None, 'wrong key': 'guessed-Key-123', 'other session key': other['host_key'],
           'empty key': '', 'huge key': 'k' * 5000}[how]
    headers = {'X-Host-Key': key} if key is not None and how != 'huge key' else {}
    params = {'host_key': key} if how == 'huge key' else {}
    response = await api.get(f'/api/sessions/{created["code"]}/export', headers=headers, params=params)
    assert 'Only the host' in await error_of(response, 403)
    await eventually(lambda: f'refused export on session {created["code"]}' in server.log())
    if key:
        assert key[:20] not in server.log()


async def test_an_export_of_an_unknown_session_is_404(api) -> None:
    await error_of(await api.get('/api/sessions/ZZZ-ZZZ/export', headers={'X-Host-Key': 'x'}), 404)


async def test_a_file_missing_on_disk_is_left_out_and_the_rest_exported(api, server: ServerProcess) -> None:
    created = await create(api)
    code = created['code']
    for name, data in (('gone.bin', b'deleted behind our back'), ('kept.bin', b'still on disk')):
        sha256 = (await api.post(f'/api/sessions/{code}/materials', data={'author': 'Ana'},
                                 files={'file': (name, data)})).json()['sha256']
    gone = hashlib.sha256(b'deleted behind our back').hexdigest()
    (server.data_dir / 'uploads' / gone[:2] / gone).unlink()
    response = await api.get(f'/api/sessions/{code}/export', headers={'X-Host-Key': created['host_key']})
    assert response.status_code == 200
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    assert 'materials/kept.bin' in archive.namelist() and 'materials/gone.bin' not in archive.namelist()
    assert sha256 == hashlib.sha256(b'still on disk').hexdigest()
