"""The bar at the top of every page."""
from nicegui import ui


def page_header(title: str = '') -> ui.header:
    with ui.header().classes('items-center gap-3 px-4 py-2 bg-primary') as header:
        ui.link('StudyHall', '/').classes('text-xl font-bold text-white no-underline')
        if title:
            ui.label('·').classes('text-white opacity-60')
            ui.label(title).classes('text-lg text-white truncate min-w-0')
    return header
