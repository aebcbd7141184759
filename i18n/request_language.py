"""The HTTP API answers in English unless the request's Accept-Language asks for one of our languages."""
from starlette.types import ASGIApp, Receive, Scope, Send

from . import in_language
from .languages import SOURCE, negotiate


class RequestLanguage:
    """ASGI middleware: the texts made while answering a request are in the language it asked for."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope['type'] != 'http':
            await self.app(scope, receive, send)
            return
        header = next((value.decode('latin-1') for name, value in scope['headers'] if name == b'accept-language'), None)
        with in_language(negotiate(header) or SOURCE):
            await self.app(scope, receive, send)
