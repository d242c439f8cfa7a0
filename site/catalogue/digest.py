"""Short, stable hashes: of content, and of everything else that shapes the output.

The build cache keeps rendered pages and parsed documents under these hashes, so
that a rebuild redoes only what an edit changed. `code_key` changes with the code,
templates, translations and static files of the catalogue, with the workflow engine
it draws journeys from, and with the versions of the libraries that render pages:
any of those changes makes the next build start from scratch.
"""

from __future__ import annotations

import hashlib
import sys
from functools import cache
from importlib import metadata
from pathlib import Path

import forms_service.workflow

PACKAGE = Path(__file__).resolve().parent
RENDERING_LIBRARIES = (
    "Babel", "Flask", "flask-babel", "Frozen-Flask", "Jinja2", "Markdown",
    "MarkupSafe", "nh3", "pydantic", "pydantic-core", "PyYAML", "Werkzeug", "zxing-cpp",
)  # fmt: skip


def digest(*parts: bytes | str) -> str:
    """Return a hex digest of *parts*, which cannot run into one another."""
    hasher = hashlib.blake2b(digest_size=16)
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        hasher.update(len(data).to_bytes(8, "little"))
        hasher.update(data)
    return hasher.hexdigest()


@cache
def code_key() -> str:
    """Return a digest of the code, data files and libraries that render the site."""
    workflow_package = Path(forms_service.workflow.__file__).resolve().parent
    parts: list[bytes | str] = [sys.version]
    for folder in (PACKAGE, workflow_package):
        for path in sorted(folder.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                parts += [path.relative_to(folder).as_posix(), path.read_bytes()]
    parts += [f"{name}=={metadata.version(name)}" for name in RENDERING_LIBRARIES]
    return digest(*parts)
