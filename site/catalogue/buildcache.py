"""The build cache: what one build keeps for the next, in a folder of its own.

`xarxa build --out build/site` keeps it in `build/.cache/site/`: the readings of the
content files (front matter and rendered Markdown, by digest of each file), each
service's part of the open data files, the fingerprint and links of every file
written, and the compiled templates. The cache belongs to one version of the code
(`digest.code_key`); another version empties it first. Deleting it is always safe:
the next build starts from scratch.
"""

from __future__ import annotations

import marshal
import os
import shutil
from pathlib import Path
from typing import Any

from .digest import code_key


def cache_folder_for(out: Path) -> Path:
    """Return the cache folder of a site written to *out*: `.cache/<name>` beside it."""
    return out.resolve().parent / ".cache" / out.resolve().name


# The kinds of files kept, one folder each: rendered Markdown bodies, and parts of
# the open data files.
KINDS = ("bodies", "parts")
# Compiled templates, kept by Jinja.
TEMPLATES = "templates"


class BuildCache:
    """Tables of builtin values, and files by kind and key, kept between builds."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        stamp = folder / "code"
        if not stamp.is_file() or stamp.read_text(encoding="utf-8") != code_key():
            shutil.rmtree(folder, ignore_errors=True)
            for kind in (*KINDS, TEMPLATES):
                (folder / kind).mkdir(parents=True)
            stamp.write_text(code_key(), encoding="utf-8")

    @property
    def templates(self) -> Path:
        """Return the folder where Jinja keeps the compiled templates."""
        return self.folder / TEMPLATES

    def read(self, table: str) -> dict[Any, Any]:
        """Return the table saved as *table* (empty when there is none)."""
        try:
            found = marshal.loads((self.folder / f"{table}.marshal").read_bytes())
        except (OSError, EOFError, ValueError, TypeError):
            return {}
        return found if isinstance(found, dict) else {}

    def write(self, table: str, value: dict[Any, Any]) -> None:
        """Save *value* as *table*, replacing the old one in a single step."""
        _replace(self.folder / f"{table}.marshal", marshal.dumps(value))

    def file(self, kind: str, key: str) -> Path:
        """Return the file that holds what is kept as *key* among *kind*."""
        return self.folder / kind / key

    def keep(self, value: Any, kind: str, key: str) -> None:
        """Save *value* (builtin values) as *key* among *kind*."""
        _replace(self.file(kind, key), marshal.dumps(value))

    def kept(self, kind: str, key: str) -> Any:
        """Return what `keep` saved as *key* among *kind*.

        :raises OSError: nothing is kept under that key.
        """
        return marshal.loads(self.file(kind, key).read_bytes())

    def keys(self, kind: str) -> set[str]:
        """Return the keys of what is kept among *kind*."""
        return set(os.listdir(self.folder / kind))

    def prune(self, kind: str, keys: set[str]) -> None:
        """Delete what is kept among *kind*, but *keys*."""
        for name in self.keys(kind) - keys:
            (self.folder / kind / name).unlink(missing_ok=True)


def _replace(path: Path, data: bytes) -> None:
    """Write *path* in one step: a reader never sees part of it."""
    partial = path.with_name(f".{path.name}.{os.getpid()}.partial")
    partial.write_bytes(data)
    os.replace(partial, path)
