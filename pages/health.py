"""A read-only health route with the counts a leak check needs: NiceGUI clients and hub subscribers."""
from fastapi import APIRouter
from nicegui import Client

from services import context

router = APIRouter(prefix='/api')


@router.get('/health')
async def health() -> dict:
    hub = context.current().hub
    return {'status': 'ok', 'clients': len(Client.instances), 'hub_subscribers': hub.subscriber_count()}
