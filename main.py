#!/usr/bin/env python3
"""StudyHall's composition root: settings, database, hub and pages, then `ui.run`."""
import logging
import os
import sys

from fastapi.exceptions import RequestValidationError
from fastapi.middleware.gzip import GZipMiddleware
from nicegui import app, core, run, ui
from nicegui.nicegui import sio_app
from nicegui.storage import Storage
from starlette.types import ASGIApp

from components import theme
from db.schemas import display_code
from pages import api, api_front, health, home, host_api, present, session
from pages.same_origin import SameOriginGuard
from pages.security_headers import SecurityHeaders
from realtime.garbage import GarbageCollection
from realtime.hub import Hub
from services import backup, context
from services.demo import create_demo_session
from services.errors import ServiceError
from services.lan import banner
from settings import Settings


def build(settings: Settings) -> context.Context:
    """Wire the parts together and register every route (again, when tests run this file once per test)."""
    settings.prepare_folders()
    ctx = context.Context.wire(settings, make_hub(settings), core.sio)
    context.install(ctx)
    Storage.path = settings.data_dir / 'browser-storage'  # nicknames, drafts, theme: with the rest of the data
    app.on_startup(ctx.start)
    if not os.environ.get('NICEGUI_USER_SIMULATION'):  # a real server, not NiceGUI's User fixture in a test run
        app.on_startup(GarbageCollection().tune)
    app.on_startup(lambda: announce(ctx))
    app.on_shutdown(ctx.stop)
    for router in (home.router, session.router, present.router):
        app.include_router(router)
    app.add_middleware(SecurityHeaders)
    app.add_middleware(SameOriginGuard)  # added last, runs first
    core.sio.eio.cors_allowed_origins = []  # NiceGUI allows '*'; SameOriginGuard decides, Engine.IO adds no CORS
    api_front.serve_in_front(app, api_front.api_app(
        (api.router, host_api.router, health.router), storage_secret=settings.resolved_storage_secret(),
        exception_handlers={ServiceError: api.service_error_response,
                            RequestValidationError: api.validation_error_response},
        compress=compress_moderately), sio_app)
    theme.link_stylesheet()
    theme.apply_colors()
    return ctx


def make_hub(settings: Settings) -> Hub:
    """In-process by default; with a Redis URL, events reach the pages of every process of the deployment."""
    if not settings.redis_url:
        return Hub()
    from realtime.redis_backend import RedisBackend  # redis-py is only needed (and installed) for scale-out
    return Hub(RedisBackend(settings.redis_url, settings.redis_prefix))


async def announce(ctx: context.Context) -> None:
    """Print where others can join (and the demo session, when asked for one)."""
    settings = ctx.settings
    if os.environ.get('NICEGUI_USER_SIMULATION'):
        return  # nobody reads a banner in NiceGUI's User fixture
    extra = ''
    if settings.demo:
        await ctx.db.ensure_ready()
        demo = await create_demo_session(ctx)
        extra = f'Demo session: http://localhost:{settings.port}/s/{display_code(demo.code)}'
    print(await run.io_bound(banner, settings.host, settings.port, extra), flush=True)


def main() -> None:
    logging.basicConfig(level=logging.INFO, format='%(asctime)s %(levelname)s %(name)s: %(message)s')
    if sys.argv[1:2] == ['backup']:
        raise SystemExit(backup.cli(sys.argv[2:]))
    simulated = bool(os.environ.get('NICEGUI_USER_SIMULATION'))  # NiceGUI's User fixture runs this file
    settings = Settings(_cli_parse_args=not simulated)
    build(settings)
    ui.run(host=settings.host, port=settings.port, title='StudyHall', favicon='📚', reload=False, show=False,
           storage_secret=settings.resolved_storage_secret(), show_welcome_message=False,
           gzip_middleware_factory=compress_moderately, ws_per_message_deflate=settings.websocket_compression)


def compress_moderately(asgi_app: ASGIApp) -> GZipMiddleware:
    """Level 5 instead of 9: pages come out about 2 % bigger for less than half the CPU, which a class arriving at
    once on a laptop notices more than a LAN notices the bytes."""
    return GZipMiddleware(asgi_app, minimum_size=500, compresslevel=5)


if __name__ in {'__main__', '__mp_main__'}:
    main()
