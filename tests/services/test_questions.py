"""Questions: asked (anonymously too), voted exactly once, ordered, answered, highlighted, hidden, approved."""
import asyncio

import pytest

from realtime.events import QuestionChanged, QuestionVotes
from services import host, messages, questions, sessions
from services.context import Context
from services.errors import Forbidden, InvalidInput, NotFound
from tests.waiting import eventually


async def test_a_question_is_rendered_like_a_message_and_announced(ctx: Context, hosted, collect) -> None:
    session, _ = hosted
    changes = await collect(session, QuestionChanged)
    question = await questions.ask(ctx, session, 'Ana', 'Why is $E=mc^2$ **true**?')
    await ctx.hub.backend.delivered()
    assert (question.author, question.status, question.votes, question.anonymous) == ('Ana', 'open', 0, False)
    assert '<strong>true</strong>' in question.html and '<math' in question.html
    assert [event.question.id for event in changes] == [question.id]


async def test_bad_questions_are_refused_with_a_reason(ctx: Context, hosted) -> None:
    session, _ = hosted
    with pytest.raises(InvalidInput, match='cannot be empty'):
        await questions.ask(ctx, session, 'Ana', '   ')
    with pytest.raises(InvalidInput, match='at most'):
        await questions.ask(ctx, session, 'Ana', 'x' * (ctx.settings.max_message_chars + 1))
    assert await questions.questions(ctx, session, host=True) == []


async def test_an_anonymous_asker_is_named_only_to_the_host(ctx: Context, hosted, collect) -> None:
    session, _key = hosted
    changes = await collect(session, QuestionChanged)
    asked = await questions.ask(ctx, session, 'Ana', 'Is this on the exam?', anonymous=True)
    await ctx.hub.backend.delivered()
    assert asked.author == 'Ana' and asked.for_guests().author is None
    assert [q.author for q in await questions.questions(ctx, session, host=False)] == [None]
    assert [q.author for q in await questions.questions(ctx, session, host=True)] == ['Ana']
    deliveries = dict(changes[0].deliveries())
    assert deliveries['hosts']['question']['author'] == 'Ana'
    assert deliveries['guests']['question']['author'] is None and 'Ana' not in str(deliveries['guests'])


async def test_one_vote_per_person_taken_back_by_voting_again(ctx: Context, hosted) -> None:
    session, _ = hosted
    asked = await questions.ask(ctx, session, 'Ana', 'Will there be a break?')
    first, voted = await questions.vote(ctx, session, asked.id, 'Ben')
    assert (first.votes, voted) == (1, True)
    again, voted = await questions.vote(ctx, session, asked.id, 'ben')
    assert (again.votes, voted) == (0, False)
    for _ in range(3):  # a page that sends its vote again counts once
        counted, voted = await questions.vote(ctx, session, asked.id, 'Ben', voted=True)
    assert (counted.votes, voted) == (1, True)
    await questions.vote(ctx, session, asked.id, 'Cy', voted=True)
    view = await questions.view(ctx, session, host=False, participant=await sessions.participant_named(ctx, session,
                                                                                                        'Ben'))
    assert (view.questions[0].votes, view.voted) == (2, {asked.id})


async def test_votes_at_once_are_all_counted_and_announced_in_few_events(ctx: Context, hosted, collect) -> None:
    session, _ = hosted
    announced = await collect(session, QuestionVotes)
    asked = await questions.ask(ctx, session, 'Ana', 'Slides online?')
    await asyncio.gather(*(questions.vote(ctx, session, asked.id, f'Voter {n}', voted=True) for n in range(40)))
    await eventually(lambda: announced and announced[-1].votes == {asked.id: 40})
    assert len(announced) < 10
    assert (await questions.question(ctx, session, asked.id, host=False)).votes == 40


async def test_open_questions_by_votes_then_age_then_answered(ctx: Context, hosted) -> None:
    session, key = hosted
    old = await questions.ask(ctx, session, 'Ana', 'first')
    new = await questions.ask(ctx, session, 'Ben', 'second')
    popular = await questions.ask(ctx, session, 'Cy', 'third')
    for voter in ('Dee', 'Eve'):
        await questions.vote(ctx, session, popular.id, voter)
    await questions.change(ctx, session, key, old.id, status='answered')
    shown = await questions.questions(ctx, session, host=False)
    assert [(q.body, q.status) for q in shown] == [('third', 'open'), ('second', 'open'), ('first', 'answered')]
    assert shown[2].answered_at is not None
    with pytest.raises(InvalidInput, match='Only open questions'):
        await questions.vote(ctx, session, old.id, 'Dee')
    assert new.id


async def test_one_highlight_at_a_time_and_an_answer_clears_it(ctx: Context, hosted, collect) -> None:
    session, key = hosted
    one = await questions.ask(ctx, session, 'Ana', 'one')
    two = await questions.ask(ctx, session, 'Ben', 'two')
    changes = await collect(session, QuestionChanged)
    await questions.change(ctx, session, key, one.id, highlighted=True)
    await questions.change(ctx, session, key, two.id, highlighted=True)
    await ctx.hub.backend.delivered()
    assert [(e.question.id, e.question.highlighted) for e in changes] == \
        [(one.id, True), (two.id, True), (one.id, False)]
    answered = await questions.change(ctx, session, key, two.id, status='answered')
    assert not answered.highlighted
    assert not any(q.highlighted for q in await questions.questions(ctx, session, host=True))
    with pytest.raises(InvalidInput, match='Only an open question'):
        await questions.change(ctx, session, key, two.id, highlighted=True)


async def test_only_the_host_changes_a_question_and_hidden_ones_leave_the_guests(ctx: Context, hosted, collect) -> None:
    session, key = hosted
    asked = await questions.ask(ctx, session, 'Ana', 'rude')
    with pytest.raises(Forbidden, match='Only the host'):
        await questions.change(ctx, session, 'wrong', asked.id, status='hidden')
    changes = await collect(session, QuestionChanged)
    await questions.change(ctx, session, key, asked.id, status='hidden')
    await ctx.hub.backend.delivered()
    assert dict(changes[0].deliveries())['guests'] == {'type': 'question.removed', 'session_id': session.id,
                                                      'id': asked.id}
    assert await questions.questions(ctx, session, host=False) == []
    assert [q.status for q in await questions.questions(ctx, session, host=True)] == ['hidden']
    with pytest.raises(NotFound):
        await questions.question(ctx, session, asked.id, host=False)
    with pytest.raises(InvalidInput, match='A question is'):
        await questions.change(ctx, session, key, asked.id, status='pending')


async def test_with_moderation_a_question_waits_for_approval_seen_by_the_host_and_asker(ctx: Context,
                                                                                        hosted, collect) -> None:
    session, key = hosted
    await host.change_session(ctx, session, key, questions_moderated=True)
    changes = await collect(session, QuestionChanged)
    asked = await questions.ask(ctx, session, 'Ana', 'May I?', anonymous=True)
    await ctx.hub.backend.delivered()
    assert asked.status == 'pending'
    audiences = [audience for audience, _ in changes[0].deliveries()]
    assert audiences[0] == 'hosts' and audiences[1].key == 'ana' and 'guests' not in audiences
    ana = await sessions.participant_named(ctx, session, 'Ana')
    ben = await sessions.join(ctx, session, 'Ben')
    assert [q.id for q in (await questions.view(ctx, session, host=False, participant=ana)).questions] == [asked.id]
    assert (await questions.view(ctx, session, host=False, participant=ben)).questions == []
    with pytest.raises(InvalidInput, match='Only open'):
        await questions.vote(ctx, session, asked.id, 'Ben')
    approved = await questions.change(ctx, session, key, asked.id, status='open')
    assert approved.status == 'open'
    assert [q.author for q in await questions.questions(ctx, session, host=False)] == [None]


async def test_locked_closed_muted_and_removed_work_as_for_chat(ctx: Context, hosted) -> None:
    session, key = hosted
    asked = await questions.ask(ctx, session, 'Ana', 'before')
    await sessions.join(ctx, session, 'Ben')
    await host.moderate(ctx, session, key, 'Ben', muted=True)
    with pytest.raises(Forbidden, match='muted'):
        await questions.ask(ctx, session, 'Ben', 'muted question')
    with pytest.raises(Forbidden, match='muted'):
        await questions.vote(ctx, session, asked.id, 'Ben')
    await host.moderate(ctx, session, key, 'Ben', removed=True)
    with pytest.raises(Forbidden, match='removed'):
        await questions.ask(ctx, session, 'Ben', 'removed question')
    await host.set_status(ctx, session, key, 'locked')
    with pytest.raises(Forbidden, match='locked'):
        await questions.ask(ctx, session, 'Ana', 'locked question')
    await host.set_status(ctx, session, key, 'closed')
    with pytest.raises(Forbidden, match='closed'):
        await questions.vote(ctx, session, asked.id, 'Ana')
    await messages.messages_after(ctx, session.id, 0, 10)  # the chat is unaffected by questions


async def test_a_pages_vote_is_checked_like_a_message_before_it_is_written(ctx: Context, hosted) -> None:
    """The path of a page whose person joined from that browser: checked by a read, then only the vote is written."""
    session, key = hosted
    asked = await questions.ask(ctx, session, 'Ana', 'Review on Friday?')
    await sessions.join(ctx, session, 'Ben', browser_id='ben-browser')
    voted, _ = await questions.vote(ctx, session, asked.id, 'Ben', voted=True, browser_id='ben-browser')
    assert voted.votes == 1
    await host.moderate(ctx, session, key, 'Ben', muted=True)
    with pytest.raises(Forbidden, match='muted'):
        await questions.vote(ctx, session, asked.id, 'Ben', voted=False, browser_id='ben-browser')
    await host.moderate(ctx, session, key, 'Ben', muted=False)
    await host.set_status(ctx, session, key, 'locked')
    with pytest.raises(Forbidden, match='locked'):
        await questions.vote(ctx, session, asked.id, 'Ben', voted=False, browser_id='ben-browser')
    assert (await questions.question(ctx, session, asked.id, host=False)).votes == 1
