"""Submissions on disk: one TinyDB file each, a reference counter and an index.

Writing a submission rewrites only its own file, so a write costs the same with
100 or 100,000 submissions stored. The index is an append-only log of
(reference, workflow, state, time) lines that the dashboard reads (`index_log`).
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar

from forms_service.workflow import Submission

from .cipher import Cipher
from .files import (
    append_line,
    atomic_write_bytes,
    atomic_write_json,
    create_exclusive,
    read_json,
)
from .index_log import IndexEntry, IndexLog
from .locks import Locks
from .tinystorage import EncryptedJSONStorage, open_database

T = TypeVar("T")
log = logging.getLogger(__name__)
REFERENCE = re.compile(r"^XR-(\d{4})-(\d{6,})$")
#: The index state of a submission removed at the end of its retention.
REMOVED = "removed"


class NotFound(LookupError):
    """No submission has that reference."""


class SubmissionStore:
    """Create, read and change submissions safely across processes."""

    def __init__(self, root: Path, locks: Locks, cipher: Cipher) -> None:
        self.root = root / "submissions"
        self.cipher = cipher
        self.index_path = root / "index.jsonl"
        self._index = IndexLog(self.index_path)
        self.counters = root / "counters"
        self.keys = root / "keys"
        self.audit = root / "audit"
        self.locks = locks
        self.root.mkdir(parents=True, exist_ok=True)

    def next_reference(self, now: datetime) -> str:
        """Return a new reference such as `XR-2026-000042`, unique across workers.

        The year's counter is only a hint, written without fsync: a power cut
        may bring it back older, or unreadable. So a number is handed out only
        if no submission, stored or removed, has it (those files are durable),
        and a counter that cannot be read starts again from the highest of them.
        """
        year = now.year
        path = self.counters / f"{year}.json"
        with self.locks(f"counter-{year}"):
            try:
                last = int((read_json(path) or {"last": 0})["last"])
            except (ValueError, TypeError, KeyError):
                log.warning("counter %s unreadable: starting from the stored", path)
                last = self._highest_stored(year)
            number = last + 1
            while self._taken(f"XR-{year}-{number:06d}"):
                number += 1
            atomic_write_json(path, {"last": number}, durable=False)
        return f"XR-{year}-{number:06d}"

    def _taken(self, reference: str) -> bool:
        return (
            self._path(reference).exists()
            or (self.audit / f"{reference}.json").exists()
        )

    def _highest_stored(self, year: int) -> int:
        """Return the highest number of *year* among the stored and removed."""
        names = [p.stem for p in self.root.glob(f"XR-{year}-*/XR-{year}-*.json")]
        names += [p.stem for p in self.audit.glob(f"XR-{year}-*.json")]
        numbers = [int(m[2]) for m in map(REFERENCE.match, names) if m is not None]
        return max(numbers, default=0)

    def claim_key(self, key: str) -> bool:
        """Claim a uniqueness key (one application per entity and call)."""
        return create_exclusive(self._key_path(key), key.encode())

    def release_key(self, key: str) -> None:
        """Give a key back, when the submission that claimed it was not stored."""
        self._key_path(key).unlink(missing_ok=True)

    def is_claimed(self, key: str) -> bool:
        """Say whether a key is already claimed."""
        return self._key_path(key).exists()

    def add(self, submission: Submission) -> None:
        """Store a new submission."""
        with self.locks(submission.id):
            path = self._path(submission.id)
            if path.exists():
                raise FileExistsError(f"{submission.id} already exists")
            self._write(submission)

    def get(self, reference: str) -> Submission:
        """Return the submission with *reference*.

        :raises NotFound: there is none.
        """
        document = self._read(reference)
        if document is None:
            raise NotFound(reference)
        return Submission.from_dict(document)

    def change(
        self, reference: str, change: Callable[[Submission], tuple[Submission, T]]
    ) -> T:
        """Apply *change* to the stored submission under its lock and save the result.

        *change* returns the new submission and a value handed back to the caller;
        if it raises, nothing is written.
        """
        with self.locks(reference):
            submission = self.get(reference)
            updated, result = change(submission)
            if updated != submission:
                self._write(updated)
            return result

    def index(self) -> list[IndexEntry]:
        """Return the latest summary of every submission, newest first."""
        return self._index.latest()

    def references(self) -> Iterator[str]:
        """Yield the reference of every stored submission."""
        for path in sorted(self.root.glob("*/*.json")):
            yield path.stem

    def rebuild_index(self) -> int:
        """Rewrite the index from the submission files; return how many it lists.

        For after a crash between a submission's write and its index line, or
        after restoring files from a backup.
        """
        lines = []
        for reference in self.references():
            try:
                summary = _summary(self.get(reference))
            except NotFound:
                continue
            lines.append(json.dumps(summary.__dict__, ensure_ascii=False) + "\n")
        with self.locks("index"):
            atomic_write_bytes(self.index_path, "".join(lines).encode("utf-8"))
        return len(lines)

    def remove(self, reference: str, audit: dict[str, Any]) -> None:
        """Replace a submission by its *audit* record (end of retention).

        The audit record is written first, so a crash leaves the submission, not
        nothing; the index then lists the reference as `removed`.
        """
        with self.locks(reference):
            path = self._path(reference)
            atomic_write_json(self.audit / f"{reference}.json", audit)
            path.unlink(missing_ok=True)
            line = IndexEntry(
                reference, audit["workflow_id"], REMOVED, audit["outcome"],
                audit["created_at"], audit["removed_at"],
            )  # fmt: skip
            with self.locks("index"):
                append_line(self.index_path, json.dumps(line.__dict__))

    def audit_record(self, reference: str) -> dict[str, Any] | None:
        """Return what is left of a removed submission, or None."""
        self._path(reference)  # refuses anything but a reference
        document = read_json(self.audit / f"{reference}.json")
        return dict(document) if document is not None else None

    def _write(self, submission: Submission) -> None:
        # TinyDB's layout (table → doc id → document), written in one go: an
        # upsert would read and write the file twice.
        storage = EncryptedJSONStorage(self._path(submission.id), self.cipher)
        storage.write({"submission": {"1": submission.to_dict()}})
        summary = _summary(submission)
        try:
            with self.locks("index"):
                append_line(
                    self.index_path, json.dumps(summary.__dict__, ensure_ascii=False)
                )
        except OSError:  # the submission itself is saved; `xarxa reindex` lists it
            log.exception("%s saved but not indexed", submission.id)

    def _read(self, reference: str) -> dict[str, Any] | None:
        path = self._path(reference)
        if not path.exists():
            return None
        rows = open_database(path, self.cipher).table("submission").all()
        return dict(rows[0]) if rows else None

    def _path(self, reference: str) -> Path:
        match = REFERENCE.match(reference)
        if match is None:
            raise NotFound(reference)
        # A folder per thousand keeps directories small.
        bucket = f"{match[1]}-{int(match[2]) // 1000:04d}"
        return self.root / bucket / f"{reference}.json"

    def _key_path(self, key: str) -> Path:
        return self.keys / f"{hashlib.sha256(key.encode()).hexdigest()}.key"


def _summary(submission: Submission) -> IndexEntry:
    return IndexEntry(
        submission.id,
        submission.workflow_id,
        submission.state,
        submission.outcome,
        submission.created_at.isoformat(),
        submission.updated_at.isoformat(),
        submission.purge_after.isoformat() if submission.purge_after else None,
    )
