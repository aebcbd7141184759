"""Acknowledged means committed: concurrent posters, then a SIGKILL mid-traffic and a restart."""
import asyncio
import hashlib
import itertools

import httpx

from bench.server_process import ServerProcess
from tests.servers import new_session
from tests.waiting import eventually

from .conftest import NO_FLOOD_LIMIT, query

CLIENTS = 20


async def test_twenty_clients_posting_at_once_are_all_stored_once(fault_server: ServerProcess) -> None:
    code = await new_session(fault_server, 'Faults')

    async def poster(n: int) -> list[int]:
        async with httpx.AsyncClient(base_url=fault_server.base_url, timeout=20) as client:
            statuses = []
            for i in range(10):
                response = await client.post(f'/api/sessions/{code}/messages',
                                             json={'author': f'P{n}', 'body': f'{n}-{i}', 'client_msg_id': f'{n}-{i}'})
                statuses.append(response.status_code)
            return statuses

    results = await asyncio.gather(*(poster(n) for n in range(CLIENTS)))
    assert set(itertools.chain(*results)) == {201}
    assert query(fault_server, 'SELECT count(*), count(DISTINCT client_msg_id) FROM message') == [(200, 200)]
    assert 'database is locked' not in fault_server.log()


async def post_until_refused(base_url: str, code: str, n: int, acked: set[str], tried: set[str]) -> None:
    async with httpx.AsyncClient(base_url=base_url, timeout=5) as client:
        for i in itertools.count():
            client_msg_id = f'{n}-{i}'
            tried.add(client_msg_id)
            try:
                response = await client.post(f'/api/sessions/{code}/messages',
                                             json={'author': f'P{n}', 'body': client_msg_id,
                                                   'client_msg_id': client_msg_id})
            except httpx.HTTPError:
                return
            if response.status_code in (200, 201):
                acked.add(client_msg_id)


async def upload_until_refused(base_url: str, code: str) -> None:
    async with httpx.AsyncClient(base_url=base_url, timeout=5) as client:
        for i in itertools.count():
            try:
                await client.post(f'/api/sessions/{code}/materials', data={'author': 'Up'},
                                  files={'file': (f'f{i}.bin', i.to_bytes(4, 'big') * 200_000)})
            except httpx.HTTPError:
                return


async def test_after_a_sigkill_every_acknowledged_message_is_there_once_and_nothing_is_left_over(
        fault_server: ServerProcess) -> None:
    code = await new_session(fault_server, 'Faults')
    acked: set[str] = set()
    tried: set[str] = set()
    traffic = [asyncio.create_task(post_until_refused(fault_server.base_url, code, n, acked, tried))
               for n in range(10)]
    traffic.append(asyncio.create_task(upload_until_refused(fault_server.base_url, code)))
    await eventually(lambda: len(acked) >= 50, timeout=60)  # killed mid-traffic, with many posts acknowledged
    await asyncio.to_thread(fault_server.stop, kill=True)
    await asyncio.wait_for(asyncio.gather(*traffic), timeout=30)

    uploads = fault_server.data_dir / 'uploads'
    orphan = uploads / 'ab' / ('ab' + '0' * 62)  # as if killed between the file and its row
    orphan.parent.mkdir(exist_ok=True)
    orphan.write_bytes(b'no row refers to me')
    (uploads / '.incoming' / 'interrupted.part').write_bytes(b'half an upload')
    fault_server.args = (*NO_FLOOD_LIMIT, '--orphan-grace-seconds', '0')
    await asyncio.to_thread(fault_server.start)
    assert query(fault_server, 'PRAGMA integrity_check') == [('ok',)]
    stored = dict(query(fault_server, 'SELECT client_msg_id, count(*) FROM message GROUP BY client_msg_id'))
    assert acked <= set(stored)
    assert set(stored.values()) == {1}

    async with httpx.AsyncClient(base_url=fault_server.base_url, timeout=10) as client:  # the unsure ones retry
        for client_msg_id in sorted(tried - acked):
            response = await client.post(f'/api/sessions/{code}/messages',
                                         json={'author': 'Retry', 'body': client_msg_id,
                                               'client_msg_id': client_msg_id})
            assert response.status_code in (200, 201)
    assert query(fault_server, 'SELECT count(*), count(DISTINCT client_msg_id) FROM message') == \
        [(len(tried), len(tried))]

    assert list((uploads / '.incoming').iterdir()) == []
    assert not orphan.exists()
    on_disk = {path.name: path for path in uploads.glob('??/*')}
    referenced = {row[0] for row in query(fault_server, 'SELECT sha256 FROM material')}
    assert set(on_disk) == referenced  # no orphans, and no row without its file
    assert all(hashlib.sha256(path.read_bytes()).hexdigest() == name for name, path in on_disk.items())
