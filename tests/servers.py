"""Real servers for tests, each with a client: the one way to set them up (tests/conftest.py uses these too).

- `start_server` (a fixture in tests/conftest.py): `start_server('--flag', 'value', env={...})`, a server of this test's
  own that it may stop, kill and start again; killed after the test.
- `module_server(*args)`: a module-scoped fixture, one server with these settings for the tests of one module.
- `client_of('fixture name')`: a fixture, an httpx client of the server that fixture gives.
"""
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path
from typing import Protocol

import httpx
import pytest

from bench.server_process import ServerProcess

TIMEOUT = 10


class Served(Protocol):
    """Whatever serves StudyHall at a base URL: a ServerProcess, an nginx in front of some."""

    @property
    def base_url(self) -> str: ...


def client(server: ServerProcess, timeout: float = TIMEOUT) -> httpx.AsyncClient:
    """An httpx client of the server's HTTP API (use it in `async with`)."""
    return httpx.AsyncClient(base_url=server.base_url, timeout=timeout)


def server_starter(folder: Path) -> tuple[Callable[..., ServerProcess], Callable[[], None]]:
    """`start(*args, env=..., name=...)` and `stop_all()`: servers in sub-folders of `folder`, killed by `stop_all`."""
    started: list[ServerProcess] = []

    def start(*args: str, env: dict[str, str] | None = None, name: str = 'server') -> ServerProcess:
        process = ServerProcess(folder / f'{name}-{len(started)}', args=args, env=env)
        started.append(process)
        return process.start()

    def stop_all() -> None:
        for process in started:
            process.stop(kill=True)

    return start, stop_all


def module_server(*args: str, env: dict[str, str] | None = None):
    """A module-scoped fixture: `strict_server = module_server('--message-rate-limit', '3')`."""
    @pytest.fixture(scope='module')
    def fixture(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
        with ServerProcess(tmp_path_factory.mktemp('server'), args=args, env=env) as process:
            yield process
    return fixture


def client_of(server_fixture: str):
    """A fixture: `strict = client_of('strict_server')`, an httpx client of that fixture's server."""
    @pytest.fixture
    async def fixture(request: pytest.FixtureRequest) -> AsyncIterator[httpx.AsyncClient]:
        async with client(request.getfixturevalue(server_fixture)) as http:
            yield http
    return fixture


async def new_session(where: httpx.AsyncClient | ServerProcess, title: str = 'Test session') -> str:
    """Create a session through the HTTP API (of this client, or of this server) and return its join code."""
    if isinstance(where, ServerProcess):
        async with client(where) as http:
            return await new_session(http, title)
    response = await where.post('/api/sessions', json={'title': title})
    assert response.status_code == 201, response.text
    return response.json()['code']
