"""The code passes its own static checks, as pyproject.toml configures them: ruff's lint rules and mypy's types."""
import subprocess
import sys
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parents[1]


def _run(*command: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, '-m', *command], cwd=PROJECT_DIR, capture_output=True, text=True,
                          timeout=300)


def test_ruff_finds_nothing() -> None:
    result = _run('ruff', 'check', '--no-cache', '.')
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_finds_no_type_errors() -> None:
    result = _run('mypy')
    assert result.returncode == 0, result.stdout + result.stderr
