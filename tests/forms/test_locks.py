"""The store's cross-process locks: one holder at a time, none left by a crash."""

from __future__ import annotations

import multiprocessing
import os
import stat
import threading
from multiprocessing.synchronize import Event
from pathlib import Path

import pytest

from forms_service.store.locks import Locks, LockTimeout


def test_a_taken_lock_refuses_a_second_holder_until_released(tmp_path: Path) -> None:
    locks = Locks(tmp_path)
    with locks("submission-1"):
        with pytest.raises(LockTimeout):
            locks("submission-1").acquire(timeout=0)
        with locks("submission-2").acquire(timeout=0):  # another name is free
            pass
    with locks("submission-1").acquire(timeout=0):
        pass


def test_a_waiting_holder_gets_the_lock_when_it_is_released(tmp_path: Path) -> None:
    locks = Locks(tmp_path)
    taken, order = threading.Event(), []

    def hold() -> None:
        with locks("index"):
            taken.set()
            order.append("first in")
            threading.Event().wait(0.2)
            order.append("first out")

    holder = threading.Thread(target=hold)
    holder.start()
    taken.wait(10)
    with locks("index").acquire(timeout=10):
        order.append("second in")
    holder.join()
    assert order == ["first in", "first out", "second in"]


def test_waiting_gives_up_after_the_timeout(tmp_path: Path) -> None:
    locks = Locks(tmp_path)
    with locks("counter-2026"), pytest.raises(LockTimeout, match="still taken"):
        locks("counter-2026").acquire(timeout=0.05)


def test_an_error_in_the_block_releases_the_lock(tmp_path: Path) -> None:
    locks = Locks(tmp_path)
    with pytest.raises(ValueError, match="failed"), locks("draft-1"):
        raise ValueError("the block failed")
    with locks("draft-1").acquire(timeout=0):
        pass


def test_one_lock_object_can_be_taken_again_after_release(tmp_path: Path) -> None:
    lock = Locks(tmp_path)("mail-1")
    for _ in range(3):
        with lock:
            with pytest.raises(LockTimeout):
                Locks(tmp_path)("mail-1").acquire(timeout=0)


def test_lock_files_are_private_to_the_service_user(tmp_path: Path) -> None:
    with Locks(tmp_path)("rate-1"):
        pass
    (path,) = (tmp_path / "locks").iterdir()
    assert stat.S_IMODE(path.stat().st_mode) & 0o077 == 0
    assert "rate" not in path.name  # names are hashed: no reference in a file name


def test_a_strict_umask_leaves_lock_files_usable_and_private(tmp_path: Path) -> None:
    previous = os.umask(0o277)  # files would be made read-only for their owner
    try:
        for _ in range(2):
            with Locks(tmp_path)("index"):
                pass
    finally:
        os.umask(previous)
    (path,) = (tmp_path / "locks").iterdir()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def _hold_and_die(data_dir: str, taken: Event) -> None:
    lock = Locks(Path(data_dir))("submission-1")
    lock.acquire()
    taken.set()
    os._exit(1)  # a worker killed while holding the lock: no release, no cleanup


def test_a_worker_that_dies_holding_a_lock_leaves_it_free(tmp_path: Path) -> None:
    context = multiprocessing.get_context("spawn")
    taken = context.Event()
    worker = context.Process(target=_hold_and_die, args=(str(tmp_path), taken))
    worker.start()
    assert taken.wait(30)
    worker.join(30)
    assert worker.exitcode == 1
    with Locks(tmp_path)("submission-1").acquire(timeout=0):
        pass
