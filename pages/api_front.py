"""The HTTP API and the pages' Socket.IO connections answered in front of NiceGUI's own middleware, which only pages
need.

NiceGUI wraps every request in three `BaseHTTPMiddleware`s (request tracking for `app.storage.user`, prefix
redirects, cache headers), each of which runs the rest of the request in a task of its own and re-wraps every read of
the body. The API needs none of them, and they were a quarter of the CPU of posting a message (bench/). So `/api/`
requests go to a FastAPI app of their own, with the middleware the API does need: the same-origin guard, the
security headers, gzip, and the session cookie, read to know which browser a page's upload comes from.

A page's socket needs only the same-origin guard. Behind the page middleware, every frame sent to every page went
through the send wrappers of the session cookie and the exception handler, though a socket has neither cookie to
set nor response to replace: with a class open, that is two more calls per page for every message.
"""
from collections.abc import Callable, Sequence

from fastapi import APIRouter, FastAPI
from nicegui import App
from starlette.middleware.sessions import SessionMiddleware
from starlette.routing import get_route_path
from starlette.types import ASGIApp, Receive, Scope, Send

from .same_origin import SOCKET_PREFIX, SameOriginGuard
from .security_headers import SecurityHeaders

API_PREFIX = '/api/'


def api_app(routers: Sequence[APIRouter], *, storage_secret: str, exception_handlers: dict,
            compress: Callable[[ASGIApp], ASGIApp]) -> FastAPI:
    api = FastAPI(openapi_url=None, docs_url=None, redoc_url=None)  # NiceGUI's app keeps serving /docs
    for router in routers:
        api.include_router(router)
    for error, handler in exception_handlers.items():
        api.add_exception_handler(error, handler)
    api.add_middleware(SecurityHeaders)
    api.add_middleware(compress)
    api.add_middleware(SameOriginGuard)
    api.add_middleware(SessionMiddleware, secret_key=storage_secret)  # NiceGUI's cookie: same name and secret
    return api


def serve_in_front(app: App, api: FastAPI, sockets: ASGIApp) -> None:
    """Once the server starts, `/api/` requests reach `api`, and the pages' Socket.IO traffic reaches `sockets`
    (NiceGUI's Socket.IO app), before NiceGUI's middleware; all others as before."""
    def install() -> None:
        pages = app.middleware_stack or app.build_middleware_stack()
        app.middleware_stack = _InFront(api, SameOriginGuard(sockets), pages)
    app.on_startup(install)


class _InFront:

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
