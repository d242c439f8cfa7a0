"""Encryption at rest: every file that holds personal data is a Fernet token.

Keys come from `XARXA_DATA_KEY`, a comma-separated list of Fernet keys: the first
encrypts, every one of them decrypts (cryptography's MultiFernet), so a key is
rotated by putting a new key first, running `xarxa rotate-key`, then dropping the
old one. Files written before encryption was turned on (plain JSON, or raw
upload bytes) are still read, and `xarxa rotate-key` encrypts them.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Sequence

from cryptography.fernet import Fernet, InvalidToken, MultiFernet

#: Every Fernet token starts with its version byte 0x80, "gA" in base64.
_TOKEN_PREFIX = b"gAAAAA"


class DataKeyError(ValueError):
    """`XARXA_DATA_KEY` is missing or is not a list of Fernet keys."""


class UnreadableData(RuntimeError):
    """A file was encrypted with a key that is not in `XARXA_DATA_KEY`."""


class Cipher:
    """Encrypt with the first key, decrypt with any."""

    def __init__(self, keys: Sequence[str | bytes]) -> None:
        if not keys:
            raise DataKeyError("no data key given")
        try:
            self._fernet = MultiFernet([Fernet(key) for key in keys])
        except (ValueError, TypeError) as error:
            raise DataKeyError(
                "a data key is not a Fernet key (32 url-safe base64-encoded bytes)"
            ) from error

    @classmethod
    def from_setting(cls, value: str) -> Cipher:
        """Build a cipher from the setting's text: keys separated by commas."""
        return cls([key.strip() for key in value.split(",") if key.strip()])

    @classmethod
    def derived_from(cls, secret: str) -> Cipher:
        """A cipher whose only key is derived from *secret* (development only)."""
        digest = hashlib.sha256(b"xarxa-data-key\0" + secret.encode()).digest()
        return cls([base64.urlsafe_b64encode(digest)])

    def encrypt(self, data: bytes) -> bytes:
        """Return *data* as a token under the first key."""
        return self._fernet.encrypt(data)

    def decrypt(self, data: bytes) -> bytes:
        """Return the plain bytes of *data* (a token, or a file from before).

        :raises UnreadableData: a token that no configured key opens.
        """
        if not is_encrypted(data):
            return data
        try:
            return self._fernet.decrypt(data)
        except InvalidToken as error:
            raise UnreadableData(
                "this file was encrypted with a key that is not in XARXA_DATA_KEY"
            ) from error

    def rotate(self, data: bytes) -> bytes:
        """Return *data* encrypted under the first key, whatever it was before."""
        if is_encrypted(data):
            try:
                return self._fernet.rotate(data)
            except InvalidToken as error:
                raise UnreadableData(
                    "this file was encrypted with a key that is not in XARXA_DATA_KEY"
                ) from error
        return self.encrypt(data)


def is_encrypted(data: bytes) -> bool:
    """Say whether *data* looks like a Fernet token."""
    return data.startswith(_TOKEN_PREFIX)


def new_key() -> str:
    """Return a new random Fernet key."""
    return Fernet.generate_key().decode("ascii")
