"""Reads and writes of questions, their votes and raised hands; callers own the transaction."""
from collections.abc import Collection, Sequence
from datetime import datetime

from sqlalchemy import delete, func
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from .models import Hand, Participant, Question, QuestionVote


async def question(db: AsyncSession, session_id: int, question_id: int) -> Question | None:
    query = select(Question).where(Question.session_id == session_id, Question.id == question_id)
    return (await db.exec(query)).first()


async def questions_of(db: AsyncSession, session_id: int, statuses: Collection[str]) -> Sequence[Question]:
    query = select(Question).where(Question.session_id == session_id, col(Question.status).in_(statuses)) \
        .order_by(col(Question.id))
    return (await db.exec(query)).all()


async def own_pending(db: AsyncSession, session_id: int, participant_id: int) -> Sequence[Question]:
    query = select(Question).where(Question.session_id == session_id, Question.status == 'pending',
                                   Question.participant_id == participant_id).order_by(col(Question.id))
    return (await db.exec(query)).all()


async def vote_counts(db: AsyncSession, session_id: int, question_ids: Collection[int] | None = None) -> dict[int, int]:
    """Votes by question id (questions without votes are left out): one grouped query."""
    query = select(QuestionVote.question_id, func.count()).where(QuestionVote.session_id == session_id) \
        .group_by(col(QuestionVote.question_id))
    if question_ids is not None:
        query = query.where(col(QuestionVote.question_id).in_(question_ids))
    return {question_id: votes for question_id, votes in (await db.exec(query)).all()}


async def voted_by(db: AsyncSession, session_id: int, participant_id: int) -> set[int]:
    query = select(QuestionVote.question_id).where(QuestionVote.session_id == session_id,
                                                   QuestionVote.participant_id == participant_id)
    return set((await db.exec(query)).all())


async def add_vote_unless_given(db: AsyncSession, session_id: int, question_id: int, participant_id: int) -> bool:
    """Insert the vote; False (and nothing written, the transaction intact) when it was already given."""
    insert = postgresql.insert if db.get_bind().dialect.name == 'postgresql' else sqlite.insert
    statement = insert(QuestionVote).values(session_id=session_id, question_id=question_id,
                                            participant_id=participant_id) \
        .on_conflict_do_nothing(index_elements=['question_id', 'participant_id'])
    result = await db.exec(statement)
    return bool(result.rowcount)


async def remove_vote(db: AsyncSession, question_id: int, participant_id: int) -> bool:
    statement = delete(QuestionVote).where(col(QuestionVote.question_id) == question_id,
                                           col(QuestionVote.participant_id) == participant_id)
    return bool((await db.exec(statement)).rowcount)


async def unhighlight_others(db: AsyncSession, session_id: int, question_id: int) -> list[Question]:
    """Clear the highlight of the session's other questions; returns them."""
    query = select(Question).where(Question.session_id == session_id, col(Question.highlighted),
                                   Question.id != question_id)
    rows = list((await db.exec(query)).all())
    for row in rows:
        row.highlighted = False
        db.add(row)
    return rows


async def search_questions(db: AsyncSession, session_id: int, words: Sequence[str], statuses: Collection[str],
                           limit: int) -> Sequence[Question]:
    query = select(Question).where(Question.session_id == session_id, col(Question.status).in_(statuses))
    for word in words:
        query = query.where(col(Question.body).ilike(f'%{word}%'))
    return (await db.exec(query.order_by(col(Question.id).desc()).limit(limit))).all()


# hands

async def hand_of(db: AsyncSession, session_id: int, participant_id: int) -> Hand | None:
    query = select(Hand).where(Hand.session_id == session_id, Hand.participant_id == participant_id)
    return (await db.exec(query)).first()


async def raise_unless_raised(db: AsyncSession, session_id: int, participant_id: int, at: datetime) -> bool:
    """Insert the hand; False (nothing written, the transaction intact) when it is up already."""
    insert = postgresql.insert if db.get_bind().dialect.name == 'postgresql' else sqlite.insert
    statement = insert(Hand).values(session_id=session_id, participant_id=participant_id, raised_at=at) \
        .on_conflict_do_nothing(index_elements=['session_id', 'participant_id'])
    return bool((await db.exec(statement)).rowcount)


async def place_of(db: AsyncSession, hand: Hand) -> int:
    """The hand's place in its session's queue (1: the first raised), in the order of `hands_of`."""
    at, raised_at = hand.raised_at, col(Hand.raised_at)
    earlier = (raised_at < at) | ((raised_at == at) & (col(Hand.id) < hand.id))
    query = select(func.count()).select_from(Hand).where(Hand.session_id == hand.session_id, earlier)
    return (await db.exec(query)).one() + 1


async def hands_of(db: AsyncSession, session_id: int) -> Sequence[tuple[Hand, str, str]]:
    """The raised hands with their person's name and name key, first raised first (ties: by row id)."""
    query = select(Hand, Participant.name, Participant.name_key).join(Participant) \
        .where(Hand.session_id == session_id).order_by(col(Hand.raised_at), col(Hand.id))
    return [(hand, name, key) for hand, name, key in (await db.exec(query)).all()]


async def lower(db: AsyncSession, session_id: int, participant_ids: Collection[int] | None = None) -> int:
    """Lower these people's hands (None: every hand of the session); returns how many went down."""
    statement = delete(Hand).where(col(Hand.session_id) == session_id)
    if participant_ids is not None:
        statement = statement.where(col(Hand.participant_id).in_(participant_ids))
    return (await db.exec(statement)).rowcount
