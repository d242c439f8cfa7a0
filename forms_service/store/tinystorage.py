"""A TinyDB storage that writes atomically and keeps no cache.

TinyDB rewrites its whole file on every write; each submission therefore lives
in a file of its own, so that the cost of a write does not grow with the number
of submissions stored.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tinydb import TinyDB
from tinydb.storages import Storage

from .files import atomic_write_json


class AtomicJSONStorage(Storage):
    """Read and write a TinyDB file through a temporary file and a rename."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)

    def read(self) -> dict[str, dict[str, Any]] | None:
        try:
            data: dict[str, dict[str, Any]] = json.loads(self.path.read_bytes())
        except FileNotFoundError:
            return None
        return data

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        atomic_write_json(self.path, data)

    def close(self) -> None:
        """Nothing to release: every write is complete when it returns."""


def open_database(path: Path) -> TinyDB:
    """Open the TinyDB file at *path* (created on first write)."""
    return TinyDB(path, storage=AtomicJSONStorage)
