"""The poll benchmark's smoke run: 20 simulated pages answer one poll; every answer counted once, on every page."""
import json
import subprocess
import sys

from bench.server_process import PROJECT_DIR


def test_twenty_pages_answer_one_poll_and_every_answer_counts_once() -> None:
    run = subprocess.run([sys.executable, '-m', 'bench.poll_burst', '--pages', '20', '--within', '0.5'],
                         cwd=PROJECT_DIR, capture_output=True, text=True, timeout=180, check=False)
    assert run.returncode == 0, run.stderr
    figures = json.loads(run.stdout.strip().splitlines()[-1])
    assert (figures['answers_counted'], figures['votes_counted'], figures['exactly_once']) == (20, 20, True)
    assert figures['count_updates_per_page'] < 20  # coalesced: fewer updates than answers
