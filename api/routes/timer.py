"""The shared timer: set (a countdown or a Pomodoro), pause / resume / add time, stop (host); read it."""
from typing import Literal

from fastapi import APIRouter, Response
from pydantic import BaseModel, Field

from db.activity_schemas import TimerPublic
from services import timer

from ..deps import Ctx, HostKey, SessionByCode

router = APIRouter(prefix='/api', tags=['timer'])
NO_TIMER: dict[int | str, dict] = {404: {'description': 'no timer is set'}}


class Pomodoro(BaseModel):
    work: int
    break_: int = Field(alias='break')
    rounds: int


class TimerSet(BaseModel):
    seconds: int | None = None
    label: str = ''
    pomodoro: Pomodoro | None = None


class TimerChange(BaseModel):
    action: Literal['pause', 'resume', 'add']
    seconds: int = 60


@router.put('/sessions/{code}/timer', responses={403: {'description': 'not the host'}})
async def set_timer(data: TimerSet, session: SessionByCode, ctx: Ctx, host_key: HostKey) -> TimerPublic:
    """Host only: `seconds` for a countdown, or `pomodoro` (`work` and `break` in seconds, `rounds`)."""
    pomodoro = {'work': data.pomodoro.work, 'break': data.pomodoro.break_, 'rounds': data.pomodoro.rounds} \
        if data.pomodoro else None
    return await timer.set_timer(ctx, session, host_key, data.seconds, data.label, pomodoro)


@router.patch('/sessions/{code}/timer', responses={403: {'description': 'not the host'}, **NO_TIMER})
async def change_timer(data: TimerChange, session: SessionByCode, ctx: Ctx, host_key: HostKey) -> TimerPublic:
    return await timer.change_timer(ctx, session, host_key, data.action, data.seconds)


@router.delete('/sessions/{code}/timer', status_code=204, responses={403: {'description': 'not the host'}, **NO_TIMER})
async def stop_timer(session: SessionByCode, ctx: Ctx, host_key: HostKey) -> Response:
    await timer.stop_timer(ctx, session, host_key)
    return Response(status_code=204)


@router.get('/sessions/{code}/timer', responses=NO_TIMER)
async def get_timer(session: SessionByCode, ctx: Ctx) -> TimerPublic:
    return await timer.get_timer(ctx, session)
