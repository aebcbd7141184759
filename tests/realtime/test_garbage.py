import gc

import pytest

from realtime import garbage


@pytest.fixture
def restore_gc():
    thresholds = gc.get_threshold()
    yield
    gc.set_threshold(*thresholds)
    gc.unfreeze()


def test_tuning_makes_young_collections_rarer_and_freezes_what_start_up_made(restore_gc, monkeypatch) -> None:
    hooks = []
    monkeypatch.setattr(garbage.app, 'on_delete', hooks.append)
    monkeypatch.setattr(garbage.app, 'timer', lambda interval, callback: hooks.append((interval, callback)))
    garbage.GarbageCollection().tune()
    assert gc.get_threshold()[0] == garbage.YOUNG_THRESHOLD
    assert gc.get_freeze_count() > 0
    assert len(hooks) == 2


def test_a_full_collection_runs_only_after_pages_were_closed(monkeypatch) -> None:
    collections = []
    monkeypatch.setattr(garbage.gc, 'collect', lambda: collections.append(1))
    tuning = garbage.GarbageCollection()
    tuning._collect_after_closed_pages()
    assert collections == []
    tuning._page_closed()
    tuning._page_closed()
    tuning._collect_after_closed_pages()
    tuning._collect_after_closed_pages()
    assert collections == [1]
