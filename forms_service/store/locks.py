"""Cross-process locks (several gunicorn workers share one data folder)."""

from __future__ import annotations

import hashlib
from pathlib import Path

from filelock import FileLock

from .files import PRIVATE

LOCK_TIMEOUT_SECONDS = 30
#: How often a waiting worker retries; filelock's default (50 ms) set the p95.
POLL_SECONDS = 0.001


class Locks:
    """Named locks under `<data>/locks/`, one file each."""

    def __init__(self, root: Path) -> None:
        self.root = root / "locks"
        self.root.mkdir(parents=True, exist_ok=True)

    def __call__(self, name: str) -> FileLock:
        """Return the lock called *name* (use it as a context manager)."""
        safe = hashlib.sha256(name.encode()).hexdigest()[:32]
        return FileLock(
            self.root / f"{safe}.lock",
            timeout=LOCK_TIMEOUT_SECONDS,
            poll_interval=POLL_SECONDS,
            # Private to the service's user; and with no group or other write
            # bit, filelock need not probe the folder for flock on each new file.
            mode=PRIVATE,
        )
