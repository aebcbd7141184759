"""The floor runs StudyHall's garbage-collection policy, so that it is a lower bound of the same path."""
import httpx

from bench.floor_server import FloorProcess
from realtime.gc_policy import YOUNG_THRESHOLD


def test_the_floor_server_collects_garbage_as_studyhall_does(tmp_path) -> None:
    with FloorProcess(tmp_path / 'floor') as floor:
        health = httpx.get(f'{floor.base_url}/api/health', timeout=10).json()
    assert health['gc_young_threshold'] == YOUNG_THRESHOLD


def test_for_an_a_b_the_floor_can_run_python_s_default_collections(tmp_path) -> None:
    with FloorProcess(tmp_path / 'floor', env={'BENCH_FLOOR_GC': 'default'}) as floor:
        health = httpx.get(f'{floor.base_url}/api/health', timeout=10).json()
    assert health['gc_young_threshold'] == 700  # CPython's default
