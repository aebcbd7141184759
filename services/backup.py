"""`python main.py backup --to DIR`: a consistent copy of the database and the shared files, server running or not.

The database is copied first with SQLite's online backup API (one read transaction: a snapshot, while writers go
on), then the files. A row is only written after its file is in place, so every file the copy refers to exists.
Restore by starting with `--data-dir DIR/data --uploads-dir DIR/uploads`.
"""
import argparse
import logging
import os
import shutil
import sqlite3
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import make_url

from settings import Settings

from .storage import FileStore

log = logging.getLogger(__name__)

DATABASE_NAME = 'studyhall.db'


@dataclass(frozen=True)
class BackupReport:
    database: Path
    integrity: str
    files_copied: int
    files_already_there: int
    files_missing: int

    @property
    def ok(self) -> bool:
        return self.integrity == 'ok' and self.files_missing == 0


def backup(settings: Settings, target: Path) -> BackupReport:
    url = make_url(settings.resolved_database_url)
    if not url.drivername.startswith('sqlite'):
        raise SystemExit(f'backup copies SQLite databases; for {url.drivername} use its own tool (e.g. pg_dump)')
    source = Path(url.database or '')
    if not url.database or not source.exists():
        raise SystemExit(f'there is no database at {source}')
    (target / 'data').mkdir(parents=True, exist_ok=True)
    (target / 'uploads').mkdir(exist_ok=True)
    database = target / 'data' / DATABASE_NAME
    integrity = copy_database(source, database)
    copied, present = copy_files(FileStore(settings.uploads_dir), target / 'uploads')
    missing = len(_hashes_in(database) - {path.name for path in FileStore(target / 'uploads').stored_files()})
    return BackupReport(database, integrity, copied, present, missing)


def copy_database(source: Path, target: Path) -> str:
    """Copy in one step (a consistent snapshot), check it, and only then put it in place; returns integrity_check."""
    partial = target.with_name(target.name + '.part')
    partial.unlink(missing_ok=True)
    with closing(sqlite3.connect(f'file:{source}?mode=rw', uri=True, timeout=10)) as src, \
            closing(sqlite3.connect(partial)) as dst:
        src.backup(dst)
        dst.execute('PRAGMA journal_mode=DELETE')  # one self-contained file
        integrity = dst.execute('PRAGMA integrity_check').fetchone()[0]
    os.replace(partial, target)
    return integrity


def copy_files(store: FileStore, target_root: Path) -> tuple[int, int]:
    """Copy the stored files that the target lacks (content-addressed: a name present is the same content)."""
    copied = present = 0
    for path in store.stored_files():
        target = target_root / path.parent.name / path.name
        if target.exists() and target.stat().st_size == path.stat().st_size:
            present += 1
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(target.name + '.part')
        shutil.copyfile(path, partial)
        os.replace(partial, target)
        copied += 1
    return copied, present


def _hashes_in(database: Path) -> set[str]:
    with closing(sqlite3.connect(database)) as db:
        return {row[0] for row in db.execute('SELECT DISTINCT sha256 FROM material')}


def cli(argv: list[str]) -> int:
    """`backup --to DIR [settings flags such as --data-dir]`; exit code 0 when the copy is complete and sound."""
    parser = argparse.ArgumentParser(prog='studyhall backup', description=__doc__.splitlines()[0])
    parser.add_argument('--to', type=Path, required=True, help='folder for the copy (made if missing)')
    options, rest = parser.parse_known_args(argv)
    report = backup(Settings(_cli_parse_args=rest), options.to)
    log.info('backup in %s: database %s (integrity_check: %s), %d files copied, %d already there, %d missing',
             options.to, report.database, report.integrity, report.files_copied, report.files_already_there,
             report.files_missing)
    return 0 if report.ok else 1
