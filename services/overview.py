"""What the owner sees of the server: every session with its figures, and the server's own facts."""
import shutil
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from importlib.metadata import PackageNotFoundError
from importlib.metadata import version as package_version
from pathlib import Path

from pydantic import BaseModel
from sqlalchemy import Select, func, text
from sqlalchemy import select as select_columns
from sqlalchemy.engine import make_url
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from db.models import Material, Message, Participant, StudySession
from db.schemas import UtcDatetime, display_code
from framework_seams import io_bound

from .context import Context

STARTED = time.monotonic()  # when this process imported its services: the uptime the owner sees


class SessionFigures(BaseModel):
    code: str
    title: str
    status: str
    people_online: int  # connected to any process of the deployment
    people: int
    messages: int
    materials: int
    storage_bytes: int
    created_at: UtcDatetime
    last_active_at: UtcDatetime
    closed_at: UtcDatetime | None = None
    due_for_deletion_at: UtcDatetime | None = None  # with --delete-closed-after-days


class ServerStatus(BaseModel):
    version: str
    uptime_s: int
    people_online: int
    sessions: int
    uploads_bytes: int
    disk_free_bytes: int
    database_bytes: int | None  # None: not measurable from here (PostgreSQL without the rights to ask)


async def sessions(ctx: Context) -> list[SessionFigures]:
    """Every session, most recently active first; one query for all their figures."""
    async with ctx.db.read() as db:
        rows = (await db.exec(_figures_query())).all()  # type: ignore[call-overload]  # seven columns
    keep_days = ctx.settings.delete_closed_after_days
    figures = []
    for session, people, messages, last_message, materials, storage, last_material in rows:
        last_active = max(_times(session.created_at, last_message, last_material))
        due = session.closed_at + timedelta(days=keep_days) if keep_days and session.closed_at else None
        figures.append(SessionFigures(
            code=display_code(session.code), title=session.title, status=session.status,
            people_online=len(ctx.presence.online(session.id)), people=people, messages=messages,
            materials=materials, storage_bytes=storage, created_at=session.created_at, last_active_at=last_active,
            closed_at=session.closed_at, due_for_deletion_at=due))
    return sorted(figures, key=lambda row: row.last_active_at, reverse=True)


def _figures_query() -> Select:
    people = select(Participant.session_id, func.count().label('n')).group_by(col(Participant.session_id)).subquery()
    messages = select(Message.session_id, func.count().label('n'), func.max(Message.created_at).label('last')) \
        .where(col(Message.deleted_at).is_(None)).group_by(col(Message.session_id)).subquery()
    files = select(Material.session_id, func.count().label('n'), func.sum(Material.size).label('bytes'),
                   func.max(Material.created_at).label('last')).group_by(col(Material.session_id)).subquery()
    return select_columns(StudySession, func.coalesce(people.c.n, 0), func.coalesce(messages.c.n, 0), messages.c.last,
                  func.coalesce(files.c.n, 0), func.coalesce(files.c.bytes, 0), files.c.last) \
        .outerjoin(people, people.c.session_id == StudySession.id) \
        .outerjoin(messages, messages.c.session_id == StudySession.id) \
        .outerjoin(files, files.c.session_id == StudySession.id)


def _times(*values: datetime | None) -> list[datetime]:
    """SQLite hands times back without their zone: they are UTC."""
    return [value if value.tzinfo else value.replace(tzinfo=UTC) for value in values if value is not None]


def app_version() -> str:
    try:
        return package_version('studyhall')
    except PackageNotFoundError:  # run from a checkout that was never installed
        return '0+unknown'


async def status(ctx: Context, *, disk_max_age: float = 0) -> ServerStatus:
    """`disk_max_age`: the uploads figures may be this many seconds old (walking the folder of 10,000 files takes
    about half a second: a page that asks every few seconds reuses them)."""
    async with ctx.db.read() as db:
        count = (await db.exec(select(func.count()).select_from(StudySession))).one()
        database_bytes = await _database_bytes(ctx, db)
    disk = await _disk_of(ctx.files.root, disk_max_age)
    online = sum(len(ctx.presence.online(session_id)) for session_id in ctx.presence.sessions())  # every process's
    return ServerStatus(version=app_version(), uptime_s=int(time.monotonic() - STARTED), people_online=online,
                        sessions=count, uploads_bytes=disk.uploads_bytes, disk_free_bytes=disk.free_bytes,
                        database_bytes=database_bytes)


@dataclass(frozen=True)
class _Disk:
    uploads_bytes: int
    free_bytes: int


_measured: dict[Path, tuple[float, _Disk]] = {}


async def _disk_of(root: Path, max_age: float) -> _Disk:
    cached = _measured.get(root)
    if cached is None or time.monotonic() - cached[0] > max_age:
        cached = _measured[root] = (time.monotonic(), await io_bound(_disk, root))
    return cached[1]


def _disk(root: Path) -> _Disk:
    """Blocking: walks the uploads folder (the files each count once, however many sessions share them)."""
    used = sum(path.stat().st_size for path in root.rglob('*') if path.is_file())
    return _Disk(used, shutil.disk_usage(root).free)


async def _database_bytes(ctx: Context, db: AsyncSession) -> int | None:
    if ctx.db.is_sqlite:
        path = Path(make_url(ctx.db.url).database or '')
        return await io_bound(_sqlite_bytes, path)
    return (await db.exec(text('SELECT pg_database_size(current_database())'))).scalar_one()  # type: ignore[call-overload]


def _sqlite_bytes(path: Path) -> int:
    """The database file with its write-ahead log (what a copy of it takes)."""
    return sum(part.stat().st_size for part in (path, path.with_name(path.name + '-wal')) if part.exists())
