"""Polls and quizzes: drafts, launch, one answer per person (replaced), deadlines, hidden results, anonymity."""
import asyncio
import json
from datetime import timedelta

import pytest
from sqlmodel import select

from components.chat_list import chat_texts
from db.models import Message, PollAnswer, utcnow
from db.schemas import SessionPublic
from i18n import in_language
from realtime.events import MessagePosted, PollChanged, PollCounts, ScoreboardChanged
from services import messages, polls, search, sessions, transcript
from services.errors import Conflict, Forbidden, InvalidInput
from services.polls import Viewer


async def _session(ctx):
    session, key = await sessions.create_session(ctx, 'Quiz time')
    await sessions.join(ctx, session, 'Teacher', browser_id='host-browser', host=True)
    return session, key


async def test_a_poll_is_checked_before_it_is_made(ctx) -> None:
    session, key = await _session(ctx)
    for question, options, extra, problem in (
            ('', ['a', 'b'], {}, 'question'), ('Q', ['only one'], {}, '2 to 10'), ('Q', ['x'] * 11, {}, '2 to 10'),
            ('Q', ['Same', 'same'], {}, 'same'), ('Q', ['a', 'b'], {'correct': [2]}, 'correct'),
            ('Q', ['a', 'b'], {'correct': [0, 1]}, 'correct'), ('Q', ['a', 'b'], {'seconds': 1}, 'time limit'),
            ('Q', ['a', 'b'], {'results': 'later'}, 'hidden')):
        with pytest.raises(InvalidInput, match=problem):
            await polls.create_poll(ctx, session, key, question, options, **extra)
    with pytest.raises(Forbidden):
        await polls.create_poll(ctx, session, 'wrong', 'Q', ['a', 'b'])


async def test_a_launched_poll_is_a_card_in_the_history_and_a_draft_is_for_the_host_only(ctx) -> None:
    session, key = await _session(ctx)
    events = []
    ctx.hub.subscribe(session.id, events.append)
    draft = await polls.create_poll(ctx, session, key, 'Which exercise first?', ['3', '4', ' '], draft=True)
    assert (draft.status, [o.text for o in draft.options]) == ('draft', ['3', '4'])
    assert await polls.polls_for(ctx, session, Viewer()) == []
    with pytest.raises(Conflict, match='not been launched'):
        await polls.vote(ctx, session, draft.id, 'Ana', [0])
    launched = await polls.change_poll(ctx, session, key, draft.id, status='open')
    assert launched.status == 'open' and launched.opened_at is not None
    await ctx.hub.backend.delivered()
    posted = [e for e in events if isinstance(e, MessagePosted)]
    assert len(posted) == 1 and posted[0].message.poll_id == draft.id and posted[0].message.author == 'Teacher'
    changes = [e for e in events if isinstance(e, PollChanged)]
    assert changes[0].guest is None and changes[-1].guest['status'] == 'open'
    await polls.change_poll(ctx, session, key, draft.id, status='closed')
    with pytest.raises(Conflict, match='cannot open again'):
        await polls.change_poll(ctx, session, key, draft.id, status='open')


async def test_one_answer_per_person_replaced_on_a_change_of_mind_and_counted_once(ctx) -> None:
    session, key = await _session(ctx)
    poll = await polls.create_poll(ctx, session, key, 'Best day?', ['Mon', 'Tue', 'Wed'], multiple=True)
    await polls.vote(ctx, session, poll.id, 'Ana', [0])
    mine = await polls.vote(ctx, session, poll.id, 'ana', [1, 2, 2])
    assert mine.mine == [1, 2]
    await asyncio.gather(*(polls.vote(ctx, session, poll.id, 'Ben', [0]) for _ in range(5)))
    host_view = await polls.get_poll(ctx, session, poll.id, Viewer(host=True))
    assert ([o.votes for o in host_view.options], host_view.voters) == ([1, 1, 1], 2)
    assert host_view.chosen_by == {'Ana': [1, 2], 'Ben': [0]}
    assert (await polls.get_poll(ctx, session, poll.id, Viewer())).chosen_by is None
    for bad in ([], [3], ['x']):
        with pytest.raises(InvalidInput):
            await polls.vote(ctx, session, poll.id, 'Ana', bad)
    single = await polls.create_poll(ctx, session, key, 'One?', ['a', 'b'])
    with pytest.raises(InvalidInput, match='Only one'):
        await polls.vote(ctx, session, single.id, 'Ana', [0, 1])


async def test_counts_reach_the_pages_coalesced_and_hidden_results_stay_hidden_from_guests(ctx) -> None:
    session, key = await _session(ctx)
    events = []
    ctx.hub.subscribe(session.id, events.append)
    poll = await polls.create_poll(ctx, session, key, 'Ready?', ['yes', 'no'], results='hidden')
    assert (await polls.get_poll(ctx, session, poll.id, Viewer())).options[0].votes is None
    await asyncio.gather(*(polls.vote(ctx, session, poll.id, f'P{index}', [index % 2]) for index in range(20)))
    await ctx.poll_counts.drain()
    await ctx.hub.backend.delivered()
    counts = [e for e in events if isinstance(e, PollCounts)]
    assert 1 <= len(counts) < 20 and counts[-1].votes == [10, 10] and counts[-1].voters == 20  # coalesced
    assert [audience for audience, _ in counts[-1].deliveries()] == ['hosts']  # hidden: nothing to guests
    revealed = await polls.change_poll(ctx, session, key, poll.id, results_visible=True)
    guest = (await polls.get_poll(ctx, session, poll.id, Viewer()))
    assert [o.votes for o in guest.options] == [10, 10] and revealed.results_visible


async def test_an_anonymous_poll_keeps_no_person_and_says_nobodys_name(ctx) -> None:
    session, key = await _session(ctx)
    events = []
    ctx.hub.subscribe(session.id, events.append)
    poll = await polls.create_poll(ctx, session, key, 'Honestly?', ['fine', 'lost'], anonymous=True,
                                   correct=[0])
    await polls.vote(ctx, session, poll.id, 'Zoë', [1])
    again = await polls.vote(ctx, session, poll.id, 'Zoë', [0])
    assert again.mine == [0]
    await polls.change_poll(ctx, session, key, poll.id, status='closed')
    await ctx.poll_counts.drain()
    await ctx.hub.backend.delivered()
    host_view = await polls.get_poll(ctx, session, poll.id, Viewer(host=True))
    assert host_view.chosen_by is None and [o.votes for o in host_view.options] == [1, 0]
    assert 'Zoë' not in ''.join(e.model_dump_json() for e in events if not isinstance(e, MessagePosted))
    async with ctx.db.read() as db:
        rows = (await db.exec(select(PollAnswer))).all()
    assert len(rows) == 1 and rows[0].participant_id is None and not rows[0].voter.startswith('p')
    assert await polls.score_rows(ctx, session) == []


async def test_a_quiz_refuses_late_answers_closes_on_time_and_scores_named_answers(ctx) -> None:
    session, key = await _session(ctx)
    events = []
    ctx.hub.subscribe(session.id, events.append)
    quiz = await polls.create_poll(ctx, session, key, '2 + 2?', ['3', '4'], correct=[1], seconds=5)
    assert quiz.closes_at - quiz.opened_at == timedelta(seconds=5)
    assert (await polls.get_poll(ctx, session, quiz.id, Viewer())).correct is None  # not before it closes
    await polls.vote(ctx, session, quiz.id, 'Ana', [1])
    await polls.vote(ctx, session, quiz.id, 'Ben', [0])
    async with ctx.db.write() as db:  # time runs out
        row = await db.get(type(await _row(ctx, quiz.id)), quiz.id)
        row.closes_at = row.opened_at + timedelta(milliseconds=1)
        db.add(row)
    with pytest.raises(Conflict, match='not open'):
        await polls.vote(ctx, session, quiz.id, 'Cy', [1])
    guest = await polls.get_poll(ctx, session, quiz.id, Viewer())
    assert (guest.status, guest.correct) == ('closed', [1])
    board = await polls.score_rows(ctx, session)
    assert [(row.name, row.correct) for row in board] == [('Ana', 1), ('Ben', 0)]
    with pytest.raises(Forbidden):
        await polls.scoreboard(ctx, session, None)
    await polls.change_poll(ctx, session, key, quiz.id, status='closed')
    await ctx.hub.backend.delivered()
    boards = [e for e in events if isinstance(e, ScoreboardChanged)]
    assert boards and boards[-1].rows[0]['name'] == 'Ana' and dict(boards[-1].deliveries())['guests']['rows'] == []


async def test_the_card_of_a_poll_stays_where_it_was_launched(ctx) -> None:
    session, key = await _session(ctx)
    poll = await polls.create_poll(ctx, session, key, 'Q?', ['a', 'b'])
    async with ctx.db.read() as db:
        cards = (await db.exec(select(Message).where(Message.poll_id == poll.id))).all()
    assert len(cards) == 1 and (cards[0].author, cards[0].body) == ('Teacher', 'Q?')  # in no language


async def test_a_poll_card_reads_in_each_readers_language_also_as_older_versions_stored_it(ctx) -> None:
    session, key = await sessions.create_session(ctx, 'Física')  # the host has no name yet
    with in_language('fr'):  # launched from a French page: nothing French is stored
        await polls.create_poll(ctx, session, key, 'Ejercicio 3 o 4?', ['3', '4'])
    other = await polls.create_poll(ctx, session, key, 'x', ['a', 'b'], draft=True)
    async with ctx.db.write() as db:  # as older versions stored a card: in the launcher's words
        db.add(Message(session_id=session.id, author='Host', body='Poll: Old one?', html='<p>Poll: Old one?</p>',
                       poll_id=other.id))
    async with ctx.db.read() as db:
        stored = (await db.exec(select(Message).order_by(Message.id))).all()
    assert [(m.author, m.body) for m in stored[:1]] == [('', 'Ejercicio 3 o 4?')]
    history = await messages.messages_after(ctx, session.id, 0, 10)
    assert [(m.author, m.body) for m in history] == [('', 'Ejercicio 3 o 4?'), ('', 'Old one?')]
    assert history[0].html == history[1].html.replace('Old one?', 'Ejercicio 3 o 4?')
    shown = SessionPublic.of(session)
    for code, host, poll_word in (('de', 'Leitung', 'Umfrage: '), ('ar', 'المضيف', 'استطلاع: ')):
        with in_language(code):
            texts = chat_texts()  # the chat shows the author as `host` and a card not loaded yet after `pollNote`
            assert (texts['host'], texts['pollNote']) == (host, poll_word)
            found = await search.search(ctx, session, 'one')
            hits = [(hit.author, [text for text, _ in hit.excerpt]) for hit in found.messages]
            assert hits == [(host, ['Old ', 'one', '?'])]
            markdown = transcript.as_markdown(shown, history, utcnow())
            assert f'**{host}**' in markdown and f'{poll_word}Ejercicio 3 o 4?' in markdown and 'Host' not in markdown
            document = json.loads(transcript.as_json(shown, history, [], [], utcnow()))
            assert [(m['author'], m['body']) for m in document['messages']] == [
                (host, f'{poll_word}Ejercicio 3 o 4?'), (host, f'{poll_word}Old one?')]
            assert document['messages'][1]['html'] == f'<p><span class="sh-poll-note">{poll_word}</span>Old one?</p>'
    reply, _ = await messages.post_message(ctx, session, 'Ana', 'yes', reply_to_id=history[1].id)
    assert (reply.reply_to.author, reply.reply_to.excerpt) == ('', 'Old one?')  # the note is no part of an excerpt


async def _row(ctx, poll_id):
    from db.models import Poll
    async with ctx.db.read() as db:
        return await db.get(Poll, poll_id)


async def test_a_closed_session_takes_no_more_answers(ctx) -> None:
    from services import host
    session, key = await _session(ctx)
    poll = await polls.create_poll(ctx, session, key, 'Q?', ['a', 'b'])
    await host.set_status(ctx, session, key, 'closed')
    with pytest.raises(Forbidden, match='closed'):
        await polls.vote(ctx, session, poll.id, 'Ana', [0])


async def test_after_a_restart_a_running_quiz_still_closes_on_time(ctx) -> None:
    from db.models import Poll
    from tests.waiting import eventually
    session, key = await _session(ctx)
    quiz = await polls.create_poll(ctx, session, key, 'Fast?', ['a', 'b'], correct=[0], seconds=3600)
    async with ctx.db.write() as db:  # as if the server had stopped with the quiz running, and its time ran out
        row = await db.get(Poll, quiz.id)
        row.closes_at = row.opened_at + timedelta(milliseconds=1)
        db.add(row)
    events = []
    ctx.hub.subscribe(session.id, events.append)
    await polls.resume_deadlines(ctx)

    async def closed() -> bool:
        return (await _row(ctx, quiz.id)).status == 'closed'
    await eventually(closed)
    await ctx.hub.backend.delivered()
    assert any(isinstance(e, PollChanged) and e.guest and e.guest['correct'] == [0] for e in events)
