"""A 200 MB upload while a class chats: server memory, and the chat's fan-out latency without and with the upload.

    python -m bench.big_upload               # 50 pages, 5 msg/s: 10 s without, then while a 200 MB upload runs
"""
import argparse
import asyncio
import os
import tempfile
import time
from pathlib import Path

import aiohttp
import psutil

from .deliveries import percentile
from .server_process import ServerProcess
from .session_tab import SessionTab

CHUNK = 1024 * 1024
MB = 1024 * 1024


async def upload(base_url: str, code: str, size_mb: int) -> tuple[int, float]:
    """Stream `size_mb` MB as one file; the HTTP status and the seconds it took."""
    async def chunks():
        block = os.urandom(CHUNK)
        for _ in range(size_mb):
            yield block
    with aiohttp.MultipartWriter('form-data') as form:
        form.append('Uploader').set_content_disposition('form-data', name='author')
        part = form.append(aiohttp.AsyncIterablePayload(chunks()), {'Content-Type': 'application/octet-stream'})
        part.set_content_disposition('form-data', name='file', filename='lecture.mp4')
        started = time.monotonic()
        async with aiohttp.ClientSession() as http, \
                http.post(f'{base_url}/api/sessions/{code}/materials', data=form) as response:
            await response.read()
            return response.status, time.monotonic() - started


class Chat:
    """Messages at a fixed rate through the API; when each one reaches each page."""

    def __init__(self, base_url: str, code: str, tabs: list[SessionTab]) -> None:
        self.base_url, self.code = base_url, code
        self.sent: dict[str, float] = {}
        self.latencies: dict[str, list[float]] = {}
        for tab in tabs:
            tab.browser.on('studyhall', self._arrived)

    def _arrived(self, event: dict, received_at: float) -> None:
        if event.get('type') == 'message.posted' and (sent := self.sent.get(event['message']['body'])):
            phase = event['message']['body'].split(':')[0]
            self.latencies.setdefault(phase, []).append(received_at - sent)

    async def phase(self, name: str, rate: float, seconds: float, until: asyncio.Task | None = None) -> None:
        """Send for `seconds`, or as long as `until` is running."""
        deadline = time.monotonic() + seconds
        async with aiohttp.ClientSession(base_url=self.base_url) as http:
            n = 0
            while (until is not None and not until.done()) or (until is None and time.monotonic() < deadline):
                body = f'{name}: message {n}'
                self.sent[body] = time.monotonic()
                async with http.post(f'/api/sessions/{self.code}/messages', json={'author': 'Bot', 'body': body}):
                    pass
                n += 1
                await asyncio.sleep(1 / rate)
        await asyncio.sleep(2)  # the last ones arrive


async def sample_rss(process: psutil.Process, peak: list[int], stop: asyncio.Event) -> None:
    while not stop.is_set():
        peak[0] = max(peak[0], process.memory_info().rss)
        await asyncio.sleep(0.05)


async def run(args: argparse.Namespace) -> None:
    with tempfile.TemporaryDirectory(prefix='studyhall-upload-') as folder:
        server = ServerProcess(Path(folder), args=('--max-upload-mb', str(args.size_mb + 10)),
                               env={'STUDYHALL_MESSAGE_RATE_LIMIT': '1000000'}).start()
        tabs: list[SessionTab] = []
        try:
            async with aiohttp.ClientSession() as http, \
                    http.post(f'{server.base_url}/api/sessions', json={'title': 'Upload'}) as response:
                code = (await response.json())['code']
            for i in range(args.clients):
                tabs.append(SessionTab(server.base_url))
                await tabs[-1].open(code, f'Student {i}')
            chat = Chat(server.base_url, code, tabs)
            process = psutil.Process(server.pid)
            await asyncio.sleep(2)
            await chat.phase('before', args.rate, args.seconds)
            rss_before = process.memory_info().rss
            peak, stop = [rss_before], asyncio.Event()
            sampler = asyncio.create_task(sample_rss(process, peak, stop))
            uploading = asyncio.create_task(upload(server.base_url, code, args.size_mb))
            await chat.phase('during', args.rate, args.seconds, until=uploading)
            status, upload_s = await uploading
            stop.set()
            await sampler
        finally:
            for tab in tabs:
                await tab.close()
            server.stop()
    before, during = chat.latencies.get('before', []), chat.latencies.get('during', [])
    print(f'**big upload**: {args.size_mb} MB while {args.clients} pages chat at {args.rate} msg/s · '
          f'{os.cpu_count()} cores\n')
    print('| metric | without the upload | during the upload | ratio |')
    print('| --- | --- | --- | --- |')
    for label, fraction in (('p50 fan-out (ms)', 0.5), ('p99 fan-out (ms)', 0.99)):
        a, b = percentile(before, fraction) * 1000, percentile(during, fraction) * 1000
        print(f'| {label} | {a:.1f} | {b:.1f} | {b / a:.2f}x |')
    print(f'| deliveries | {len(before)} | {len(during)} | |')
    print(f'\nupload: HTTP {status}, {args.size_mb / upload_s:.0f} MB/s ({upload_s:.1f} s); server RSS before '
          f'{rss_before / MB:.0f} MB, peak during {peak[0] / MB:.0f} MB, rise {(peak[0] - rss_before) / MB:.1f} MB')


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--size-mb', type=int, default=200)
    parser.add_argument('--clients', type=int, default=50)
    parser.add_argument('--rate', type=float, default=5)
    parser.add_argument('--seconds', type=float, default=10, help='of chat without the upload')
    asyncio.run(run(parser.parse_args()))


if __name__ == '__main__':
    main()
