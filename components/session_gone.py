"""When the owner deletes a session, each of its open pages says so and offers the way out (the hub tells them)."""
from nicegui import Client, ui

from i18n import _
from realtime.events import Event, SessionDeleted
from services import context


def follow_deletion(session_id: int) -> None:
    """Show, on this page, that the session is gone once it is deleted (call while building the page). The notice is
    made when it is needed: a class arriving at once builds nothing for it."""
    client = ui.context.client

    def gone(_event: Event) -> None:
        _show_gone(client)

    client.on_delete(context.current().hub.subscribe(session_id, gone, only=(SessionDeleted,)))


def _show_gone(client: Client) -> None:
    with client.layout, ui.dialog().props('persistent') as dialog, \
            ui.card().classes('items-center max-w-sm').mark('session-gone'):
        ui.icon('delete_forever', size='xl', color='negative')
        ui.label(_('The owner of this server deleted this session: its messages and files are gone.')) \
            .classes('text-center')
        ui.button(_('Back to the start page'), on_click=lambda: ui.navigate.to('/')).props('unelevated')
    dialog.open()
