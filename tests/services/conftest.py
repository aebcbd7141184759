"""Fixtures of the service tests (the `ctx` they run in is in tests/conftest.py)."""
from collections.abc import Awaitable, Callable

import pytest

from db.models import StudySession
from services import sessions
from services.context import Context


@pytest.fixture
async def hosted(ctx: Context) -> tuple[StudySession, str]:
    """A new session and its host key."""
    return await sessions.create_session(ctx, 'Physics')


@pytest.fixture
def collect(ctx: Context) -> Callable[[StudySession, type], Awaitable[list]]:
    """`await collect(session, kind)`: the session's events of this kind from now on, in a list that fills as they
    come (what was published before is delivered first)."""
    async def collect_(session: StudySession, kind: type) -> list:
        await ctx.hub.backend.delivered()
        seen: list = []
        ctx.hub.subscribe(session.id, lambda event: seen.append(event) if isinstance(event, kind) else None)
        return seen

    return collect_
