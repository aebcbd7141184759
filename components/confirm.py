"""Asking before something that cannot be taken back in one click (closing the session, deleting a file)."""
from nicegui import ui

from i18n import _


async def confirm(question: str, detail: str, action: str, *, marker: str = 'confirm') -> bool:
    """A dialog with the question, what it means, Cancel and the action (red); True only if the action was chosen.
    Escape or a click beside the dialog is Cancel. The dialog belongs to the page, not to the menu that asked.
    """
    with ui.context.client.layout, ui.dialog() as dialog, ui.card().classes('w-96 max-w-full').mark(marker):
        ui.label(question).classes('text-lg font-medium')
        if detail:
            ui.label(detail).classes('text-sm opacity-80')
        with ui.row().classes('w-full justify-end'):
            ui.button(_('Cancel'), on_click=lambda: dialog.submit(False)).props('flat')
            ui.button(action, on_click=lambda: dialog.submit(True)).props('unelevated color=negative') \
                .mark(f'{marker}-yes')
    result = await dialog
    dialog.delete()
    return result is True
