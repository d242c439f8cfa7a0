"""The submissions index as a process reads it: the log's new lines only.

The index is an append-only log; a dashboard view needs the latest line of every
reference. Reading and parsing the whole log at each view cost seconds at 100,000
submissions, so each process keeps what it parsed and, at the next read, parses
only the lines appended since. A log replaced as a whole (`xarxa reindex`) has a
new inode and is read again from its start.
"""

from __future__ import annotations

import json
import os
import threading
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class IndexEntry:
    """The latest known summary of one submission, for listings."""

    reference: str
    workflow_id: str
    state: str
    outcome: str | None
    created_at: str
    updated_at: str
    purge_after: str | None = None


class IndexLog:
    """The latest entry of each reference in the log at *path*, kept up to date."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._inode: int | None = None
        self._offset = 0
        self._latest: dict[str, IndexEntry] = {}

    def latest(self) -> list[IndexEntry]:
        """Return the latest entry of every reference, newest submission first."""
        with self._lock:
            self._catch_up()
            entries = list(self._latest.values())
        return sorted(entries, key=lambda entry: entry.created_at, reverse=True)

    def _catch_up(self) -> None:
        try:
            with self.path.open("rb") as stream:
                status = os.fstat(stream.fileno())
                if status.st_ino != self._inode or status.st_size < self._offset:
                    self._inode, self._offset, self._latest = status.st_ino, 0, {}
                stream.seek(self._offset)
                appended = stream.read()
        except FileNotFoundError:
            self._inode, self._offset, self._latest = None, 0, {}
            return
        # A line being appended right now is left for the next read.
        complete = appended[: appended.rfind(b"\n") + 1]
        for line in complete.splitlines():
            if line.strip():
                entry = IndexEntry(**json.loads(line))
                self._latest[entry.reference] = entry
        self._offset += len(complete)
