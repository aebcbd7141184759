"""A class answers one poll at once: N simulated session pages answer within a few seconds through the page's own
event (what a tap does), against the real server; then the timer's clock agreement across the pages.

    python -m bench.poll_burst --pages 500
    python -m bench.poll_burst --pages 500 --two-processes   # two servers on PostgreSQL + Redis, pages alternate
    python -m bench.poll_burst --pages 20                   # a few seconds (tests/bench)

Printed: every answer counted exactly once (the database's count); how long after the last answer every page
showed the final result (the coalesced count with all N); the answer round trip (tap to the page's confirmation)
p50 / p99; bytes each page received during the burst; server CPU per answer; and, as the baseline in the same run,
one chat message to the same pages. Then each page measures its clock offset as it does on connect (the pages at
random moments within the same seconds), and the table shows how far apart the pages' timers would be. Every
process it started is stopped when the run ends.
"""
import argparse
import asyncio
import json
import logging
import random
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import aiohttp

from realtime.fanout import SOCKET_EVENT

from .deliveries import percentile
from .profiler import Profiler
from .resources import PhaseMeter
from .session_tab import SessionTab
from .targets import StudyHallPairTarget, StudyHallTarget

log = logging.getLogger('bench.poll_burst')
ACTIVITY_TAG = 'nicegui-activity_bar'
OPEN_CONCURRENCY = 25


@dataclass
class Page:
    tab: SessionTab
    index: int
    sent_at: float = 0.0
    confirmed_at: float = 0.0
    final_at: float = 0.0  # when the counts with every answer arrived
    chat_at: float = 0.0
    offset_ms: float | None = None
    expected: int = 0
    events: list[dict] = field(default_factory=list)

    def on_event(self, event: dict, now: float) -> None:
        kind = event.get('type')
        if kind == 'poll.mine' and not self.confirmed_at:
            self.confirmed_at = now
        elif kind == 'poll.counts' and event.get('voters') == self.expected and not self.final_at:
            self.final_at = now
        elif kind == 'message.posted' and event['message'].get('body') == 'baseline' and not self.chat_at:
            self.chat_at = now
        elif kind == 'activities.synced':
            received = time.time() * 1000  # as activities.js reckons it (NTP's formula)
            self.offset_ms = (event['server_received'] - event['sent_at'] + event['server_now'] - received) / 2

    @property
    def activity_bar(self) -> str:
        return self.tab.browser.find_one(tag=ACTIVITY_TAG)[0]


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog='python -m bench.poll_burst', description=__doc__.split('\n\n')[0])
    parser.add_argument('--pages', type=int, default=500)
    parser.add_argument('--within', type=float, default=2.0, help='seconds over which the answers are spread')
    parser.add_argument('--two-processes', action='store_true', help='two servers, PostgreSQL and Redis')
    parser.add_argument('--profile', type=Path, help='py-spy the (first) server during the burst into this file')
    return parser.parse_args(argv)


async def run(opts: argparse.Namespace) -> dict:
    with tempfile.TemporaryDirectory(prefix='studyhall-poll-bench-') as folder:
        kind = StudyHallPairTarget if opts.two_processes else StudyHallTarget
        async with kind(Path(folder)) as target:
            servers = [target.process] + ([target.second] if opts.two_processes else [])  # type: ignore[attr-defined]
            created = await target._post('/api/sessions', {'title': 'Poll benchmark'})
            code, host = created['code'], {'X-Host-Key': created['host_key']}
            http = aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=0, force_close=True))
            pages = [Page(SessionTab(servers[i % len(servers)].base_url, http=http, open_timeout=60), i)
                     for i in range(opts.pages)]
            try:
                return await _measure(target, servers, code, host, pages, opts)
            finally:
                await asyncio.gather(*(page.tab.close() for page in pages), return_exceptions=True)
                await http.close()


async def _measure(target, servers, code: str, host: dict, pages: list[Page], opts) -> dict:
    started = time.monotonic()
    await _open_all(code, pages)
    opened = time.monotonic() - started
    async with target.http.post(f'/api/sessions/{code}/polls', headers=host,
                                json={'question': 'Which exercise first?', 'options': ['3', '4', '5', '6']}) as r:
        poll = await r.json()
    for page in pages:
        page.expected = len(pages)
    await _until(lambda: all(any(e.get('type') == 'poll.changed' for e in p.events) for p in pages), 30)
    # the burst is measured once everybody is here: the list of who is here stops changing as the last pages arrive
    await _until(lambda: all(_online(page) == len(pages) for page in pages), 60)
    await asyncio.sleep(1.0)

    meters = [PhaseMeter(server.pid) for server in servers]
    bytes_before = [page.tab.browser.received['wire_bytes'] for page in pages]
    profiler = Profiler(opts.profile)
    profiler.start(servers[0].pid)
    for meter in meters:
        meter.start()
    rng = random.Random(19)
    await asyncio.gather(*(_answer(page, poll['id'], rng.uniform(0, opts.within), rng.randrange(4))
                           for page in pages))
    last_answer = max(page.sent_at for page in pages)
    await _until(lambda: all(page.final_at for page in pages), 30)
    usage = [await meter.stop() for meter in meters]
    profiler.stop()
    burst_bytes = [page.tab.browser.received['wire_bytes'] - before for page, before in zip(pages, bytes_before,
                                                                                              strict=True)]
    async with target.http.get(f'/api/sessions/{code}/polls/{poll["id"]}', headers=host) as r:
        counted = await r.json()

    chat_sent = time.monotonic()
    await target._post(f'/api/sessions/{code}/messages', {'author': 'Bench bot', 'body': 'baseline'})
    await _until(lambda: all(page.chat_at for page in pages), 30)
    await asyncio.gather(*(_sync(page, rng.uniform(0, opts.within)) for page in pages))
    await _until(lambda: all(page.offset_ms is not None for page in pages), 30)
    return _figures(pages, counted, opts, opened, last_answer, chat_sent, usage, burst_bytes)


async def _open_all(code: str, pages: list[Page]) -> None:
    gate = asyncio.Semaphore(OPEN_CONCURRENCY)

    async def open_one(page: Page) -> None:
        async with gate:
            page.tab.browser.on(SOCKET_EVENT, lambda event, now, page=page: (page.events.append(event),
                                                                             page.on_event(event, now)))
            await page.tab.open(code, f'Student {page.index:04d}')
    await asyncio.gather(*(open_one(page) for page in pages))


async def _answer(page: Page, poll_id: int, delay: float, choice: int) -> None:
    await asyncio.sleep(delay)
    page.sent_at = time.monotonic()
    await page.tab.browser.send_event(page.activity_bar, 'vote', {'poll_id': poll_id, 'choices': [choice]})
    await _until(lambda: page.confirmed_at, 30)


def _online(page: Page) -> int:
    shown = [e for e in page.events if e.get('type') == 'presence.changed']
    return len(shown[-1]['online']) if shown else 0


async def _sync(page: Page, delay: float) -> None:
    """What a page does on connect: the pages of a class connect over a few seconds, not all in one instant."""
    await asyncio.sleep(delay)
    await page.tab.browser.send_event(page.activity_bar, 'sync', {'sent_at': time.time() * 1000})


async def _until(condition, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError('the benchmark waited too long: see the server log')
        await asyncio.sleep(0.02)


def _figures(pages, counted, opts, opened, last_answer, chat_sent, usage, burst_bytes) -> dict:
    trips = [page.confirmed_at - page.sent_at for page in pages]
    finals = [page.final_at - last_answer for page in pages]
    chats = [page.chat_at - chat_sent for page in pages]
    offsets = [page.offset_ms or 0.0 for page in pages]
    votes = sum(option['votes'] for option in counted['options'])
    return {
        'pages': len(pages), 'processes': 2 if opts.two_processes else 1, 'open_seconds': round(opened, 1),
        'answers_counted': counted['voters'], 'votes_counted': votes, 'exactly_once': counted['voters'] == len(pages)
        and votes == len(pages),
        'final_result_after_last_answer_ms_p50': round(1000 * statistics.median(finals)),
        'final_result_after_last_answer_ms_max': round(1000 * max(finals)),
        'answer_round_trip_ms_p50': round(1000 * percentile(trips, 0.5)),
        'answer_round_trip_ms_p99': round(1000 * percentile(trips, 0.99)),
        'burst_kb_per_page': round(statistics.mean(burst_bytes) / 1024, 1),
        'count_updates_per_page': round(statistics.mean(
            sum(1 for e in page.events if e.get('type') == 'poll.counts') for page in pages), 1),
        'server_cpu_ms_per_answer': round(1000 * sum(u.server_cpu for u in usage) / len(pages), 2),
        'server_cpu_seconds': round(sum(u.server_cpu for u in usage), 2),
        'burst_wall_seconds': round(usage[0].wall, 2),
        'generator_cpu_seconds': round(usage[0].generator_cpu, 2),
        'generator_loop_lag_ms_p99': round(1000 * usage[0].loop_lag_p99),
        'others_cpu_seconds': round(usage[0].others_cpu, 2),
        'baseline_chat_message_ms_p99': round(1000 * percentile(chats, 0.99)),
        'clock_offset_ms_p50': round(statistics.median(abs(o) for o in offsets), 1),
        'clock_offset_ms_max': round(max(abs(o) for o in offsets), 1),
        'timers_apart_ms_max': round(max(offsets) - min(offsets), 1),
    }


def main(argv: list[str] | None = None) -> None:
    logging.basicConfig(level=logging.WARNING)
    opts = parse_args(argv)
    figures = asyncio.run(run(opts))
    print('| figure | value |\n|---|---|')
    for key, value in figures.items():
        print(f'| {key.replace("_", " ")} | {value} |')
    print(json.dumps(figures))
    if not figures['exactly_once']:
        sys.exit('answers were not counted exactly once')


if __name__ == '__main__':
    main()
