"""Polls and quizzes: make (host), list, answer, launch / close / reveal (host), and the quiz scoreboard."""
from typing import Literal

from fastapi import APIRouter
from pydantic import BaseModel

from db.activity_schemas import PollPublic, ScoreRow
from services import polls
from services.errors import NotFound
from services.sessions import participant_named

from ..deps import BrowserId, Ctx, HostKey, SessionByCode

router = APIRouter(prefix='/api', tags=['polls'])
HOST_ONLY: dict[int | str, dict] = {403: {'description': 'not the host'}}


class PollCreate(BaseModel):
    question: str
    options: list[str]
    multiple: bool = False
    anonymous: bool = False
    results: Literal['live', 'hidden'] = 'live'
    correct: list[int] | None = None
    seconds: int | None = None
    draft: bool = False


class PollChange(BaseModel):
    status: Literal['open', 'closed'] | None = None
    results_visible: bool | None = None


class Vote(BaseModel):
    author: str
    choices: list[int]


@router.post('/sessions/{code}/polls', status_code=201, responses=HOST_ONLY)
async def create_poll(data: PollCreate, session: SessionByCode, ctx: Ctx, host_key: HostKey) -> PollPublic:
    """Host only. `correct` makes it a quiz, `seconds` its time limit; `draft`: prepared, launched later."""
    return await polls.create_poll(ctx, session, host_key, data.question, data.options, multiple=data.multiple,
                                   anonymous=data.anonymous, results=data.results, correct=data.correct,
                                   seconds=data.seconds, draft=data.draft)


@router.get('/sessions/{code}/polls')
async def list_polls(session: SessionByCode, ctx: Ctx, host_key: HostKey, author: str = '') -> list[PollPublic]:
    """Oldest first; drafts, hidden counts and who chose what (named polls) for the host only; `?author=`: with
    that person's own answers (`mine`)."""
    return await polls.polls_for(ctx, session, await _viewer(ctx, session, host_key, author))


@router.get('/sessions/{code}/polls/{poll_id}')
async def get_poll(poll_id: int, session: SessionByCode, ctx: Ctx, host_key: HostKey, author: str = '') -> PollPublic:
    return await polls.get_poll(ctx, session, poll_id, await _viewer(ctx, session, host_key, author))


@router.post('/sessions/{code}/polls/{poll_id}/votes', responses={409: {'description': 'the poll is not open'}})
async def vote(poll_id: int, data: Vote, session: SessionByCode, ctx: Ctx, browser: BrowserId) -> PollPublic:
    """A later answer by the same person replaces the earlier one; 409 once the poll is closed or its time is up."""
    return await polls.vote(ctx, session, poll_id, data.author, data.choices, browser)


@router.patch('/sessions/{code}/polls/{poll_id}', responses=HOST_ONLY)
async def change_poll(poll_id: int, data: PollChange, session: SessionByCode, ctx: Ctx,
                      host_key: HostKey) -> PollPublic:
    """Host only: launch a draft (`open`), close, reveal or hide the results."""
    return await polls.change_poll(ctx, session, host_key, poll_id, status=data.status,
                                   results_visible=data.results_visible)


@router.get('/sessions/{code}/scoreboard', responses={403: {'description': 'the host has not shown it'}})
async def scoreboard(session: SessionByCode, ctx: Ctx, host_key: HostKey) -> list[ScoreRow]:
    """Named quizzes: correct answers, ties broken by total answer time; the host, or everybody when shown."""
    return await polls.scoreboard(ctx, session, host_key)


async def _viewer(ctx: Ctx, session: SessionByCode, host_key: str | None, author: str) -> polls.Viewer:
    participant = None
    if author:
        try:
            participant = await participant_named(ctx, session, author)
        except NotFound:
            participant = None
    return polls.viewer_of(session, host_key, participant)
