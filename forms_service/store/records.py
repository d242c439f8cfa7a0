"""Small records kept one file each: tokens, drafts, outbox messages, uploads.

Each kind lives in its own folder and is addressed by an opaque id, so reading
or writing one never touches the others. Folders that may hold personal data are
given a cipher and keep every file encrypted.
"""

from __future__ import annotations

import json
import re
import secrets
from collections.abc import Iterator
from dataclasses import fields
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .cipher import Cipher
from .files import atomic_write_bytes, atomic_write_json, read_json

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

_ID = re.compile(r"^[A-Za-z0-9_-]{8,128}$")


class InvalidId(ValueError):
    """An id that could not have been made by this store (never a path)."""


def fields_of(instance: DataclassInstance) -> dict[str, Any]:
    """Return the fields of a dataclass instance by name, to write as a record.

    For fields of builtin values this is `dataclasses.asdict` without its deep
    copy (fifty times faster on a draft): the values are shared with *instance*,
    so the record must be written, not changed.
    """
    return {field.name: getattr(instance, field.name) for field in fields(instance)}


def new_id() -> str:
    """Return a random, URL-safe id with 128 bits of entropy."""
    return secrets.token_urlsafe(16)


class RecordFolder:
    """JSON records in one folder, by id; encrypted when given a cipher."""

    def __init__(self, root: Path, cipher: Cipher | None = None) -> None:
        self.root = root
        self.cipher = cipher
        self.root.mkdir(parents=True, exist_ok=True)

    def put(
        self, record_id: str, document: dict[str, Any], durable: bool = True
    ) -> None:
        """Write the record *record_id* (*durable*: see `files.atomic_write_bytes`)."""
        path = self._path(record_id)
        if self.cipher is None:
            atomic_write_json(path, document, durable)
            return
        text = json.dumps(document, ensure_ascii=False, sort_keys=True)
        atomic_write_bytes(path, self.cipher.encrypt(text.encode("utf-8")), durable)

    def get(self, record_id: str) -> dict[str, Any] | None:
        """Return the record, or None if there is none."""
        path = self._path(record_id)
        if self.cipher is None:
            document = read_json(path)
        else:
            try:
                document = json.loads(self.cipher.decrypt(path.read_bytes()))
            except FileNotFoundError:
                return None
        return dict(document) if document is not None else None

    def delete(self, record_id: str) -> None:
        """Remove the record if it exists."""
        self._path(record_id).unlink(missing_ok=True)

    def ids(self) -> Iterator[str]:
        """Yield the id of every record."""
        for path in sorted(self.root.glob("*.json")):
            yield path.stem

    def _path(self, record_id: str) -> Path:
        if not _ID.match(record_id):
            raise InvalidId(record_id)
        return self.root / f"{record_id}.json"


class BlobFolder:
    """Encrypted binary files (uploads) under generated names, outside any web root."""

    def __init__(self, root: Path, cipher: Cipher) -> None:
        self.root = root
        self.cipher = cipher
        self.root.mkdir(parents=True, exist_ok=True)

    def add(self, data: bytes) -> str:
        """Store *data* and return its new id."""
        blob_id = new_id()
        atomic_write_bytes(self._path(blob_id), self.cipher.encrypt(data))
        return blob_id

    def read(self, blob_id: str) -> bytes:
        """Return the bytes of *blob_id*.

        :raises FileNotFoundError: there is no such blob.
        """
        return self.cipher.decrypt(self._path(blob_id).read_bytes())

    def ids(self) -> Iterator[str]:
        """Yield the id of every blob."""
        for path in sorted(self.root.glob("*.bin")):
            yield path.stem

    def delete(self, blob_id: str) -> None:
        """Remove a blob if it exists."""
        self._path(blob_id).unlink(missing_ok=True)

    def _path(self, blob_id: str) -> Path:
        if not _ID.match(blob_id):
            raise InvalidId(blob_id)
        return self.root / f"{blob_id}.bin"
