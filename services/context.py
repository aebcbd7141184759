"""The parts every service needs, wired once by `main.py` (tests wire their own)."""
from dataclasses import dataclass

from db.engine import Database
from realtime.fanout import SocketFanout
from realtime.hub import Hub
from settings import Settings

from .storage import STALE_TEMP_SECONDS, FileStore


@dataclass
class Context:
    settings: Settings
    db: Database
    hub: Hub
    fanout: SocketFanout
    files: FileStore

    async def start(self) -> None:
        await self.db.ensure_ready()
        # with Redis, other processes may be receiving uploads into the same shared folder right now
        await self.files.sweep_temporary(older_than=STALE_TEMP_SECONDS if self.settings.redis_url else 0)
        await self.hub.start()

    async def stop(self) -> None:
        await self.hub.stop()
        await self.db.dispose()


_current: Context | None = None


def install(context: Context) -> None:
    global _current
    _current = context


def current() -> Context:
    assert _current is not None, 'main.build() installs the context before anything is served'
    return _current
