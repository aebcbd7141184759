"""The HTTP API as a FastAPI app of its own, answered in front of NiceGUI's page middleware (asgi/front_door.py).

NiceGUI wraps every request in three `BaseHTTPMiddleware`s (request tracking for `app.storage.user`, prefix
redirects, cache headers), each of which runs the rest of the request in a task of its own and re-wraps every read of
the body. The API needs none of them, and they were a quarter of the CPU of posting a message (bench/). Its own
middleware is what it does need: the same-origin guard, the security headers, gzip, and the session cookie, read to
know which browser a page's upload comes from.
"""
from collections.abc import Callable

from fastapi import FastAPI
from starlette.middleware.sessions import SessionMiddleware
from starlette.types import Scope

from asgi.body_limit import BodyLimit, Limit
from asgi.compression import compress_moderately
from asgi.same_origin import SameOriginGuard
from asgi.security_headers import SecurityHeaders
from i18n.request_language import RequestLanguage

from .errors import HANDLERS
from .routes import ROUTERS

OPENAPI_URL = '/api/openapi.json'


def api_app(*, storage_secret: str, version: str, body_limits: Callable[[Scope], Limit]) -> FastAPI:
    api = FastAPI(title='StudyHall API', version=version, openapi_url=OPENAPI_URL, docs_url=None, redoc_url=None)
    for router in ROUTERS:
        api.include_router(router)
    for error, handler in HANDLERS.items():
        api.add_exception_handler(error, handler)
    api.add_middleware(BodyLimit, limit_of=body_limits)  # innermost: its refusals get the headers below
    api.add_middleware(RequestLanguage)  # refusals, also the body limit's, in the language the request asks for
    api.add_middleware(SecurityHeaders)
    api.add_middleware(compress_moderately)
    api.add_middleware(SameOriginGuard)
    api.add_middleware(SessionMiddleware, secret_key=storage_secret)  # NiceGUI's cookie: same name and secret
    return api
