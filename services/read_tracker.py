"""Read positions: kept in memory as they move, written and announced in one batch every few seconds."""
import asyncio
import logging

from db import queries
from db.engine import Database
from db.models import ReadPosition, StudySession, utcnow
from realtime.events import ReadPositions
from realtime.hub import Hub

FLUSH_SECONDS = 2.0
log = logging.getLogger(__name__)


class ReadTracker:
    """However many people read however fast, the database sees one transaction and the hub one event per
    session per interval."""

    def __init__(self, db: Database, hub: Hub) -> None:
        self.db = db
        self.hub = hub
        self._moved: dict[int, tuple[int, str, int]] = {}  # participant id -> (session id, name, message id)

    def mark(self, session: StudySession, participant_id: int, name: str, message_id: int) -> None:
        pending = self._moved.get(participant_id)
        if pending is None or pending[2] < message_id:
            self._moved[participant_id] = (session.id, name, message_id)

    async def run(self) -> None:
        while True:
            await asyncio.sleep(FLUSH_SECONDS)
            try:
                await self.flush()
            except Exception:
                log.exception('could not store read positions; will try again')

    async def flush(self) -> None:
        moved, self._moved = self._moved, {}
        if not moved:
            return
        announced: dict[int, dict[str, int]] = {}
        async with self.db.write() as db:
            stored = await queries.read_position_rows(db, list(moved))
            present = await queries.existing_participant_ids(db, list(moved))  # a deleted session's are gone
            for participant_id, (session_id, name, message_id) in moved.items():
                if participant_id not in present:
                    continue
                row = stored.get(participant_id)
                if row is not None and row.last_read_id >= message_id:
                    continue
                row = row or ReadPosition(participant_id=participant_id, session_id=session_id, last_read_id=0)
                row.last_read_id, row.updated_at = message_id, utcnow()
                db.add(row)
                announced.setdefault(session_id, {})[name] = message_id
        for session_id, positions in announced.items():
            await self.hub.publish(session_id, ReadPositions(session_id=session_id, positions=positions))
