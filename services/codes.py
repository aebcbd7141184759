"""Join codes like `K7P-2QX`: six characters that are easy to read aloud (no 0/O, 1/I/L, U)."""
import re
import secrets

ALPHABET = '23456789ABCDEFGHJKMNPQRSTVWXYZ'
LENGTH = 6
_SEPARATORS = re.compile(r'[\s\-_.]')


def new_code() -> str:
    return ''.join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def normalize_code(text: str) -> str | None:
    """The stored form of what someone typed (`k7p 2qx`, `K7P-2QX`), or None if it cannot be a code."""
    code = _SEPARATORS.sub('', text or '').upper()
    if len(code) != LENGTH or any(ch not in ALPHABET for ch in code):
        return None
    return code
