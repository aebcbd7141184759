"""Session passcodes, stored as salted PBKDF2 hashes (call these off the event loop: each takes tens of ms)."""
import hashlib
import hmac
import secrets

ITERATIONS = 200_000


def hashed(passcode: str) -> str:
    salt = secrets.token_hex(16)
    return f'pbkdf2_sha256${ITERATIONS}${salt}${_digest(passcode, salt, ITERATIONS)}'


def matches(passcode: str, stored: str) -> bool:
    try:
        _, iterations, salt, digest = stored.split('$')
        return hmac.compare_digest(_digest(passcode, salt, int(iterations)), digest)
    except ValueError:
        return False


def _digest(passcode: str, salt: str, iterations: int) -> str:
    return hashlib.pbkdf2_hmac('sha256', passcode.encode(), bytes.fromhex(salt), iterations).hex()
