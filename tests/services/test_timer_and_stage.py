"""The shared timer (countdown, Pomodoro, pause, resume, more time, stop) and the projector's stage."""
from datetime import timedelta

import pytest

from db.activity_schemas import TimerPublic
from db.models import SessionTimer, utcnow
from realtime.events import StageChanged, TimerChanged
from services import polls, sessions, stage, timer
from services.errors import Forbidden, InvalidInput, NotFound


async def test_a_countdown_counts_from_its_end_time_and_pauses_resumes_and_grows(ctx) -> None:
    session, key = await sessions.create_session(ctx, 'Timed')
    events = []
    ctx.hub.subscribe(session.id, events.append)
    with pytest.raises(NotFound):
        await timer.get_timer(ctx, session)
    with pytest.raises(InvalidInput):
        await timer.set_timer(ctx, session, key, 0)
    with pytest.raises(Forbidden):
        await timer.set_timer(ctx, session, None, 60)
    shown = await timer.set_timer(ctx, session, key, 300, 'Exercise 3')
    assert (shown.label, shown.running, shown.phase) == ('Exercise 3', True, 'timer') and 299 < shown.remaining <= 300
    assert shown.ends_at is not None and abs((shown.ends_at - utcnow()).total_seconds() - 300) < 2
    paused = await timer.change_timer(ctx, session, key, 'pause')
    assert not paused.running and paused.ends_at is None and paused.paused_elapsed is not None
    longer = await timer.change_timer(ctx, session, key, 'add', 60)
    assert 359 < longer.remaining <= 360 and not longer.running
    resumed = await timer.change_timer(ctx, session, key, 'resume')
    assert resumed.running and 358 < resumed.remaining <= 360
    await timer.stop_timer(ctx, session, key)
    with pytest.raises(NotFound):
        await timer.get_timer(ctx, session)
    await ctx.hub.backend.delivered()
    assert [e.timer is None for e in events if isinstance(e, TimerChanged)] == [False] * 4 + [True]


def test_a_pomodoro_runs_work_and_breaks_and_ends() -> None:
    start = utcnow()
    row = SessionTimer(session_id=1, label='', started_at=start,
                       phases=[['work', 1500], ['break', 300], ['work', 1500]])
    at = [TimerPublic.of(row, start + timedelta(seconds=s)) for s in (10, 1600, 1900, 3400)]
    assert [(t.phase, t.round, round(t.remaining)) for t in at] == [('work', 1, 1490), ('break', 1, 200),
                                                                      ('work', 2, 1400), ('done', 2, 0)]
    assert at[-1].rounds == 2 and not at[-1].running


async def test_a_pomodoro_is_checked_and_more_time_restarts_a_finished_timer(ctx) -> None:
    session, key = await sessions.create_session(ctx, 'Pomodoro')
    with pytest.raises(InvalidInput, match='rounds'):
        await timer.set_timer(ctx, session, key, None, pomodoro={'work': 60, 'break': 10, 'rounds': 0})
    cycle = await timer.set_timer(ctx, session, key, None, pomodoro={'work': 1500, 'break': 300, 'rounds': 4})
    assert (cycle.phase, cycle.rounds, len(cycle.phases)) == ('work', 4, 7)
    async with ctx.db.write() as db:
        row = await db.get(SessionTimer, session.id)
        row.started_at = utcnow() - timedelta(hours=3)
        db.add(row)
    assert (await timer.get_timer(ctx, session)).phase == 'done'
    again = await timer.change_timer(ctx, session, key, 'add', 60)
    assert again.running and 58 < again.remaining <= 60


async def test_the_stage_follows_the_host_and_offers_only_what_exists(ctx) -> None:
    session, key = await sessions.create_session(ctx, 'Projected')
    events = []
    ctx.hub.subscribe(session.id, events.append)
    assert (await stage.current(ctx, session)).show == 'chat'
    with pytest.raises(Forbidden):
        await stage.set_stage(ctx, session, None, 'timer')
    with pytest.raises(InvalidInput, match='one of'):
        await stage.set_stage(ctx, session, key, 'fireworks')
    assert (await stage.set_stage(ctx, session, key, 'questions')).show == 'questions'
    assert (await stage.set_stage(ctx, session, key, 'timer')).show == 'timer'
    poll = await polls.create_poll(ctx, session, key, 'Q?', ['a', 'b'])
    shown = await stage.set_stage(ctx, session, key, 'poll')
    assert (shown.show, shown.poll_id) == ('poll', poll.id)
    board = await stage.set_stage(ctx, session, key, 'scoreboard')
    assert board.scoreboard_public and await polls.scoreboard(ctx, session, None) == []
    await ctx.hub.backend.delivered()
    assert [e.stage['show'] for e in events if isinstance(e, StageChanged)] == ['questions', 'timer', 'poll',
                                                                                  'scoreboard']
