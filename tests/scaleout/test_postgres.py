"""PostgreSQL specifics: the Alembic schema, processes starting together, concurrent retries without a write lock."""
import asyncio
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, timedelta

import pytest
from alembic.script import ScriptDirectory
from nicegui import core
from sqlalchemy import text

from db.engine import Database
from db.migrations import alembic_config
from realtime.hub import Hub
from services import messages, sessions
from services.context import Context
from settings import Settings
from tests import backing_services


@pytest.fixture
def empty_database() -> Iterator[str]:
    """A database of this test's own, with no tables yet."""
    with backing_services.fresh_database() as url:
        yield url


@pytest.fixture
async def two_processes(empty_database: str, tmp_path) -> AsyncIterator[tuple[Context, Context]]:
    """Two service contexts on one database, each with its own engine and pool, like two StudyHall processes."""
    core.loop = asyncio.get_running_loop()
    contexts = []
    for name in ('a', 'b'):
        settings = Settings(data_dir=tmp_path / name, uploads_dir=tmp_path / 'uploads', database_url=empty_database)
        settings.prepare_folders()
        settings.database_pool_size = 5
        contexts.append(Context.wire(settings, Hub(), core.sio))
    await asyncio.gather(*(context.start() for context in contexts))
    yield contexts[0], contexts[1]
    for context in contexts:
        await context.stop()
    core.loop = None


async def test_processes_starting_together_create_the_schema_once(empty_database: str) -> None:
    databases = [Database(empty_database) for _ in range(4)]
    async with asyncio.timeout(30):  # without the migration lock they wait on each other's half-made tables
        await asyncio.gather(*(database.ensure_ready() for database in databases))
    async with databases[0].read() as db:
        tables = {row[0] for row in (await db.exec(text(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"))).all()}
        version = (await db.exec(text('SELECT version_num FROM alembic_version'))).all()
        column_types = set((await db.exec(text(
            "SELECT data_type FROM information_schema.columns WHERE column_name = 'created_at'"))).all())
    assert {'study_session', 'participant', 'message', 'material', 'alembic_version'} <= tables
    assert version == [(ScriptDirectory.from_config(alembic_config()).get_current_head(),)]
    assert column_types == {('timestamp with time zone',)}
    for database in databases:
        await database.dispose()


async def test_the_same_retry_posted_to_two_processes_at_once_is_stored_once(two_processes) -> None:
    a, b = two_processes
    session, _ = await sessions.create_session(a, 'Algebra')
    posts = [messages.post_message(context, session, 'New Person', 'hi', client_msg_id='same-retry')
             for context in (a, b) * 10]
    results = await asyncio.gather(*posts)
    assert len({message.id for message, _ in results}) == 1
    assert [is_new for _, is_new in results].count(True) == 1
    assert [m.body for m in await messages.messages_after(b, session.id, 0, 100)] == ['hi']


async def test_a_new_name_joining_through_two_processes_at_once_is_one_participant(two_processes) -> None:
    a, b = two_processes
    session, _ = await sessions.create_session(a, 'Algebra')
    joined = await asyncio.gather(*(sessions.join(context, session, 'Zoë') for context in (a, b) * 10))
    assert len({participant.id for participant in joined}) == 1
    bodies = await asyncio.gather(*(messages.post_message(context, session, f'Name {i % 3}', f'm{i}')
                                    for i, context in enumerate((a, b) * 6)))
    assert len(bodies) == 12
    assert len({message.author for message, _ in bodies}) == 3


async def test_times_come_back_aware_and_in_utc(two_processes) -> None:
    a, b = two_processes
    session, _ = await sessions.create_session(a, 'Algebra')
    posted, _ = await messages.post_message(a, session, 'Ana', 'hi')
    [read] = await messages.messages_after(b, session.id, 0, 10)
    assert read.created_at.utcoffset() == timedelta(0)
    assert read.created_at.tzinfo is not None
    assert read.created_at == posted.created_at.astimezone(UTC)
    assert (await sessions.get_session(b, session.code)).created_at.tzinfo is not None
