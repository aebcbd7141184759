"""Public shapes of polls, the timer and the stage, as the HTTP API returns them and events carry them."""
from datetime import datetime, timedelta
from typing import Literal

from pydantic import BaseModel

from .models import Poll, SessionTimer, Stage, utcnow
from .schemas import UtcDatetime
from .schemas import _as_utc as utc

PollStatus = Literal['draft', 'open', 'closed']
StageShow = Literal['chat', 'questions', 'poll', 'scoreboard', 'timer', 'hands', 'join']


def poll_status(row: Poll, now: datetime | None = None) -> PollStatus:
    """As it is now: an open quiz whose time is up counts as closed (nothing on the server ticks to close it)."""
    if row.status == 'open' and row.closes_at is not None and (now or utcnow()) >= utc(row.closes_at):
        return 'closed'
    return 'draft' if row.status == 'draft' else 'closed' if row.status == 'closed' else 'open'


class PollOption(BaseModel):
    text: str
    votes: int | None = None


class PollPublic(BaseModel):
    """A poll as one viewer may see it: `votes` and `voters` are None while its results are hidden from them,
    `correct` while a guest may not know it yet, `chosen_by` (who chose what) is for the host of a named poll only,
    `mine` is the asker's own answer."""
    id: int
    question: str
    options: list[PollOption]
    multiple: bool
    anonymous: bool
    results: Literal['live', 'hidden']
    status: PollStatus
    results_visible: bool
    voters: int | None = None
    correct: list[int] | None = None
    quiz: bool = False
    seconds: int | None = None
    created_at: UtcDatetime
    opened_at: UtcDatetime | None = None
    closes_at: UtcDatetime | None = None
    closed_at: UtcDatetime | None = None
    chosen_by: dict[str, list[int]] | None = None
    mine: list[int] | None = None

    @classmethod
    def of(cls, row: Poll, counts: list[int] | None, voters: int | None, *, host: bool,
           chosen_by: dict[str, list[int]] | None = None, mine: list[int] | None = None) -> 'PollPublic':
        status = poll_status(row)
        visible = host or row.results_visible
        options = [PollOption(text=text, votes=counts[i] if visible and counts else (0 if visible else None))
                   for i, text in enumerate(row.options)]
        show_correct = host or status == 'closed'
        return cls(id=row.id, question=row.question, options=options, multiple=row.multiple, anonymous=row.anonymous,
                   results=row.results, status=status, results_visible=row.results_visible,
                   voters=(voters or 0) if visible else None, correct=row.correct if show_correct else None,
                   quiz=row.correct is not None, seconds=row.seconds, created_at=row.created_at,
                   opened_at=row.opened_at, closes_at=row.closes_at, closed_at=row.closed_at,
                   chosen_by=chosen_by if host and not row.anonymous else None, mine=mine)


class ScoreRow(BaseModel):
    name: str
    correct: int
    answer_seconds: float


class TimerPublic(BaseModel):
    """The timer now (`remaining` seconds of the current phase), and what pages count down from themselves:
    the phases from `started_at` (UTC), or `paused_elapsed` seconds gone while paused."""
    label: str
    ends_at: UtcDatetime | None
    remaining: float
    running: bool
    phase: Literal['timer', 'work', 'break', 'done']
    round: int
    rounds: int
    phases: list[tuple[str, float]]
    started_at: UtcDatetime
    paused_elapsed: float | None = None

    @classmethod
    def of(cls, row: SessionTimer, now: datetime | None = None) -> 'TimerPublic':
        now = now or utcnow()
        started = utc(row.started_at)
        elapsed = row.paused_elapsed if row.paused_elapsed is not None else (now - started).total_seconds()
        phases = [(str(kind), float(seconds)) for kind, seconds in row.phases]
        index, into = _phase_at(phases, elapsed)
        works = [i for i, (kind, _) in enumerate(phases) if kind == 'work']
        done = index >= len(phases)
        kind, length = phases[min(index, len(phases) - 1)]
        remaining = 0.0 if done else max(0.0, length - into)
        running = row.paused_elapsed is None and not done
        return cls(label=row.label, ends_at=now + timedelta(seconds=remaining) if running else None,
                   remaining=round(remaining, 3), running=running, phase='done' if done else kind,
                   round=sum(1 for i in works if i <= index) if works else 1, rounds=max(1, len(works)),
                   phases=phases, started_at=started, paused_elapsed=row.paused_elapsed)


def _phase_at(phases: list[tuple[str, float]], elapsed: float) -> tuple[int, float]:
    """The index of the phase `elapsed` seconds fall in (len(phases) once all are over) and the seconds into it."""
    for index, (_, seconds) in enumerate(phases):
        if elapsed < seconds:
            return index, max(0.0, elapsed)
        elapsed -= seconds
    return len(phases), 0.0


class StagePublic(BaseModel):
    show: StageShow
    poll_id: int | None = None
    scoreboard_public: bool = False

    @classmethod
    def of(cls, row: Stage | None) -> 'StagePublic':
        if row is None:
            return cls(show='chat')
        return cls(show=row.show, poll_id=row.poll_id, scoreboard_public=row.scoreboard_public)
