"""Fault tests: a server of the test's own that can be killed, restarted, or given a broken disk."""
import sqlite3
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest

from bench.server_process import ServerProcess

NO_FLOOD_LIMIT = ('--message-rate-limit', '1000000')


@pytest.fixture
def fault_server(tmp_path: Path) -> Iterator[ServerProcess]:
    process = ServerProcess(tmp_path / 'fault-server', args=NO_FLOOD_LIMIT).start()
    yield process
    process.stop(kill=True)


def query(server: ServerProcess, sql: str) -> list[tuple]:
    with closing(sqlite3.connect(server.data_dir / 'data' / 'studyhall.db')) as db:
        return db.execute(sql).fetchall()
