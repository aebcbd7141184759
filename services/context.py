"""The parts every service needs, wired once by `main.py` (tests wire their own)."""
import asyncio
import contextlib
import logging
from dataclasses import dataclass, field

from nicegui import background_tasks

from db import queries
from db.engine import Database
from realtime.coalescer import Coalescer
from realtime.fanout import SocketFanout
from realtime.hub import Hub
from realtime.presence import Presence
from realtime.session_cache import SessionCache
from realtime.shared_presence import SharedPresence
from settings import Settings

from .answer_batch import AnswerBatch
from .flood import FloodGuard
from .previews import Previews
from .read_tracker import ReadTracker
from .render_budget import RenderBudget
from .rendering import warm_up
from .storage import STALE_TEMP_SECONDS, FileStore

log = logging.getLogger(__name__)


@dataclass
class Context:
    settings: Settings
    db: Database
    hub: Hub
    fanout: SocketFanout
    files: FileStore
    presence: Presence
    reads: ReadTracker
    flood: FloodGuard
    rendering: RenderBudget
    owner_key: str  # the owner link's key (services/owner.py)
    previews: Previews = field(default_factory=Previews)
    openings: SessionCache = field(default_factory=SessionCache)  # what session pages show as they open (opening.py)
    coalescers: dict[str, Coalescer] = field(default_factory=dict)  # by name; made by the services that use them
    _tasks: list[asyncio.Task] = field(default_factory=list)
    poll_counts: Coalescer[int] = field(init=False)  # a poll's counts reach the pages a few times a second at most
    answers: AnswerBatch = field(init=False)  # poll answers arriving together are written together

    def __post_init__(self) -> None:
        self.poll_counts = Coalescer(self._publish_poll_counts, name='poll counts')
        self.answers = AnswerBatch(self.db)

    async def _publish_poll_counts(self, session_id: int, poll_ids: set[int]) -> None:
        from . import polls  # (polls needs the context)
        await polls.publish_counts(self, session_id, poll_ids)

    @classmethod
    def wire(cls, settings: Settings, hub: Hub, sio) -> 'Context':
        """The parts as the app uses them: the database of the settings, files in the uploads folder."""
        database = Database(settings.resolved_database_url, pool_size=settings.database_pool_size)
        presence = SharedPresence(hub, heartbeat=settings.presence_heartbeat_seconds) if settings.redis_url \
            else Presence(hub)
        return cls(settings=settings, db=database, hub=hub, fanout=SocketFanout(hub, sio),
                   files=FileStore(settings.uploads_dir), presence=presence, reads=ReadTracker(database, hub),
                   flood=FloodGuard(settings), rendering=RenderBudget(settings.render_budget_ms / 1000),
                   owner_key=settings.resolved_owner_key())

    async def start(self) -> None:
        warm_up()
        await self.db.ensure_ready()
        await self._sweep_files()
        await self.hub.start()
        self._tasks.append(background_tasks.create(self.reads.run(), name='store read positions'))
        self._tasks.append(background_tasks.create(self.presence.run(), name='presence heartbeat'))
        await self._resume_quiz_deadlines()

    async def _resume_quiz_deadlines(self) -> None:
        from . import polls  # (polls needs the context)
        try:
            await polls.resume_deadlines(self)
        except Exception:
            log.exception('could not look for quizzes running when the server stopped')

    async def _sweep_files(self) -> None:
        """Temp files of interrupted uploads, and stored files whose row never came; a broken disk stops no chat."""
        try:
            # with Redis, other processes may be receiving uploads into the same shared folder right now
            shared_folder = self.settings.redis_url is not None
            temporary = await self.files.sweep_temporary(older_than=STALE_TEMP_SECONDS if shared_folder else 0)
            async with self.db.read() as db:
                referenced = await queries.stored_hashes(db)
            orphans = await self.files.sweep_orphans(referenced, self.settings.orphan_grace_seconds)
        except OSError as e:
            log.warning('could not sweep the uploads folder %s: %s', self.files.root, e)
            return
        if temporary or orphans:
            log.info('removed %d temp files and %d unreferenced files from %s', temporary, orphans, self.files.root)

    async def stop(self) -> None:
        for task in self._tasks:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
        await self.reads.flush()
        await self.poll_counts.drain()
        for coalescer in self.coalescers.values():
            await coalescer.drain()
        await self.rendering.stop()
        await self.hub.stop()
        await self.db.dispose()


_current: Context | None = None


def install(context: Context) -> None:
    global _current
    _current = context


def installed() -> Context | None:
    """The context, if one is installed (checks that work without one, such as `host.is_host`)."""
    return _current


def current() -> Context:
    assert _current is not None, 'main.build() installs the context before anything is served'
    return _current
