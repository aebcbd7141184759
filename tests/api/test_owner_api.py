"""The owner's routes: the key or a 403 (logged without the key, throttled), the figures, deleting, the backup zip,
host routes with the owner key, and session creation by the owner only."""
import asyncio
import io
import sqlite3
import zipfile
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from bench.server_process import ServerProcess
from tests.waiting import eventually

from .test_api import create, error_of


def owner_key_of(server: ServerProcess) -> str:
    return (server.data_dir / 'data' / 'owner_key').read_text().strip()


@pytest.fixture
def owner_headers(server: ServerProcess) -> dict[str, str]:
    return {'X-Owner-Key': owner_key_of(server)}


async def test_every_owner_route_refuses_a_missing_or_wrong_key_and_logs_no_key(api, server) -> None:
    routes = [('GET', '/api/owner/sessions'), ('GET', '/api/owner/status'), ('GET', '/api/owner/backup'),
              ('DELETE', '/api/owner/sessions/ZZZ-ZZZ')]
    for method, path in routes:
        assert 'owner key is missing or wrong' in await error_of(await api.request(method, path), 403)
    wrong = 'not-the-owner-key-' + 'q' * 20
    assert 'owner key' in await error_of(await api.get('/api/owner/status', headers={'X-Owner-Key': wrong}), 403)
    assert 'a wrong owner key' in server.log() and wrong not in server.log()
    assert owner_key_of(server) not in server.log().split('Owner link')[-1].split('\n', 1)[-1]


async def test_the_owner_lists_sessions_with_their_figures_and_deletes_one(api, owner_headers) -> None:
    created = await create(api, title='Owner API')
    code = created['code']
    assert (await api.post(f'/api/sessions/{code}/messages', json={'author': 'Ana', 'body': 'hi'})).is_success
    response = await api.post(f'/api/sessions/{code}/materials', data={'author': 'Ana'},
                              files={'file': ('notes.txt', b'twelve bytes')})
    assert response.status_code == 201

    listed = (await api.get('/api/owner/sessions', headers=owner_headers)).json()
    [row] = [row for row in listed if row['code'] == code]
    assert {key: row[key] for key in ('title', 'status', 'people_online', 'people', 'messages', 'materials',
                                      'storage_bytes')} == {'title': 'Owner API', 'status': 'open',
                                                            'people_online': 0, 'people': 1, 'messages': 1,
                                                            'materials': 1, 'storage_bytes': 12}
    assert row['created_at'] <= row['last_active_at']

    assert (await api.delete(f'/api/owner/sessions/{code}', headers=owner_headers)).status_code == 204
    assert (await api.get(f'/api/sessions/{code}')).status_code == 404
    assert (await api.delete(f'/api/owner/sessions/{code}', headers=owner_headers)).status_code == 404
    assert code not in {row['code'] for row in (await api.get('/api/owner/sessions', headers=owner_headers)).json()}


async def test_the_server_facts(api, owner_headers) -> None:
    status = (await api.get('/api/owner/status', headers=owner_headers)).json()
    assert set(status) == {'version', 'uptime_s', 'people_online', 'sessions', 'uploads_bytes', 'disk_free_bytes',
                           'database_bytes'}
    assert status['disk_free_bytes'] > 0 and status['database_bytes'] > 0 and status['uptime_s'] >= 0


async def test_every_host_route_takes_the_owner_key(api, owner_headers) -> None:
    created = await create(api, title='Host lost the key')
    code = created['code']
    response = await api.patch(f'/api/sessions/{code}', json={'title': 'Recovered'}, headers=owner_headers)
    assert response.status_code == 200 and response.json()['title'] == 'Recovered'
    export = await api.get(f'/api/sessions/{code}/export', headers=owner_headers)
    assert export.status_code == 200 and export.headers['content-type'] == 'application/zip'
    refused = await api.patch(f'/api/sessions/{code}', json={'title': 'No'}, headers={'X-Owner-Key': 'wrong'})
    assert 'owner key' in await error_of(refused, 403)


async def test_the_backup_is_a_streamed_zip_of_the_database_and_the_files(api, owner_headers, tmp_path: Path) -> None:
    created = await create(api, title='Back me up')
    response = await api.post(f'/api/sessions/{created["code"]}/materials', data={'author': 'Ana'},
                              files={'file': ('kept.txt', b'backed up bytes')})
    sha256 = response.json()['sha256']
    async with api.stream('GET', '/api/owner/backup', headers=owner_headers) as streamed:
        assert streamed.status_code == 200
        assert 'content-length' not in streamed.headers  # streamed as it is written
        assert streamed.headers['content-disposition'].startswith('attachment; filename="studyhall-backup-')
        data = b''.join([chunk async for chunk in streamed.aiter_bytes()])
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.testzip() is None
        assert archive.read(f'uploads/{sha256[:2]}/{sha256}') == b'backed up bytes'
        (tmp_path / 'studyhall.db').write_bytes(archive.read('data/studyhall.db'))
    with sqlite3.connect(tmp_path / 'studyhall.db') as db:
        titles = {row[0] for row in db.execute('SELECT title FROM study_session')}
        assert db.execute('PRAGMA integrity_check').fetchone()[0] == 'ok'
    assert 'Back me up' in titles


async def test_a_backup_taken_while_people_post_and_upload_refers_only_to_files_it_has(
        api, owner_headers, tmp_path: Path) -> None:
    code = (await create(api, title='Busy class'))['code']
    stop, started = asyncio.Event(), asyncio.Event()

    async def keep_working() -> int:
        done = 0
        while not stop.is_set():
            await api.post(f'/api/sessions/{code}/messages', json={'author': 'Ana', 'body': f'note {done}'})
            response = await api.post(f'/api/sessions/{code}/materials', data={'author': 'Ana'},
                                      files={'file': (f'n{done}.txt', f'file number {done}'.encode())})
            assert response.status_code == 201, response.text
            done += 1
            if done == 3:
                started.set()
        return done

    worker = asyncio.create_task(keep_working())
    await asyncio.wait_for(started.wait(), 30)
    try:
        async with api.stream('GET', '/api/owner/backup', headers=owner_headers) as streamed:
            data = b''.join([chunk async for chunk in streamed.aiter_bytes()])
    finally:
        stop.set()
    assert await worker > 0
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        files = {name.rsplit('/', 1)[-1] for name in archive.namelist() if name.startswith('uploads/')}
        (tmp_path / 'studyhall.db').write_bytes(archive.read('data/studyhall.db'))
    with sqlite3.connect(tmp_path / 'studyhall.db') as db:
        assert db.execute('PRAGMA integrity_check').fetchone()[0] == 'ok'
        # (this session's files only: tests/api/test_export.py removes a file of its own behind the shared server's
        # back)
        referenced = {row[0] for row in db.execute(
            'SELECT material.sha256 FROM material JOIN study_session ON study_session.id = material.session_id '
            'WHERE code = ?', (code.replace('-', ''),))}
    assert len(referenced) >= 3 and referenced <= files  # every file the snapshot refers to is in the zip


@pytest.fixture(scope='module')
def owners_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    """A server where only the owner creates sessions, two wrong keys a minute is all an address gets, and closed
    sessions are deleted after 30 days."""
    args = ('--session-creation', 'owner', '--wrong-code-limit', '2', '--delete-closed-after-days', '30')
    with ServerProcess(tmp_path_factory.mktemp('owners'), args=args) as process:
        yield process


async def test_with_creation_by_the_owner_only_the_owner_key_creates_and_wrong_keys_are_throttled(
        owners_server) -> None:
    async with httpx.AsyncClient(base_url=owners_server.base_url, timeout=10) as api:
        refused = await api.post('/api/sessions', json={'title': 'Mine'})
        assert 'Only the owner of this server can start sessions' in await error_of(refused, 403)
        created = await api.post('/api/sessions', json={'title': 'Lesson'},
                                 headers={'X-Owner-Key': owner_key_of(owners_server)})
        assert created.status_code == 201 and created.json()['host_key']

        await error_of(await api.get('/api/owner/status', headers={'X-Owner-Key': 'guess'}), 403)
        await error_of(await api.get('/api/owner/backup?token=1999999999.forged'), 403)
        await error_of(await api.get('/api/owner/backup?token=1999999999.forged'), 429)  # counted too
        throttled = await api.get('/api/owner/status', headers={'X-Owner-Key': owner_key_of(owners_server)})
        assert throttled.status_code == 429 and throttled.headers['retry-after']


async def test_retention_runs_at_start_up_and_is_logged(owners_server) -> None:
    await eventually(lambda: 'retention: 0 sessions closed for more than 30 days deleted' in owners_server.log())
