"""Rendering under a budget: no message, however crafted, holds up the event loop.

A short message with little markup is rendered at once, in this process: that is nearly every chat message, and
its cost is bounded by its size (tests/services/test_render_fuzz.py). Everything else goes to the render worker
(services/render_worker.py), one process that renders one message after another on the other core. A message
that takes longer than the budget there, or waits longer than a few budgets for its turn, is stored and shown as
plain text with a quiet note; a worker that ran over is killed and the next message starts a new one. Threads
could not do this: a thread cannot be stopped, and it holds the interpreter's lock while it parses.
"""
import asyncio
import contextlib
import json
import logging
import string
import sys
from collections.abc import Mapping

from settings import PROJECT_DIR

from .render_worker import LENGTH, framed
from .rendering import plain_html, render_message

log = logging.getLogger(__name__)

LIGHT_CHARS = 500
LIGHT_MARKS = 16  # characters that can start Markdown, LaTeX, a link or a mention: at most this many in a light one
_NOT_MARKS = str.maketrans('', '', ''.join(set(string.punctuation + '\n') - set(",'?")))
TURNS_WAITED = 4  # a message waits at most this many budgets for the worker, then it is shown as plain text
START_SECONDS = 30


def is_light(body: str) -> bool:
    """A message cheap to render on the event loop: short, few marks, no code block (a language's lexer is
    compiled on its first use)."""
    return (len(body) <= LIGHT_CHARS and len(body) - len(body.translate(_NOT_MARKS)) <= LIGHT_MARKS
            and '```' not in body and '~~~' not in body)


class RenderBudget:

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self._worker: asyncio.subprocess.Process | None = None
        self._turn = asyncio.Lock()

    async def render(self, body: str, mentionable: Mapping[str, str] | None = None) -> str:
        """The message's HTML: rendered, or plain text with a note when that took longer than the budget."""
        if is_light(body):
            return render_message(body, mentionable)
        try:
            async with asyncio.timeout(TURNS_WAITED * self.seconds):
                await self._turn.acquire()
        except TimeoutError:
            log.warning('a message of %d characters waited too long for the render worker: plain text', len(body))
            return plain_html(body)
        try:
            html = await self._render_in_worker(body, dict(mentionable or {}))
        finally:
            self._turn.release()
        return html if html is not None else plain_html(body)

    async def _render_in_worker(self, body: str, mentionable: dict[str, str]) -> str | None:
        try:
            worker = await self._started()
        except (OSError, TimeoutError, EOFError, asyncio.IncompleteReadError) as e:
            log.error('the render worker did not start (%s): the message is shown as plain text', e)
            await self._kill()
            return None
        requests, answers = worker.stdin, worker.stdout
        assert requests is not None and answers is not None  # both are pipes
        try:
            async with asyncio.timeout(self.seconds):
                requests.write(framed([body, mentionable]))
                return await _answer(answers)
        except TimeoutError:
            log.warning('a message of %d characters took longer than %.2f s to render: plain text, the worker is '
                        'replaced', len(body), self.seconds)
        except (OSError, EOFError, asyncio.IncompleteReadError) as e:
            log.warning('the render worker failed (%s): plain text, the worker is replaced', e)
        await self._kill()
        return None

    async def _started(self) -> asyncio.subprocess.Process:
        if self._worker is None or self._worker.returncode is not None:
            self._worker = worker = await asyncio.create_subprocess_exec(
                sys.executable, '-m', 'services.render_worker', cwd=PROJECT_DIR,
                stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE)
            assert worker.stdout is not None
            async with asyncio.timeout(START_SECONDS):
                await _answer(worker.stdout)  # null: ready
        return self._worker

    async def _kill(self) -> None:
        worker, self._worker = self._worker, None
        if worker is not None and worker.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                worker.kill()
            await worker.wait()

    async def stop(self) -> None:
        async with self._turn:
            await self._kill()


async def _answer(stream: asyncio.StreamReader):
    (length,) = LENGTH.unpack(await stream.readexactly(LENGTH.size))
    return json.loads(await stream.readexactly(length))
