"""A read-only health route with the counts a leak check needs: NiceGUI clients and hub subscribers."""
from fastapi import APIRouter
from pydantic import BaseModel

from framework_seams import open_pages

from ..deps import Ctx

router = APIRouter(prefix='/api', tags=['health'])


class Health(BaseModel):
    status: str
    clients: int
    hub_subscribers: int


@router.get('/health')
async def health(ctx: Ctx) -> Health:
    return Health(status='ok', clients=open_pages(), hub_subscribers=ctx.hub.subscriber_count())
