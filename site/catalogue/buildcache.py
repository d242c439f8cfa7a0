"""The build cache: what one build keeps for the next, in a folder of its own.

`xarxa build --out build/site` keeps it in `build/.cache/site/`: the readings of the
content files (front matter and rendered Markdown, by digest of each file), each
service's part of the open data files, the fingerprint and links of every file
written, and the compiled templates. The cache belongs to one version of the code
(`digest.code_key`); another version empties it first. Deleting it is always safe:
the next build starts from scratch.

A process that builds again and again (`xarxa build --watch`) keeps one cache for
all its builds, and with it what each build worked out in memory (`remembered`):
the next build reuses what the edit left valid instead of reading it back.
"""

from __future__ import annotations

import marshal
import os
import shutil
from collections.abc import Callable, Hashable
from pathlib import Path
from typing import Any, TypeVar

from .digest import code_key


def cache_folder_for(out: Path) -> Path:
    """Return the cache folder of a site written to *out*: `.cache/<name>` beside it."""
    return out.resolve().parent / ".cache" / out.resolve().name


# The kinds of files kept, one folder each: rendered Markdown bodies, and parts of
# the open data files.
KINDS = ("bodies", "parts")
# Compiled templates, kept by Jinja.
TEMPLATES = "templates"
T = TypeVar("T")


class BuildCache:
    """Tables of builtin values, and files by kind and key, kept between builds."""

    def __init__(self, folder: Path, *, remembers: bool = False) -> None:
        """Open the cache in *folder*; one that *remembers* keeps in memory what a
        build worked out, for the next build of the same process."""
        self.folder = folder
        self.remembers = remembers
        stamp = folder / "code"
        if not stamp.is_file() or stamp.read_text(encoding="utf-8") != code_key():
            shutil.rmtree(folder, ignore_errors=True)
            for kind in (*KINDS, TEMPLATES):
                (folder / kind).mkdir(parents=True)
            stamp.write_text(code_key(), encoding="utf-8")
        self._memory: dict[str, dict[Any, Any]] = {}

    @property
    def templates(self) -> Path:
        """Return the folder where Jinja keeps the compiled templates."""
        return self.folder / TEMPLATES

    def remembered(self, name: str) -> dict[Any, Any]:
        """Return the table *name* that this process keeps in memory between builds.

        Its keys must name everything its values depend on: an edit changes the key,
        never the value of a key. A cache that does not remember returns an empty
        table each time, whose contents are forgotten.
        """
        if not self.remembers:
            return {}
        return self._memory.setdefault(name, {})

    def reuse(self, name: str) -> Reuse:
        """Return the values of the table *name* that the last build of this process
        worked out, to reuse; what this build asks for is kept for the next one."""
        return Reuse(self.remembered(name))

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


class Reuse:
    """The values of a remembered table that the last build worked out: each one
    this build asks for is kept for the next build, the others are forgotten."""

    def __init__(self, table: dict[Any, Any]) -> None:
        self.last = dict(table)
        table.clear()
        self.table = table

    def get(self, key: Hashable, compute: Callable[..., T], *args: Any) -> T:
        """Return the value of *key*: the last build's, or `compute(*args)`."""
        value: T = self.last[key] if key in self.last else compute(*args)
        self.table[key] = value
        return value


Status = tuple[str, int, int, int]  # a file's path, time, size and inode


def status_of(path: Path) -> Status:
    """Return what tells whether *path* changed: a process that saw the same
    status before can trust what it read then."""
    found = os.stat(path)
    return str(path), found.st_mtime_ns, found.st_size, found.st_ino


def statuses_under(folder: Path) -> tuple[Status, ...]:
    """Return the status of every file under *folder*, by path."""
    return tuple(
        sorted(status_of(path) for path in folder.rglob("*") if path.is_file())
    )


def reuse(cache: BuildCache | None, name: str) -> Reuse:
    """Return `cache.reuse(name)`, or a table with nothing to reuse without a cache."""
    return Reuse({}) if cache is None else cache.reuse(name)


def _replace(path: Path, data: bytes) -> None:
    """Write *path* in one step: a reader never sees part of it."""
    partial = path.with_name(f".{path.name}.{os.getpid()}.partial")
    partial.write_bytes(data)
    os.replace(partial, path)
