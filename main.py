#!/usr/bin/env python3
"""StudyHall's composition root: settings, database, hub and pages, then `ui.run`."""
import logging
import sys

from nicegui import app, background_tasks, core, ui

import framework_seams
import i18n
from api.app import api_app
from asgi.body_limit import limits_of
from asgi.compression import compress_moderately
from asgi.front_door import serve_in_front
from asgi.same_origin import SameOriginGuard
from asgi.security_headers import SecurityHeaders
from components import activities, theme
from db.schemas import display_code
from i18n import page_language
from pages import home, owner, present, session
from realtime.garbage import GarbageCollection
from realtime.hub import Hub
from services import backup, context, deletion, overview
from services.demo import create_demo_session
from services.lan import banner
from settings import Settings

log = logging.getLogger(__name__)


def build(settings: Settings) -> context.Context:
    """Wire the parts together and register every route (again, when tests run this file once per test)."""
    settings.prepare_folders()
    i18n.set_server_language(settings.language)
    page_language.translate_framework_popups()
    ctx = context.Context.wire(settings, make_hub(settings), core.sio)
    context.install(ctx)
    framework_seams.keep_browser_storage_in(settings.data_dir / 'browser-storage')  # nicknames, theme, host keys
    app.on_startup(ctx.start)
    if not framework_seams.is_user_simulation():  # a real server, not NiceGUI's User fixture in a test run
        app.on_startup(GarbageCollection().tune)
    app.on_startup(lambda: announce(ctx))
    if days := settings.delete_closed_after_days:
        app.on_startup(lambda: background_tasks.create(deletion.keep_deleting_closed_sessions(ctx, days),
                                                       name='retention'))
    app.on_startup(lambda: framework_seams.set_heartbeat(PING_INTERVAL, PING_TIMEOUT))  # after NiceGUI set its own
    app.on_shutdown(ctx.stop)
    for router in (home.router, session.router, present.router, owner.router):
        app.include_router(router)
    app.add_middleware(SecurityHeaders)
    app.add_middleware(SameOriginGuard)  # added last, runs first
    framework_seams.leave_cross_origin_checks_to_us()
    serve_in_front(app, api_app(storage_secret=settings.resolved_storage_secret(), version=studyhall_version(),
                                body_limits=limits_of(settings)))
    theme.link_stylesheet()
    activities.serve_chime()
    theme.apply_colors()
    return ctx


# NiceGUI pings every 0.8 reconnect grace: with a minute's grace, a connection that died quietly would go unnoticed
# for over a minute, on the server and on the page (which says nothing meanwhile). A dead link shows within 10 s.
PING_INTERVAL = 5.0  # seconds between the server's pings to each page
PING_TIMEOUT = 5.0  # a page that has not answered a ping within this long has lost its connection


def make_hub(settings: Settings) -> Hub:
    """In-process by default; with a Redis URL, events reach the pages of every process of the deployment."""
    if not settings.redis_url:
        return Hub()
    from realtime.redis_backend import RedisBackend  # redis-py is only needed (and installed) for scale-out
    return Hub(RedisBackend(settings.redis_url, settings.redis_prefix))


async def announce(ctx: context.Context) -> None:
    """Print where others can join, the owner link (and the demo session, when asked for one)."""
    settings = ctx.settings
    if framework_seams.is_user_simulation():
        return  # nobody reads a banner in NiceGUI's User fixture
    lines = [owner_line(settings.host, settings.port, ctx.owner_key)]
    if settings.redis_url and not settings.owner_key:
        log.warning('several processes: give each the same --owner-key (STUDYHALL_OWNER_KEY), or the owner link '
                    'of one is refused by the others')
    if settings.demo:
        await ctx.db.ensure_ready()
        demo = await create_demo_session(ctx)
        lines.append(i18n._('Demo session: %(url)s', url=f'http://localhost:{settings.port}/s/{display_code(demo.code)}'))
    print(await framework_seams.io_bound(banner, settings.host, settings.port, '\n'.join(lines)), flush=True)


def owner_line(host: str, port: int, owner_key: str) -> str:
    """The owner opens it on this computer (or, listening on one address only, at that address)."""
    where = 'localhost' if host in ('0.0.0.0', '') else host
    return i18n._('Owner link (keep it private: it controls every session): %(url)s',
                  url=f'http://{where}:{port}/owner?key={owner_key}')


def main() -> None:
    logging.basicConfig(level=logging.INFO, format='%(asctime)s %(levelname)s %(name)s: %(message)s')
    if sys.argv[1:2] == ['backup']:
        raise SystemExit(backup.cli(sys.argv[2:]))
    settings = Settings(_cli_parse_args=not framework_seams.is_user_simulation())  # the User fixture runs this file
    build(settings)
    ui.run(host=settings.host, port=settings.port, title='StudyHall', favicon='📚', reload=False, show=False,
           storage_secret=settings.resolved_storage_secret(), show_welcome_message=False,
           gzip_middleware_factory=compress_moderately, ws_per_message_deflate=settings.websocket_compression,
           reconnect_timeout=settings.reconnect_grace_seconds)


def studyhall_version() -> str:
    return overview.app_version()


if __name__ in {'__main__', '__mp_main__'}:
    main()
