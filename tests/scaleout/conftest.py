"""Several real StudyHall processes sharing one fresh PostgreSQL database, one Redis prefix and one uploads folder."""
import secrets
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from bench.server_process import ServerProcess
from bench.session_tab import SessionTab
from tests import backing_services
from tests.servers import new_session  # noqa: F401  (tests here may import it from the conftest)


@pytest.fixture
def postgres_url() -> Iterator[str]:
    with backing_services.fresh_database() as url:
        yield url


@pytest.fixture
def start_processes(start_server: Callable[..., ServerProcess], postgres_url: str,
                    tmp_path: Path) -> Callable[..., list[ServerProcess]]:
    """`start_processes(redis_url, count=2, env={...})`: StudyHall processes of one deployment, each on its own port
    (`env`: more settings, e.g. STUDYHALL_PRESENCE_HEARTBEAT_SECONDS); open a tab on one with `open_tab(..., on=a)`."""
    shared = {
        'STUDYHALL_DATABASE_URL': postgres_url,
        'STUDYHALL_REDIS_PREFIX': backing_services.unique_name('app'),
        'STUDYHALL_STORAGE_SECRET': secrets.token_urlsafe(32),
        'STUDYHALL_UPLOADS_DIR': str(tmp_path / 'shared-uploads'),
    }

    def start(redis_url: str, count: int = 2, env: dict[str, str] | None = None) -> list[ServerProcess]:
        env = {**shared, 'STUDYHALL_REDIS_URL': redis_url, **(env or {})}
        return [start_server(env=env, name='process') for _ in range(count)]

    return start


def notice_shown(tab: SessionTab) -> bool:
    """Whether the page shows the "live updates are delayed" line."""
    return any('Live updates are delayed' in str(element.get('text', '')) and 'hidden' not in element.get('class', ())
               for element in tab.browser.elements.values())
