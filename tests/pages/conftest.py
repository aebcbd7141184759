from pathlib import Path

import pytest
from nicegui.testing import User

from services import context


@pytest.fixture(autouse=True)
def data_in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, database_url: str | None) -> None:
    """main.py reads its settings from the environment when NiceGUI's User fixture runs it."""
    monkeypatch.setenv('STUDYHALL_DATA_DIR', str(tmp_path / 'data'))
    monkeypatch.setenv('STUDYHALL_UPLOADS_DIR', str(tmp_path / 'uploads'))
    monkeypatch.setenv('STUDYHALL_MESSAGE_RATE_LIMIT', '100000')
    if database_url:
        monkeypatch.setenv('STUDYHALL_DATABASE_URL', database_url)


@pytest.fixture
async def user(user: User) -> User:
    """NiceGUI's User, once the app's database is migrated (NiceGUI does not await async startup handlers, and on
    PostgreSQL that takes long enough to outlast `should_see`)."""
    await context.current().db.ensure_ready()
    return user
