"""Cleaning of the short texts people type: names, titles, file names, message bodies."""
import re
import unicodedata
from functools import lru_cache

from icu import SpoofChecker

from i18n.formatting import format_size

_INVISIBLE_CATEGORIES = {'Cc', 'Cf', 'Cs', 'Co', 'Cn'}
_SPACES = re.compile(r'\s+')


def clean_line(text: str, max_length: int) -> str:
    """One line of visible text: no control or invisible characters, whitespace collapsed, trimmed, bounded."""
    text = unicodedata.normalize('NFC', text)
    text = ''.join(ch for ch in text if unicodedata.category(ch) not in _INVISIBLE_CATEGORIES or ch.isspace())
    return _SPACES.sub(' ', text).strip()[:max_length].strip()


def clean_body(text: str) -> str:
    """A message body keeps its line breaks and tabs (and emoji joiners), loses other control characters and lone
    surrogates (JSON can carry them; no database or encoder takes them)."""
    text = unicodedata.normalize('NFC', text).replace('\r\n', '\n').replace('\r', '\n')
    text = ''.join(ch for ch in text if ch in '\n\t' or unicodedata.category(ch) not in ('Cc', 'Cs'))
    return text.strip()


_confusables = SpoofChecker()  # ICU's, the reference implementation of UTS #39; its skeletons are thread-safe


@lru_cache(maxsize=4096)
def name_key(name: str) -> str:
    """The form two names are compared in, so `Ana`, `ANA`, `Ａｎａ` and `Аna` (Cyrillic А) are one person: Unicode
    compatibility forms and case folded (NFKC, casefold), then look-alikes replaced by what they look like (the
    UTS #39 confusable skeleton) in capitals and then in small letters, since some letters look alike only in one
    of them (Greek `Τ` and Latin `T`; `rn` and `m`). The key is never shown; it may be longer than the name."""
    folded = unicodedata.normalize('NFKC', name).casefold()
    capitals = _confusables.getSkeleton(0, folded.upper()).casefold()
    return unicodedata.normalize('NFC', _confusables.getSkeleton(0, capitals).casefold())


def clean_file_name(name: str, max_length: int = 200) -> str:
    """A display name for an uploaded file: the last path part, visible characters only, bounded, never empty."""
    base = re.split(r'[\\/]', name or '')[-1]
    base = clean_line(base, 1000).lstrip('.').strip()
    if len(base) > max_length:
        stem, dot, suffix = base.rpartition('.')
        base = f'{stem[:max_length - len(suffix) - 1]}.{suffix}' if dot and len(suffix) <= 16 else base[:max_length]
    return base or 'file'


def human_size(size: int) -> str:
    """`1536` -> `1.5 KB`, as the current language writes it (`1,5 kB` in German)."""
    return format_size(size)
