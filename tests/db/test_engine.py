import asyncio

import pytest
from alembic.script import ScriptDirectory
from sqlalchemy import text
from sqlmodel import select

from db.engine import Database
from db.migrations import alembic_config
from db.models import Message, StudySession
from settings import Settings


async def test_migrations_create_every_table_once(settings: Settings) -> None:
    settings.prepare_folders()
    database = Database(settings.resolved_database_url)
    await database.ensure_ready()
    await database.ensure_ready()
    async with database.read() as db:
        tables = {row[0] for row in (await db.exec(text("SELECT name FROM sqlite_master WHERE type='table'"))).all()}
        version = (await db.exec(text('SELECT version_num FROM alembic_version'))).one()[0]
    assert {'study_session', 'participant', 'message', 'material', 'reaction', 'read_position'} <= tables
    assert version == ScriptDirectory.from_config(alembic_config()).get_current_head()
    await database.dispose()


async def test_sqlite_runs_in_wal_mode_with_a_busy_timeout(settings: Settings) -> None:
    settings.prepare_folders()
    database = Database(settings.resolved_database_url)
    async with database.read() as db:
        journal_mode = (await db.exec(text('PRAGMA journal_mode'))).one()[0]
        busy_timeout = (await db.exec(text('PRAGMA busy_timeout'))).one()[0]
        foreign_keys = (await db.exec(text('PRAGMA foreign_keys'))).one()[0]
    assert journal_mode == 'wal'
    assert busy_timeout >= 5000
    assert foreign_keys == 1
    await database.dispose()


async def test_a_restart_on_the_same_file_keeps_every_session(settings: Settings) -> None:
    settings.prepare_folders()
    first = Database(settings.resolved_database_url)
    async with first.write() as db:
        db.add(StudySession(code='K7P2QX', title='Algebra', host_key_hash='x'))
    await first.dispose()

    second = Database(settings.resolved_database_url)
    async with second.read() as db:
        titles = [row.title for row in (await db.exec(select(StudySession))).all()]
    assert titles == ['Algebra']
    await second.dispose()


async def test_concurrent_writers_all_commit(settings: Settings) -> None:
    settings.prepare_folders()
    database = Database(settings.resolved_database_url)
    async with database.write() as db:
        session = StudySession(code='K7P2QX', title='Algebra', host_key_hash='x')
        db.add(session)
    session_id = session.id

    async def write(i: int) -> None:
        async with database.write() as db:
            db.add(Message(session_id=session_id, author='Ana', body=str(i), html=str(i)))

    await asyncio.gather(*(write(i) for i in range(40)))
    async with database.read() as db:
        bodies = sorted(int(row.body) for row in (await db.exec(select(Message))).all())
    assert bodies == list(range(40))
    await database.dispose()


async def test_a_failed_write_block_is_rolled_back(settings: Settings) -> None:
    settings.prepare_folders()
    database = Database(settings.resolved_database_url)
    with pytest.raises(RuntimeError, match='after the insert'):
        async with database.write() as db:
            db.add(StudySession(code='K7P2QX', title='Algebra', host_key_hash='x'))
            await db.flush()
            raise RuntimeError('something went wrong after the insert')
    async with database.read() as db:
        assert (await db.exec(select(StudySession))).all() == []
    await database.dispose()
