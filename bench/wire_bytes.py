"""Count the bytes a client websocket receives on the wire (frame headers included, still compressed)."""
import logging
from typing import Any

import aiohttp

log = logging.getLogger(__name__)


class _CountingParser:
    """Stands in for aiohttp's WebSocketReader and adds the length of every chunk the socket delivered."""

    def __init__(self, parser: Any, counts: dict[str, int]) -> None:
        self._parser = parser
        self._counts = counts

    def feed_data(self, data: bytes) -> Any:
        self._counts['wire_bytes'] += len(data)
        return self._parser.feed_data(data)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._parser, name)


def count_wire_bytes(ws: aiohttp.ClientWebSocketResponse, counts: dict[str, int]) -> None:
    """From now on add the socket's received bytes to `counts['wire_bytes']` (left as is if aiohttp changed)."""
    counts.setdefault('wire_bytes', 0)
    protocol = getattr(getattr(ws, '_conn', None), 'protocol', None)
    if getattr(protocol, '_payload_parser', None) is None:
        log.warning('cannot count wire bytes with this aiohttp version')
        return
    protocol._payload_parser = _CountingParser(protocol._payload_parser, counts)
