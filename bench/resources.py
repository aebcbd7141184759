"""CPU and memory of the server under test, of the load generator itself and of everything else on the machine."""
import asyncio
import os
import time
from dataclasses import dataclass

import psutil

from .deliveries import percentile

MB = 1024 * 1024


def _busy_seconds(times) -> float:
    return times.user + times.system


def machine_busy_seconds() -> float:
    """CPU seconds all cores spent outside idle and iowait since boot."""
    times = psutil.cpu_times()
    return sum(times) - times.idle - getattr(times, 'iowait', 0.0)


def load_average() -> float:
    return os.getloadavg()[0]


@dataclass
class Usage:
    """What one phase cost: wall time and CPU seconds of the server, of this process and of all other processes."""
    wall: float
    server_cpu: float
    generator_cpu: float
    others_cpu: float
    loop_lag_p99: float
    loop_lag_max: float


class PhaseMeter:
    """Measures a phase of the run (`start()` ... `stop()`); also samples this event loop's lag meanwhile."""

    LAG_TICK = 0.05

    def __init__(self, server_pid: int) -> None:
        self.server = psutil.Process(server_pid)
        self.me = psutil.Process()
        self._lags: list[float] = []
        self._ticker: asyncio.Task | None = None

    def server_rss(self) -> int:
        return self.server.memory_info().rss

    def start(self) -> None:
        self._lags.clear()
        self._ticker = asyncio.create_task(self._tick())
        self._t0 = time.monotonic()
        self._server0 = _busy_seconds(self.server.cpu_times())
        self._me0 = _busy_seconds(self.me.cpu_times())
        self._machine0 = machine_busy_seconds()

    async def stop(self) -> Usage:
        wall = time.monotonic() - self._t0
        server = _busy_seconds(self.server.cpu_times()) - self._server0
        me = _busy_seconds(self.me.cpu_times()) - self._me0
        machine = machine_busy_seconds() - self._machine0
        if self._ticker is not None:
            self._ticker.cancel()
            await asyncio.gather(self._ticker, return_exceptions=True)  # unlike suppress(), keeps our own cancel
        return Usage(wall=wall, server_cpu=server, generator_cpu=me, others_cpu=max(0.0, machine - server - me),
                     loop_lag_p99=percentile(self._lags, 0.99), loop_lag_max=max(self._lags, default=0.0))

    async def _tick(self) -> None:
        """How late a short sleep wakes up: a busy generator's own delay, which its latency figures include."""
        while True:
            before = time.monotonic()
            await asyncio.sleep(self.LAG_TICK)
            self._lags.append(time.monotonic() - before - self.LAG_TICK)
