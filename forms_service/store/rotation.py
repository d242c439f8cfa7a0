"""Re-encrypt the whole store under the first data key (`xarxa keys rotate`).

Run it after putting a new key first in `XARXA_DATA_KEY`, with the old keys still
listed after it; once it reports every file rotated, the old keys can go. Files
from before encryption are encrypted on the way. Submissions and access logs are
rewritten under their own locks; the other folders belong to requests in flight,
so rotate with the service stopped (the README's deployment notes say so).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .cipher import Cipher
from .files import atomic_write_bytes
from .locks import Locks

#: Folders of one-file records, encrypted whole (see `Store`).
RECORD_FOLDERS = ("tokens", "drafts", "outbox", "sign-in", "uploads")


@dataclass(frozen=True)
class Rotation:
    """How many files were rewritten under the first key."""

    files: int

    def __str__(self) -> str:
        return f"{self.files} file(s) re-encrypted under the first key"


def rotate_store(root: Path, cipher: Cipher, locks: Locks) -> Rotation:
    """Re-encrypt every encrypted file of the store at *root*."""
    count = 0
    for path in sorted((root / "submissions").glob("*/*.json")):
        with locks(path.stem):
            count += _rotate_file(path, cipher)
    for path in sorted((root / "access").glob("*.jsonl")):
        with locks(path.stem):
            count += _rotate_lines(path, cipher)
    for folder in RECORD_FOLDERS:
        count += sum(_rotate_file(path, cipher) for path in _files(root / folder))
    return Rotation(count)


def _files(folder: Path) -> Iterable[Path]:
    return sorted(path for path in folder.glob("*") if path.suffix in (".json", ".bin"))


def _rotate_file(path: Path, cipher: Cipher) -> int:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return 0  # removed meanwhile (a sent mail, a used draft)
    atomic_write_bytes(path, cipher.rotate(data))
    return 1


def _rotate_lines(path: Path, cipher: Cipher) -> int:
    lines = path.read_bytes().splitlines()
    rotated = [cipher.rotate(line) for line in lines if line.strip()]
    atomic_write_bytes(path, b"".join(line + b"\n" for line in rotated))
    return 1
