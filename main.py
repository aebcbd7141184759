#!/usr/bin/env python3
"""StudyHall's composition root: settings, database, hub and pages, then `ui.run`."""
import logging
import os

from fastapi.exceptions import RequestValidationError
from nicegui import app, core, ui

from db.engine import Database
from pages import api, health, home, session
from realtime.fanout import SocketFanout
from realtime.hub import Hub
from services import context
from services.errors import ServiceError
from services.storage import FileStore
from settings import Settings

STYLESHEET = os.path.join(os.path.dirname(__file__), 'components', 'studyhall.css')


def build(settings: Settings) -> context.Context:
    """Wire the parts together and register every route (again, when tests run this file once per test)."""
    settings.prepare_folders()
    hub = Hub()
    ctx = context.Context(settings=settings, db=Database(settings.resolved_database_url), hub=hub,
                          fanout=SocketFanout(hub, core.sio), files=FileStore(settings.uploads_dir))
    context.install(ctx)
    app.on_startup(ctx.start)
    app.on_shutdown(ctx.stop)
    for router in (home.router, session.router, api.router, health.router):
        app.include_router(router)
    app.add_exception_handler(ServiceError, api.service_error_response)
    app.add_exception_handler(RequestValidationError, api.validation_error_response)
    ui.add_css(STYLESHEET, shared=True)
    return ctx


def run() -> None:
    logging.basicConfig(level=logging.INFO, format='%(asctime)s %(levelname)s %(name)s: %(message)s')
    simulated = bool(os.environ.get('NICEGUI_USER_SIMULATION'))  # NiceGUI's User fixture runs this file
    settings = Settings(_cli_parse_args=not simulated)
    build(settings)
    ui.run(host=settings.host, port=settings.port, title='StudyHall', favicon='📚', reload=False, show=False,
           storage_secret=settings.resolved_storage_secret(), show_welcome_message=not simulated)


if __name__ in {'__main__', '__mp_main__'}:
    run()
