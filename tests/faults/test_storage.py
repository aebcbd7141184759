"""A broken uploads folder (not writable, or full) fails that upload with a clear error; chat goes on."""
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from bench.server_process import ServerProcess
from tests.servers import client, new_session

from .conftest import NO_FLOOD_LIMIT


def make_unwritable(folder: Path) -> None:
    """chmod does not stop root, so as root the folder is replaced by a file, which stops everyone."""
    if os.geteuid() != 0:
        folder.chmod(0o500)
        return
    shutil.rmtree(folder)
    folder.write_text('in the way')


def make_writable(folder: Path) -> None:
    if folder.is_file():
        folder.unlink()
        folder.mkdir()
    folder.chmod(0o755)


async def assert_chat_still_works(client: httpx.AsyncClient, code: str) -> None:
    response = await client.post(f'/api/sessions/{code}/messages', json={'author': 'Ana', 'body': 'still here'})
    assert response.status_code == 201


async def test_an_unwritable_uploads_folder_gives_507_and_chat_keeps_working(fault_server: ServerProcess) -> None:
    async with client(fault_server) as http:
        code = await new_session(http, 'Disk trouble')
        incoming = fault_server.data_dir / 'uploads' / '.incoming'
        make_unwritable(incoming)
        try:
            response = await http.post(f'/api/sessions/{code}/materials', data={'author': 'Ana'},
                                       files={'file': ('a.txt', b'hello')})
            assert response.status_code == 507
            assert 'full or not writable' in response.json()['error']
            await assert_chat_still_works(http, code)
        finally:
            make_writable(incoming)
        retried = await http.post(f'/api/sessions/{code}/materials', data={'author': 'Ana'},
                                  files={'file': ('a.txt', b'hello')})
        assert retried.status_code == 201
        assert [m['name'] for m in (await http.get(f'/api/sessions/{code}/materials')).json()] == ['a.txt']


@pytest.fixture
def tiny_disk(tmp_path: Path) -> Iterator[Path]:
    """A 1 MB tmpfs (needs root and mount rights; skipped elsewhere)."""
    mount_point = tmp_path / 'tiny-disk'
    mount_point.mkdir()
    mounted = subprocess.run(['mount', '-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', str(mount_point)],
                             capture_output=True, check=False)
    if mounted.returncode != 0:
        pytest.skip(f'cannot mount a tmpfs here: {mounted.stderr.decode().strip()}')
    yield mount_point
    subprocess.run(['umount', str(mount_point)], check=False)


async def test_a_full_disk_gives_507_leaves_no_temp_file_and_chat_keeps_working(tiny_disk: Path,
                                                                                start_server) -> None:
    # no free-space margin: the disk fills up while the file is written (the margin has its own test in tests/api/)
    server = start_server(*NO_FLOOD_LIMIT, '--min-free-disk-mb', '0', env={'STUDYHALL_UPLOADS_DIR': str(tiny_disk)})
    async with client(server) as http:  # (the server stops before the tmpfs is unmounted: fixtures end in reverse)
        code = await new_session(http, 'Disk trouble')
        response = await http.post(f'/api/sessions/{code}/materials', data={'author': 'Ana'},
                                   files={'file': ('big.bin', os.urandom(3 * 1024 * 1024))})
        assert response.status_code == 507
        assert 'full or not writable' in response.json()['error']
        assert list((tiny_disk / '.incoming').iterdir()) == []
        await assert_chat_still_works(http, code)
        small = await http.post(f'/api/sessions/{code}/materials', data={'author': 'Ana'},
                                files={'file': ('small.txt', b'fits')})
        assert small.status_code == 201
