"""Every text StudyHall shows a person goes through `_`, and through `ngettext` where it counts something, with
named placeholders, so that each sentence is translated whole:

    _('Join “%(title)s”', title=session.title)
    ngettext('%(count)d person here', '%(count)d people here', count, count=count)
    N_('Mark a text to translate later (a constant): it is looked up where it is shown, with _(TEXT)')

Names, titles, messages and file names that people write are values, never part of a text to translate.

The language is the one of the page being built or whose event is handled (i18n/page_language.py: the switch in the
header, the browser's Accept-Language, the server's `--language`), of the API request (Accept-Language, else
English), or inside `in_language(code)`; anywhere else the server's. Catalogs: i18n/locales/<code>/LC_MESSAGES/
studyhall.po (README: Languages).
"""
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from .catalogs import translations
from .languages import LANGUAGES, SOURCE, known

__all__ = ['LANGUAGES', 'N_', '_', 'current_language', 'in_language', 'ngettext', 'server_language',
           'set_server_language']

_chosen: ContextVar[str | None] = ContextVar('studyhall_language', default=None)
_server = SOURCE


def _(message: str, /, **values: object) -> str:
    text = translations(current_language()).gettext(message)
    return text % values if values else text


def ngettext(singular: str, plural: str, count: int, /, **values: object) -> str:
    text = translations(current_language()).ngettext(singular, plural, count)
    return text % values if values else text


def N_(message: str) -> str:
    return message


def current_language() -> str:
    chosen = _chosen.get()
    if chosen is not None:
        return chosen
    from . import page_language  # imports NiceGUI: not in the render worker's process, which never gets here
    return page_language.of_current_page() or _server


def server_language() -> str:
    return _server


def set_server_language(code: str) -> None:
    """The language of the terminal, of what is stored for everyone, and of pages whose browser asks for none of
    ours (`--language`)."""
    global _server
    found = known(code)
    if found is None:
        raise ValueError(f'no catalog for {code!r}: one of {", ".join(LANGUAGES)}')
    _server = found


@contextmanager
def in_language(code: str) -> Iterator[None]:
    """Texts inside are in `code` (an API request's language, the server's for what is stored)."""
    token = _chosen.set(code)
    try:
        yield
    finally:
        _chosen.reset(token)
