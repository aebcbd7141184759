"""The HTTP API answered in front of NiceGUI's own middleware, which only pages need.

NiceGUI wraps every request in three `BaseHTTPMiddleware`s (request tracking for `app.storage.user`, prefix
redirects, cache headers), each of which runs the rest of the request in a task of its own and re-wraps every read of
the body. The API needs none of them, and they were a quarter of the CPU of posting a message (bench/). So `/api/`
requests go to a FastAPI app of their own, with the middleware the API does need: the same-origin guard, the
security headers, gzip, and the session cookie, read to know which browser a page's upload comes from.
"""
from collections.abc import Callable, Sequence

from fastapi import APIRouter, FastAPI
from nicegui import App
from starlette.middleware.sessions import SessionMiddleware
from starlette.types import ASGIApp, Receive, Scope, Send

from .same_origin import SameOriginGuard
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


def serve_in_front(app: App, api: FastAPI) -> None:
    """Once the server starts, `/api/` requests reach `api` before NiceGUI's middleware; all others as before."""
    def install() -> None:
        app.middleware_stack = _ApiInFront(api, app.middleware_stack or app.build_middleware_stack())
    app.on_startup(install)


class _ApiInFront:

    def __init__(self, api: ASGIApp, pages: ASGIApp) -> None:
        self.api = api
        self.pages = pages

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        is_api = scope['type'] == 'http' and scope['path'].startswith(API_PREFIX)
        await (self.api if is_api else self.pages)(scope, receive, send)
