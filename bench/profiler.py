"""Optional py-spy sampling of a server during the measured phase (collapsed stacks, for flame graphs)."""
import logging
import shutil
import signal
import subprocess
from pathlib import Path

log = logging.getLogger(__name__)


class Profiler:
    """`py-spy record` on one PID from `start()` to `stop()`; nothing at all when no output path is given."""

    def __init__(self, output: Path | None) -> None:
        self.output = output
        self.process: subprocess.Popen | None = None

    def start(self, pid: int) -> None:
        if self.output is None:
            return
        py_spy = shutil.which('py-spy')
        if py_spy is None:
            log.warning('py-spy is not installed (pip install -e ".[bench]"): no profile')
            return
        self.output.parent.mkdir(parents=True, exist_ok=True)
        self.process = subprocess.Popen([py_spy, 'record', '--pid', str(pid), '--rate', '200', '--nonblocking',
                                         '--format', 'raw', '--output', str(self.output)],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGINT)  # py-spy writes its output on SIGINT
        try:
            self.process.wait(15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        log.warning('profile of the measured phase: %s', self.output)
