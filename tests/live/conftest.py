from collections.abc import AsyncIterator, Callable, Iterator

import httpx
import pytest

from bench.server_process import ServerProcess
from bench.session_tab import SessionTab


@pytest.fixture
async def open_tab(server: ServerProcess) -> AsyncIterator[Callable]:
    """Open a simulated session page as someone: `await open_tab(code, 'Ana')`, or another tab of the same browser:
    `await open_tab(code, 'Ana', same_browser_as=ana)`; all are closed after the test."""
    tabs: list[SessionTab] = []

    async def open_(code: str, name: str, base_url: str | None = None,
                    same_browser_as: SessionTab | None = None) -> SessionTab:
        jar = same_browser_as.browser.cookie_jar if same_browser_as else None
        tab = SessionTab(base_url or server.base_url, cookie_jar=jar)
        tabs.append(tab)
        await tab.open(code, name)
        return tab

    yield open_
    for tab in tabs:
        await tab.close()


async def new_session(api: httpx.AsyncClient, title: str = 'Live test') -> str:
    response = await api.post('/api/sessions', json={'title': title})
    assert response.status_code == 201
    return response.json()['code']


@pytest.fixture
def own_server(tmp_path) -> Iterator[ServerProcess]:
    """A server of this test's own, for tests that stop or restart it."""
    process = ServerProcess(tmp_path / 'own-server').start()
    yield process
    process.stop()
