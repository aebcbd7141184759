"""The owner: whoever holds the owner key (printed as the owner link at start-up) is host in every session.

The owner never hands the owner key itself to a session: a session the owner opens gets a host key of its own,
derived from the owner key and the session's code (`host_key_for`). That key is the session's host link the owner's
page shows (a host who lost theirs gets it back from the owner), and it opens no other session. A new owner key
makes every derived host key invalid; the keys the hosts were given at creation stay valid.
"""
import base64
import hashlib
import hmac
import logging
import time

from db.models import StudySession

from .context import Context
from .errors import Forbidden

log = logging.getLogger(__name__)

OWNER_KEY_MAX = 200
REFUSAL = 'Only the owner of this server can do this: the owner key is missing or wrong.'


def is_owner(ctx: Context, key: str | None) -> bool:
    """Compared in constant time; an overlong key is refused before any comparison."""
    if not key or len(key) > OWNER_KEY_MAX:
        return False
    return hmac.compare_digest(key.encode(), ctx.owner_key.encode())


async def require_owner(ctx: Context, key: str | None, address: str, action: str = 'an owner action') -> None:
    """Forbidden unless `key` is the owner key. Wrong keys count per address like wrong join codes (TooManyRequests
    once used up); refusals are logged with the address, never the key."""
    await ctx.flood.check_owner_key_guessing(address)
    if is_owner(ctx, key):
        return
    if key:
        await ctx.flood.count_wrong_owner_key(address)
    log.warning('refused %s from %s: %s', action, address, 'a wrong owner key' if key else 'no owner key')
    raise Forbidden(REFUSAL)


def host_key_for(ctx: Context, session: StudySession) -> str:
    """The host key the owner gives a session: the same in every process that shares the owner key."""
    return derived_host_key(ctx.owner_key, session.code)


def derived_host_key(owner_key: str, code: str) -> str:
    digest = hmac.new(owner_key.encode(), f'host:{code}'.encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest[:24]).decode()


DOWNLOAD_TOKEN_SECONDS = 300


def download_token(ctx: Context, now: float | None = None) -> str:
    """A link's proof that the owner asked for a download, valid for a few minutes in every process that shares the
    owner key: the owner's page links the backup with it, so the owner key itself never stands in an address."""
    expiry = int((now or time.time()) + DOWNLOAD_TOKEN_SECONDS)
    return f'{expiry}.{_token_signature(ctx.owner_key, expiry)}'


def is_download_token(ctx: Context, token: str | None, now: float | None = None) -> bool:
    expiry, _, signature = (token or '').partition('.')
    if not expiry.isdigit() or len(token or '') > OWNER_KEY_MAX or int(expiry) < (now or time.time()):
        return False
    return hmac.compare_digest(signature, _token_signature(ctx.owner_key, int(expiry)))


def _token_signature(owner_key: str, expiry: int) -> str:
    digest = hmac.new(owner_key.encode(), f'download:{expiry}'.encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest[:18]).decode()
