"""One uploads folder for every process: a process starting up must not delete another one's upload in progress."""
import asyncio
import os
import time

from nicegui import core

from realtime.hub import Hub
from services.context import Context
from services.storage import STALE_TEMP_SECONDS
from settings import Settings


async def test_a_starting_process_removes_only_temp_files_no_one_can_still_be_writing(tmp_path) -> None:
    core.loop = asyncio.get_running_loop()
    settings = Settings(data_dir=tmp_path / 'data', uploads_dir=tmp_path / 'uploads',
                        redis_url='redis://127.0.0.1:6379/0')  # one of several processes (Redis is not used here)
    settings.prepare_folders()
    context = Context.wire(settings, Hub(), core.sio)
    incoming = context.files.temp_dir
    incoming.mkdir(parents=True)
    (incoming / 'arriving-at-another-process.part').write_bytes(b'half')
    abandoned = incoming / 'abandoned.part'
    abandoned.write_bytes(b'old')
    old = time.time() - STALE_TEMP_SECONDS - 60
    os.utime(abandoned, (old, old))

    await context.start()
    await context.stop()
    core.loop = None
    assert [path.name for path in incoming.iterdir()] == ['arriving-at-another-process.part']
