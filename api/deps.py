"""What the routes share, as `Annotated` dependencies: the context, the session named in the path, the host key,
the browser behind a request and its address.

Every dependency is `async`: FastAPI runs a plain `def` dependency in a worker thread, a thread hop per request.
"""
from typing import Annotated

from fastapi import Depends, Header, Query, Request

from asgi.client_address import client_address
from db.models import StudySession
from services import context, owner, sessions
from services.codes import normalize_code
from services.context import Context


async def _context() -> Context:
    return context.current()


Ctx = Annotated[Context, Depends(_context)]


async def _session(code: str, ctx: Ctx) -> StudySession:
    """The session of the `{code}` in the path, however it was typed (404 for an unknown code)."""
    return await sessions.get_session(ctx, code)


SessionByCode = Annotated[StudySession, Depends(_session)]


async def _address(request: Request) -> str:
    return client_address(request)


ClientAddress = Annotated[str, Depends(_address)]


async def _owner_key(ctx: Ctx, address: ClientAddress,
                     x_owner_key: Annotated[str | None, Header(alias='X-Owner-Key')] = None) -> str:
    """The owner key, checked (403, throttled per address when wrong)."""
    await owner.require_owner(ctx, x_owner_key, address)
    assert x_owner_key is not None, 'require_owner refuses a missing key'
    return x_owner_key


OwnerKey = Annotated[str, Depends(_owner_key)]


async def _host_key(request: Request, ctx: Ctx, address: ClientAddress,
                    x_host_key: Annotated[str | None, Header(alias='X-Host-Key')] = None,
                    x_owner_key: Annotated[str | None, Header(alias='X-Owner-Key')] = None) -> str | None:
    """`X-Host-Key`, or the host key the owner has for the session in the path when `X-Owner-Key` is given."""
    if x_owner_key is None:
        return x_host_key
    await owner.require_owner(ctx, x_owner_key, address, 'a host action with an owner key')
    code = normalize_code(request.path_params.get('code', ''))
    return owner.derived_host_key(ctx.owner_key, code) if code else None


HostKey = Annotated[str | None, Depends(_host_key)]


async def _host_key_or_query(x_host_key: HostKey,
                             host_key: Annotated[str | None, Query()] = None) -> str | None:
    """The header, or `?host_key=` where a browser follows a plain link (the host menu's export download)."""
    return x_host_key or host_key


HostKeyOrQuery = Annotated[str | None, Depends(_host_key_or_query)]


async def _browser_id(request: Request) -> str | None:
    """The browser behind a request that carries our cookie (a page's upload, say); None for scripts and bots."""
    return request.session.get('id') if 'session' in request.cookies else None


BrowserId = Annotated[str | None, Depends(_browser_id)]

