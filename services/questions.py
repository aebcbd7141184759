"""Intents around questions: ask (optionally anonymously), vote and take the vote back, and the host's answered,
highlight, hide and approve; each validates, persists in one transaction, then publishes.

Vote counts are announced through a per-session coalescer: however many people vote at once, every page gets a few
small updates with the counts the rows hold, not one per vote.
"""
from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial

from sqlmodel.ext.asyncio.session import AsyncSession

from db import queries as people
from db import question_queries as queries
from db.models import Participant, Question, StudySession, utcnow
from db.schemas import QuestionPublic
from i18n import _, ngettext
from i18n.formatting import format_number
from realtime.coalescer import Coalescer
from realtime.events import QuestionChanged, QuestionVotes

from .context import Context
from .errors import InvalidInput, NotFound
from .host import require_host
from .sessions import clean_nickname, may_write, writer
from .text import clean_body, name_key

STATUSES = ('open', 'pending', 'answered', 'hidden')
HOST_STATUSES = ('open', 'answered', 'hidden')  # `open` approves a pending question or reopens an answered one
SHOWN_TO_GUESTS = ('open', 'answered')
_ORDER = {status: place for place, status in enumerate(('open', 'pending', 'answered', 'hidden'))}


@dataclass
class QuestionsView:
    """What one page shows of the questions: the list as its viewer may see it, which they voted for, which they
    asked."""
    questions: list[QuestionPublic]
    voted: set[int]
    mine: set[int]


async def ask(ctx: Context, session: StudySession, author: str, body: str, *, anonymous: bool = False,
              browser_id: str | None = None) -> QuestionPublic:
    """Store a question and publish it. It is rendered like a message, within the same limits and budget; with
    moderation on, it waits for the host's approval (`pending`) unless the host asked it."""
    body = _valid_body(ctx, body)
    author = clean_nickname(author)
    key = name_key(author)
    await ctx.flood.check_message(session.id, key)  # no rendering for a question to be refused
    html = await ctx.rendering.render(body)
    async with ctx.db.write() as db:
        await ctx.flood.count_message(session.id, key)
        participant = await writer(db, session.id, author, browser_id)
        row_session = await db.get(StudySession, session.id)
        moderated = row_session is not None and row_session.questions_moderated and not participant.is_host
        row = Question(session_id=session.id, participant_id=participant.id, author=participant.name,
                       anonymous=bool(anonymous), body=body, html=html, status='pending' if moderated else 'open')
        db.add(row)
        await db.flush()
        question = QuestionPublic.of(row)
    await ctx.hub.publish(session.id, QuestionChanged(session_id=session.id, question=question,
                                                      asker_key=participant.name_key))
    return question


async def vote(ctx: Context, session: StudySession, question_id: int, name: str, *, voted: bool | None = None,
               browser_id: str | None = None, count: bool = True) -> tuple[QuestionPublic, bool]:
    """Give or take back this person's vote: `voted` True gives it, False takes it back, None turns it over (the
    API: the same person again takes it back). Returns the question and whether the person's vote is on it now.
    One vote per question and person, however often and from however many tabs or processes it is sent.
    `count` False: the question's `votes` are not counted for the answer (a page learns them from the coalesced
    update, like every other page): one query less per vote when a whole class votes at once."""
    key = name_key(clean_nickname(name))
    await ctx.flood.count_reaction(session.id, key)
    # A class votes at once, and SQLite has one writer: the checks read before the write, which only adds or
    # removes the vote (a name new to the session, or the API's first use of one, takes the writer's own checks).
    async with ctx.db.read() as db:
        participant = await _known_writer(db, session.id, name, browser_id)
        row = await _question(db, session.id, question_id)
    if row.status != 'open':
        raise InvalidInput(_('Only open questions take votes.'))
    async with ctx.db.write() as db:
        if participant is None:
            participant = await writer(db, session.id, name, browser_id)
        if voted is None:
            voted = not await queries.remove_vote(db, row.id, participant.id) \
                and await queries.add_vote_unless_given(db, session.id, row.id, participant.id)
        elif voted:
            await queries.add_vote_unless_given(db, session.id, row.id, participant.id)
        else:
            await queries.remove_vote(db, row.id, participant.id)
        votes = (await queries.vote_counts(db, session.id, [row.id])).get(row.id, 0) if count else 0
        question = QuestionPublic.of(row, votes)
    _votes(ctx).touch(session.id, row.id)
    return question, voted


async def change(ctx: Context, session: StudySession, host_key: str | None, question_id: int, *,
                 status: str | None = None, highlighted: bool | None = None) -> QuestionPublic:
    """The host approves (`open`), answers, hides or reopens a question, or highlights the one answered now (at most
    one is: highlighting one clears the others; a question that is no longer open loses its highlight)."""
    require_host(session, host_key, 'changing a question')
    if status is not None and status not in HOST_STATUSES:
        raise InvalidInput(_('A question is %(statuses)s.', statuses=', '.join(HOST_STATUSES)))
    async with ctx.db.write() as db:
        row = await _question(db, session.id, question_id)
        if status is not None and status != row.status:
            row.status = status
            row.answered_at = utcnow() if status == 'answered' else None
        if highlighted is not None:
            if highlighted and row.status != 'open':
                raise InvalidInput(_('Only an open question can be highlighted.'))
            row.highlighted = highlighted
        if row.status != 'open':
            row.highlighted = False
        changed = [row]
        if row.highlighted:
            changed += await queries.unhighlight_others(db, session.id, row.id)
        db.add(row)
        await db.flush()
        counts = await queries.vote_counts(db, session.id, [each.id for each in changed])
        questions = [QuestionPublic.of(each, counts.get(each.id, 0)) for each in changed]
    for question in questions:
        await ctx.hub.publish(session.id, QuestionChanged(session_id=session.id, question=question))
    return questions[0]


async def questions(ctx: Context, session: StudySession, *, host: bool) -> list[QuestionPublic]:
    """Open questions by votes then oldest first, then answered ones; with `host`, also those awaiting approval
    and hidden ones, with every asker's name. Without it, anonymous askers are unnamed."""
    return (await view(ctx, session, host=host)).questions


async def view(ctx: Context, session: StudySession, *, host: bool,
               participant: Participant | None = None) -> QuestionsView:
    """The questions as one page shows them: `participant` also sees their own questions awaiting approval."""
    async with ctx.db.read() as db:
        rows = list(await queries.questions_of(db, session.id, STATUSES if host else SHOWN_TO_GUESTS))
        if participant is not None and not host:
            rows += await queries.own_pending(db, session.id, participant.id)
        counts = await queries.vote_counts(db, session.id)
        voted = await queries.voted_by(db, session.id, participant.id) if participant is not None else set()
    mine = {row.id for row in rows if participant is not None and row.participant_id == participant.id}
    shown = [QuestionPublic.of(row, counts.get(row.id, 0)) for row in rows]
    return QuestionsView(ordered(shown if host else [question.for_guests() for question in shown]), voted, mine)


def ordered(questions: Sequence[QuestionPublic]) -> list[QuestionPublic]:
    """Open first (most votes first, then the oldest), then pending, answered, hidden."""
    return sorted(questions, key=lambda q: (_ORDER.get(q.status, len(_ORDER)), -q.votes, q.created_at, q.id))


async def question(ctx: Context, session: StudySession, question_id: int, *, host: bool) -> QuestionPublic:
    async with ctx.db.read() as db:
        row = await _question(db, session.id, question_id)
        votes = (await queries.vote_counts(db, session.id, [row.id])).get(row.id, 0)
    if not host and row.status not in SHOWN_TO_GUESTS:
        raise NotFound(_('That question does not exist (any more).'))
    shown = QuestionPublic.of(row, votes)
    return shown if host else shown.for_guests()


def _votes(ctx: Context) -> Coalescer[int]:
    """The session's vote counts, announced at most every quarter second while votes arrive."""
    if 'question_votes' not in ctx.coalescers:
        ctx.coalescers['question_votes'] = Coalescer(partial(_announce_votes, ctx), name='question votes')
    return ctx.coalescers['question_votes']


async def _announce_votes(ctx: Context, session_id: int, question_ids: set[int]) -> None:
    async with ctx.db.read() as db:
        counts = await queries.vote_counts(db, session_id, question_ids)
    votes = {question_id: counts.get(question_id, 0) for question_id in sorted(question_ids)}
    await ctx.hub.publish(session_id, QuestionVotes(session_id=session_id, votes=votes))


async def _question(db: AsyncSession, session_id: int, question_id: int) -> Question:
    row = await queries.question(db, session_id, question_id)
    if row is None:
        raise NotFound(_('That question does not exist (any more).'))
    return row


async def _known_writer(db: AsyncSession, session_id: int, name: str, browser_id: str | None) -> Participant | None:
    """Within a read: the participant, if they joined from this browser and may write now (refused as
    sessions.may_write refuses); None when it takes a write to know."""
    participant = await people.participant_by_key(db, session_id, name_key(clean_nickname(name)))
    if participant is None or participant.browser_id is None or participant.browser_id != browser_id:
        return None
    return may_write(participant, await people.session_status(db, session_id))


def _valid_body(ctx: Context, body: str) -> str:
    body = clean_body(body or '')
    if not body:
        raise InvalidInput(_('A question cannot be empty.'))
    limit = ctx.settings.max_message_chars
    if len(body) > limit:
        raise InvalidInput(ngettext('A question can have at most %(limit)s character (this one has %(length)s).',
                                    'A question can have at most %(limit)s characters (this one has %(length)s).',
                                    limit, limit=format_number(limit), length=format_number(len(body))))
    return body
