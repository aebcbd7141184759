from pathlib import Path

import pytest

from settings import Settings


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """These tests are about the SQLite engine (WAL, pragmas, the write lock); PostgreSQL has its own in scaleout/."""
    return Settings(data_dir=tmp_path / 'data', uploads_dir=tmp_path / 'uploads')
