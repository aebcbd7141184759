"""The garbage-collection policy of a server holding many open pages, without the framework (realtime/garbage.py
explains why and wires it to NiceGUI; bench/floor_server.py wires the same policy to its bare sockets, so the floor
runs StudyHall's collections too and stays a lower bound of the same path)."""
import ctypes
import ctypes.util
import gc
import time
from collections.abc import Callable

YOUNG_THRESHOLD = 10_000
LOOK_EVERY = 1.0  # seconds between looks at whether pages were opened or closed (a look costs next to nothing)
COLLECT_EVERY = 30.0  # seconds at most between full collections while pages close: each stops the event loop a moment
SOONER_AFTER = 10  # closed pages worth a collection before then, if at least as many as are still connected


class GcPolicy:
    """`start()` once the server is built, `opened()`/`closed()` for every page, `maintain()` every LOOK_EVERY s."""

    def __init__(self, connected: Callable[[], int]) -> None:
        self.connected = connected  # how many pages are connected now (not those waiting for their browser)
        self.opened_count = 0
        self.closed_count = 0
        self.last_collection = float('-inf')

    def start(self) -> None:
        gc.collect()
        gc.freeze()
        gc.set_threshold(YOUNG_THRESHOLD, *gc.get_threshold()[1:])

    def opened(self) -> None:
        self.opened_count += 1

    def closed(self) -> None:
        self.closed_count += 1

    def maintain(self) -> None:
        collect = self.closed_count > 0 and (time.monotonic() - self.last_collection >= COLLECT_EVERY
                                             or self.closed_count >= max(SOONER_AFTER, self.connected()))
        if collect:
            gc.unfreeze()
            gc.collect()  # the one full walk: frees what closed pages left
            release_freed_memory()
            self.last_collection = time.monotonic()
            self.closed_count = 0
        if collect or self.opened_count:
            gc.freeze()  # what lives on (open pages, mostly) stays out of the automatic collections
            self.opened_count = 0


def _glibc_trim():
    """glibc's `malloc_trim`, or None on other C libraries (musl, macOS, Windows)."""
    try:
        return ctypes.CDLL(ctypes.util.find_library('c') or 'libc.so.6').malloc_trim
    except (OSError, AttributeError):
        return None


_malloc_trim = _glibc_trim()


def release_freed_memory() -> None:
    if _malloc_trim is not None:
        _malloc_trim(0)
