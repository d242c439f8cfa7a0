"""Rate limits that hold across gunicorn workers: a sliding window in the store.

Each limited key (a client address, an email address) has a small file under
`<data>/rates/` listing the moments of its recent requests; it is read and
rewritten under a cross-process lock, so four workers count as one. Keys are
stored as hashes: the folder names no address.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import current_app, request

from .store import RecordFolder, Store

WINDOW = timedelta(hours=1)


@dataclass(frozen=True)
class Limited(Exception):
    """Too many requests: try again after `retry_after` seconds."""

    retry_after: int


class RateLimiter:
    """Count requests per key in a sliding window of one hour."""

    def __init__(self, store: Store) -> None:
        self.folder = RecordFolder(store.root / "rates")
        self.locks = store.locks

    def hit(self, bucket: str, key: str, limit: int, now: datetime) -> None:
        """Count one request of *key* in *bucket*.

        :raises Limited: *key* already made *limit* requests within the window.
        """
        if limit <= 0:
            return
        record_id = hashlib.sha256(f"{bucket}\0{key}".encode()).hexdigest()
        start = (now - WINDOW).timestamp()
        with self.locks(f"rate-{record_id}"):
            document = self.folder.get(record_id) or {"hits": []}
            hits = [float(moment) for moment in document["hits"] if moment > start]
            if len(hits) >= limit:
                retry = int(min(hits) - start) + 1
                raise Limited(max(retry, 1))
            # A count lost in a power cut only lets a client send a little more.
            hits.append(now.timestamp())
            self.folder.put(record_id, {"hits": hits}, durable=False)

    def purge(self, now: datetime) -> int:
        """Delete the counts of keys with no request in the window; return how many."""
        start = (now - WINDOW).timestamp()
        removed = 0
        for record_id in list(self.folder.ids()):
            with self.locks(f"rate-{record_id}"):
                document = self.folder.get(record_id)
                if document is not None and max(document["hits"], default=0) <= start:
                    self.folder.delete(record_id)
                    removed += 1
        return removed


def client_address() -> str:
    """Return the client's address (as the proxy setup in `PROXY_HOPS` sees it)."""
    return request.remote_addr or "unknown"


def limit_of(setting: str) -> int:
    """Return the configured hourly limit *setting* (0 = no limit)."""
    return int(current_app.config[setting])
