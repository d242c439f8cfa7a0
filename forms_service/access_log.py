"""Who looked at a submission: every view, download and export, never the content.

One append-only file per submission, ``<data>/access/<reference>.jsonl``, written
under the submission's lock. Entries name the person, the moment, what they did
and (for a download) the attachment's id; never an answer or a file name. Each line
is encrypted on its own, like every other file that names a person.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Literal

from .store import NotFound, Store, fields_of
from .store.files import append_line
from .store.submissions import REFERENCE

AccessKind = Literal["view", "download", "export", "status"]


@dataclass(frozen=True)
class Access:
    """One access to a submission."""

    at: str
    who: str
    what: AccessKind
    item: str | None = None


def record_access(
    store: Store,
    reference: str,
    who: str,
    what: AccessKind,
    now: datetime,
    item: str | None = None,
) -> None:
    """Append an entry to *reference*'s access log (before showing anything)."""
    entry = Access(now.isoformat(), who, what, item)
    with store.locks(reference):
        line = store.cipher.encrypt(json.dumps(fields_of(entry)).encode())
        append_line(_path(store, reference), line.decode("ascii"))


def read_accesses(store: Store, reference: str) -> list[Access]:
    """Return *reference*'s access log, oldest first."""
    try:
        text = _path(store, reference).read_text(encoding="utf-8")
    except FileNotFoundError:
        return []
    return [
        Access(**json.loads(store.cipher.decrypt(line.encode("ascii"))))
        for line in text.splitlines()
        if line.strip()
    ]


def _path(store: Store, reference: str) -> Path:
    if REFERENCE.match(reference) is None:
        raise NotFound(reference)
    return store.root / "access" / f"{reference}.jsonl"
