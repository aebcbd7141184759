"""The projector's stage: what it shows now, as the host directs it."""
from fastapi import APIRouter
from pydantic import BaseModel

from db.activity_schemas import StagePublic, StageShow
from services import stage

from ..deps import Ctx, HostKey, SessionByCode

router = APIRouter(prefix='/api', tags=['stage'])


class StageSet(BaseModel):
    show: StageShow
    poll_id: int | None = None
    scoreboard_public: bool | None = None


@router.put('/sessions/{code}/stage', responses={403: {'description': 'not the host'}})
async def set_stage(data: StageSet, session: SessionByCode, ctx: Ctx, host_key: HostKey) -> StagePublic:
    """Host only; `poll_id`: which poll (the newest launched by default); `scoreboard_public`: everybody may see
    the quiz scoreboard (showing it on the projector does that too)."""
    return await stage.set_stage(ctx, session, host_key, data.show, poll_id=data.poll_id,
                                 scoreboard_public=data.scoreboard_public)


@router.get('/sessions/{code}/stage')
async def get_stage(session: SessionByCode, ctx: Ctx) -> StagePublic:
    return await stage.current(ctx, session)
