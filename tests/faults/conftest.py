"""Fault tests: a server of the test's own that can be killed, restarted, or given a broken disk."""
import sqlite3
from collections.abc import Callable
from contextlib import closing

import pytest

from bench.server_process import ServerProcess

NO_FLOOD_LIMIT = ('--message-rate-limit', '1000000')


@pytest.fixture
def fault_server(start_server: Callable[..., ServerProcess]) -> ServerProcess:
    return start_server(*NO_FLOOD_LIMIT, name='fault-server')


def query(server: ServerProcess, sql: str) -> list[tuple]:
    with closing(sqlite3.connect(server.data_dir / 'data' / 'studyhall.db')) as db:
        return db.execute(sql).fetchall()
