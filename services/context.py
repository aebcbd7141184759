"""The parts every service needs, wired once by `main.py` (tests wire their own)."""
import logging
from dataclasses import dataclass, field

from db import queries
from db.engine import Database
from realtime.fanout import SocketFanout
from realtime.hub import Hub
from settings import Settings

from .flood import FloodGuard
from .storage import FileStore

log = logging.getLogger(__name__)


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
        await self._sweep_files()
        await self.hub.start()

    async def _sweep_files(self) -> None:
        """Temp files of interrupted uploads, and stored files whose row never came; a broken disk stops no chat."""
        try:
            temporary = await self.files.sweep_temporary()
            async with self.db.read() as db:
                referenced = await queries.stored_hashes(db)
            orphans = await self.files.sweep_orphans(referenced, self.settings.orphan_grace_seconds)
        except OSError as e:
            log.warning('could not sweep the uploads folder %s: %s', self.files.root, e)
            return
        if temporary or orphans:
            log.info('removed %d temp files and %d unreferenced files from %s', temporary, orphans, self.files.root)

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
