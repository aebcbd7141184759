"""A real StudyHall server (`python main.py`) in a child process on 127.0.0.1, for tests and benchmarks."""
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

PROJECT_DIR = Path(__file__).resolve().parent.parent
# seconds a server may take to answer after its start: about 2 s on a quiet machine, but 25-30 s were measured while
# six test runs shared the two cores (load average 18), and 30 s made a test fail that had nothing wrong
START_TIMEOUT = 90.0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(('127.0.0.1', 0))
        return s.getsockname()[1]


class ServerProcess:
    """Start, stop (gently or with SIGKILL) and restart one server; its data stays in `data_dir` across restarts."""

    def __init__(self, data_dir: Path, *, port: int | None = None, args: tuple[str, ...] = (),
                 env: dict[str, str] | None = None) -> None:
        self.data_dir = data_dir
        self.port = port or free_port()
        self.args = args
        self.env = env or {}
        self.process: subprocess.Popen | None = None
        self.log_path = data_dir / 'server.log'

    @property
    def base_url(self) -> str:
        return f'http://127.0.0.1:{self.port}'

    @property
    def pid(self) -> int:
        assert self.process is not None
        return self.process.pid

    def start(self, timeout: float = START_TIMEOUT) -> 'ServerProcess':
        self.data_dir.mkdir(parents=True, exist_ok=True)
        env = {key: value for key, value in os.environ.items() if not key.startswith(('PYTEST_', 'NICEGUI_'))}
        env.update({
            'STUDYHALL_DATA_DIR': str(self.data_dir / 'data'),
            'STUDYHALL_UPLOADS_DIR': str(self.data_dir / 'uploads'),
            'PYTHONUNBUFFERED': '1',
            **self.env,
        })
        with self.log_path.open('ab') as log:
            self.process = subprocess.Popen(self.command(), cwd=PROJECT_DIR, env=env, stdout=log,
                                            stderr=subprocess.STDOUT)
        self._wait_until_serving(timeout)
        return self

    def command(self) -> list[str]:
        return [sys.executable, str(PROJECT_DIR / 'main.py'), '--host', '127.0.0.1', '--port', str(self.port),
                *self.args]

    def is_serving(self) -> bool:
        return httpx.get(f'{self.base_url}/api/sessions/AAA-AAA', timeout=1).status_code == 404

    def stop(self, *, kill: bool = False, timeout: float = 15) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGKILL if kill else signal.SIGTERM)
        try:
            self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout)

    def restart(self) -> None:
        self.stop()
        self.start()

    def log(self) -> str:
        return self.log_path.read_text(errors='replace') if self.log_path.exists() else ''

    def _wait_until_serving(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f'the server exited with {self.process.returncode}:\n{self.log()[-3000:]}')
            try:
                if self.is_serving():
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.1)
        self.stop(kill=True)
        raise TimeoutError(f'the server did not answer within {timeout} s:\n{self.log()[-3000:]}')

    def __enter__(self) -> 'ServerProcess':
        return self.start()

    def __exit__(self, *_) -> None:
        self.stop()
