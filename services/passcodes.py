"""Session passcodes: checked against salted PBKDF2 hashes (call `hashed` and `matches` off the event loop: each takes
tens of ms), and sealed with AES-GCM under a key derived from the server's storage secret, so that the host can see
the passcode again while the database alone does not give it away."""
import base64
import hashlib
import hmac
import secrets

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

ITERATIONS = 200_000
SEAL_PURPOSE = b'studyhall passcode seal v1'


def hashed(passcode: str) -> str:
    salt = secrets.token_hex(16)
    return f'pbkdf2_sha256${ITERATIONS}${salt}${_digest(passcode, salt, ITERATIONS)}'


def matches(passcode: str, stored: str) -> bool:
    try:
        _, iterations, salt, digest = stored.split('$')
        return hmac.compare_digest(_digest(passcode, salt, int(iterations)), digest)
    except ValueError:
        return False


def seal(passcode: str, secret: str, session_code: str) -> str:
    """The passcode encrypted for this session (its code is bound in, so a sealed value cannot be moved to another)."""
    nonce = secrets.token_bytes(12)
    sealed = AESGCM(_key(secret)).encrypt(nonce, passcode.encode(), session_code.encode())
    return 'aesgcm1$' + base64.urlsafe_b64encode(nonce + sealed).decode()


def unseal(sealed: str, secret: str, session_code: str) -> str | None:
    """The passcode, or None if it was sealed under another secret (or for another session) or is damaged."""
    try:
        scheme, text = sealed.split('$', 1)
        data = base64.urlsafe_b64decode(text)
        if scheme != 'aesgcm1' or len(data) < 13:
            return None
        return AESGCM(_key(secret)).decrypt(data[:12], data[12:], session_code.encode()).decode()
    except (ValueError, InvalidTag):
        return None


def _key(secret: str) -> bytes:
    return hmac.new(secret.encode(), SEAL_PURPOSE, hashlib.sha256).digest()


def _digest(passcode: str, salt: str, iterations: int) -> str:
    return hashlib.pbkdf2_hmac('sha256', passcode.encode(), bytes.fromhex(salt), iterations).hex()
