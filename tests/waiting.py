"""Waiting for what happens in a background task (the hub's delivery, a send), without a fixed sleep."""
import asyncio
import inspect
from collections.abc import Callable


async def eventually(check: Callable[[], object], timeout: float = 5.0) -> None:
    """Wait until `check()` (which may be async) is true; AssertionError after `timeout` seconds."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while True:
        result = check()
        if inspect.isawaitable(result):
            result = await result
        if result:
            return
        if loop.time() > deadline:
            raise AssertionError(f'not true within {timeout} s: {getattr(check, "__qualname__", check)}')
        await asyncio.sleep(0.02)
