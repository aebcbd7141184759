"""Answers to polls are written in batches, as a group commit: while one transaction writes, the answers arriving
meanwhile wait for the next, which writes them all at once. A quiet session's answer is written at once; a class of
500 answering within two seconds costs a few dozen transactions instead of 500 one after another (SQLite has one
writer at a time, and each commit waits for the disk). Each answer is still its own row under its unique key and
is checked on its own: one refused answer refuses nothing else, and all that were taken go to the database as one
statement (the last of one person's answers in a batch wins, as it would one after another)."""
import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar, cast

from sqlmodel.ext.asyncio.session import AsyncSession

from db import activity_queries as q
from db.engine import Database

from .errors import ServiceError

T = TypeVar('T')


@dataclass
class Pending:
    check: Callable[[AsyncSession], Awaitable[tuple[q.AnswerRow, Any]]]  # (the row to write, what to answer)
    done: asyncio.Future = field(default_factory=lambda: asyncio.get_running_loop().create_future())


class AnswerBatch:

    def __init__(self, db: Database) -> None:
        self.db = db
        self._pending: list[Pending] = []
        self._writer: asyncio.Task | None = None
        self.transactions = 0  # how many batches were written (tests and benchmarks read it)

    async def submit(self, check: Callable[[AsyncSession], Awaitable[tuple[q.AnswerRow, T]]]) -> T:
        """`check(db)` in the next batch's transaction gives the answer's row or raises the ServiceError that refuses
        it; once the batch is written: what `check` gave to answer with, or that refusal."""
        pending = Pending(check)
        self._pending.append(pending)
        if self._writer is None:
            self._writer = asyncio.create_task(self._drain(), name='write poll answers')
        return cast(T, await pending.done)

    async def _drain(self) -> None:
        try:
            while self._pending:
                batch, self._pending = self._pending, []
                await self._write(batch)
        finally:
            self._writer = None

    async def _write(self, batch: list[Pending]) -> None:
        results: list[tuple[Pending, object, ServiceError | None]] = []
        try:
            rows: dict[tuple[int, str], q.AnswerRow] = {}
            async with self.db.write() as db:
                for pending in batch:
                    try:  # (a check refuses before anything is written: a refusal leaves nothing to undo)
                        row, result = await pending.check(db)
                    except ServiceError as error:
                        results.append((pending, None, error))
                        continue
                    rows[row.poll_id, row.voter] = row
                    results.append((pending, result, None))
                await q.answers(db, list(rows.values()))
            self.transactions += 1
        except Exception as error:  # the transaction failed as a whole: nothing of it was written
            for pending in batch:
                if not pending.done.done():
                    pending.done.set_exception(error)
            return
        for pending, result, refusal in results:
            if refusal is not None:
                pending.done.set_exception(refusal)
            else:
                pending.done.set_result(result)
