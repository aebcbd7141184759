"""The owner's backup of a server holding a few hundred MB of files: the server's memory while the zip streams, against
its memory idle just before, in the same run.

    python -m bench.backup_stream                 # 6 files of 50 MB (300 MB)
    python -m bench.backup_stream --files 4 --mb 25
"""
import argparse
import asyncio
import hashlib
import os
import tempfile
import time
from pathlib import Path

import httpx
import psutil

from .server_process import ServerProcess

MB = 1024 * 1024
SAMPLE_SECONDS = 0.05


def fill_uploads(uploads: Path, files: int, size_mb: int) -> int:
    """Stored files as uploads leave them (content-addressed), written straight to disk: no upload to wait for."""
    total = 0
    for _ in range(files):
        data = os.urandom(size_mb * MB)
        sha256 = hashlib.sha256(data).hexdigest()
        (uploads / sha256[:2]).mkdir(parents=True, exist_ok=True)
        (uploads / sha256[:2] / sha256).write_bytes(data)
        total += len(data)
    return total


async def stream_backup(server: ServerProcess, owner_key: str) -> tuple[int, float, int]:
    """Bytes of the zip, seconds it took, and the server's peak RSS meanwhile."""
    process = psutil.Process(server.pid)
    peak = process.memory_info().rss
    size = 0
    started = time.monotonic()
    done = asyncio.Event()

    async def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, process.memory_info().rss)
            await asyncio.sleep(SAMPLE_SECONDS)

    sampler = asyncio.create_task(sample())
    async with httpx.AsyncClient(base_url=server.base_url, timeout=60) as api, \
            api.stream('GET', '/api/owner/backup', headers={'X-Owner-Key': owner_key}) as response:
        assert response.status_code == 200, response.status_code
        async for chunk in response.aiter_bytes():
            size += len(chunk)
    done.set()
    await sampler
    return size, time.monotonic() - started, peak


async def main(files: int, size_mb: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        stored = fill_uploads(root / 'uploads', files, size_mb)
        with ServerProcess(root) as server:
            owner_key = (root / 'data' / 'owner_key').read_text().strip()
            async with httpx.AsyncClient(base_url=server.base_url) as api:  # warm: the first request's imports
                await api.get('/api/owner/status', headers={'X-Owner-Key': owner_key})
            idle = psutil.Process(server.pid).memory_info().rss
            size, seconds, peak = await stream_backup(server, owner_key)
    print(f'files stored: {files} x {size_mb} MB = {stored / MB:.0f} MB')
    print(f'zip streamed: {size / MB:.0f} MB in {seconds:.1f} s ({size / MB / seconds:.0f} MB/s)')
    print(f'server RSS idle before (baseline): {idle / MB:.1f} MB')
    print(f'server RSS peak while streaming: {peak / MB:.1f} MB (+{(peak - idle) / MB:.1f} MB, '
          f'{(peak - idle) / max(size, 1) * 100:.1f} % of the zip)')


if __name__ == '__main__':
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--files', type=int, default=6)
    parser.add_argument('--mb', type=int, default=50)
    options = parser.parse_args()
    asyncio.run(main(options.files, options.mb))
