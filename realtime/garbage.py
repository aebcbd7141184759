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
from nicegui import app

from framework_seams import connected_pages

from .gc_policy import COLLECT_EVERY, LOOK_EVERY, SOONER_AFTER, YOUNG_THRESHOLD, GcPolicy, release_freed_memory

__all__ = ['COLLECT_EVERY', 'SOONER_AFTER', 'YOUNG_THRESHOLD', 'GarbageCollection', 'release_freed_memory']


class GarbageCollection(GcPolicy):
    """The policy of realtime/gc_policy.py, told by NiceGUI when pages open and close, and looked at by its timer."""

    def __init__(self) -> None:
        super().__init__(connected_pages)

    def tune(self) -> None:
        """At start-up, once the app is built."""
        self.start()
        app.on_connect(self._page_opened)
        app.on_delete(self._page_closed)
        app.timer(LOOK_EVERY, self.maintain)

    def _page_opened(self) -> None:
        self.opened()

    def _page_closed(self) -> None:
        self.closed()
