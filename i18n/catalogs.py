"""The translations: gettext catalogs (`locales/<code>/LC_MESSAGES/studyhall.po`, kept with Babel), compiled to
gettext's binary form when a language is first used, in memory, so a fresh clone and an installed package both run
without a build step and no binary is kept in the repository."""
import gettext
import threading
from io import BytesIO
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from .languages import LANGUAGES, LOCALES, SOURCE

DOMAIN = 'studyhall'

_loaded: dict[str, gettext.NullTranslations] = {}
_lock = threading.Lock()  # the render worker threads and the event loop may ask at once


def po_path(code: str) -> Path:
    return LOCALES / code / 'LC_MESSAGES' / f'{DOMAIN}.po'


def translations(code: str) -> gettext.NullTranslations:
    """The catalog of `code` (English, or a language without a catalog file: the source texts)."""
    found = _loaded.get(code)
    if found is None:
        with _lock:
            found = _loaded.get(code) or _compile(code)
            _loaded[code] = found
    return found


def _compile(code: str) -> gettext.NullTranslations:
    path = po_path(code)
    if code == SOURCE or code not in LANGUAGES or not path.exists():
        return gettext.NullTranslations()
    with path.open('rb') as po:
        catalog = read_po(po, locale=code, domain=DOMAIN)
    compiled = BytesIO()
    write_mo(compiled, catalog, use_fuzzy=False)  # a fuzzy guess is not shown: the English text is
    compiled.seek(0)
    return gettext.GNUTranslations(compiled)
