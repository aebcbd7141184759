"""The fixtures of the live tests are in tests/conftest.py (`server`, `api`, `open_tab`, `own_server`); `host_tab` is
here."""
from collections.abc import AsyncIterator, Awaitable, Callable

import aiohttp
import pytest

from bench.server_process import ServerProcess
from bench.session_tab import SessionTab
from tests.servers import new_session  # noqa: F401  (tests here may import it from the conftest)


@pytest.fixture
async def host_tab(server: ServerProcess) -> AsyncIterator[Callable[[str, str], Awaitable[SessionTab]]]:
    """`await host_tab(code, host_key)`: a page of the host's browser, which opened the host link once (the server
    keeps the key for that browser); closed after the test."""
    tabs: list[SessionTab] = []

    async def open_(code: str, host_key: str) -> SessionTab:
        jar = aiohttp.CookieJar(unsafe=True)
        async with aiohttp.ClientSession(cookie_jar=jar) as http, \
                http.get(f'{server.base_url}/s/{code}?host_key={host_key}') as response:
            assert response.status == 200
        tab = SessionTab(server.base_url, cookie_jar=jar)
        tabs.append(tab)
        await tab.open(code, 'Teacher')
        return tab

    yield open_
    for tab in tabs:
        await tab.close()
