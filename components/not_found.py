"""What a page shows instead of a traceback when what it was asked for does not exist."""
from nicegui import ui

from i18n import _

from .page_header import PageHeader


def not_found(message: str) -> None:
    ui.status_code(404)
    PageHeader()
    with ui.card().classes('mx-auto mt-16 max-w-sm items-center'):
        ui.icon('search_off', size='xl', color='grey')
        ui.label(message).classes('text-center')
        ui.link(_('Back to the start page'), '/')
