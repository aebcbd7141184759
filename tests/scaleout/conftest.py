"""Several real StudyHall processes sharing one fresh PostgreSQL database, one Redis prefix and one uploads folder."""
import secrets
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path

import httpx
import pytest

from bench.server_process import ServerProcess
from bench.session_tab import SessionTab
from tests import backing_services


@pytest.fixture
def postgres_url() -> Iterator[str]:
    with backing_services.fresh_database() as url:
        yield url


@pytest.fixture
def start_processes(tmp_path: Path, postgres_url: str) -> Iterator[Callable[..., list[ServerProcess]]]:
    """`start_processes(redis_url, count=2, env={...})`: StudyHall processes of one deployment, each on its own port
    (`env`: more settings, e.g. STUDYHALL_PRESENCE_HEARTBEAT_SECONDS)."""
    started: list[ServerProcess] = []
    shared = {
        'STUDYHALL_DATABASE_URL': postgres_url,
        'STUDYHALL_REDIS_PREFIX': backing_services.unique_name('app'),
        'STUDYHALL_STORAGE_SECRET': secrets.token_urlsafe(32),
        'STUDYHALL_UPLOADS_DIR': str(tmp_path / 'shared-uploads'),
    }

    def start(redis_url: str, count: int = 2, env: dict[str, str] | None = None) -> list[ServerProcess]:
        env = {**shared, 'STUDYHALL_REDIS_URL': redis_url, **(env or {})}
        processes = [ServerProcess(tmp_path / f'process-{len(started) + i}', env=env) for i in range(count)]
        for process in processes:
            started.append(process.start())
        return processes

    yield start
    for process in started:
        process.stop(kill=True)


@pytest.fixture
async def open_tab() -> AsyncIterator[Callable]:
    """`await open_tab(process, code, 'Ana')`: a simulated session page served by that process; another tab of the
    same browser, on any process (they share the cookie secret): `open_tab(process, code, 'Ana', same_browser_as=ana)`.
    """
    tabs: list[SessionTab] = []

    async def open_(process: ServerProcess, code: str, name: str,
                    same_browser_as: SessionTab | None = None) -> SessionTab:
        jar = same_browser_as.browser.cookie_jar if same_browser_as else None
        tab = SessionTab(process.base_url, reconnect_deadline=30, cookie_jar=jar)
        tabs.append(tab)
        await tab.open(code, name)
        return tab

    yield open_
    for tab in tabs:
        await tab.close()


async def new_session(process: ServerProcess, title: str = 'Scale-out test') -> str:
    async with httpx.AsyncClient(base_url=process.base_url, timeout=10) as api:
        response = await api.post('/api/sessions', json={'title': title})
    assert response.status_code == 201, response.text
    return response.json()['code']


def notice_shown(tab: SessionTab) -> bool:
    """Whether the page shows the "live updates are delayed" line."""
    return any('Live updates are delayed' in str(element.get('text', '')) and 'hidden' not in element.get('class', ())
               for element in tab.browser.elements.values())
