"""Durable file writes: a temporary file, fsync, then an atomic rename.

A crash or a full disk in the middle of a write leaves the previous version of the
file in place; the half-written temporary is removed then, or at the next start.
Records whose loss in a power cut harms nobody (rate-limit counts, the reference
counter, which the stored submissions correct) are written with
``durable=False``: still atomic for every reader, but without the fsyncs.
Several new files of one folder written together (the mails of one request)
can share that folder's fsync: see `folder_syncs_at_end`.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
import time
from collections.abc import Iterator
from contextvars import ContextVar
from pathlib import Path
from typing import Any

TEMP_SUFFIX = ".xarxa-tmp"
#: The mode of the store's files: the service's user reads and writes them.
PRIVATE = 0o600

#: The folders whose fsync waits for the end of a `folder_syncs_at_end` block.
_pending_folders: ContextVar[set[Path] | None] = ContextVar(
    "pending_folders", default=None
)


@contextlib.contextmanager
def folder_syncs_at_end() -> Iterator[None]:
    """Fsync each folder written to in this block once, when the block ends.

    Every file is still fsynced as it is written; what waits is only the
    folder's record of the new names, so everything written in the block is
    durable once it ends, as before, for one folder fsync instead of several.
    Nested blocks leave the fsyncs to the outermost one.
    """
    if _pending_folders.get() is not None:
        yield
        return
    folders: set[Path] = set()
    token = _pending_folders.set(folders)
    try:
        yield
    finally:
        _pending_folders.reset(token)
        for folder in sorted(folders):
            _fsync_directory(folder)


def atomic_write_bytes(path: Path, data: bytes, durable: bool = True) -> None:
    """Replace *path* with *data*, so that readers see the old or the new file.

    :param durable: fsync the file and its folder before returning.
    """
    handle, temporary = _new_temporary(path)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            if durable:
                stream.flush()
                os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise
    if durable:
        _sync_folder(path.parent)


def _new_temporary(path: Path) -> tuple[int, str]:
    prefix = f".{path.name}."
    try:
        return tempfile.mkstemp(TEMP_SUFFIX, prefix, path.parent)
    except FileNotFoundError:  # a new folder (cheaper than a mkdir every time)
        path.parent.mkdir(parents=True, exist_ok=True)
        return tempfile.mkstemp(TEMP_SUFFIX, prefix, path.parent)


def atomic_write_json(path: Path, document: Any, durable: bool = True) -> None:
    """Replace *path* with *document* as compact UTF-8 JSON."""
    text = json.dumps(
        document, ensure_ascii=False, separators=(",", ":"), sort_keys=True
    )
    atomic_write_bytes(path, text.encode("utf-8"), durable)


def read_json(path: Path) -> Any:
    """Return the JSON document in *path*, or None when there is none."""
    try:
        return json.loads(path.read_bytes())
    except FileNotFoundError:
        return None


def create_exclusive(path: Path, data: bytes) -> bool:
    """Create *path* only if it does not exist yet; say whether this call created it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE)
    except FileExistsError:
        return False
    try:
        os.write(handle, data)
        os.fsync(handle)
    finally:
        os.close(handle)
    _fsync_directory(path.parent)
    return True


def append_line(path: Path, line: str) -> None:
    """Append one line durably (the caller holds the file's lock)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    # Readable by the service's user only, like every file of the store (a log
    # made before the store's files were, is narrowed at its next line).
    descriptor = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, PRIVATE)
    if os.fstat(descriptor).st_mode & ~PRIVATE & 0o777:
        os.fchmod(descriptor, PRIVATE)
    with open(descriptor, "a", encoding="utf-8") as stream:
        stream.write(line.rstrip("\n") + "\n")
        stream.flush()
        os.fsync(stream.fileno())


#: A temporary older than this was left by a crash; a younger one may belong to a
#: write that another worker is doing right now.
STALE_AFTER_SECONDS = 3600


def remove_temporaries(root: Path, now: float | None = None) -> int:
    """Delete temporaries left by interrupted writes; return how many."""
    limit = (time.time() if now is None else now) - STALE_AFTER_SECONDS
    removed = 0
    for leftover in root.rglob(f"*{TEMP_SUFFIX}"):
        with contextlib.suppress(FileNotFoundError):
            if leftover.stat().st_mtime < limit:
                leftover.unlink()
                removed += 1
    return removed


def _sync_folder(folder: Path) -> None:
    pending = _pending_folders.get()
    if pending is None:
        _fsync_directory(folder)
    else:
        pending.add(folder)


def _fsync_directory(directory: Path) -> None:
    handle = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(handle)
    finally:
        os.close(handle)
