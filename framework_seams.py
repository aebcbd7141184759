"""Every place StudyHall reaches past the documented API of NiceGUI, Starlette or Socket.IO, in one module.

Checked against NiceGUI 3.18.0 (with Starlette 1.10, python-socketio 5.18, python-engineio 4.15). Read each again
when upgrading NiceGUI; the tests named in brackets fail when one of them no longer holds.

1. `nicegui.nicegui.sio_app`, the Socket.IO ASGI app NiceGUI mounts at `/_nicegui_ws/`: the front door answers the
   pages' sockets with it directly, in front of NiceGUI's page middleware, which every frame to every page passed
   otherwise (asgi/front_door.py; tests/live/test_api_front.py).
2. `App.middleware_stack`: Starlette builds it on the first request; the front door replaces it once at start-up
   with an app that answers the API and the sockets first and passes the rest on (`serve_in_front`).
3. `core.sio.eio.cors_allowed_origins`: NiceGUI allows every origin; emptied, so Engine.IO adds no CORS headers and
   asgi/same_origin.py alone decides (tests/api/test_security.py).
4. `Storage.path`: NiceGUI keeps browser storage in `.nicegui/` of the working directory, read from the environment
   once at import; ours goes into the data folder with the rest of the data.
5. NiceGUI's handshake puts the socket of each client into a Socket.IO room named after `client.id`
   (`nicegui.py: _on_handshake`): realtime/fanout.py emits one event to a list of those rooms.
6. `window.io`, which NiceGUI's page script calls to open the page's socket with `options.query`: wrapped before that
   script runs to add a query parameter (`add_socket_query`; sticky routing behind a proxy, deploy/nginx.conf).
7. `window.socket`, the page's socket once NiceGUI made it (after the components mounted): our Vue components attach
   their listeners to it in one shared ES module, components/studyhall/index.js (components/shared_module.py).
8. `NICEGUI_USER_SIMULATION`, set by NiceGUI's `User` test fixture, which runs main.py inside the test process
   (`is_user_simulation`).
9. `Client.instances` and `Client.has_socket_connection`: counted for the health route and the garbage collector.
10. `run.io_bound` and `run.cpu_bound` return None instead of the result when the app is stopping or the call was
    cancelled (NiceGUI 3.x; 4.0 will raise CancelledError): `io_bound` and `cpu_bound` here raise CancelledError
    then, so what they return is always the callback's result.
11. `core.sio.eio.ping_interval` and `ping_timeout`: NiceGUI sets them at start-up from `reconnect_timeout` (0.8 and
    0.4 of it, `nicegui.py: _startup`), before the app's start-up handlers run; `set_heartbeat` sets them again
    (tests/browser/test_outages.py: a long grace with a quick heartbeat).
12. `Slot.stacks` and `get_task_id` (nicegui/slot.py): the slot stack of the running task names the client whose page
    is being built or whose event is handled, without `ui.context`, which would make a pseudo client outside a page
    (`current_client`; i18n's language of that page).
13. `Client.page`, whose `language` NiceGUI reads when it renders the page (`<html lang>`, Quasar's language pack):
    each page gets a copy with its own language (`set_page_language`; tests/i18n, tests/browser/test_languages.py).
14. `Client.outbox.updates` and `.messages`: what NiceGUI has yet to send to a page. `delete_quietly` empties them
    right after `Client.delete()`, which enqueues the removal of every element, so the page keeps what it shows
    (components/session_gone.py; tests/browser/test_owner.py).
15. `nicegui.translations.translations`, the texts of NiceGUI's own popups ("Connection lost", "Message too long")
    by the page's Quasar language, which NiceGUI has for a few languages only: ours replace them
    (`set_popup_texts`; tests/browser/test_languages.py).
"""
import asyncio
import copy
import functools
from collections.abc import Callable
from pathlib import Path
from typing import ParamSpec, TypeVar, cast

from nicegui import Client, core, helpers, run, ui
from nicegui.nicegui import sio_app
from nicegui.slot import Slot, get_task_id
from nicegui.storage import Storage
from nicegui.translations import translations as popup_translations
from starlette.applications import Starlette

import i18n

__all__ = ['sio_app']  # the Socket.IO app (1), answered by the front door
P = ParamSpec('P')
R = TypeVar('R')


def keep_browser_storage_in(folder: Path) -> None:
    Storage.path = folder


def leave_cross_origin_checks_to_us() -> None:
    core.sio.eio.cors_allowed_origins = []


def replace_middleware_stack(app: Starlette, wrap) -> None:
    """At start-up, put `wrap(stack)` in front of the app's built middleware stack."""
    app.middleware_stack = wrap(app.middleware_stack or app.build_middleware_stack())


def add_socket_query(name: str, value: str) -> None:
    """This page's socket carries `name=value` in its query. `value` must be plain (letters, digits, dashes)."""
    ui.add_body_html(f'''<script type="module">
  const connect = window.io;
  window.io = (url, options) => {{
    Object.assign(options.query, {{ {name}: "{value}" }});
    return connect(url, options);
  }};
</script>''')


def set_heartbeat(interval: float, timeout: float) -> None:
    """Ping every page every `interval` seconds; a page that has not answered within `timeout` is disconnected."""
    core.sio.eio.ping_interval = interval
    core.sio.eio.ping_timeout = timeout


def current_client() -> Client | None:
    """The client whose page is being built or whose event is being handled in this task, if any."""
    stack = Slot.stacks.get(get_task_id())
    return stack[-1].parent.client if stack else None


def set_popup_texts(language: str, texts: dict[str, str]) -> None:
    """The texts of NiceGUI's own popups on pages in `language` (a Quasar language, as in `set_page_language`):
    `connection_lost`, `trying_to_reconnect`, `message_too_long`, `message_too_long_body`."""
    popup_translations[language] = texts  # type: ignore[index]  # a Literal of Quasar's packs


def set_page_language(client: Client, language: str) -> None:
    """Render this client's page in `language` (one of NiceGUI's `Language`s: Quasar's packs, `<html lang>`)."""
    if client.page.resolve_language() != language:
        client.page = copy.copy(client.page)
        client.page.language = language  # type: ignore[assignment]  # a Literal of Quasar's packs


def is_user_simulation() -> bool:
    """NiceGUI's `User` fixture runs main.py in the test process: no real server, nobody reads a banner."""
    return helpers.is_user_simulation()


def open_pages() -> int:
    return len(Client.instances)


def connected_pages() -> int:
    return sum(client.has_socket_connection for client in Client.instances.values())


async def io_bound(callback: Callable[P, R], *args: P.args, **kwargs: P.kwargs) -> R:
    """`callback` in a worker thread (NiceGUI's pool), with the texts in the language of the page or request that
    asked; CancelledError where NiceGUI would return None."""
    return _result(await run.io_bound(functools.partial(_in_language, i18n.current_language(), callback),
                                      *args, **kwargs))


def _in_language(language: str, callback: Callable[P, R], *args: P.args, **kwargs: P.kwargs) -> R:
    with i18n.in_language(language):
        return callback(*args, **kwargs)


async def cpu_bound(callback: Callable[P, R], *args: P.args, **kwargs: P.kwargs) -> R:
    """`callback` in a worker process (NiceGUI's pool); CancelledError where NiceGUI would return None."""
    return _result(await run.cpu_bound(callback, *args, **kwargs))


def _result(result: R | None) -> R:
    if result is None and (core.app.is_stopping or ((task := asyncio.current_task()) and task.cancelling())):
        raise asyncio.CancelledError
    return cast(R, result)


def delete_quietly(client: Client) -> None:
    """Delete the client on the server (its delete handlers run, as when a page closes) while the browser keeps what
    the page shows: the removal of its elements is never sent (seam 14)."""
    client.delete()
    client.outbox.updates.clear()
    client.outbox.messages.clear()
