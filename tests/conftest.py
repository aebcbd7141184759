"""Shared fixtures: a service context on a temporary SQLite file, and a real server process."""
import asyncio
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import httpx
import pytest
from nicegui import core

from bench.server_process import ServerProcess
from realtime.hub import Hub
from services.context import Context, install
from settings import Settings

TEST_UPLOAD_LIMIT_MB = 1
TEST_MESSAGE_RATE_LIMIT = 100_000  # tests that post hundreds in a row; flood control has its own tests


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(data_dir=tmp_path / 'data', uploads_dir=tmp_path / 'uploads')


@pytest.fixture
async def ctx(settings: Settings) -> AsyncIterator[Context]:
    """The services' context as main.py wires it, on a real SQLite file in a temp folder."""
    core.loop = asyncio.get_running_loop()  # what NiceGUI's startup does; the hub's pump runs as a background task
    settings.prepare_folders()
    context = Context.wire(settings, Hub(), core.sio)
    install(context)
    await context.start()
    yield context
    await context.stop()
    core.loop = None


@pytest.fixture(scope='session')
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    """One real `python main.py` for the whole test run; tests create their own sessions in it."""
    args = ('--max-upload-mb', str(TEST_UPLOAD_LIMIT_MB), '--message-rate-limit', str(TEST_MESSAGE_RATE_LIMIT))
    with ServerProcess(tmp_path_factory.mktemp('server'), args=args) as process:
        yield process


@pytest.fixture
async def api(server: ServerProcess) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(base_url=server.base_url, timeout=10) as client:
        yield client
