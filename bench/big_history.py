"""Opening a session with a huge history: server time per page against a small session, and the older-page query plan.

    python -m bench.big_history              # 100,000 messages against 1,000, 20 page loads each
"""
import argparse
import os
import sqlite3
import statistics
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

import httpx
import psutil

from db import queries
from services.rendering import render_message

from .server_process import ServerProcess

FRESH_LOADS = 5
OLDER_PAGE_SQL = ('SELECT * FROM message WHERE session_id = ? AND id < ? ORDER BY id DESC LIMIT 51')


def seed(database: Path, session_id: int, count: int) -> None:
    """Real rows, inserted in bulk (the FTS index is kept by its triggers as for any insert)."""
    body = 'A message of an ordinary length, with **some** Markdown in it: $x^2$.'
    html = render_message(body)
    now = datetime.now(UTC).isoformat(sep=' ')
    with sqlite3.connect(database) as connection:
        participant = connection.execute('INSERT INTO participant (session_id, name, name_key, created_at, is_host, '
                                         'muted, removed) VALUES (?, ?, ?, ?, 0, 0, 0)',
                                         (session_id, 'Seeder', 'seeder', now)).lastrowid
        connection.executemany('INSERT INTO message (session_id, participant_id, author, body, html, created_at) '
                               'VALUES (?, ?, ?, ?, ?, ?)',
                               ((session_id, participant, 'Seeder', body, html, now) for _ in range(count)))


def page_figures(server: ServerProcess, code: str, loads: int) -> tuple[float, float, float]:
    """Server CPU ms per page load (all loads back to back, CPU clock ticks are 10 ms), median wall ms, and median
    wall ms of a load right after a new message (pages opening one after another share what they read, until the
    session changes: services/opening.py)."""
    process = psutil.Process(server.pid)
    wall, fresh = [], []
    with httpx.Client(base_url=server.base_url, timeout=30) as client:
        client.get(f'/s/{code}?name=Reader').raise_for_status()  # joins once; the loads measured are reloads
        time.sleep(1)
        before = process.cpu_times()
        for _ in range(loads):
            started = time.perf_counter()
            client.get(f'/s/{code}?name=Reader').raise_for_status()
            wall.append((time.perf_counter() - started) * 1000)
        after = process.cpu_times()
        for i in range(FRESH_LOADS):
            client.post(f'/api/sessions/{code}/messages', json={'author': 'Poster', 'body': f'new {i}'}) \
                .raise_for_status()
            started = time.perf_counter()
            client.get(f'/s/{code}?name=Reader').raise_for_status()
            fresh.append((time.perf_counter() - started) * 1000)
    cpu = (after.user + after.system - before.user - before.system) * 1000 / loads
    return cpu, statistics.median(wall), statistics.median(fresh)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--messages', type=int, default=100_000)
    parser.add_argument('--baseline', type=int, default=1_000)
    parser.add_argument('--loads', type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix='studyhall-history-') as folder, \
            ServerProcess(Path(folder)) as server:
        sessions = {}
        for label, count in (('small', args.baseline), ('huge', args.messages)):
            code = httpx.post(f'{server.base_url}/api/sessions', json={'title': label}).json()['code']
            sessions[label] = (code, count)
        database = Path(folder) / 'data' / 'studyhall.db'
        started = time.perf_counter()
        for session_id, (_, count) in enumerate(sessions.values(), start=1):
            seed(database, session_id, count)
        seeding = time.perf_counter() - started
        rows = []
        for label, (code, count) in sessions.items():
            rows.append((label, count, *page_figures(server, code, args.loads)))
        with sqlite3.connect(database) as connection:
            plan_rows = connection.execute(f'EXPLAIN QUERY PLAN {OLDER_PAGE_SQL}', (2, 50_000))
            plan = ' / '.join(row[-1] for row in plan_rows)
            started = time.perf_counter()
            connection.execute(OLDER_PAGE_SQL, (2, 50_000)).fetchall()
            older_ms = (time.perf_counter() - started) * 1000
    print(f'**big history** · {os.cpu_count()} cores · seeded {sum(c for _, c in sessions.values()):,} rows '
          f'in {seeding:.1f} s\n')
    print('| session | messages | page load, server CPU (ms) | page load, wall (median ms) '
          '| after a new message, wall (median ms) |')
    print('| --- | --- | --- | --- | --- |')
    for label, count, cpu, wall, fresh in rows:
        print(f'| {label} | {count:,} | {cpu:.1f} | {wall:.1f} | {fresh:.1f} |')
    ratio = rows[1][2] / rows[0][2] if rows[0][2] else float('nan')
    print(f'\nhuge / small server CPU: {ratio:.2f}x')
    print(f'older page (51 rows before id 50,000): {older_ms:.2f} ms; plan: {plan}')
    print(f'the query the app runs: db.queries.messages_before ({queries.messages_before.__doc__.strip()})')


if __name__ == '__main__':
    main()
