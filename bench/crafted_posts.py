"""Crafted messages while a class chats: the health probe's wait and the chat's fan-out, without and with them.

    python -m bench.crafted_posts                      # 50 pages, 5 msg/s; 20 s each phase, 5 attackers
    python -m bench.crafted_posts --server-dir ../main  # the same against another checkout (e.g. before issue 15)

Three phases in the same server, one after the other: the chat alone; the chat and 5 more names posting and
editing ordinary short messages, as fast as the flood limit lets one name (10 per 10 s by default); the chat and
the same names posting and editing the worst inputs of the corpus (tests/services/render_corpus.json,
bench/crafted.py) at the same rate. Meanwhile `/api/health` is asked every 100 ms. The ratios are the crafted phase
divided by the chat alone, and by the same traffic of ordinary messages (what the crafted content itself costs).
"""
import argparse
import asyncio
import contextlib
import itertools
import os
import tempfile
import time
from pathlib import Path

import aiohttp
import psutil

from .crafted import corpus
from .deliveries import percentile
from .server_process import ServerProcess
from .session_tab import SessionTab

PROBE_EVERY = 0.1


class Server(ServerProcess):
    """`python main.py` of this checkout or of another one (`--server-dir`)."""

    def __init__(self, data_dir: Path, project_dir: Path | None, **options) -> None:
        super().__init__(data_dir, **options)
        self.project_dir = project_dir

    def command(self) -> list[str]:
        command = super().command()
        if self.project_dir is not None:
            command[1] = str(self.project_dir / 'main.py')
        return command


class Chat:
    """Messages at a fixed rate through the API, from as many names as pages (a name sends one every 10 s at 5 msg/s
    and 50 pages: within the flood limit); when each reaches each page."""

    def __init__(self, http: aiohttp.ClientSession, code: str, tabs: list[SessionTab]) -> None:
        self.http, self.code, self.tabs = http, code, tabs
        self.sent: dict[str, float] = {}
        self.latencies: dict[str, list[float]] = {}
        self.refused = 0
        for tab in tabs:
            tab.browser.on('studyhall', self._arrived)

    def _arrived(self, event: dict, received_at: float) -> None:
        if event.get('type') == 'message.posted' and (sent := self.sent.get(event['message']['body'])):
            self.latencies.setdefault(event['message']['body'].split(':')[0], []).append(received_at - sent)

    async def phase(self, name: str, rate: float, seconds: float) -> None:
        authors = itertools.cycle(f'Speaker {i}' for i in range(len(self.tabs)))  # the pages' names are theirs
        started = time.monotonic()
        for n in itertools.count():
            if time.monotonic() - started >= seconds:
                break
            body = f'{name}: message {n}, is question 3 about $x^2$?'
            self.sent[body] = time.monotonic()
            async with self.http.post(f'/api/sessions/{self.code}/messages',
                                      json={'author': next(authors), 'body': body}) as response:
                self.refused += response.status != 201
            await asyncio.sleep(max(0.0, started + (n + 1) / rate - time.monotonic()))
        await asyncio.sleep(2)  # the last ones arrive


class Probe:
    """`GET /api/health` every 100 ms: how long each answer took, per phase."""

    def __init__(self, http: aiohttp.ClientSession) -> None:
        self.http = http
        self.phase = 'quiet'
        self.waits: dict[str, list[float]] = {}

    async def run(self) -> None:
        while True:
            started = time.monotonic()
            async with self.http.get('/api/health') as response:
                await response.read()
            self.waits.setdefault(self.phase, []).append(time.monotonic() - started)
            await asyncio.sleep(max(0.0, started + PROBE_EVERY - time.monotonic()))


ORDINARY = ['ok, thanks!', 'Could you explain step **2** again?', 'I got $x = 4$, same?', 'see you tomorrow']


async def attack(base_url: str, code: str, bodies: list[str], attackers: int, seconds: float,
                 per_10_s: int) -> dict[str, int]:
    """Each attacker posts one of `bodies`, edits it into another, and so on: `per_10_s` of them per 10 s."""
    counts = {'posts': 0, 'edits': 0, 'refused': 0}

    async def one(index: int) -> None:
        author = f'Mallory {index}'
        crafted = itertools.cycle(bodies[index::attackers] or bodies)
        deadline = time.monotonic() + seconds
        async with aiohttp.ClientSession(base_url=base_url) as http:
            own: list[int] = []
            for n in itertools.count():
                if time.monotonic() >= deadline:
                    return
                started = time.monotonic()
                if n % 2 == 0 or not own:
                    async with http.post(f'/api/sessions/{code}/messages',
                                         json={'author': author, 'body': next(crafted)}) as response:
                        counts['posts' if response.status == 201 else 'refused'] += 1
                        if response.status == 201:
                            own.append((await response.json())['id'])
                else:
                    async with http.patch(f'/api/sessions/{code}/messages/{own[-1]}',
                                          json={'author': author, 'body': next(crafted)}) as response:
                        counts['edits' if response.status == 200 else 'refused'] += 1
                await asyncio.sleep(max(0.0, started + 10 / per_10_s - time.monotonic()))
    await asyncio.gather(*(one(i) for i in range(attackers)))
    return counts


def cpu_seconds(process: psutil.Process) -> float:
    """The server's CPU and its children's (the render worker), those alive now."""
    total = sum(process.cpu_times()[:2])
    for child in process.children(recursive=True):
        with contextlib.suppress(psutil.NoSuchProcess):
            total += sum(child.cpu_times()[:2])
    return total


async def run(args: argparse.Namespace) -> None:
    with tempfile.TemporaryDirectory(prefix='studyhall-crafted-') as folder:
        server = Server(Path(folder), args.server_dir and Path(args.server_dir).resolve()).start()
        tabs: list[SessionTab] = []
        cpu: dict[str, float] = {}
        counts: dict[str, dict[str, int]] = {}
        try:
            async with aiohttp.ClientSession(base_url=server.base_url) as http:
                async with http.post('/api/sessions', json={'title': 'Crafted'}) as response:
                    code = (await response.json())['code']
                for i in range(args.clients):
                    tabs.append(SessionTab(server.base_url))
                    await tabs[-1].open(code, f'Student {i}')
                chat, probe = Chat(http, code, tabs), Probe(http)
                prober = asyncio.create_task(probe.run())
                process = psutil.Process(server.pid)
                await asyncio.sleep(2)
                for phase, bodies in (('quiet', None), ('ordinary', ORDINARY),
                                      ('crafted', [body for _, body in corpus()])):
                    probe.phase = phase
                    before = cpu_seconds(process)
                    attacking = asyncio.create_task(attack(server.base_url, code, bodies, args.attackers,
                                                           args.seconds, args.flood_limit)) if bodies else None
                    await chat.phase(phase, args.rate, args.seconds)
                    counts[phase] = await attacking if attacking else {}
                    cpu[phase] = cpu_seconds(process) - before
                prober.cancel()
        finally:
            for tab in tabs:
                await tab.close()
            server.stop()
    print(f'**crafted posts**: {args.clients} pages chat at {args.rate:g} msg/s; then {args.attackers} attackers post '
          f'and edit the {len(corpus())} crafted inputs at the flood limit · server '
          f'{args.server_dir or "this checkout"} · {os.cpu_count()} cores\n')
    print('| metric | chat only | and ordinary posts | and crafted posts | crafted / chat only | crafted / ordinary |')
    print('| --- | --- | --- | --- | --- | --- |')
    rows = [('health probe p50 (ms)', probe.waits, 0.5), ('health probe p99 (ms)', probe.waits, 0.99),
            ('health probe max (ms)', probe.waits, 1.0), ('fan-out p50 (ms)', chat.latencies, 0.5),
            ('fan-out p99 (ms)', chat.latencies, 0.99)]
    for label, samples, fraction in rows:
        quiet, ordinary, crafted = (percentile(samples.get(phase, []), fraction) * 1000 for phase in PHASES)
        print(f'| {label} | {quiet:.1f} | {ordinary:.1f} | {crafted:.1f} | {_ratio(crafted, quiet)} | '
              f'{_ratio(crafted, ordinary)} |')
    print('| deliveries | ' + ' | '.join(str(len(chat.latencies.get(phase, []))) for phase in PHASES) + ' | | |')
    print('| server CPU incl. render worker (s) | ' + ' | '.join(f'{cpu[phase]:.1f}' for phase in PHASES) +
          f' | {_ratio(cpu["crafted"], cpu["quiet"])} | {_ratio(cpu["crafted"], cpu["ordinary"])} |')
    for phase in PHASES[1:]:
        done = counts[phase]
        print(f'\n{phase}: {done["posts"]} posts and {done["edits"]} edits accepted, {done["refused"]} refused')
    print(f'chat posts refused: {chat.refused}')


PHASES = ('quiet', 'ordinary', 'crafted')


def _ratio(a: float, b: float) -> str:
    return f'{a / b:.2f}x' if b else 'n/a'


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--clients', type=int, default=50)
    parser.add_argument('--rate', type=float, default=5, help='chat messages per second')
    parser.add_argument('--seconds', type=float, default=20, help='of each phase')
    parser.add_argument('--attackers', type=int, default=5, help='names posting crafted messages')
    parser.add_argument('--flood-limit', type=int, default=10, help="the server's messages per name per 10 s")
    parser.add_argument('--server-dir', help='the checkout whose main.py to run (default: this one)')
    asyncio.run(run(parser.parse_args()))


if __name__ == '__main__':
    main()
