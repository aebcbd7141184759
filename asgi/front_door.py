"""What answers first: the HTTP API and the pages' Socket.IO connections, in front of NiceGUI's own middleware,
which only pages need.

The API is a FastAPI app of its own (api/app.py says why). A page's socket needs only the same-origin guard: behind
the page middleware, every frame sent to every page went through the send wrappers of the session cookie and the
exception handler, though a socket has neither cookie to set nor response to replace: with a class open, that is
two more calls per page for every message.
"""
from nicegui import App
from starlette.routing import get_route_path
from starlette.types import ASGIApp, Receive, Scope, Send

import framework_seams

from .same_origin import SOCKET_PREFIX, SameOriginGuard

API_PREFIX = '/api/'


def serve_in_front(app: App, api: ASGIApp) -> None:
    """Once the server starts, `/api/` requests reach `api`, and the pages' Socket.IO traffic reaches NiceGUI's
    Socket.IO app, before NiceGUI's middleware; all others as before."""
    sockets = SameOriginGuard(framework_seams.sio_app)
    app.on_startup(lambda: framework_seams.replace_middleware_stack(app, lambda pages: _FrontDoor(api, sockets, pages)))


class _FrontDoor:

    def __init__(self, api: ASGIApp, sockets: ASGIApp, pages: ASGIApp) -> None:
        self.api = api
        self.sockets = sockets
        self.pages = pages

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope['type'] == 'http' and scope['path'].startswith(API_PREFIX):
            await self.api(scope, receive, send)
        elif scope['type'] in ('http', 'websocket') and get_route_path(scope).startswith(SOCKET_PREFIX):
            # as NiceGUI's mount of the Socket.IO app passes it on: the mount point moves into the root path
            root_path = scope.get('root_path', '')
            mounted = {**scope, 'root_path': root_path + SOCKET_PREFIX.rstrip('/'), 'app_root_path': root_path}
            await self.sockets(mounted, receive, send)
        else:
            await self.pages(scope, receive, send)
