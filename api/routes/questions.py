"""Questions: ask (optionally anonymously), list, vote (again: the vote is taken back); the host answers,
highlights, hides and approves. Without the host key, an anonymous asker's name is never in an answer."""
from typing import Literal

from fastapi import APIRouter
from pydantic import BaseModel

from db.schemas import QuestionPublic
from services import questions
from services.host import is_host

from ..deps import BrowserId, Ctx, HostKey, SessionByCode

router = APIRouter(prefix='/api', tags=['questions'])


class QuestionCreate(BaseModel):
    author: str
    body: str
    anonymous: bool = False


class VoteToggle(BaseModel):
    author: str


class QuestionChange(BaseModel):
    status: Literal['open', 'answered', 'hidden'] | None = None
    highlighted: bool | None = None


@router.post('/sessions/{code}/questions', status_code=201,
             responses={403: {'description': 'the session is locked or closed, or the author muted or removed'},
                        429: {'description': 'its author asks too fast'}})
async def ask(data: QuestionCreate, session: SessionByCode, ctx: Ctx, browser: BrowserId,
              host_key: HostKey) -> QuestionPublic:
    """As `author` (a name nobody took yet, or one this browser took). With moderation on, the question is
    `pending` until the host approves it."""
    question = await questions.ask(ctx, session, data.author, data.body, anonymous=data.anonymous, browser_id=browser)
    return question if is_host(session, host_key) else question.for_guests()


@router.get('/sessions/{code}/questions')
async def list_questions(session: SessionByCode, ctx: Ctx, host_key: HostKey) -> list[QuestionPublic]:
    """Open questions by votes (most first) then oldest first, then answered ones; with the host key also those
    pending approval and hidden ones, and the names of anonymous askers."""
    return await questions.questions(ctx, session, host=is_host(session, host_key))


@router.post('/sessions/{code}/questions/{question_id}/votes',
             responses={404: {'description': 'no such question'}, 422: {'description': 'the question is not open'}})
async def vote(question_id: int, data: VoteToggle, session: SessionByCode, ctx: Ctx, browser: BrowserId,
               host_key: HostKey) -> QuestionPublic:
    """One vote per person and question; the same person again takes the vote back."""
    question, _voted = await questions.vote(ctx, session, question_id, data.author, browser_id=browser)
    return question if is_host(session, host_key) else question.for_guests()


@router.patch('/sessions/{code}/questions/{question_id}', responses={403: {'description': 'not the host'}})
async def change_question(question_id: int, data: QuestionChange, session: SessionByCode, ctx: Ctx,
                          host_key: HostKey) -> QuestionPublic:
    """Host only (`X-Host-Key`): `status` `open` approves a pending question (or reopens one), `answered` moves it
    to the answered ones, `hidden` hides it; `highlighted` marks the one answered now (one at a time)."""
    return await questions.change(ctx, session, host_key, question_id, status=data.status,
                                  highlighted=data.highlighted)
