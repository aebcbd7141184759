"""Reads and writes of polls, answers, the timer and the stage; callers own the transaction."""
from collections.abc import Sequence
from datetime import datetime
from typing import NamedTuple

from sqlalchemy import func
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from .models import Participant, Poll, PollAnswer, SessionTimer, Stage, utcnow


async def poll(db: AsyncSession, session_id: int, poll_id: int) -> Poll | None:
    row = await db.get(Poll, poll_id)
    return row if row is not None and row.session_id == session_id else None


async def polls_of(db: AsyncSession, session_id: int, *, drafts: bool) -> Sequence[Poll]:
    query = select(Poll).where(Poll.session_id == session_id).order_by(col(Poll.id))
    if not drafts:
        query = query.where(Poll.status != 'draft')
    return (await db.exec(query)).all()


async def open_with_deadline(db: AsyncSession) -> Sequence[Poll]:
    query = select(Poll).where(Poll.status == 'open', col(Poll.closes_at).is_not(None))
    return (await db.exec(query)).all()


class AnswerRow(NamedTuple):
    poll_id: int
    voter: str
    participant_id: int | None
    choices: list[int]


async def answers(db: AsyncSession, rows: Sequence[AnswerRow]) -> None:
    """One row per (poll, voter): a new answer replaces the earlier one. All in one statement, so two at once (two
    tabs, two processes) can never make two rows; `rows` has each (poll, voter) once."""
    if not rows:
        return
    insert = postgresql.insert if db.get_bind().dialect.name == 'postgresql' else sqlite.insert
    now = utcnow()
    statement = insert(PollAnswer).values([{'poll_id': row.poll_id, 'voter': row.voter, 'participant_id':
                                            row.participant_id, 'choices': row.choices, 'answered_at': now}
                                           for row in rows])
    statement = statement.on_conflict_do_update(
        index_elements=['poll_id', 'voter'],
        set_={'choices': statement.excluded.choices, 'answered_at': statement.excluded.answered_at})
    await db.exec(statement)


async def own_answer(db: AsyncSession, poll_id: int, voter: str) -> list[int] | None:
    query = select(PollAnswer.choices).where(PollAnswer.poll_id == poll_id, PollAnswer.voter == voter)
    found = (await db.exec(query)).first()
    return list(found) if found is not None else None


async def own_answers(db: AsyncSession, voters: dict[int, str]) -> dict[int, list[int]]:
    """poll id -> the asker's choices, given the asker's voter key per poll."""
    if not voters:
        return {}
    query = select(PollAnswer.poll_id, PollAnswer.voter, PollAnswer.choices) \
        .where(col(PollAnswer.poll_id).in_(list(voters)))
    rows = (await db.exec(query)).all()
    return {poll_id: list(choices) for poll_id, voter, choices in rows if voters[poll_id] == voter}


async def all_choices(db: AsyncSession, poll_ids: Sequence[int]) -> Sequence[tuple[int, list[int]]]:
    """(poll id, choices) of every answer to these polls: counts are worked out from them (a few hundred rows)."""
    if not poll_ids:
        return []
    query = select(PollAnswer.poll_id, PollAnswer.choices).where(col(PollAnswer.poll_id).in_(list(poll_ids)))
    return [(poll_id, list(choices)) for poll_id, choices in (await db.exec(query)).all()]


async def named_choices(db: AsyncSession,
                        poll_ids: Sequence[int]) -> Sequence[tuple[int, str, list[int], datetime]]:
    """(poll id, name, choices, when) of the answers to these polls that carry a name (named polls)."""
    if not poll_ids:
        return []
    query = select(PollAnswer.poll_id, Participant.name, PollAnswer.choices, PollAnswer.answered_at) \
        .join(Participant, col(Participant.id) == col(PollAnswer.participant_id)) \
        .where(col(PollAnswer.poll_id).in_(list(poll_ids))).order_by(func.lower(Participant.name))
    return [(poll_id, name, list(choices), when) for poll_id, name, choices, when in (await db.exec(query)).all()]


async def host_name(db: AsyncSession, session_id: int) -> str | None:
    """The name the host took in the session, if they joined it."""
    query = select(Participant.name).where(Participant.session_id == session_id, col(Participant.is_host)) \
        .order_by(col(Participant.id)).limit(1)
    return (await db.exec(query)).first()


async def timer(db: AsyncSession, session_id: int) -> SessionTimer | None:
    return await db.get(SessionTimer, session_id)


async def stage(db: AsyncSession, session_id: int) -> Stage | None:
    return await db.get(Stage, session_id)
