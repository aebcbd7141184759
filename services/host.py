"""Host actions: only whoever holds a session's host key may do them, by any route."""
import hmac
import logging

from db.models import StudySession
from db.schemas import display_code

from .errors import Forbidden
from .sessions import hash_host_key

log = logging.getLogger(__name__)

HOST_KEY_MAX = 200


def is_host(session: StudySession, host_key: str | None) -> bool:
    if not host_key or len(host_key) > HOST_KEY_MAX:
        return False
    return hmac.compare_digest(hash_host_key(host_key), session.host_key_hash)


def require_host(session: StudySession, host_key: str | None, action: str = 'a host action') -> None:
    """Forbidden unless `host_key` is this session's; refusals are logged with the session code, never the key."""
    if is_host(session, host_key):
        return
    reason = 'a wrong host key' if host_key else 'no host key'
    log.warning('refused %s on session %s: %s', action, display_code(session.code), reason)
    raise Forbidden('Only the host of this session can do this: the host key is missing or wrong.')
