"""Garbage collection tuned for many open pages: no full collection stalls the fan-out while a class is chatting.

Every message makes a task per open page. With Python's default young threshold (700) many of them are still alive
at a young collection, get promoted, and soon trigger full collections that walk every open page's elements and stop
the event loop for up to a second at 1,000 pages (bench/: p99 fan-out 1.3 s). So young collections are made rarer,
and the objects of open pages are frozen out of Python's own collections. The cyclic garbage of closed pages (which
only a full collection frees) is collected on a timer: one full collection within 30 s after pages were closed, sooner
once as many pages were closed as are still connected (garbage then fills half the heap; pages that wait for their
browser to come back are not counted, or a stream of short visits would pile up its garbage behind them); then the
survivors are frozen again, and the C heap hands what those pages freed back to the system (glibc keeps freed memory
for reuse otherwise: after 1,000 page visits the server held twice its memory with no page open).
"""
import ctypes
import ctypes.util
import gc
import time

from nicegui import app

from framework_seams import connected_pages

YOUNG_THRESHOLD = 10_000
LOOK_EVERY = 1.0  # seconds between looks at whether pages were opened or closed (a look costs next to nothing)
COLLECT_EVERY = 30.0  # seconds at most between full collections while pages close: each stops the event loop a moment
SOONER_AFTER = 10  # closed pages worth a collection before then, if at least as many as are still connected


class GarbageCollection:

    def __init__(self) -> None:
        self.opened = 0
        self.closed = 0
        self.last_collection = float('-inf')

    def tune(self) -> None:
        """At start-up, once the app is built."""
        gc.collect()
        gc.freeze()
        gc.set_threshold(YOUNG_THRESHOLD, *gc.get_threshold()[1:])
        app.on_connect(self._page_opened)
        app.on_delete(self._page_closed)
        app.timer(LOOK_EVERY, self.maintain)

    def maintain(self) -> None:
        collect = self.closed > 0 and (time.monotonic() - self.last_collection >= COLLECT_EVERY
                                       or self.closed >= max(SOONER_AFTER, connected_pages()))
        if collect:
            gc.unfreeze()
            gc.collect()  # the one full walk: frees what closed pages left
            release_freed_memory()
            self.last_collection = time.monotonic()
            self.closed = 0
        if collect or self.opened:
            gc.freeze()  # what lives on (open pages, mostly) stays out of the automatic collections
            self.opened = 0

    def _page_opened(self) -> None:
        self.opened += 1

    def _page_closed(self) -> None:
        self.closed += 1


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
