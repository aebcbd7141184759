"""Garbage collection tuned for many open pages: no full collection stalls the fan-out while a class is chatting.

Every message makes a task per open page. With Python's default young threshold (700) many of them are still alive
at a young collection, get promoted, and soon trigger full collections that walk every open page's elements and stop
the event loop for up to a second at 1,000 pages (bench/: p99 fan-out 1.3 s). Young collections are therefore made
rarer, the objects of start-up are frozen out of every collection, and the cyclic garbage of closed pages (which
only a full collection frees) is collected on a timer, only after pages were closed.
"""
import gc

from nicegui import app

YOUNG_THRESHOLD = 10_000
FULL_COLLECTION_EVERY = 30.0  # seconds; only when pages were closed meanwhile


class GarbageCollection:

    def __init__(self) -> None:
        self.closed_pages = 0

    def tune(self) -> None:
        """At start-up, once the app is built."""
        gc.collect()
        gc.freeze()
        gc.set_threshold(YOUNG_THRESHOLD, *gc.get_threshold()[1:])
        app.on_delete(self._page_closed)
        app.timer(FULL_COLLECTION_EVERY, self._collect_after_closed_pages)

    def _page_closed(self) -> None:
        self.closed_pages += 1

    def _collect_after_closed_pages(self) -> None:
        if self.closed_pages:
            self.closed_pages = 0
            gc.collect()
