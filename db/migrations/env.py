"""Alembic environment: runs on the connection the app hands over, or on the configured database (CLI)."""
import asyncio

from alembic import context
from sqlalchemy import Connection
from sqlalchemy.ext.asyncio import create_async_engine
from sqlmodel import SQLModel

from db import models  # noqa: F401  (registers the tables on SQLModel.metadata)


def run_on(connection: Connection) -> None:
    context.configure(connection=connection, target_metadata=SQLModel.metadata,
                      render_as_batch=connection.dialect.name == 'sqlite')
    with context.begin_transaction():
        context.run_migrations()


async def run_from_settings() -> None:
    from settings import Settings
    engine = create_async_engine(Settings().resolved_database_url)
    async with engine.begin() as connection:
        await connection.run_sync(run_on)
    await engine.dispose()


if (given := context.config.attributes.get('connection')) is not None:
    run_on(given)
else:
    asyncio.run(run_from_settings())
