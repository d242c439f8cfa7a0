"""A TinyDB storage that encrypts, writes atomically and keeps no cache.

TinyDB rewrites its whole file on every write; each submission therefore lives
in a file of its own, so that the cost of a write does not grow with the number
of submissions stored. The file is one Fernet token (see `cipher`), so a copy of
it reveals nothing without the data key.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tinydb import TinyDB
from tinydb.storages import Storage

from .cipher import Cipher
from .files import atomic_write_bytes


class EncryptedJSONStorage(Storage):
    """Read and write a TinyDB file through a cipher, a temporary file and a rename."""

    def __init__(self, path: str | Path, cipher: Cipher) -> None:
        self.path = Path(path)
        self.cipher = cipher

    def read(self) -> dict[str, dict[str, Any]] | None:
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return None
        data: dict[str, dict[str, Any]] = json.loads(self.cipher.decrypt(raw))
        return data

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        atomic_write_bytes(self.path, self.cipher.encrypt(text.encode("utf-8")))

    def close(self) -> None:
        """Nothing to release: every write is complete when it returns."""


def open_database(path: Path, cipher: Cipher) -> TinyDB:
    """Open the encrypted TinyDB file at *path* (created on first write)."""
    return TinyDB(path, storage=EncryptedJSONStorage, cipher=cipher)
