"""A request body over its limit is refused before it is read into memory: 413 with `{"error": ...}`.

An upload (multipart, POST .../materials) may carry the upload limit and its form around it; any other request, a
JSON body at most (a message of the longest length, every character written as a `\\uXXXX` escape, and the rest of
its fields). A declared Content-Length over the limit is refused at once; a body without one (chunked) is counted
as it arrives: a JSON body is read here up to its limit, an upload is streamed on and stopped at its limit.
"""
import json
import re
from collections.abc import Callable
from typing import NamedTuple

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from i18n import _
from services.errors import TooLarge
from services.text import human_size
from settings import Settings

UPLOAD_PATH = re.compile(r'/api/sessions/[^/]+/materials')
FORM_OVERHEAD_BYTES = 64 * 1024  # the author field (4 kB at most), boundaries and part headers
JSON_OVERHEAD_BYTES = 16 * 1024  # the author, a client message id, a reply id, JSON's own punctuation


class Limit(NamedTuple):
    bytes: int
    streamed: bool  # an upload, which the route streams to disk: never read here


def limits_of(settings: Settings) -> Callable[[Scope], Limit]:
    upload = Limit(settings.max_upload_bytes + FORM_OVERHEAD_BYTES, streamed=True)
    other = Limit(settings.max_message_chars * len('\\uXXXX') + JSON_OVERHEAD_BYTES, streamed=False)
    return lambda scope: upload if scope['method'] == 'POST' and UPLOAD_PATH.fullmatch(scope['path']) else other


class BodyLimit:

    def __init__(self, app: ASGIApp, limit_of: Callable[[Scope], Limit]) -> None:
        self.app = app
        self.limit_of = limit_of

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope['type'] != 'http':
            await self.app(scope, receive, send)
            return
        limit, streamed = self.limit_of(scope)
        declared = dict(scope['headers']).get(b'content-length')
        if declared is not None and (not declared.isdigit() or int(declared) > limit):
            await _refuse(send, limit)
        elif declared is not None or streamed:
            await self.app(scope, _counted(receive, limit), send)
        elif (body := await _read_up_to(receive, limit)) is None:
            await _refuse(send, limit)
        else:
            await self.app(scope, _replay(body, receive), send)


def _counted(receive: Receive, limit: int) -> Receive:
    received = 0

    async def counted() -> Message:
        nonlocal received
        message = await receive()
        received += len(message.get('body', b''))
        if received > limit:  # more than it declared, or an upload without a length: the route answers 413
            raise TooLarge(_refusal(limit))
        return message
    return counted


async def _read_up_to(receive: Receive, limit: int) -> bytes | None:
    """The whole body, or None as soon as it is longer than `limit`."""
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message['type'] != 'http.request':
            return b''.join(chunks)  # the client left: the app will find out
        size += len(message.get('body', b''))
        if size > limit:
            return None
        chunks.append(message.get('body', b''))
        if not message.get('more_body', False):
            return b''.join(chunks)


def _replay(body: bytes, receive: Receive) -> Receive:
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if sent:
            return await receive()
        sent = True
        return {'type': 'http.request', 'body': body, 'more_body': False}
    return replay


def _refusal(limit: int) -> str:
    return _('The request is larger than the limit of %(limit)s; nothing of it was kept.', limit=human_size(limit))


async def _refuse(send: Send, limit: int) -> None:
    body = json.dumps({'error': _refusal(limit)}).encode()
    await send({'type': 'http.response.start', 'status': 413,
                'headers': [(b'content-type', b'application/json'), (b'content-length', str(len(body)).encode()),
                            (b'connection', b'close')]})
    await send({'type': 'http.response.body', 'body': body})
