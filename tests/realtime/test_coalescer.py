"""A burst of changes in a session becomes a few flushes, each with every key that changed since the one before."""
import asyncio

import pytest
from nicegui import core

from realtime.coalescer import Coalescer
from tests.waiting import eventually


@pytest.fixture
async def loop_for_nicegui():
    core.loop = asyncio.get_running_loop()
    yield
    core.loop = None


class Recorder:
    def __init__(self, pause: float = 0) -> None:
        self.flushes: list[tuple[int, set[int]]] = []
        self.pause = pause

    async def __call__(self, session_id: int, keys: set[int]) -> None:
        self.flushes.append((session_id, set(keys)))
        await asyncio.sleep(self.pause)


async def test_a_burst_of_five_hundred_changes_is_one_flush_per_session(loop_for_nicegui) -> None:
    recorder = Recorder()
    coalescer = Coalescer(recorder, interval=0.05)
    for vote in range(500):
        coalescer.touch(1, vote % 3)
        coalescer.touch(2, 7)
    await eventually(lambda: len(recorder.flushes) >= 2)
    await asyncio.sleep(0.1)  # quiet: nothing more
    assert sorted(recorder.flushes) == [(1, {0, 1, 2}), (2, {7})]


async def test_changes_during_a_flush_get_one_more_flush_later(loop_for_nicegui) -> None:
    recorder = Recorder(pause=0.5)
    coalescer = Coalescer(recorder, interval=0.02)
    coalescer.touch(1, 1)
    await eventually(lambda: recorder.flushes)  # the first flush is running now (for half a second)
    coalescer.touch(1, 2)
    coalescer.touch(1, 3)
    await eventually(lambda: len(recorder.flushes) >= 2)
    assert recorder.flushes == [(1, {1}), (1, {2, 3})]
    await asyncio.sleep(0.1)
    assert len(recorder.flushes) == 2  # quiet: nothing more


async def test_a_failing_flush_is_logged_and_the_next_change_is_flushed_again(loop_for_nicegui, caplog) -> None:
    calls = []

    async def failing(session_id: int, keys: set[int]) -> None:
        calls.append(keys)
        if len(calls) == 1:
            raise RuntimeError('database away')
    coalescer = Coalescer(failing, interval=0.01, name='votes')
    coalescer.touch(1, 1)
    await eventually(lambda: 'could not announce the votes of session 1' in caplog.text)
    coalescer.touch(1, 2)
    await eventually(lambda: len(calls) >= 2)
    assert calls == [{1}, {2}]
    assert 'could not announce the votes of session 1' in caplog.text


async def test_drain_flushes_what_waits_at_once(loop_for_nicegui) -> None:
    recorder = Recorder()
    coalescer = Coalescer(recorder, interval=10)
    coalescer.touch(1, 5)
    await coalescer.drain()
    assert recorder.flushes == [(1, {5})]
