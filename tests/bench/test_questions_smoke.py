"""bench.questions on a small class: every vote counted once and on every page, one order of hands everywhere."""
import subprocess
import sys

from bench.server_process import PROJECT_DIR

from .test_fanout_smoke import row


def test_a_small_class_votes_and_raises_hands_and_every_page_agrees() -> None:
    run = subprocess.run([sys.executable, '-m', 'bench.questions', '--pages', '12'], cwd=PROJECT_DIR,
                         capture_output=True, text=True, timeout=180, check=False)
    assert run.returncode == 0, run.stderr
    for phase in ('votes on one question (coalesced)', 'hands raised at once', 'baseline: reactions to one message'):
        cells = row(run.stdout, phase)
        assert cells[1:3] == ['12', '12/12'], run.stdout
    assert 'hand queue: 12/12 pages show the server\'s order of all 12 hands' in run.stdout
