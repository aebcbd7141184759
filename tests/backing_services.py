"""PostgreSQL and Redis for tests: a fresh database and a fresh key prefix per run, or a clear reason to skip.

What a test needs and this machine lacks (PostgreSQL, Redis, nginx, Chromium) goes through `needs`: here a skip with
the reason; in CI (`CI=true`, as `.ci/run` sets it) a failure, so that the PostgreSQL pass, the scale-out suite and
the browser tests can never silently vanish from a green run.
"""
import asyncio
import os
import shutil
import signal
import subprocess
import time
import uuid
from collections.abc import Coroutine, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

from bench.server_process import free_port

# trust auth on this machine; elsewhere point these at a server you may create databases on
POSTGRES_ADMIN_URL = os.environ.get('STUDYHALL_TEST_POSTGRES', 'postgresql://postgres@127.0.0.1:5432/test')
REDIS_URL = os.environ.get('STUDYHALL_TEST_REDIS', 'redis://127.0.0.1:6379/0')
TABLES = ('message', 'material', 'participant', 'study_session')


def in_ci() -> bool:
    return os.environ.get('CI', '').strip().lower() in ('true', '1', 'yes')


def needs(reason: str | None) -> None:
    """Nothing when `reason` is None; else skip the test with it, or fail it in CI."""
    if reason is None:
        return
    import pytest
    if in_ci():
        pytest.fail(f'{reason} (CI=true: what the tests need must be there; .ci/run installs it)', pytrace=False)
    pytest.skip(reason)


def needs_module(name: str, install: str) -> None:
    """At a test module's top: skip the module when the package is not installed, or fail its collection in CI."""
    import importlib.util

    import pytest
    if importlib.util.find_spec(name) is not None:
        return
    reason = f'{name} is not installed ({install})'
    if in_ci():
        raise ImportError(f'{reason} (CI=true: what the tests need must be there)')
    pytest.skip(reason, allow_module_level=True)


def unique_name(kind: str) -> str:
    return f'studyhall_test_{kind}_{uuid.uuid4().hex[:12]}'


def postgres_missing() -> str | None:
    """Why PostgreSQL cannot be used here, or None when it can."""
    try:
        import asyncpg
    except ImportError:
        return 'asyncpg is not installed (pip install -e ".[postgres]")'
    try:
        _run(_execute(asyncpg, 'SELECT 1'))
    except (OSError, asyncpg.PostgresError) as e:
        return f'PostgreSQL is not reachable at {POSTGRES_ADMIN_URL} ({e.__class__.__name__}: {e})'
    return None


def redis_missing() -> str | None:
    try:
        import redis
    except ImportError:
        return 'redis-py is not installed (pip install -e ".[redis]")'
    try:
        with redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2) as client:
            client.ping()
    except redis.RedisError as e:
        return f'Redis is not reachable at {REDIS_URL} ({e})'
    return None


def create_database() -> str:
    """A new empty database; returns its SQLAlchemy URL (asyncpg driver)."""
    import asyncpg
    name = unique_name('db')
    _run(_execute(asyncpg, f'CREATE DATABASE {name}'))
    base = POSTGRES_ADMIN_URL.rsplit('/', 1)[0].replace('postgresql://', 'postgresql+asyncpg://', 1)
    return f'{base}/{name}'


@contextmanager
def fresh_database() -> Iterator[str]:
    """A PostgreSQL database made for the caller and dropped afterwards; skips the test where there is none."""
    needs(postgres_missing())
    url = create_database()
    try:
        yield url
    finally:
        drop_database(url)


def drop_database(url: str) -> None:
    import asyncpg
    _run(_execute(asyncpg, f'DROP DATABASE IF EXISTS {url.rsplit("/", 1)[1]} WITH (FORCE)'))


async def empty_tables(url: str) -> None:
    """Remove every row the previous test left (the schema and its Alembic version stay)."""
    import asyncpg
    connection = await asyncpg.connect(url.replace('+asyncpg', '', 1))
    try:
        if await connection.fetchval("SELECT to_regclass('message')") is not None:
            await connection.execute(f'TRUNCATE {", ".join(TABLES)} RESTART IDENTITY CASCADE')
    finally:
        await connection.close()


def _run(coroutine: Coroutine) -> None:
    """Run it to the end in a thread of its own, so it works beside a running loop (Playwright's, pytest-asyncio's)."""
    with ThreadPoolExecutor(1) as pool:
        pool.submit(asyncio.run, coroutine).result()


async def _execute(asyncpg, sql: str) -> None:
    connection = await asyncpg.connect(POSTGRES_ADMIN_URL, timeout=5)
    try:
        await connection.execute(sql)
    finally:
        await connection.close()


class PrivateRedis:
    """A redis-server of the test's own on a free port, which the test may stop and start again."""

    def __init__(self, log_dir: Path) -> None:
        self.port = free_port()
        self.log_path = log_dir / f'redis-{self.port}.log'
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f'redis://127.0.0.1:{self.port}/0'

    def start(self, timeout: float = 10) -> 'PrivateRedis':
        command = [shutil.which('redis-server') or 'redis-server', '--port', str(self.port), '--bind', '127.0.0.1',
                   '--save', '', '--appendonly', 'no', '--logfile', str(self.log_path)]
        self.process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
        self._wait_until(lambda: self._answers(), timeout)
        return self

    def stop(self, *, kill: bool = False) -> None:
        """Stop this server (only this one, by its PID)."""
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGKILL if kill else signal.SIGTERM)
        self.process.wait(10)

    def _answers(self) -> bool:
        import redis
        try:
            with redis.Redis(port=self.port, socket_connect_timeout=0.5) as client:
                return bool(client.ping())
        except redis.RedisError:
            return False

    def _wait_until(self, predicate, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while not predicate():
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f'redis-server on port {self.port} did not start (see {self.log_path})')
            time.sleep(0.05)


def private_redis_missing() -> str | None:
    if shutil.which('redis-server') is None:
        return 'redis-server is not installed (Debian: apt-get install redis-server)'
    try:
        import redis  # noqa: F401
    except ImportError:
        return 'redis-py is not installed (pip install -e ".[redis]")'
    return None
