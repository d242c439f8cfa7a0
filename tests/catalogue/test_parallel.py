"""Work spread over forked workers: results in order, and the garbage collector
left alone on what the workers inherit."""

from __future__ import annotations

import gc
import os

import pytest

from catalogue import parallel


@pytest.fixture(autouse=True)
def two_cores(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "cores", lambda: 2)


def _frozen_in_worker(item: int) -> tuple[int, int, int]:
    return item, gc.get_freeze_count(), os.getpid()


def test_results_come_in_order_from_the_workers() -> None:
    results = list(parallel.parallel_map(_frozen_in_worker, range(30), minimum=2))
    assert [item for item, _, _ in results] == list(range(30))
    assert all(pid != os.getpid() for _, _, pid in results)


def test_workers_inherit_frozen_objects_and_the_parent_gets_them_back() -> None:
    assert gc.get_freeze_count() == 0
    results = list(parallel.parallel_map(_frozen_in_worker, range(30), minimum=2))
    assert all(frozen > 0 for _, frozen, _ in results)
    assert gc.get_freeze_count() == 0


def test_an_error_in_a_worker_leaves_nothing_frozen() -> None:
    def fails(item: int) -> int:
        raise ValueError(f"item {item} failed")

    with pytest.raises(ValueError, match="failed"):
        list(parallel.parallel_map(fails, range(30), minimum=2))
    assert gc.get_freeze_count() == 0


def test_small_jobs_run_here_without_freezing() -> None:
    results = list(parallel.parallel_map(_frozen_in_worker, range(3)))
    assert [(item, frozen, pid) for item, frozen, pid in results] == [
        (item, 0, os.getpid()) for item in range(3)
    ]
