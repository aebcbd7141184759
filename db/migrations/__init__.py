"""Alembic migrations, applied automatically at start-up so an upgrade keeps every session."""
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Connection

SCRIPT_LOCATION = Path(__file__).resolve().parent


def alembic_config(connection: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option('script_location', str(SCRIPT_LOCATION))
    config.attributes['connection'] = connection
    return config


def upgrade_to_head(connection: Connection) -> None:
    command.upgrade(alembic_config(connection), 'head')
