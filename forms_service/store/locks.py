"""Cross-process locks (several gunicorn workers share one data folder).

A lock is an exclusive `flock` on a file of its own under `<data>/locks/`. The
kernel drops it when its holder closes the file or dies, so a crashed worker
leaves no stale lock behind. Each acquisition opens the file anew: two holders,
in two processes or in two threads of one, always exclude each other.

This is a few system calls where filelock 4 (used before) spent some 130 µs of
Python on its fork and re-entrancy bookkeeping for every lock taken, and a
referral takes eight (see the Performance section of the README).
"""

from __future__ import annotations

import errno
import fcntl
import hashlib
import os
import time
from pathlib import Path

from .files import PRIVATE

LOCK_TIMEOUT_SECONDS = 30
#: How often a waiting worker retries; a longer wait (filelock's 50 ms) set the p95.
POLL_SECONDS = 0.001


class LockTimeout(TimeoutError):
    """The lock stayed taken by another holder for the whole wait."""


class HeldLock:
    """A lock taken; leaving its ``with`` block (or `release`) lets the next in."""

    def __init__(self, descriptor: int) -> None:
        self._descriptor: int | None = descriptor

    def release(self) -> None:
        """Close the lock's file, which drops the flock (once)."""
        descriptor, self._descriptor = self._descriptor, None
        if descriptor is not None:
            os.close(descriptor)

    def __enter__(self) -> HeldLock:
        return self

    def __exit__(self, *_: object) -> None:
        self.release()


class FileLock:
    """One named lock: ``with lock:`` waits up to its timeout, and
    ``with lock.acquire(timeout=0):`` gives up at once when it is taken."""

    def __init__(self, path: Path, timeout: float = LOCK_TIMEOUT_SECONDS) -> None:
        self.path, self.timeout = path, timeout
        self._held: list[HeldLock] = []

    def acquire(self, timeout: float | None = None) -> HeldLock:
        """Take the lock, waiting up to *timeout* seconds (the lock's own
        timeout when None).

        :raises LockTimeout: another holder kept it all that time.
        """
        wait = self.timeout if timeout is None else timeout
        deadline = time.monotonic() + wait
        descriptor = os.open(self.path, os.O_RDWR | os.O_CREAT, PRIVATE)
        try:
            # The service's user reads and writes it, whatever the umask made of it.
            if os.fstat(descriptor).st_mode & 0o777 != PRIVATE:
                os.fchmod(descriptor, PRIVATE)
            while not _try_lock(descriptor):
                if time.monotonic() >= deadline:
                    raise LockTimeout(f"{self.path} still taken after {wait} s")
                time.sleep(POLL_SECONDS)
        except BaseException:
            os.close(descriptor)
            raise
        return HeldLock(descriptor)

    def __enter__(self) -> HeldLock:
        held = self.acquire()
        self._held.append(held)
        return held

    def __exit__(self, *_: object) -> None:
        self._held.pop().release()


def _try_lock(descriptor: int) -> bool:
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as error:
        if error.errno in (errno.EWOULDBLOCK, errno.EAGAIN):
            return False
        raise
    return True


class Locks:
    """Named locks under `<data>/locks/`, one file each."""

    def __init__(self, root: Path) -> None:
        self.root = root / "locks"
        self.root.mkdir(parents=True, exist_ok=True)

    def __call__(self, name: str) -> FileLock:
        """Return the lock called *name* (use it as a context manager)."""
        safe = hashlib.sha256(name.encode()).hexdigest()[:32]
        return FileLock(self.root / f"{safe}.lock")
