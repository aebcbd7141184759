"""What answers first: the HTTP API and the pages' Socket.IO connections, in front of NiceGUI's own middleware,
which only pages need.

The API is a FastAPI app of its own (api/app.py says why). A page's socket needs only the same-origin guard: behind
the page middleware, every frame sent to every page went through the send wrappers of the session cookie and the
exception handler, though a socket has neither cookie to set nor response to replace: with a class open, that is
two more calls per page for every message.

NiceGUI's documented alternative, `ui.run_with` (our FastAPI app outside, NiceGUI mounted in it, the Socket.IO app
mounted beside it, uvicorn run by us), was tried on 2026-12-01 against this front door: 200 pages, 5 messages/s, six
interleaved rounds of `python -m bench.fanout --targets studyhall --clients 200 --rate 5 --duration 20` each, server
CPU per message run_with / front door 0.93, 1.07, 0.95, 1.18, 1.05, 0.86 (no difference this machine can show),
memory per page 0.303-0.306 MB against 0.297-0.301 MB (2 % more, in every round), and posting a message 3.5 ms of
CPU either way. The front door stays: it measures no worse, keeps `ui.run` (and with it NiceGUI's `User` fixture and
its refusal of several workers), and costs one seam (framework_seams.py, 2).
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
