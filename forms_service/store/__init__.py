"""The forms service's store: TinyDB and plain files in `XARXA_DATA_DIR`.

Every file that may hold personal data is encrypted (`cipher`). Safe with several
gunicorn workers: every change happens under a cross-process
lock, every write goes through a temporary file, fsync and an atomic rename, and
temporaries left by a crash are removed by `xarxa tick`.
"""

from __future__ import annotations

from pathlib import Path

from .cipher import Cipher, DataKeyError, UnreadableData
from .files import remove_temporaries
from .locks import Locks
from .records import BlobFolder, InvalidId, RecordFolder, fields_of, new_id
from .submissions import IndexEntry, NotFound, SubmissionStore

__all__ = [
    "BlobFolder",
    "Cipher",
    "DataKeyError",
    "IndexEntry",
    "InvalidId",
    "NotFound",
    "RecordFolder",
    "Store",
    "SubmissionStore",
    "UnreadableData",
    "fields_of",
    "new_id",
]


class Store:
    """Every kind of record the forms service keeps."""

    def __init__(self, root: Path, cipher: Cipher) -> None:
        self.root = root
        self.cipher = cipher
        # A new store is the service's user's only (an existing one keeps its mode).
        root.mkdir(mode=0o700, parents=True, exist_ok=True)
        self.locks = Locks(root)
        self.submissions = SubmissionStore(root, self.locks, cipher)
        self.tokens = RecordFolder(root / "tokens", cipher)
        self.drafts = RecordFolder(root / "drafts", cipher)
        self.outbox = RecordFolder(root / "outbox", cipher)
        self.sessions = RecordFolder(root / "sign-in", cipher)
        self.definitions = RecordFolder(root / "definitions")
        self.uploads = BlobFolder(root / "uploads", cipher)

    def remove_temporaries(self) -> int:
        """Delete what interrupted writes left (walks the whole store: `xarxa tick`
        runs it, not each worker's start, which would grow with the store)."""
        return remove_temporaries(self.root)
