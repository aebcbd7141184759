"""Refuses what another web site makes a visitor's browser send: sockets and state-changing requests."""
import json
import logging
from urllib.parse import urlsplit

from starlette.datastructures import Headers
from starlette.types import ASGIApp, Receive, Scope, Send

from i18n import _

log = logging.getLogger(__name__)

SAFE_METHODS = {'GET', 'HEAD', 'OPTIONS'}
SOCKET_PREFIX = '/_nicegui_ws/'
DEFAULT_PORTS = (':80', ':443')


class SameOriginGuard:
    """ASGI middleware: a request with an `Origin` header naming another host:port is refused.

    Browsers send `Origin` with every websocket handshake and every POST, so a page on another site can neither
    open our Socket.IO connection nor post, upload or export in a visitor's name. Requests without it (curl,
    scripts, bots) are not made by a browser on someone's behalf and pass.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope['type'] in ('http', 'websocket') and _guarded(scope) and not is_same_origin(Headers(scope=scope)):
            origin = Headers(scope=scope).get('origin', '')
            log.warning('refused %s %s from origin %.100r', scope.get('method', 'WEBSOCKET'), scope['path'], origin)
            await _refuse(scope, send, origin)
            return
        await self.app(scope, receive, send)


def _guarded(scope: Scope) -> bool:
    return scope['type'] == 'websocket' or scope['path'].startswith(SOCKET_PREFIX) \
        or scope['method'] not in SAFE_METHODS


def is_same_origin(headers: Headers) -> bool:
    origin = headers.get('origin')
    if origin is None:
        return True
    hosts = {headers.get('host', ''), headers.get('x-forwarded-host', '').split(',')[0].strip()}
    return _origin_host(origin) in {_host_port(host) for host in hosts if host}


def _origin_host(origin: str) -> str | None:
    parts = urlsplit(origin)
    return _host_port(parts.netloc) if parts.scheme and parts.netloc else None  # e.g. `null` from a sandbox


def _host_port(netloc: str) -> str:
    """`Example.org:80`, `example.org:443` and `example.org` name the same site (the scheme's default port)."""
    netloc = netloc.lower()
    return next((netloc.removesuffix(port) for port in DEFAULT_PORTS if netloc.endswith(port)), netloc)


async def _refuse(scope: Scope, send: Send, origin: str) -> None:
    if scope['type'] == 'websocket':
        await send({'type': 'websocket.close', 'code': 1008})  # before accept: the server answers 403
        return
    body = json.dumps({'error': _('This request came from another site (%(origin)s); it is only accepted from '
                                  'StudyHall\'s own pages.', origin=origin[:100])}).encode()
    await send({'type': 'http.response.start', 'status': 403,
                'headers': [(b'content-type', b'application/json'), (b'content-length', str(len(body)).encode())]})
    await send({'type': 'http.response.body', 'body': body})
