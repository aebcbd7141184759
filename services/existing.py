"""Rows a request names that must exist: the row, or NotFound with a message a person understands."""
from sqlmodel.ext.asyncio.session import AsyncSession

from db import queries
from db.models import Material, Message
from i18n import N_, _

from .errors import NotFound


async def message(db: AsyncSession, session_id: int, message_id: int) -> Message:
    """A message of the session that has not been deleted."""
    row = await queries.message_by_id(db, session_id, message_id)
    if row is None or row.deleted_at is not None:
        raise NotFound(_('That message does not exist (any more).'))
    return row


async def material(db: AsyncSession, session_id: int, material_id: int) -> Material:
    row = await queries.material_by_id(db, session_id, material_id)
    if row is None:
        raise NotFound(_(MATERIAL_GONE))
    return row


MATERIAL_GONE = N_('This file is not (or no longer) shared in this session.')
