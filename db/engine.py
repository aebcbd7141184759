"""The async engine, its SQLite pragmas, and sessions for reading and writing."""
import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from sqlalchemy import event, make_url, text
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine
from sqlmodel.ext.asyncio.session import AsyncSession

from .migrations import upgrade_to_head

SQLITE_BUSY_TIMEOUT_MS = 10_000
MIGRATION_LOCK_KEY = 7_100_501  # any constant: processes of one deployment agree on it
POOL_RECYCLE_SECONDS = 1800


class Database:
    def __init__(self, url: str, *, pool_size: int = 10) -> None:
        self.url = url
        self.dialect = make_url(url).get_backend_name()
        self.is_sqlite = self.dialect == 'sqlite'
        self.engine: AsyncEngine = create_async_engine(url, **_pool_options(self.is_sqlite, pool_size))
        if self.is_sqlite:
            event.listen(self.engine.sync_engine, 'connect', _set_sqlite_pragmas)
        # SQLite has one writer at a time; queueing writers here instead of in SQLite's busy handler keeps
        # concurrent posts from ever seeing "database is locked".
        self._write_lock = asyncio.Lock() if self.is_sqlite else None
        self._ready = False
        self._init_lock = asyncio.Lock()

    async def ensure_ready(self) -> None:
        """Apply migrations once; every query waits for this (NiceGUI does not await async startup handlers)."""
        if self._ready:
            return
        async with self._init_lock:
            if not self._ready:
                async with self.engine.begin() as connection:
                    if self.dialect == 'postgresql':
                        # processes started together would otherwise create the same tables at the same time
                        await connection.execute(text('SELECT pg_advisory_xact_lock(:key)'),
                                                 {'key': MIGRATION_LOCK_KEY})
                    await connection.run_sync(upgrade_to_head)
                self._ready = True

    @asynccontextmanager
    async def read(self) -> AsyncIterator[AsyncSession]:
        await self.ensure_ready()
        async with AsyncSession(self.engine, expire_on_commit=False) as session:
            yield session

    @asynccontextmanager
    async def write(self) -> AsyncIterator[AsyncSession]:
        """A session whose work is committed when the block ends without error, and rolled back otherwise."""
        await self.ensure_ready()
        async with self._writer_turn(), AsyncSession(self.engine, expire_on_commit=False) as session, \
                session.begin():
            yield session

    @asynccontextmanager
    async def _writer_turn(self) -> AsyncIterator[None]:
        if self._write_lock is None:
            yield
        else:
            async with self._write_lock:
                yield

    async def dispose(self) -> None:
        await self.engine.dispose()


def _pool_options(is_sqlite: bool, pool_size: int) -> dict:
    if is_sqlite:
        return {}
    return {'pool_size': pool_size, 'max_overflow': pool_size, 'pool_timeout': 30,
            'pool_recycle': POOL_RECYCLE_SECONDS, 'pool_pre_ping': True}


def _set_sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute('PRAGMA journal_mode=WAL')
    cursor.execute(f'PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}')
    cursor.execute('PRAGMA synchronous=NORMAL')
    cursor.execute('PRAGMA foreign_keys=ON')
    cursor.close()
