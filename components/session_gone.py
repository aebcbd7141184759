"""When the owner deletes a session, each of its open pages says so and lets go of it (the hub tells them).

Letting go matters: SQLite gives the id of the newest session, once deleted, to the next one made, and a page still
following the old id would see the new class's messages, files and people. So once the notice has reached the
browser, the page's client is deleted on the server: its subscriptions, fan-out and presence end as on any page
that closed, and the notice stays on the screen with a plain link home.
"""
import contextlib

from nicegui import Client, background_tasks, ui

import framework_seams
from i18n import _
from realtime.events import SessionDeleted
from services import context

NOTICE_DELIVERY_SECONDS = 5.0  # how long the notice may take to reach the browser before the page lets go anyway


def follow_deletion(session_id: int) -> None:
    """Show, on this page, that the session is gone once it is deleted (call while building the page). The notice is
    made when it is needed: a class arriving at once builds nothing for it."""
    client = ui.context.client

    client.on_delete(context.current().hub.subscribe(session_id, lambda _: session_gone(client),
                                                     only=(SessionDeleted,)))


def session_gone(client: Client) -> None:
    """The page's session was deleted: say so, and let go of it (a page with a hub subscription of its own calls this
    on `SessionDeleted` instead of following the deletion separately)."""
    _show_gone(client)
    background_tasks.create(_let_go(client), name='let go of a deleted session')


def _show_gone(client: Client) -> None:
    with client.layout, ui.dialog().props('persistent') as dialog, \
            ui.card().classes('items-center max-w-sm').mark('session-gone'):
        ui.icon('delete_forever', size='xl', color='negative')
        ui.label(_('The owner of this server deleted this session: its messages and files are gone.')) \
            .classes('text-center')
        ui.link(_('Back to the start page'), '/').classes('q-btn q-btn--unelevated bg-primary text-white px-4 py-2 '
                                                          'rounded-borders no-underline')
    dialog.open()


async def _let_go(client: Client) -> None:
    """Once the browser has the notice (a round trip after it), delete this page's client; a page that is not
    connected right now is left to NiceGUI, which deletes it after the reconnect grace."""
    if not client.has_socket_connection:
        return
    with contextlib.suppress(TimeoutError):
        await client.run_javascript('0', timeout=NOTICE_DELIVERY_SECONDS)
    if not client.is_deleted and client.id in Client.instances:
        framework_seams.delete_quietly(client)
