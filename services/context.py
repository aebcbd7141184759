"""The parts every service needs, wired once by `main.py` (tests wire their own)."""
from dataclasses import dataclass, field

from db.engine import Database
from realtime.fanout import SocketFanout
from realtime.hub import Hub
from settings import Settings

from .flood import FloodGuard
from .storage import FileStore


@dataclass
class Context:
    settings: Settings
    db: Database
    hub: Hub
    fanout: SocketFanout
    files: FileStore
    flood: FloodGuard = field(default=None)  # made from the settings when not given

    def __post_init__(self) -> None:
        if self.flood is None:
            self.flood = FloodGuard(self.settings)

    async def start(self) -> None:
        await self.db.ensure_ready()
        await self.files.sweep_temporary()
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
