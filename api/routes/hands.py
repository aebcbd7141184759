"""Raised hands: raise (once per person), lower one's own (or the host anyone's), the queue, the host's next."""
from fastapi import APIRouter, Response
from pydantic import BaseModel

from db.schemas import HandPublic
from services import hands

from ..deps import BrowserId, Ctx, HostKey, SessionByCode

router = APIRouter(prefix='/api', tags=['hands'])


class HandRaise(BaseModel):
    author: str


@router.post('/sessions/{code}/hands', status_code=201,
             responses={200: {'description': 'the hand was up already: unchanged'},
                        403: {'description': 'the session is closed or the person removed'}})
async def raise_hand(data: HandRaise, session: SessionByCode, ctx: Ctx, browser: BrowserId,
                     response: Response) -> HandPublic:
    hand, raised = await hands.raise_hand(ctx, session, data.author, browser)
    if not raised:
        response.status_code = 200
    return hand


@router.delete('/sessions/{code}/hands/{name}', status_code=204, responses={403: {'description': 'not that person'}})
async def lower_hand(name: str, session: SessionByCode, ctx: Ctx, browser: BrowserId, host_key: HostKey,
                     author: str = '') -> None:
    """That person (`?author=` their name) or the host (`X-Host-Key`); 204 also when the hand was not up."""
    await hands.lower_hand(ctx, session, name, requester=author, host_key=host_key, browser_id=browser)


@router.get('/sessions/{code}/hands')
async def list_hands(session: SessionByCode, ctx: Ctx) -> list[HandPublic]:
    """The raised hands, first raised first."""
    return await hands.hands(ctx, session.id)


@router.post('/sessions/{code}/hands/next', responses={403: {'description': 'not the host'},
                                                       404: {'description': 'no hand is up'}})
async def next_hand(session: SessionByCode, ctx: Ctx, host_key: HostKey) -> HandPublic:
    """Host only: the first hand goes down, and that person's pages say it is their turn."""
    return await hands.next_hand(ctx, session, host_key)
