"""The load generator's smoke run: both servers, 20 simulated clients, 10 messages, one table with nothing lost."""
import subprocess
import sys

from bench.server_process import PROJECT_DIR


def row(output: str, label: str) -> list[str]:
    for line in output.splitlines():
        cells = [cell.strip() for cell in line.strip().strip('|').split('|')]
        if cells[0] == label:
            return cells[1:]
    raise AssertionError(f'no {label!r} row in:\n{output}')


def test_the_smoke_run_prints_a_table_with_every_message_delivered() -> None:
    run = subprocess.run([sys.executable, '-m', 'bench.fanout', '--smoke'], cwd=PROJECT_DIR, capture_output=True,
                         text=True, timeout=180, check=False)
    assert run.returncode == 0, run.stderr
    assert row(run.stdout, 'metric')[:2] == ['StudyHall', 'floor']
    assert row(run.stdout, 'clients connected')[:2] == ['20', '20']
    assert row(run.stdout, 'messages sent')[:2] == ['10', '10']
    assert row(run.stdout, 'lost deliveries')[:2] == ['0', '0']
