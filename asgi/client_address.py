"""Where a request came from, read one way by pages and API alike (flood control counts per address)."""
from starlette.requests import HTTPConnection


def client_address(request: HTTPConnection) -> str:
    """The peer's address ('' when the server does not know it, e.g. over a Unix socket)."""
    return request.client.host if request.client else ''
