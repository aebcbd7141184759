"""Reads and writes of rows, one small function each; callers own the transaction.

The statements of every page load and every posted message are built once, with bound parameters: building them
anew was a tenth of the server CPU of posting a message (py-spy).
"""
from collections.abc import Collection, Sequence

from sqlalchemy import ColumnElement, Select, TextClause, bindparam, func, literal_column, text
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from .models import Material, Message, Participant, Reaction, ReadPosition, StudySession

_SESSION_BY_CODE = select(StudySession).where(StudySession.code == bindparam('code'))
_PARTICIPANT_BY_KEY = select(Participant).where(Participant.session_id == bindparam('session_id'),
                                                Participant.name_key == bindparam('name_key'))
_PARTICIPANTS_WITH_KEYS = select(Participant.name_key, Participant.name).where(
    Participant.session_id == bindparam('session_id'), col(Participant.name_key).in_(bindparam('keys', expanding=True)))
_SESSION_STATUS = select(StudySession.status).where(StudySession.id == bindparam('session_id'))
_MESSAGE_BY_CLIENT_ID = select(Message).where(Message.session_id == bindparam('session_id'),
                                              Message.client_msg_id == bindparam('client_msg_id'))


async def session_by_code(db: AsyncSession, code: str) -> StudySession | None:
    return (await db.exec(_SESSION_BY_CODE, params={'code': code})).first()


async def session_status(db: AsyncSession, session_id: int) -> str:
    return (await db.exec(_SESSION_STATUS, params={'session_id': session_id})).one()


async def sessions_by_codes(db: AsyncSession, codes: Sequence[str]) -> Sequence[StudySession]:
    query = select(StudySession).where(col(StudySession.code).in_(codes)).order_by(col(StudySession.id).desc())
    return (await db.exec(query)).all()


async def open_sessions(db: AsyncSession, limit: int) -> Sequence[StudySession]:
    query = select(StudySession).where(StudySession.status == 'open') \
        .order_by(col(StudySession.id).desc()).limit(limit)
    return (await db.exec(query)).all()


async def participant_by_key(db: AsyncSession, session_id: int, name_key: str) -> Participant | None:
    return (await db.exec(_PARTICIPANT_BY_KEY, params={'session_id': session_id, 'name_key': name_key})).first()


async def add_participant_unless_taken(db: AsyncSession, session_id: int, name: str, name_key: str,
                                       browser_id: str | None, is_host: bool) -> None:
    """Insert the participant, or nothing if the name is taken, without failing the caller's transaction."""
    insert = postgresql.insert if _dialect(db) == 'postgresql' else sqlite.insert
    statement = insert(Participant).values(session_id=session_id, name=name, name_key=name_key,
                                           browser_id=browser_id, is_host=is_host) \
        .on_conflict_do_nothing(index_elements=['session_id', 'name_key'])
    await db.exec(statement)


async def message_by_client_id(db: AsyncSession, session_id: int, client_msg_id: str) -> Message | None:
    return (await db.exec(_MESSAGE_BY_CLIENT_ID,
                          params={'session_id': session_id, 'client_msg_id': client_msg_id})).first()


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


async def material_by_upload_id(db: AsyncSession, session_id: int, client_upload_id: str) -> Material | None:
    query = select(Material).where(Material.session_id == session_id, Material.client_upload_id == client_upload_id)
    return (await db.exec(query)).first()


async def message_by_id(db: AsyncSession, session_id: int, message_id: int) -> Message | None:
    return (await db.exec(select(Message).where(Message.session_id == session_id, Message.id == message_id))).first()


async def messages_by_ids(db: AsyncSession, message_ids: Sequence[int]) -> Sequence[Message]:
    return (await db.exec(select(Message).where(col(Message.id).in_(message_ids)))).all()


async def reactions_for(db: AsyncSession, message_ids: Sequence[int]) -> Sequence[tuple[int, str, str]]:
    """(message id, emoji, participant name) in the order the reactions were given."""
    query = select(Reaction.message_id, Reaction.emoji, Participant.name) \
        .join(Participant, col(Participant.id) == Reaction.participant_id) \
        .where(col(Reaction.message_id).in_(message_ids)).order_by(col(Reaction.id))
    return (await db.exec(query)).all()


async def reaction(db: AsyncSession, message_id: int, participant_id: int, emoji: str) -> Reaction | None:
    query = select(Reaction).where(Reaction.message_id == message_id, Reaction.participant_id == participant_id,
                                   Reaction.emoji == emoji)
    return (await db.exec(query)).first()


async def participant_names(db: AsyncSession, session_id: int, *, muted_only: bool = False) -> list[str]:
    query = select(Participant.name).where(Participant.session_id == session_id)
    if muted_only:
        query = query.where(col(Participant.muted))
    return list((await db.exec(query)).all())


async def removed_names(db: AsyncSession, session_id: int, browser_id: str | None = None) -> list[str]:
    """The names the host removed from the session (only those this browser took, given `browser_id`)."""
    query = select(Participant.name).where(Participant.session_id == session_id, col(Participant.removed))
    if browser_id is not None:
        query = query.where(Participant.browser_id == browser_id)
    return list((await db.exec(query.order_by(col(Participant.name)))).all())


async def participants_with_keys(db: AsyncSession, session_id: int, keys: Collection[str]) -> Sequence[tuple[str, str]]:
    """(name key, name) of the session's participants with one of these keys."""
    return (await db.exec(_PARTICIPANTS_WITH_KEYS, params={'session_id': session_id, 'keys': list(keys)})).all()


async def participants_of(db: AsyncSession, session_id: int) -> Sequence[Participant]:
    query = select(Participant).where(Participant.session_id == session_id).order_by(col(Participant.name))
    return (await db.exec(query)).all()


async def read_positions_of(db: AsyncSession, session_id: int) -> Sequence[tuple[str, int]]:
    """(participant name, last read message id) of everyone who has read something."""
    query = select(Participant.name, ReadPosition.last_read_id) \
        .join(Participant, col(Participant.id) == ReadPosition.participant_id) \
        .where(ReadPosition.session_id == session_id)
    return (await db.exec(query)).all()


async def read_position_rows(db: AsyncSession, participant_ids: Sequence[int]) -> dict[int, ReadPosition]:
    """The stored read positions of these participants, by participant id: one query for a whole class."""
    query = select(ReadPosition).where(col(ReadPosition.participant_id).in_(participant_ids))
    return {row.participant_id: row for row in (await db.exec(query)).all()}


async def existing_participant_ids(db: AsyncSession, participant_ids: Sequence[int]) -> set[int]:
    """Which of these participants still exist (their session may have been deleted meanwhile)."""
    query = select(Participant.id).where(col(Participant.id).in_(participant_ids))
    return set((await db.exec(query)).all())


async def search_messages(db: AsyncSession, session_id: int, words: Sequence[str], limit: int) -> Sequence[Message]:
    """Messages with every word (the last one also as a prefix), newest first: FTS5 on SQLite, the GIN-indexed
    text search vector on PostgreSQL. `words` are plain word characters, so they cannot carry query syntax."""
    if _dialect(db) == 'sqlite':
        match = ' '.join([f'"{word}"' for word in words[:-1]] + [f'"{words[-1]}"*'])
        ids: Select = select(literal_column('rowid')).select_from(text('message_fts')) \
            .where(text('message_fts MATCH :match')).params(match=match)
        condition: ColumnElement[bool] | TextClause = col(Message.id).in_(ids)
    else:
        terms = ' & '.join([*words[:-1], f'{words[-1]}:*'])
        # the expression of the index of migration 0002, in literals, so that the planner can use the index
        condition = text("to_tsvector('simple', translate(message.body, '<>&/', '    ')) "
                         "@@ to_tsquery('simple', :terms)").bindparams(terms=terms)
    query = select(Message).where(Message.session_id == session_id, col(Message.deleted_at).is_(None), condition) \
        .order_by(col(Message.id).desc()).limit(limit)
    return (await db.exec(query)).all()


async def search_materials(db: AsyncSession, session_id: int, words: Sequence[str], limit: int) -> Sequence[Material]:
    query = select(Material).where(Material.session_id == session_id)
    for word in words:
        query = query.where(col(Material.name).ilike(f'%{word}%'))
    return (await db.exec(query.order_by(col(Material.id).desc()).limit(limit))).all()


async def storage_used(db: AsyncSession, session_id: int) -> int:
    """Bytes of the files shared in a session (each share counts, as the session's quota sees it)."""
    query = select(func.coalesce(func.sum(Material.size), 0)).where(Material.session_id == session_id)
    return (await db.exec(query)).one()


async def stored_hashes(db: AsyncSession) -> set[str]:
    return set((await db.exec(select(Material.sha256).distinct())).all())


def _dialect(db: AsyncSession) -> str:
    bind = db.get_bind()
    return bind.dialect.name
