import gc
import time
import weakref
from types import SimpleNamespace

import pytest
from nicegui import Client

from realtime import garbage


@pytest.fixture
def restore_gc():
    thresholds = gc.get_threshold()
    gc.disable()  # only the collections under test run
    yield
    gc.enable()
    gc.set_threshold(*thresholds)
    gc.unfreeze()


def test_tuning_makes_young_collections_rarer_and_freezes_what_start_up_made(restore_gc, monkeypatch) -> None:
    hooks = []
    monkeypatch.setattr(garbage.app, 'on_connect', hooks.append)
    monkeypatch.setattr(garbage.app, 'on_delete', hooks.append)
    monkeypatch.setattr(garbage.app, 'timer', lambda interval, callback: hooks.append((interval, callback)))
    garbage.GarbageCollection().tune()
    assert gc.get_threshold()[0] == garbage.YOUNG_THRESHOLD
    assert gc.get_freeze_count() > 0
    assert len(hooks) == 3


class Page:
    def __init__(self) -> None:
        self.me = self  # a cycle: only a collection frees it


def test_closed_pages_get_one_full_collection_and_open_ones_are_frozen(restore_gc) -> None:
    tuning = garbage.GarbageCollection()
    tuning._page_opened()
    kept = Page()
    tuning.maintain()
    frozen = gc.get_freeze_count()
    assert frozen > 0 and gc.is_tracked(kept)

    left = Page()
    gone = weakref.ref(left)
    del left
    tuning._page_closed()
    tuning.maintain()
    assert gone() is None
    assert gc.get_freeze_count() > 0

    before = gc.get_freeze_count()
    tuning.maintain()  # nothing happened: nothing to do
    assert gc.get_freeze_count() == before


def test_full_collections_are_spaced_out(restore_gc) -> None:
    tuning = garbage.GarbageCollection()
    tuning._page_closed()
    tuning.maintain()

    left = Page()
    gone = weakref.ref(left)
    del left
    tuning._page_opened()
    tuning._page_closed()
    tuning.maintain()  # a page was opened: frozen with the garbage, but no second full walk yet
    assert gone() is not None

    tuning.last_collection -= garbage.COLLECT_EVERY
    tuning.maintain()
    assert gone() is None


@pytest.mark.parametrize(('connected', 'collected'), [(False, True), (True, False)])
def test_a_collection_comes_sooner_after_as_many_pages_closed_as_are_still_connected(restore_gc, monkeypatch,
                                                                                     connected, collected) -> None:
    # 100 pages the server still holds: connected, or waiting for their browser to come back (a closed tab)
    held = {str(i): SimpleNamespace(has_socket_connection=connected) for i in range(100)}
    monkeypatch.setattr(Client, 'instances', held)
    tuning = garbage.GarbageCollection()
    tuning.last_collection = time.monotonic()  # the timer is not due
    left = Page()
    gone = weakref.ref(left)
    del left
    for _ in range(garbage.SOONER_AFTER):
        tuning._page_closed()
    tuning.maintain()
    assert (gone() is None) == collected
