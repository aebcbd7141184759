"""Cleaning of the short texts people type: names, titles, file names, message bodies."""
import re
import unicodedata

_INVISIBLE_CATEGORIES = {'Cc', 'Cf', 'Cs', 'Co', 'Cn'}
_SPACES = re.compile(r'\s+')


def clean_line(text: str, max_length: int) -> str:
    """One line of visible text: no control or invisible characters, whitespace collapsed, trimmed, bounded."""
    text = unicodedata.normalize('NFC', text)
    text = ''.join(ch for ch in text if unicodedata.category(ch) not in _INVISIBLE_CATEGORIES or ch.isspace())
    return _SPACES.sub(' ', text).strip()[:max_length].strip()


def clean_body(text: str) -> str:
    """A message body keeps its line breaks and tabs (and emoji joiners), loses other control characters."""
    text = unicodedata.normalize('NFC', text).replace('\r\n', '\n').replace('\r', '\n')
    text = ''.join(ch for ch in text if ch in '\n\t' or unicodedata.category(ch) != 'Cc')
    return text.strip()


def name_key(name: str) -> str:
    """The form two names are compared in, so `Ana`, `ANA` and `Ａｎａ` are one person."""
    return unicodedata.normalize('NFKC', name).casefold()


def clean_file_name(name: str, max_length: int = 200) -> str:
    """A display name for an uploaded file: the last path part, visible characters only, bounded, never empty."""
    base = re.split(r'[\\/]', name or '')[-1]
    base = clean_line(base, 1000).lstrip('.').strip()
    if len(base) > max_length:
        stem, dot, suffix = base.rpartition('.')
        base = f'{stem[:max_length - len(suffix) - 1]}.{suffix}' if dot and len(suffix) <= 16 else base[:max_length]
    return base or 'file'


def human_size(size: int) -> str:
    """`1536` -> `1.5 KB`."""
    if size < 1024:
        return f'{size} bytes'
    value = float(size)
    for unit in ('KB', 'MB', 'GB'):
        value /= 1024
        if value < 1024 or unit == 'GB':
            break
    return f'{value:.1f}'.removesuffix('.0') + f' {unit}'
