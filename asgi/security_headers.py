"""Security headers on every response, and on every HTML page a Content-Security-Policy with a fresh nonce."""
import re
import secrets

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

# NiceGUI needs 'unsafe-eval' (Vue compiles component templates in the browser, nicegui.js evaluates props and
# handlers) and inline styles (Quasar, Tailwind's runtime). Inline scripts run only with the page's nonce, so markup
# that slipped into a message could still never run an event handler, a `javascript:` link or a script.
POLICY = (
    "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; media-src 'self' blob:; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)
HEADERS = {
    'X-Content-Type-Options': 'nosniff',
    # same-origin: other sites learn nothing, and behind the proxy a page's own scripts follow it (deploy/nginx.conf)
    'Referrer-Policy': 'same-origin',
    'X-Frame-Options': 'DENY',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
}
# User text inside a NiceGUI page is HTML-escaped, so every `<script` in its source is one of the page's own.
_SCRIPT_TAG = re.compile(rb'<script(?=[\s>])')


class SecurityHeaders:
    """ASGI middleware; must sit inside the gzip middleware, because it edits the page's bytes."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope['type'] != 'http':
            await self.app(scope, receive, send)
            return
        await self.app(scope, receive, _PageSender(send, scope['method'] != 'HEAD'))


class _PageSender:
    """Adds the headers to the response start; holds back an HTML page until its body is complete to add nonces."""

    def __init__(self, send: Send, may_edit_body: bool) -> None:
        self._send = send
        self._may_edit_body = may_edit_body
        self._nonce = ''  # made for HTML pages only: most responses are JSON, files and assets
        self._held_start: Message | None = None
        self._body = bytearray()

    async def __call__(self, message: Message) -> None:
        if message['type'] == 'http.response.start':
            await self._start(message)
        elif self._held_start is not None and message['type'] == 'http.response.body':
            await self._collect(message)
        else:
            await self._send(message)

    async def _start(self, message: Message) -> None:
        headers = MutableHeaders(scope=message)
        for name, value in HEADERS.items():
            headers.setdefault(name, value)
        is_page = headers.get('content-type', '').startswith('text/html') and 'content-encoding' not in headers
        if not is_page:
            await self._send(message)
            return
        self._nonce = secrets.token_urlsafe(18)
        headers.setdefault('Content-Security-Policy', POLICY.format(nonce=self._nonce))
        if self._may_edit_body:
            self._held_start = message
        else:
            await self._send(message)

    async def _collect(self, message: Message) -> None:
        self._body += message.get('body', b'')
        if message.get('more_body', False):
            return
        body = _SCRIPT_TAG.sub(b'<script nonce="' + self._nonce.encode() + b'"', bytes(self._body))
        start, self._held_start, self._body = self._held_start, None, bytearray()  # a page's request outlives it
        assert start is not None, 'only called while a start is held'
        MutableHeaders(scope=start)['content-length'] = str(len(body))
        await self._send(start)
        await self._send({'type': 'http.response.body', 'body': body})
