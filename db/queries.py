"""Reads and writes of rows, one small function each; callers own the transaction."""
from collections.abc import Sequence

from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from .models import Material, Message, Participant, StudySession


async def session_by_code(db: AsyncSession, code: str) -> StudySession | None:
    return (await db.exec(select(StudySession).where(StudySession.code == code))).first()


async def sessions_by_codes(db: AsyncSession, codes: Sequence[str]) -> Sequence[StudySession]:
    query = select(StudySession).where(col(StudySession.code).in_(codes)).order_by(col(StudySession.id).desc())
    return (await db.exec(query)).all()


async def open_sessions(db: AsyncSession, limit: int) -> Sequence[StudySession]:
    query = select(StudySession).where(StudySession.status == 'open') \
        .order_by(col(StudySession.id).desc()).limit(limit)
    return (await db.exec(query)).all()


async def participant_by_key(db: AsyncSession, session_id: int, name_key: str) -> Participant | None:
    query = select(Participant).where(Participant.session_id == session_id, Participant.name_key == name_key)
    return (await db.exec(query)).first()


async def add_participant_unless_taken(db: AsyncSession, session_id: int, name: str, name_key: str) -> None:
    """Insert the participant, or nothing if the name is taken, without failing the caller's transaction."""
    insert = postgresql.insert if db.bind.dialect.name == 'postgresql' else sqlite.insert
    statement = insert(Participant).values(session_id=session_id, name=name, name_key=name_key) \
        .on_conflict_do_nothing(index_elements=['session_id', 'name_key'])
    await db.exec(statement)


async def message_by_client_id(db: AsyncSession, session_id: int, client_msg_id: str) -> Message | None:
    query = select(Message).where(Message.session_id == session_id, Message.client_msg_id == client_msg_id)
    return (await db.exec(query)).first()


async def messages_after(db: AsyncSession, session_id: int, after_id: int, limit: int) -> Sequence[Message]:
    query = select(Message).where(Message.session_id == session_id, col(Message.id) > after_id) \
        .order_by(col(Message.id)).limit(limit)
    return (await db.exec(query)).all()


async def messages_before(db: AsyncSession, session_id: int, before_id: int | None, limit: int) -> list[Message]:
    """The `limit` newest messages older than `before_id` (all when None), in ascending id order."""
    query = select(Message).where(Message.session_id == session_id)
    if before_id is not None:
        query = query.where(col(Message.id) < before_id)
    rows = (await db.exec(query.order_by(col(Message.id).desc()).limit(limit))).all()
    return list(reversed(rows))


async def materials_of(db: AsyncSession, session_id: int) -> Sequence[Material]:
    query = select(Material).where(Material.session_id == session_id).order_by(col(Material.id))
    return (await db.exec(query)).all()


async def material_by_id(db: AsyncSession, session_id: int, material_id: int) -> Material | None:
    query = select(Material).where(Material.session_id == session_id, Material.id == material_id)
    return (await db.exec(query)).first()
