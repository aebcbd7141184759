"""A database made by an earlier revision upgrades in place and keeps its rows."""
from alembic import command
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine
from sqlmodel import select

from db.engine import Database
from db.migrations import alembic_config
from db.models import Material
from settings import Settings


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
