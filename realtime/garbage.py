"""Garbage collection tuned for many open pages: no full collection stalls the fan-out while a class is chatting.

Every message makes a task per open page. With Python's default young threshold (700) many of them are still alive
at a young collection, get promoted, and soon trigger full collections that walk every open page's elements and stop
the event loop for up to a second at 1,000 pages (bench/: p99 fan-out 1.3 s). So young collections are made rarer,
and the objects of open pages are frozen out of Python's own collections. The cyclic garbage of closed pages (which
only a full collection frees) is collected on a timer: one full collection after pages were closed, then the
survivors are frozen again.
"""
import gc

from nicegui import app

YOUNG_THRESHOLD = 10_000
EVERY = 30.0  # seconds between looks at whether pages were opened or closed


class GarbageCollection:

    def __init__(self) -> None:
        self.opened = 0
        self.closed = 0

    def tune(self) -> None:
        """At start-up, once the app is built."""
        gc.collect()
        gc.freeze()
        gc.set_threshold(YOUNG_THRESHOLD, *gc.get_threshold()[1:])
        app.on_connect(self._page_opened)
        app.on_delete(self._page_closed)
        app.timer(EVERY, self.maintain)

    def maintain(self) -> None:
        if self.closed:
            gc.unfreeze()
            gc.collect()  # the one full walk: frees what closed pages left
        if self.closed or self.opened:
            gc.freeze()  # what lives on (open pages, mostly) stays out of the automatic collections
        self.opened = self.closed = 0

    def _page_opened(self) -> None:
        self.opened += 1

    def _page_closed(self) -> None:
        self.closed += 1
