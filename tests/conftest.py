"""Shared fixtures: a service context on a temporary SQLite file (or PostgreSQL), the real server of the run and its
client, servers of a test's own, simulated session tabs (tests/servers.py has the helpers)."""
import asyncio
import os
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from pathlib import Path

import pytest
from nicegui import core

from bench.server_process import ServerProcess
from bench.session_tab import SessionTab
from realtime.hub import Hub
from services.context import Context, install
from settings import Settings

from . import backing_services, servers

TEST_UPLOAD_LIMIT_MB = 1
TEST_MESSAGE_RATE_LIMIT = 100_000  # tests that post hundreds in a row; flood control has its own tests
TEST_SESSION_CREATE_LIMIT = 100_000  # every test makes its sessions from 127.0.0.1; the limit has its own tests


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption('--database', choices=('sqlite', 'postgresql'),
                     default=os.environ.get('STUDYHALL_TEST_DATABASE', 'sqlite'),
                     help='where the ctx fixture and the pages keep their data: a temp SQLite file (default) or a '
                          'fresh PostgreSQL database for this run (STUDYHALL_TEST_POSTGRES: the admin URL)')


@pytest.fixture(scope='session')
def test_database_url(request: pytest.FixtureRequest) -> Iterator[str | None]:
    """None: each test has its own SQLite file; else the URL of a PostgreSQL database made for this run."""
    if request.config.getoption('--database') == 'sqlite':
        yield None
        return
    with backing_services.fresh_database() as url:
        yield url


@pytest.fixture
def redis_url() -> str:
    """This machine's Redis (tests use a fresh key prefix on it), or a skip with the reason."""
    backing_services.needs(backing_services.redis_missing())
    return backing_services.REDIS_URL


@pytest.fixture
def private_redis(tmp_path: Path) -> Iterator[backing_services.PrivateRedis]:
    """A redis-server of this test's own, which it may stop and start (the shared one is never touched)."""
    backing_services.needs(backing_services.private_redis_missing())
    server = backing_services.PrivateRedis(tmp_path).start()
    yield server
    server.stop()


@pytest.fixture
async def database_url(test_database_url: str | None) -> str | None:
    """The test's database URL (None: SQLite in its temp folder), emptied of what earlier tests stored."""
    if test_database_url:
        await backing_services.empty_tables(test_database_url)
    return test_database_url


@pytest.fixture
def settings(tmp_path: Path, database_url: str | None) -> Settings:
    return Settings(data_dir=tmp_path / 'data', uploads_dir=tmp_path / 'uploads', database_url=database_url)


@pytest.fixture
async def ctx(settings: Settings) -> AsyncIterator[Context]:
    """The services' context as main.py wires it, on a real SQLite file in a temp folder."""
    core.loop = asyncio.get_running_loop()  # what NiceGUI's startup does; the hub's pump runs as a background task
    settings.prepare_folders()
    context = Context.wire(settings, Hub(), core.sio)
    install(context)
    await context.start()
    yield context
    async with asyncio.timeout(30):  # a stuck shutdown fails the test instead of hanging the run
        await context.stop()
    core.loop = None


@pytest.fixture(scope='session')
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    """One real `python main.py` for the whole test run; tests create their own sessions in it."""
    args = ('--max-upload-mb', str(TEST_UPLOAD_LIMIT_MB), '--message-rate-limit', str(TEST_MESSAGE_RATE_LIMIT),
            '--session-create-limit', str(TEST_SESSION_CREATE_LIMIT))
    with ServerProcess(tmp_path_factory.mktemp('server'), args=args) as process:
        yield process


api = servers.client_of('server')


@pytest.fixture
def start_server(tmp_path: Path) -> Iterator[Callable[..., ServerProcess]]:
    """`start_server('--flag', 'value', env={...})`: a started server of this test's own, which it may stop, kill and
    start again (its data stays in the test's temp folder); killed after the test."""
    start, stop_all = servers.server_starter(tmp_path)
    yield start
    stop_all()


@pytest.fixture
def own_server(start_server: Callable[..., ServerProcess]) -> ServerProcess:
    """A server of this test's own with the default settings, for tests that stop or restart it."""
    return start_server(name='own-server')


@pytest.fixture
async def open_tab(request: pytest.FixtureRequest) -> AsyncIterator[Callable[..., Awaitable[SessionTab]]]:
    """`await open_tab(code, 'Ana')`: a simulated session page of the test run's server, as Ana; `on=process`: of
    another server (one of the test's own, one process of a deployment, an nginx in front of them);
    `same_browser_as=ana`: another tab of Ana's browser (the same cookie; processes of one deployment share the
    cookie secret). All are closed after the test."""
    tabs: list[SessionTab] = []

    async def open_(code: str, name: str, *, on: servers.Served | None = None,
                    same_browser_as: SessionTab | None = None) -> SessionTab:
        process = on or request.getfixturevalue('server')
        jar = same_browser_as.browser.cookie_jar if same_browser_as else None
        tab = SessionTab(process.base_url, reconnect_deadline=30, cookie_jar=jar)
        tabs.append(tab)
        await tab.open(code, name)
        return tab

    yield open_
    for tab in tabs:
        await tab.close()
