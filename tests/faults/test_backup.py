"""`python main.py backup --to DIR` while the server runs and is written to: a sound, complete copy."""
import asyncio
import hashlib
import itertools
import os
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import httpx

from bench.server_process import PROJECT_DIR, ServerProcess
from tests.servers import new_session
from tests.waiting import eventually


def run_backup(server: ServerProcess, target: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, 'STUDYHALL_DATA_DIR': str(server.data_dir / 'data'),
           'STUDYHALL_UPLOADS_DIR': str(server.data_dir / 'uploads')}
    env = {key: value for key, value in env.items() if not key.startswith(('PYTEST_', 'NICEGUI_'))}
    return subprocess.run([sys.executable, str(PROJECT_DIR / 'main.py'), 'backup', *args, '--to', str(target)],
                          env=env, capture_output=True, text=True, timeout=30, check=False)


async def keep_posting(base_url: str, code: str, acked: list[int], stop: asyncio.Event) -> None:
    async with httpx.AsyncClient(base_url=base_url, timeout=10) as client:
        for i in itertools.count():
            if stop.is_set():
                return
            response = await client.post(f'/api/sessions/{code}/messages', json={'author': 'Ana', 'body': f'm{i}'})
            assert response.status_code == 201
            acked.append(response.json()['id'])
            if i % 10 == 0:
                await client.post(f'/api/sessions/{code}/materials', data={'author': 'Ana'},
                                  files={'file': (f'f{i}.bin', os.urandom(50_000))})


async def test_a_backup_taken_during_writes_opens_and_has_every_file(fault_server: ServerProcess, tmp_path) -> None:
    code = await new_session(fault_server, 'Backed up')
    acked: list[int] = []
    stop = asyncio.Event()
    writer = asyncio.create_task(keep_posting(fault_server.base_url, code, acked, stop))
    await eventually(lambda: len(acked) >= 20, timeout=30)  # the backup is taken while writes go on
    acked_before = len(acked)
    target = tmp_path / 'backup'
    result = await asyncio.to_thread(run_backup, fault_server, target)
    stop.set()
    await writer
    assert result.returncode == 0, result.stderr
    assert 'integrity_check: ok' in result.stderr and '0 missing' in result.stderr

    with closing(sqlite3.connect(target / 'data' / 'studyhall.db')) as db:
        assert db.execute('PRAGMA integrity_check').fetchone() == ('ok',)
        assert db.execute('SELECT count(*) FROM message').fetchone()[0] >= acked_before
        hashes = {row[0] for row in db.execute('SELECT sha256 FROM material')}
    assert hashes
    for sha256 in hashes:
        assert hashlib.sha256((target / 'uploads' / sha256[:2] / sha256).read_bytes()).hexdigest() == sha256

    again = await asyncio.to_thread(run_backup, fault_server, target)  # into the same folder: only what is new
    assert again.returncode == 0 and 'already there' in again.stderr


def test_backup_needs_a_target_and_an_existing_database(tmp_path) -> None:
    server = ServerProcess(tmp_path / 'never-started')
    assert run_backup(server, tmp_path / 'out').returncode != 0
    no_target = subprocess.run([sys.executable, str(PROJECT_DIR / 'main.py'), 'backup'], capture_output=True,
                               text=True, timeout=30, check=False)
    assert no_target.returncode == 2 and '--to' in no_target.stderr
