"""Flood control through the HTTP API: 429 with a JSON error and Retry-After."""
from collections.abc import AsyncIterator, Iterator

import httpx
import pytest

from bench.server_process import ServerProcess

from .test_api import create, error_of

LIMITS = ('--message-rate-limit', '3', '--message-rate-window', '30', '--wrong-code-limit', '4')


@pytest.fixture(scope='module')
def strict_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    with ServerProcess(tmp_path_factory.mktemp('strict'), args=LIMITS) as process:
        yield process


@pytest.fixture
async def strict(strict_server: ServerProcess) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(base_url=strict_server.base_url, timeout=10) as client:
        yield client


async def test_a_burst_of_messages_gets_429_while_others_still_post(strict) -> None:
    code = (await create(strict))['code']
    url = f'/api/sessions/{code}/messages'
    for i in range(3):
        assert (await strict.post(url, json={'author': 'Ana', 'body': f'm{i}'})).status_code == 201
    refused = await strict.post(url, json={'author': 'Ana', 'body': 'too many'})
    assert 'too fast' in await error_of(refused, 429)
    assert 1 <= int(refused.headers['retry-after']) <= 30
    assert (await strict.post(url, json={'author': 'Ben', 'body': 'fine'})).status_code == 201
    assert [m['body'] for m in (await strict.get(url)).json()] == ['m0', 'm1', 'm2', 'fine']


async def test_guessing_join_codes_is_throttled_per_address(strict) -> None:
    code = (await create(strict))['code']
    statuses = [(await strict.get('/api/sessions/ZZZ-ZZZ')).status_code for _ in range(5)]
    assert statuses[0] == 404 and statuses[-1] == 429  # the start-up probe of ServerProcess used one already
    refused = await strict.get(f'/api/sessions/{code}')  # while throttled, even a right code is not confirmed
    assert 'wrong join codes' in await error_of(refused, 429)
    assert int(refused.headers['retry-after']) <= 60
    assert (await strict.get(f'/api/sessions/{code}/messages')).status_code == 200  # nothing else is slowed down
