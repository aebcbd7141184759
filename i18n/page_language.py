"""The language of each page: chosen with the switch in the header (remembered for the browser), else the best
match for the browser's Accept-Language, else the server's `--language`.

It is decided once, when the page is built, and kept with the page's client: NiceGUI's event handlers and the hub's
deliveries run outside the page's request, but inside its client (`with element:`), so `_` finds it there too.
The same moment sets the page's `<html lang>` and Quasar's language pack (which sets `dir="rtl"` for Arabic).
"""
from weakref import WeakKeyDictionary

from nicegui import Client, app

import framework_seams

from .languages import LANGUAGES, known, negotiate

STORAGE_KEY = 'language'  # in app.storage.user: the choice of the switch, for every tab of the browser

_of_client: 'WeakKeyDictionary[Client, str]' = WeakKeyDictionary()


def of_current_page() -> str | None:
    """The language of the page being built or handled in this task; None outside of pages."""
    client = framework_seams.current_client()
    if client is None:
        return None
    code = _of_client.get(client)
    if code is None:
        code = _of_client[client] = _decide(client)
        framework_seams.set_page_language(client, LANGUAGES[code].quasar)
    return code


def translate_framework_popups() -> None:
    """NiceGUI's own popups (a lost connection on pages without our banner, a message too long for the socket) in
    each of our languages, not only in those NiceGUI translates."""
    from . import _, in_language
    for code, language in LANGUAGES.items():
        with in_language(code):
            framework_seams.set_popup_texts(language.quasar, {
                'connection_lost': _('Connection lost.'), 'trying_to_reconnect': _('Trying to reconnect…'),
                'message_too_long': _('Message too long'),
                'message_too_long_body': _('The message is too large to be sent over the connection.')})


def is_rtl() -> bool:
    code = of_current_page()
    return code is not None and LANGUAGES[code].rtl


def choose(code: str) -> None:
    """The switch: this browser's pages are in `code` from their next load on."""
    app.storage.user[STORAGE_KEY] = known(code)


def _decide(client: Client) -> str:
    from . import server_language
    try:
        chosen = known(app.storage.user.get(STORAGE_KEY))
    except RuntimeError:  # no browser storage here (a page served without NiceGUI's request context)
        chosen = None
    if chosen:
        return chosen
    try:
        header = client.request.headers.get('accept-language')
    except (RuntimeError, AttributeError):  # a client made without a request
        header = None
    return negotiate(header) or server_language()
