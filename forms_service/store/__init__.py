"""The forms service's store: TinyDB and plain files in `XARXA_DATA_DIR`.

Safe with several gunicorn workers: every change happens under a cross-process
lock, every write goes through a temporary file, fsync and an atomic rename, and
temporaries left by a crash are removed when the store opens.
"""

from __future__ import annotations

from pathlib import Path

from .files import remove_temporaries
from .locks import Locks
from .records import BlobFolder, InvalidId, RecordFolder, new_id
from .submissions import IndexEntry, NotFound, SubmissionStore

__all__ = [
    "BlobFolder",
    "IndexEntry",
    "InvalidId",
    "NotFound",
    "RecordFolder",
    "Store",
    "SubmissionStore",
    "new_id",
]


class Store:
    """Every kind of record the forms service keeps."""

    def __init__(self, root: Path) -> None:
        self.root = root
        root.mkdir(parents=True, exist_ok=True)
        remove_temporaries(root)
        self.locks = Locks(root)
        self.submissions = SubmissionStore(root, self.locks)
        self.tokens = RecordFolder(root / "tokens")
        self.drafts = RecordFolder(root / "drafts")
        self.outbox = RecordFolder(root / "outbox")
        self.sessions = RecordFolder(root / "sign-in")
        self.definitions = RecordFolder(root / "definitions")
        self.uploads = BlobFolder(root / "uploads")
