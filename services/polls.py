"""Polls and quizzes: the host prepares (drafts) and launches them, everybody answers once (a change of mind replaces
the answer), the host reveals and closes them; the counts reach the pages coalesced, a few times a second at most.

An anonymous poll keeps no person with its answers: each is kept under a keyed hash of the participant and the poll's
salt, so the same person still answers once and sees their own choice, but no page, export or API call can say who
chose what. A named poll shows the host who chose what, and only the host.
"""
import asyncio
import hashlib
import hmac
import secrets
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import NamedTuple

from nicegui import background_tasks
from sqlmodel.ext.asyncio.session import AsyncSession

from db import activity_queries as q
from db.activity_schemas import PollPublic, ScoreRow, poll_status, utc
from db.models import POLL_OPTION_MAX, POLL_QUESTION_MAX, Message, Participant, Poll, StudySession, utcnow
from db.schemas import MessagePublic
from i18n import _, ngettext
from realtime.events import MessagePosted, PollChanged, PollCounts, PollMine, ScoreboardChanged

from . import stage
from .context import Context
from .errors import Conflict, Forbidden, InvalidInput, NotFound
from .host import is_host, require_host
from .poll_cards import card_html
from .sessions import clean_nickname, ensure_participant
from .text import clean_line

OPTIONS_MIN, OPTIONS_MAX = 2, 10
SECONDS_MIN, SECONDS_MAX = 5, 3600
RESULTS = ('live', 'hidden')


class Answered(NamedTuple):
    participant: Participant
    choices: list[int]
    announced: bool  # the person's guest pages were told (a named poll); an anonymous answer only to whoever asked


@dataclass(frozen=True)
class Viewer:
    """Who asks: the host sees every count and, for named polls, who chose what; `participant` sees their own."""
    host: bool = False
    participant: Participant | None = None


async def create_poll(ctx: Context, session: StudySession, host_key: str | None, question: str,
                      options: Sequence[str], *, multiple: bool = False, anonymous: bool = False,
                      results: str = 'live', correct: Sequence[int] | None = None, seconds: int | None = None,
                      draft: bool = False) -> PollPublic:
    """A draft to launch later, or launched at once. `correct` makes it a quiz; `seconds` its time limit."""
    require_host(session, host_key, 'making a poll')
    row = Poll(session_id=session.id, salt=secrets.token_hex(16),
               **_valid_poll(question, options, multiple, results, correct, seconds), anonymous=bool(anonymous))
    row.results_visible = row.results == 'live'
    async with ctx.db.write() as db:
        db.add(row)
        await db.flush()
    if not draft:
        return await change_poll(ctx, session, host_key, row.id, status='open')
    await ctx.hub.publish(session.id, PollChanged(session_id=session.id, poll_id=row.id,
                                                  host=_public(row, [], 0, True).model_dump(mode='json')))
    return _public(row, [], 0, True)


def _valid_poll(question: str, options: Sequence[str], multiple: bool, results: str,
                correct: Sequence[int] | None, seconds: int | None) -> dict:
    question = clean_line(question or '', POLL_QUESTION_MAX)
    if not question:
        raise InvalidInput(_('A poll needs a question.'))
    texts = [clean_line(str(option or ''), POLL_OPTION_MAX) for option in options or []]
    texts = [text for text in texts if text]
    if not OPTIONS_MIN <= len(texts) <= OPTIONS_MAX:
        raise InvalidInput(ngettext('A poll has %(low)d to %(high)d option.', 'A poll has %(low)d to %(high)d options.',
                                    OPTIONS_MAX, low=OPTIONS_MIN, high=OPTIONS_MAX))
    if len({text.casefold() for text in texts}) != len(texts):
        raise InvalidInput(_('Two options of this poll are the same.'))
    if results not in RESULTS:
        raise InvalidInput(_('Results are “live” or “hidden” until revealed.'))
    right = sorted(set(correct)) if correct else None
    if right is not None and (not all(0 <= i < len(texts) for i in right) or (len(right) > 1 and not multiple)):
        raise InvalidInput(_('The correct answers must be options of the poll (one, unless several may be chosen).'))
    if seconds is not None and not SECONDS_MIN <= seconds <= SECONDS_MAX:
        raise InvalidInput(ngettext('A time limit is %(low)d to %(high)d second.',
                                    'A time limit is %(low)d to %(high)d seconds.', SECONDS_MAX, low=SECONDS_MIN,
                                    high=SECONDS_MAX))
    return {'question': question, 'options': texts, 'multiple': bool(multiple), 'results': results,
            'correct': right, 'seconds': seconds}


async def change_poll(ctx: Context, session: StudySession, host_key: str | None, poll_id: int, *,
                      status: str | None = None, results_visible: bool | None = None) -> PollPublic:
    """Launch a draft (`open`), close an open poll, reveal or hide its results."""
    require_host(session, host_key, 'changing a poll')
    launched: Message | None = None
    async with ctx.db.write() as db:
        row = await _poll(db, session.id, poll_id)
        now_status = poll_status(row)
        if status == 'open' and now_status != 'open':
            if row.status != 'draft':
                raise Conflict(_('This poll is closed; it cannot open again. Make a new one.'))
            row.status, row.opened_at = 'open', utcnow()
            if row.seconds:
                row.closes_at = row.opened_at + timedelta(seconds=row.seconds)
            launched = await _card(db, session.id, row)
        elif status == 'closed' and row.status != 'closed':
            if row.status == 'draft':
                raise Conflict(_('This poll is a draft: launch it first.'))
            row.status, row.closed_at = 'closed', min(utcnow(), utc(row.closes_at or utcnow()))
        elif status not in (None, 'open', 'closed'):
            raise InvalidInput(_('A poll is opened or closed.'))
        if results_visible is not None:
            row.results_visible = bool(results_visible)
        db.add(row)
        await db.flush()
    if launched is not None:
        await ctx.hub.publish(session.id, MessagePosted(session_id=session.id, message=MessagePublic.of(launched)))
        if row.closes_at is not None:
            background_tasks.create(_close_when_time_is_up(ctx, session, row.id), name='close a quiz on time')
    return await publish_poll(ctx, session, row, scoreboard=status == 'closed')


async def _card(db: AsyncSession, session_id: int, row: Poll) -> Message:
    """The message that carries the poll's card in the history, where it was launched, in the host's name."""
    # in no language: the question as typed, under the host's name or none yet (services/poll_cards.py)
    host_name = await q.host_name(db, session_id) or ''
    message = Message(session_id=session_id, author=host_name, body=row.question, html=card_html(row.question),
                      poll_id=row.id)
    db.add(message)
    await db.flush()
    return message


async def _close_when_time_is_up(ctx: Context, session: StudySession, poll_id: int) -> None:
    """The quiz's deadline is kept by the service (an answer after it is refused); this only tells the pages and
    closes the row, in the process that launched it (after a restart the row reads as closed all the same)."""
    async with ctx.db.read() as db:
        row = await _poll(db, session.id, poll_id)
    if row.closes_at is None:
        return
    await asyncio.sleep(max(0.0, (utc(row.closes_at) - utcnow()).total_seconds()))
    async with ctx.db.write() as db:
        row = await _poll(db, session.id, poll_id)
        if row.status != 'open':
            return
        row.status, row.closed_at = 'closed', row.closes_at
        db.add(row)
    await publish_poll(ctx, session, row, scoreboard=True)


async def resume_deadlines(ctx: Context) -> None:
    """At start-up: the quizzes still open with a time limit are closed (and the pages told) when their time is up,
    as if this process had launched them."""
    async with ctx.db.read() as db:
        running = await q.open_with_deadline(db)
        sessions = {row.session_id: await db.get(StudySession, row.session_id) for row in running}
    for row in running:
        if (session := sessions.get(row.session_id)) is not None:
            background_tasks.create(_close_when_time_is_up(ctx, session, row.id), name='close a quiz on time')


async def publish_poll(ctx: Context, session: StudySession, row: Poll, *, scoreboard: bool = False) -> PollPublic:
    """Tell the pages what the poll is now: the host's view to hosts, the guests' to guests (not for drafts)."""
    async with ctx.db.read() as db:
        counts, voters = (await _counts(db, [row.id]))[row.id]
        chosen_by = (await _chosen_by(db, [row]))[row.id]
    host_view = _public(row, counts, voters, True, chosen_by)
    guest_view = None if row.status == 'draft' else _public(row, counts, voters, False).model_dump(mode='json')
    await ctx.hub.publish(session.id, PollChanged(session_id=session.id, poll_id=row.id,
                                                  host=host_view.model_dump(mode='json'), guest=guest_view))
    if scoreboard and row.correct is not None:
        await publish_scoreboard(ctx, session)
    return host_view


async def vote(ctx: Context, session: StudySession, poll_id: int, author: str, choices: Sequence[int],
               browser_id: str | None = None) -> PollPublic:
    """`author` answers (or changes their answer); refused (Conflict) unless the poll is open and in time. Returns
    the poll as they may see it now (the API's answer)."""
    participant = (await answer(ctx, session, poll_id, author, choices, browser_id)).participant
    return (await polls_for(ctx, session, Viewer(participant=participant), [poll_id]))[0]


async def answer(ctx: Context, session: StudySession, poll_id: int, author: str | Participant,
                 choices: Sequence[int], browser_id: str | None = None) -> 'Answered':
    """The answer alone, as a page gives it (`author`: the page's participant, already known): written with the
    answers arriving meanwhile in one transaction (services/answer_batch.py), nothing read back; the counts go out
    coalesced."""
    name = clean_nickname(author) if isinstance(author, str) else None

    async def check(db: AsyncSession) -> tuple[q.AnswerRow, tuple[Participant, list[int], bool]]:
        row = await _poll(db, session.id, poll_id)
        if poll_status(row) != 'open':
            raise Conflict(_('This poll is not open: answers are no longer taken.') if row.status != 'draft'
                           else _('This poll has not been launched yet.'))
        picked = _valid_choices(row, choices)
        participant = author if isinstance(author, Participant) else \
            await ensure_participant(db, session.id, name or '', browser_id)
        if participant.removed:
            raise Forbidden(_('The host removed you from this session.'))
        current = await db.get(StudySession, session.id)  # (read once per batch: the session's row stays in it)
        if current is None or current.status == 'closed':
            raise Forbidden(_('This session is closed: its history stays readable, but nothing can be added.'))
        voter = q.AnswerRow(row.id, voter_key(row, participant), None if row.anonymous else participant.id, picked)
        return voter, (participant, picked, row.anonymous)

    participant, picked, anonymous = await ctx.answers.submit(check)
    ctx.poll_counts.touch(session.id, poll_id)
    if not anonymous:
        await ctx.hub.publish(session.id, PollMine(session_id=session.id, poll_id=poll_id,
                                                   person_key=participant.name_key, choices=picked))
    return Answered(participant, picked, announced=not anonymous)


def _valid_choices(row: Poll, choices: Sequence[int]) -> list[int]:
    try:
        picked = sorted({int(choice) for choice in choices})
    except (TypeError, ValueError):
        picked = []
    if not picked or not all(0 <= i < len(row.options) for i in picked):
        raise InvalidInput(_('Choose one of the options of this poll.'))
    if len(picked) > 1 and not row.multiple:
        raise InvalidInput(_('Only one option may be chosen in this poll.'))
    return picked


def voter_key(row: Poll, participant: Participant) -> str:
    """Named: the participant's id; anonymous: an HMAC of it under the poll's salt (the same person, the same key,
    but the rows do not say who)."""
    if not row.anonymous:
        return f'p{participant.id}'
    return hmac.new(row.salt.encode(), str(participant.id).encode(), hashlib.sha256).hexdigest()


async def polls_for(ctx: Context, session: StudySession, viewer: Viewer,
                    poll_ids: Iterable[int] | None = None) -> list[PollPublic]:
    """The session's polls (or these), oldest first, as `viewer` may see them; drafts for the host only."""
    async with ctx.db.read() as db:
        rows = await q.polls_of(db, session.id, drafts=viewer.host)
        if poll_ids is not None:
            wanted = set(poll_ids)
            rows = [row for row in rows if row.id in wanted]
        counts = await _counts(db, [row.id for row in rows])
        chosen_by = await _chosen_by(db, rows) if viewer.host else {}
        mine = await q.own_answers(db, {row.id: voter_key(row, viewer.participant) for row in rows}) \
            if viewer.participant is not None else {}
    return [_public(row, *counts[row.id], viewer.host, chosen_by.get(row.id), mine.get(row.id)) for row in rows]


async def get_poll(ctx: Context, session: StudySession, poll_id: int, viewer: Viewer) -> PollPublic:
    found = await polls_for(ctx, session, viewer, [poll_id])
    if not found:
        raise NotFound(_('This session has no such poll.'))
    return found[0]


def viewer_of(session: StudySession, host_key: str | None, participant: Participant | None = None) -> Viewer:
    return Viewer(host=is_host(session, host_key), participant=participant)


async def publish_counts(ctx: Context, session_id: int, poll_ids: set[int]) -> None:
    """The coalescer's flush: the counts of these polls as the rows hold them now, one event per poll."""
    async with ctx.db.read() as db:
        rows = [row for poll_id in sorted(poll_ids) if (row := await q.poll(db, session_id, poll_id))]
        counts = await _counts(db, [row.id for row in rows])
        chosen_by = await _chosen_by(db, rows)
    for row in rows:
        votes, voters = counts[row.id]
        votes += [0] * (len(row.options) - len(votes))
        await ctx.hub.publish(session_id, PollCounts(session_id=session_id, poll_id=row.id, votes=votes,
                                                     voters=voters, visible=row.results_visible,
                                                     chosen_by=chosen_by.get(row.id)))


async def scoreboard(ctx: Context, session: StudySession, host_key: str | None) -> list[ScoreRow]:
    """Named quizzes only (an anonymous answer has no name): correct answers, ties broken by the total answer time
    (from a quiz's launch to the person's last answer to it). The host, or everybody when the host shows it."""
    if not is_host(session, host_key) and not (await stage.current(ctx, session)).scoreboard_public:
        raise Forbidden(_('The host has not shown the scoreboard.'))
    return await score_rows(ctx, session)


async def score_rows(ctx: Context, session: StudySession) -> list[ScoreRow]:
    async with ctx.db.read() as db:
        quizzes = {row.id: row for row in await q.polls_of(db, session.id, drafts=False)
                   if row.correct is not None and not row.anonymous and row.opened_at is not None}
        answers = await q.named_choices(db, list(quizzes))
    correct: dict[str, int] = defaultdict(int)
    seconds: dict[str, float] = defaultdict(float)
    for poll_id, name, choices, answered_at in answers:
        quiz = quizzes[poll_id]
        correct[name] += sorted(choices) == quiz.correct
        seconds[name] += max(0.0, (utc(answered_at) - utc(quiz.opened_at or answered_at)).total_seconds())
    board = [ScoreRow(name=name, correct=correct[name], answer_seconds=round(seconds[name], 1)) for name in correct]
    return sorted(board, key=lambda row: (-row.correct, row.answer_seconds, row.name.casefold()))


async def publish_scoreboard(ctx: Context, session: StudySession) -> None:
    rows = [row.model_dump() for row in await score_rows(ctx, session)]
    public = (await stage.current(ctx, session)).scoreboard_public
    await ctx.hub.publish(session.id, ScoreboardChanged(session_id=session.id, rows=rows, public=public))


async def _poll(db: AsyncSession, session_id: int, poll_id: int) -> Poll:
    row = await q.poll(db, session_id, poll_id)
    if row is None:
        raise NotFound(_('This session has no such poll.'))
    return row


async def _counts(db: AsyncSession, poll_ids: list[int]) -> dict[int, tuple[list[int], int]]:
    """poll id -> (votes per option, how many answered), from the answer rows."""
    options = {poll_id: 0 for poll_id in poll_ids}
    tallies: dict[int, dict[int, int]] = {poll_id: defaultdict(int) for poll_id in poll_ids}
    voters: dict[int, int] = defaultdict(int)
    for poll_id, choices in await q.all_choices(db, poll_ids):
        voters[poll_id] += 1
        for choice in choices:
            tallies[poll_id][choice] += 1
            options[poll_id] = max(options[poll_id], choice + 1)
    return {poll_id: ([tallies[poll_id][i] for i in range(options[poll_id])], voters[poll_id])
            for poll_id in poll_ids}


async def _chosen_by(db: AsyncSession, rows: Sequence[Poll]) -> dict[int, dict[str, list[int]] | None]:
    """Who chose what, for the named polls among `rows` (None for anonymous ones)."""
    named = [row.id for row in rows if not row.anonymous]
    found: dict[int, dict[str, list[int]] | None] = {row.id: None for row in rows}
    for poll_id in named:
        found[poll_id] = {}
    for poll_id, name, choices, _when in await q.named_choices(db, named):
        found[poll_id][name] = choices  # type: ignore[index]
    return found


def _public(row: Poll, counts: list[int], voters: int, host: bool, chosen_by: dict[str, list[int]] | None = None,
            mine: list[int] | None = None) -> PollPublic:
    full = counts + [0] * (len(row.options) - len(counts))
    return PollPublic.of(row, full, voters, host=host, chosen_by=chosen_by, mine=mine)
