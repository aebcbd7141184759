"""A database made by an earlier revision upgrades in place and keeps its rows."""
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from alembic import command
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine
from sqlmodel import select

from db.engine import Database
from db.migrations import alembic_config
from db.models import Material, Message, Participant, StudySession
from services.text import name_key
from settings import Settings
from tests import backing_services


async def test_a_0001_database_gains_the_picture_columns_and_keeps_its_materials(settings: Settings) -> None:
    settings.prepare_folders()
    engine = create_async_engine(settings.resolved_database_url)
    async with engine.begin() as connection:
        await connection.run_sync(lambda sync: command.upgrade(alembic_config(sync), '0001'))
        await connection.execute(text("INSERT INTO study_session (code, title, description, host_key_hash, status, "
                                      "created_at) VALUES ('K7P2QX', 'Old', '', 'x', 'open', '2026-01-01')"))
        await connection.execute(text("INSERT INTO material (session_id, author, name, size, sha256, content_type, "
                                      "created_at) VALUES (1, 'Ana', 'a.png', 3, 'ab', 'image/png', '2026-01-01')"))
    await engine.dispose()

    database = Database(settings.resolved_database_url)
    async with database.read() as db:
        row = (await db.exec(select(Material))).one()
    assert (row.name, row.image_width, row.image_height, row.previewable) == ('a.png', None, None, False)
    await database.dispose()


@pytest.fixture(params=['sqlite', 'postgresql'])
def any_database_url(request: pytest.FixtureRequest, settings: Settings) -> Iterator[str]:
    """A new SQLite file, and a fresh PostgreSQL database where there is one."""
    if request.param == 'sqlite':
        settings.prepare_folders()
        yield settings.resolved_database_url
        return
    with backing_services.fresh_database() as url:
        yield url


async def test_0006_gives_look_alikes_one_key_and_keeps_everybody(any_database_url: str) -> None:
    """`Teacher` (the host) and `Tеacher` (Cyrillic е) were two names; under one key, the second is numbered and
    keeps its messages; mentions stored in messages follow the new keys."""
    engine = create_async_engine(any_database_url)
    async with engine.begin() as connection:
        await connection.run_sync(lambda sync: command.upgrade(alembic_config(sync), '0004'))
        await connection.execute(text("INSERT INTO study_session (id, code, title, description, host_key_hash, status, "
                                      "created_at) VALUES (1, 'K7P2QX', 'Old', '', 'x', 'open', '2026-01-01')"))
        people = [(1, 'T\u0435acher', 't\u0435acher', False), (2, 'Teacher', 'teacher', True),
                  (3, 'Maria', 'maria', False)]
        for person_id, name, key, is_host in people:
            await connection.execute(text(
                'INSERT INTO participant (id, session_id, name, name_key, is_host, muted, removed, created_at) '
                'VALUES (:id, 1, :name, :key, :host, false, false, :at)'),
                {'id': person_id, 'name': name, 'key': key, 'host': is_host, 'at': datetime(2026, 1, 1, tzinfo=UTC)})
        mention = '<p><span class="sh-mention" data-mention="maria">@Maria</span></p>'
        for message_id, person_id, author, html in [(1, 1, 'T\u0435acher', '<p>I am the teacher</p>'),
                                                    (2, 3, 'Maria', mention)]:
            await connection.execute(text(
                'INSERT INTO message (id, session_id, participant_id, author, body, html, created_at) '
                'VALUES (:id, 1, :person, :author, :body, :html, :at)'),
                {'id': message_id, 'person': person_id, 'author': author, 'body': '', 'html': html,
                 'at': datetime(2026, 1, 1, tzinfo=UTC)})
    await engine.dispose()

    database = Database(any_database_url)
    async with database.read() as db:
        people = {row.id: (row.name, row.name_key) for row in (await db.exec(select(Participant))).all()}
        rows = (await db.exec(select(Message))).all()
    messages = {row.id: (row.participant_id, row.author, row.html) for row in rows}
    await database.dispose()
    assert people == {1: ('T\u0435acher (2)', name_key('Teacher (2)')), 2: ('Teacher', name_key('Teacher')),
                      3: ('Maria', name_key('Maria'))}
    assert messages[1] == (1, 'T\u0435acher (2)', '<p>I am the teacher</p>')
    assert messages[2][2] == f'<p><span class="sh-mention" data-mention="{name_key("Maria")}">@Maria</span></p>'


async def test_a_0004_database_gains_upload_ids_and_keeps_its_materials(settings: Settings) -> None:
    settings.prepare_folders()
    engine = create_async_engine(settings.resolved_database_url)
    async with engine.begin() as connection:
        await connection.run_sync(lambda sync: command.upgrade(alembic_config(sync), '0004'))
        await connection.execute(text("INSERT INTO study_session (code, title, description, host_key_hash, status, "
                                      "created_at) VALUES ('K7P2QX', 'Old', '', 'x', 'open', '2026-01-01')"))
        for name in ('a.png', 'b.png'):  # several rows without an upload id: the unique key allows them
            await connection.execute(text("INSERT INTO material (session_id, author, name, size, sha256, "
                                          f"content_type, created_at) VALUES (1, 'Ana', '{name}', 3, 'ab', "
                                          "'image/png', '2026-01-01')"))
    await engine.dispose()

    database = Database(settings.resolved_database_url)
    async with database.read() as db:
        rows = (await db.exec(select(Material))).all()
    assert [(row.name, row.client_upload_id) for row in rows] == [('a.png', None), ('b.png', None)]
    await database.dispose()


async def test_0010_counts_sessions_closed_before_it_as_closed_from_the_upgrade(any_database_url: str) -> None:
    engine = create_async_engine(any_database_url)
    async with engine.begin() as connection:
        await connection.run_sync(lambda sync: command.upgrade(alembic_config(sync), '0006'))
        for code, status in (('K7P2QX', 'closed'), ('K7P2QY', 'open')):
            await connection.execute(text("INSERT INTO study_session (code, title, description, host_key_hash, status, "
                                          f"created_at) VALUES ('{code}', 'Old', '', 'x', '{status}', '2026-01-01')"))
    await engine.dispose()

    database = Database(any_database_url)
    async with database.read() as db:
        rows = {row.code: row.closed_at for row in (await db.exec(select(StudySession))).all()}
    await database.dispose()
    assert rows['K7P2QY'] is None and rows['K7P2QX'] is not None
