"""The session's shared timer: a countdown or a Pomodoro cycle, kept as a row of phases and a UTC start, so every
page counts down from the same end time and a reload, a reconnect or a server restart changes nothing."""
from datetime import timedelta

from db import activity_queries as q
from db.activity_schemas import TimerPublic
from db.models import TIMER_LABEL_MAX, SessionTimer, StudySession, utcnow
from i18n import _, ngettext
from realtime.events import TimerChanged

from .context import Context
from .errors import InvalidInput, NotFound
from .host import require_host
from .text import clean_line

SECONDS_MAX = 24 * 3600
ROUNDS_MAX = 12
ACTIONS = ('pause', 'resume', 'add')


async def set_timer(ctx: Context, session: StudySession, host_key: str | None, seconds: int | None, label: str = '',
                    pomodoro: dict | None = None) -> TimerPublic:
    """Start a countdown of `seconds`, or a Pomodoro of `rounds` work phases with breaks between
    (`{"work", "break", "rounds"}` in seconds); it replaces any timer running."""
    require_host(session, host_key, 'setting the timer')
    phases = _pomodoro(pomodoro) if pomodoro else [['timer', _length(seconds)]]
    row = SessionTimer(session_id=session.id, label=clean_line(label or '', TIMER_LABEL_MAX), phases=phases,
                       started_at=utcnow())
    async with ctx.db.write() as db:
        if (old := await q.timer(db, session.id)) is not None:
            await db.delete(old)
            await db.flush()
        db.add(row)
    return await _publish(ctx, session, row)


def _length(seconds: int | None) -> int:
    if seconds is None or not 1 <= seconds <= SECONDS_MAX:
        raise InvalidInput(_('A timer runs 1 second to 24 hours.'))
    return int(seconds)


def _pomodoro(pomodoro: dict) -> list[list]:
    try:
        work, rest, rounds = int(pomodoro['work']), int(pomodoro['break']), int(pomodoro['rounds'])
    except (KeyError, TypeError, ValueError):
        raise InvalidInput(_('A Pomodoro has work and break lengths (seconds) and a number of rounds.')) from None
    if not 1 <= rounds <= ROUNDS_MAX:
        raise InvalidInput(ngettext('A Pomodoro has 1 to %(most)d round.', 'A Pomodoro has 1 to %(most)d rounds.',
                                    ROUNDS_MAX, most=ROUNDS_MAX))
    phases: list[list] = []
    for index in range(rounds):
        phases.append(['work', _length(work)])
        if index < rounds - 1:
            phases.append(['break', _length(rest)])
    return phases


async def change_timer(ctx: Context, session: StudySession, host_key: str | None, action: str,
                       seconds: int = 60) -> TimerPublic:
    """Pause, resume, or `add` seconds (a minute) to the phase running now."""
    require_host(session, host_key, 'changing the timer')
    if action not in ACTIONS:
        raise InvalidInput(_('The timer can be paused, resumed or given more time.'))
    async with ctx.db.write() as db:
        row = await _timer(ctx, db, session)
        now = utcnow()
        shown = TimerPublic.of(row, now)
        elapsed = row.paused_elapsed if row.paused_elapsed is not None else (now - shown.started_at).total_seconds()
        if action == 'pause' and row.paused_elapsed is None:
            row.paused_elapsed = elapsed
        elif action == 'resume' and row.paused_elapsed is not None:
            row.started_at, row.paused_elapsed = now - timedelta(seconds=row.paused_elapsed), None
        elif action == 'add':
            _add(row, shown, elapsed, _length(seconds))
        row.updated_at = now
        db.add(row)
    return await _publish(ctx, session, row)


def _add(row: SessionTimer, shown: TimerPublic, elapsed: float, seconds: int) -> None:
    """More time for the phase running now; a timer that ran out starts again with just that."""
    phases = [list(phase) for phase in row.phases]
    if shown.phase == 'done':
        phases.append([phases[-1][0], seconds + (elapsed - sum(length for _, length in phases))])
    else:
        gone = 0.0
        for phase in phases:
            if elapsed < gone + phase[1]:
                phase[1] += seconds
                break
            gone += phase[1]
    row.phases = phases


async def stop_timer(ctx: Context, session: StudySession, host_key: str | None) -> None:
    require_host(session, host_key, 'stopping the timer')
    async with ctx.db.write() as db:
        await db.delete(await _timer(ctx, db, session))
    await ctx.hub.publish(session.id, TimerChanged(session_id=session.id, timer=None))


async def get_timer(ctx: Context, session: StudySession) -> TimerPublic:
    async with ctx.db.read() as db:
        return TimerPublic.of(await _timer(ctx, db, session))


async def current(ctx: Context, session: StudySession) -> TimerPublic | None:
    async with ctx.db.read() as db:
        row = await q.timer(db, session.id)
    return TimerPublic.of(row) if row is not None else None


async def _timer(ctx: Context, db, session: StudySession) -> SessionTimer:
    row = await q.timer(db, session.id)
    if row is None:
        raise NotFound(_('No timer is set in this session.'))
    return row


async def _publish(ctx: Context, session: StudySession, row: SessionTimer) -> TimerPublic:
    shown = TimerPublic.of(row)
    await ctx.hub.publish(session.id, TimerChanged(session_id=session.id, timer=shown.model_dump(mode='json')))
    return shown
