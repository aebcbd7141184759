"""A class votes on one question, and raises its hands, all at once: simulated pages against the real server.

    python -m bench.questions                  # 300 pages: 300 votes within 1 s, then 300 hands at once
    python -m bench.questions --pages 50       # smaller, for a quick look

Every page votes through its own Questions element, as a browser does (a tenth of them send their vote twice, as a
page does whose answer was lost); the run checks that the question ends with exactly one vote per page, and that
every page shows that final count, and how long after the last vote it did. The baseline in the same run: as many
reactions to one chat message through the chat element, the uncoalesced path (each one sends the whole message to
every page). Then every page raises its hand at once, and every page must end with the same queue of all of them,
in the order the server keeps. Printed: bytes per page, server CPU per vote / reaction / hand. The server runs on
127.0.0.1 as a child process with a temp data dir and is stopped when the run ends.
"""
import argparse
import asyncio
import contextlib
import random
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import httpx

from realtime.fanout import SOCKET_EVENT

from .resources import PhaseMeter
from .server_process import ServerProcess
from .session_tab import SessionTab

QUESTIONS_TAG = 'nicegui-questions_view'
HANDS_TAG = 'nicegui-hand_queue'
CHAT_TAG = 'nicegui-chat_list'
OPEN_AT_ONCE = 20
SETTLE_TIMEOUT = 30.0


@dataclass
class Phase:
    name: str
    actions: int
    spread_s: float
    counted: int
    pages_final: int
    last_page_after_s: float
    bytes_per_page: float
    server_cpu_ms_per_action: float
    reconnects: int  # of the simulated pages during the phase (a page that reconnected may have missed updates)


class Page:
    """A simulated session page that notes when it first saw what the phase waits for."""

    def __init__(self, base_url: str) -> None:
        self.tab = SessionTab(base_url, reconnect_deadline=60)  # a browser of its own: its own cookie
        self.seen_at: float | None = None
        self.want: object = None
        self.queue: list[str] = []
        self.tab.browser.on(SOCKET_EVENT, self._event)

    def element(self, tag: str, shape: str | None = None) -> str:
        found = self.tab.browser.find(tag=tag, prop=('shape', shape)) if shape else self.tab.browser.find(tag=tag)
        return found[0][0]

    def expect(self, want: object) -> None:
        self.want, self.seen_at = want, None

    def _event(self, event: dict, received_at: float) -> None:
        if self.seen_at is not None or self.want is None:
            return
        if _shows(self.want, event):
            self.seen_at = received_at
            if event['type'] == 'hands.changed':
                self.queue = [name for name, _at in event['hands']]


def _shows(want: object, event: dict) -> bool:
    """Whether the event brings the final state the phase waits for."""
    kind, key, value = want  # type: ignore[misc]
    if kind == 'votes':
        return event.get('type') == 'question.votes' and event['votes'].get(key) == value
    if kind == 'reactions':
        return event.get('type') == 'message.updated' and len(event['message']['reactions'].get(key, [])) == value
    return event.get('type') == 'hands.changed' and len(event['hands']) == value


async def open_pages(base_url: str, code: str, count: int) -> list[Page]:
    pages = [Page(base_url) for _ in range(count)]
    gate = asyncio.Semaphore(OPEN_AT_ONCE)

    async def open_one(number: int, page: Page) -> None:
        async with gate:
            await page.tab.open(code, f'Pupil {number:03d}')
    await asyncio.gather(*(open_one(number, page) for number, page in enumerate(pages)))
    return pages


async def spread(pages: list[Page], act, seconds: float) -> tuple[float, float]:
    """Each page acts once, the starts spread evenly over `seconds`; returns the first and last send times."""
    start = time.monotonic()

    async def one(number: int, page: Page) -> float:
        await asyncio.sleep(seconds * number / len(pages))
        await act(page)
        return time.monotonic()
    sent = await asyncio.gather(*(one(number, page) for number, page in enumerate(pages)))
    return start, max(sent)


async def settle(pages: list[Page]) -> None:
    deadline = time.monotonic() + SETTLE_TIMEOUT
    while any(page.seen_at is None for page in pages) and time.monotonic() < deadline:
        await asyncio.sleep(0.02)


def wire_bytes(pages: list[Page]) -> int:
    return sum(page.tab.browser.received['wire_bytes'] for page in pages)


async def measure(name: str, pages: list[Page], meter: PhaseMeter, want, act, seconds: float,
                  counted) -> Phase:
    for page in pages:
        page.expect(want)
    await asyncio.sleep(0.5)  # what came before has arrived
    bytes_before = wire_bytes(pages)
    reconnects_before = reconnects_of(pages)
    meter.start()
    _, last_sent = await spread(pages, act, seconds)
    await settle(pages)
    usage = await meter.stop()
    final = [page.seen_at for page in pages if page.seen_at is not None]
    return Phase(name=name, actions=len(pages), spread_s=seconds, counted=await counted(),
                 pages_final=len(final), last_page_after_s=max(final, default=last_sent) - last_sent,
                 bytes_per_page=(wire_bytes(pages) - bytes_before) / len(pages),
                 server_cpu_ms_per_action=usage.server_cpu * 1000 / len(pages),
                 reconnects=reconnects_of(pages) - reconnects_before)


def reconnects_of(pages: list[Page]) -> int:
    return sum(page.tab.browser.reconnects + page.tab.browser.reloads for page in pages)


async def run(pages_count: int, seconds: float) -> str:
    with tempfile.TemporaryDirectory(prefix='studyhall-bench-questions-') as folder, \
            ServerProcess(Path(folder), args=('--message-rate-limit', '1000000', '--session-create-limit',
                                              '1000000')) as server:
        async with httpx.AsyncClient(base_url=server.base_url, timeout=30) as api:
            created = (await api.post('/api/sessions', json={'title': 'Bench: questions'})).json()
            code = created['code']
            question = (await api.post(f'/api/sessions/{code}/questions',
                                       json={'author': 'Teacher', 'body': 'Shall we do a review on Friday?'})).json()
            message = (await api.post(f'/api/sessions/{code}/messages',
                                      json={'author': 'Teacher', 'body': 'React if you are ready'})).json()
            opened = time.monotonic()
            pages = await open_pages(server.base_url, code, pages_count)
            open_s = time.monotonic() - opened
            meter = PhaseMeter(server.pid)
            retry = set(random.Random(1).sample(range(pages_count), pages_count // 10))

            async def vote(page: Page) -> None:
                element = page.element(QUESTIONS_TAG)
                await page.tab.browser.send_event(element, 'vote', {'id': question['id'], 'voted': True})
                if pages.index(page) in retry:
                    await page.tab.browser.send_event(element, 'vote', {'id': question['id'], 'voted': True})

            async def votes_counted() -> int:
                listed = (await api.get(f'/api/sessions/{code}/questions')).json()
                return next(q['votes'] for q in listed if q['id'] == question['id'])

            async def react(page: Page) -> None:
                await page.tab.browser.send_event(page.element(CHAT_TAG), 'react', {'id': message['id'], 'emoji': '👍'})

            async def reactions_counted() -> int:
                listed = (await api.get(f'/api/sessions/{code}/messages')).json()
                return len(next(m for m in listed if m['id'] == message['id'])['reactions'].get('👍', []))

            async def raise_hand(page: Page) -> None:
                await page.tab.browser.send_event(page.element(HANDS_TAG, 'button'), 'raise')

            async def hands_counted() -> int:
                return len((await api.get(f'/api/sessions/{code}/hands')).json())

            phases = [
                await measure('votes on one question (coalesced)', pages, meter,
                              ('votes', str(question['id']), pages_count), vote, seconds, votes_counted),
                await measure('hands raised at once', pages, meter, ('hands', None, pages_count), raise_hand, 0.0,
                              hands_counted),
            ]
            server_queue = [hand['name'] for hand in (await api.get(f'/api/sessions/{code}/hands')).json()]
            same_order = sum(page.queue == server_queue for page in pages)
            phases.append(await measure('baseline: reactions to one message', pages, meter,  # last: it is the heavy one
                                        ('reactions', '👍', pages_count), react, seconds, reactions_counted))
            for page in pages:
                with contextlib.suppress(Exception):
                    await page.tab.close(leave=False)
    return report(pages_count, open_s, phases, same_order)


def report(pages_count: int, open_s: float, phases: list[Phase], same_order: int) -> str:
    rows = [[phase.name, f'{phase.actions} in {phase.spread_s:g} s', f'{phase.counted}',
             f'{phase.pages_final}/{pages_count}', f'{phase.last_page_after_s * 1000:.0f} ms',
             f'{phase.bytes_per_page / 1024:.1f} KB', f'{phase.server_cpu_ms_per_action:.2f} ms', f'{phase.reconnects}']
            for phase in phases]
    lines = [f'{pages_count} simulated pages in one session (opened in {open_s:.1f} s)', '',
             *markdown_table(['phase', 'sent', 'counted', 'pages with the final count',
                              'last page after the last send', 'bytes per page', 'server CPU per action',
                              'page reconnects'], rows), '',
             f'hand queue: {same_order}/{pages_count} pages show the server\'s order of all {pages_count} hands']
    return '\n'.join(lines)


def markdown_table(header: list[str], rows: list[list[str]]) -> list[str]:
    return [f'| {" | ".join(cells)} |' for cells in (header, ['---'] * len(header), *rows)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog='python -m bench.questions', description=__doc__.split('\n')[0])
    parser.add_argument('--pages', type=int, default=300)
    parser.add_argument('--seconds', type=float, default=1.0, help='the votes are spread over this long')
    args = parser.parse_args(argv)
    print(run_sync(args.pages, args.seconds))
    return 0


def run_sync(pages: int, seconds: float) -> str:
    return asyncio.run(run(pages, seconds))


if __name__ == '__main__':
    sys.exit(main())
