"""The bar at the top of every page: one line high at every width, so the session view can fill the rest."""
from nicegui import ui

from .theme import dark_mode_switch


def page_header(title: str = '') -> ui.header:
    """The header; enter it (`with header:`) to add controls on the right."""
    with ui.header().classes('sh-header items-center no-wrap gap-2 px-3 bg-primary') as header:
        with ui.link(target='/').classes('row items-center no-wrap gap-1 text-white no-underline shrink-0') \
                .props('aria-label="StudyHall home"'):
            ui.icon('school', size='sm')
            ui.label('StudyHall').classes('text-xl font-bold gt-xs')
        header.title_label = ui.label(title).classes('text-lg text-white truncate min-w-0 gt-xs')
        ui.space()
        dark_mode_switch()
    return header
