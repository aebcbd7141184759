"""The bar at the top of every page: one line high at every width, so the session view can fill the rest."""
from nicegui import ui


def page_header(title: str = '') -> ui.header:
    with ui.header().classes('sh-header items-center no-wrap gap-3 px-4 bg-primary') as header:
        ui.link('StudyHall', '/').classes('text-xl font-bold text-white no-underline shrink-0')
        if title:
            ui.label(title).classes('text-lg text-white truncate min-w-0 gt-xs')
    return header
