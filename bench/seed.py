"""Fill a data folder with N stored submissions, quickly and like the real store.

A few template submissions go through the real service in the target folder:
`Requests.submit`, then the approver's view (access log) and an approval, a
rejection or a request for information through the emailed link. Every other
submission is a copy of the files one template left, under a new reference: its
TinyDB file in its bucket folder, its index lines, its approval-link records
(under new random names), its access log and its lock files. Encrypted files
(and lines) are decrypted, given the new reference and encrypted again with the
store's own cipher, so the copies are what the service would have written.
Copies skip fsync (seeding only). What production does not keep is not copied
and is removed: `.eml` files (mail goes out by SMTP), the outbox (emptied once
mail is sent) and drafts (removed a day after sending). The store then reads a
sample back, so a change of layout fails here rather than skewing numbers.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import secrets
import shutil
import string
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from forms_service import create_app
from forms_service.access_log import record_access
from forms_service.services import Services
from forms_service.store import Cipher, Store
from forms_service.store.cipher import is_encrypted

from .load import REPO, WORKFLOW, decision_tokens, referral_answers

#: The decisions of the templates, in turn: None leaves the request pending.
DECISIONS: tuple[tuple[str, str] | None, ...] = (
    None,
    ("approve", ""),
    ("approve", ""),
    None,
    ("approve", ""),
    ("reject", "Fora de l'àmbit del servei."),
    ("approve", ""),
    ("request_info", "Falta el consentiment signat."),
)
#: Folders of records production does not keep, or that seeding recreates.
NOT_COPIED = {"mail", "outbox", "drafts", "locks", "counters", "definitions"}
#: Submissions copied per task, and threads copying them.
CHUNK = 500
THREADS = 3
_REFERENCE = re.compile(r"XR-(\d{4})-(\d{6,})")


def service_config(data_dir: Path, data_key: str) -> dict[str, Any]:
    """The settings of a production-like service on *data_dir* (mail to files)."""
    return {
        "ENV": "production",
        "SECRET_KEY": secrets.token_hex(16),
        "DATA_KEY": data_key,
        "DATA_DIR": str(data_dir),
        "WORKFLOWS_DIR": str(REPO / "workflows"),
        "SMTP_HOST": None,
    }


@dataclass
class Template:
    """The files of one real submission: relative path -> lines (plain, encrypted?)."""

    reference: str
    files: dict[str, list[tuple[bytes, bool]]] = field(default_factory=dict)
    index_lines: list[str] = field(default_factory=list)
    locks: int = 0


@dataclass(frozen=True)
class Seeded:
    count: int
    files: int
    seconds: float


def seed(data_dir: Path, count: int, data_key: str) -> Seeded:
    """Store *count* submissions (at least one) in a new folder *data_dir*."""
    before = time.perf_counter()
    if data_dir.exists() and any(data_dir.iterdir()):
        raise FileExistsError(f"{data_dir} is not empty")
    app = create_app(service_config(data_dir, data_key))
    services: Services = app.extensions["xarxa"]
    with app.app_context():
        references = _submit_templates(services, min(count, len(DECISIONS)))
    store = services.store
    templates = _read_templates(store, references)
    for folder in ("mail", "outbox", "drafts"):
        shutil.rmtree(data_dir / folder, ignore_errors=True)
        (data_dir / folder).mkdir()
    prefix = references[0][:8]
    chunks = [
        range(start, min(start + CHUNK, count + 1))
        for start in range(len(references) + 1, count + 1, CHUNK)
    ]

    def copy_chunk(numbers: range) -> tuple[int, list[str]]:
        written, lines = 0, list[str]()
        for number in numbers:
            template = templates[number % len(templates)]
            written += _copy(store, template, f"{prefix}{number:06d}", lines)
        return written, lines

    files = 0
    # Threads overlap file creation in the kernel with encryption in Python.
    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        with store.submissions.index_path.open("a", encoding="utf-8") as index:
            for written, lines in pool.map(copy_chunk, chunks):
                files += written
                index.writelines(lines)
    counter = store.submissions.counters / f"{references[0][3:7]}.json"
    counter.write_text(json.dumps({"last": count}), encoding="utf-8")
    _check(store, prefix, count)
    return Seeded(count, files, time.perf_counter() - before)


def _submit_templates(services: Services, count: int) -> list[str]:
    references = []
    for number, decision in enumerate(DECISIONS[:count]):
        submission = services.requests.submit(WORKFLOW, referral_answers(number), "ca")
        references.append(submission.reference)
        if decision is None:
            continue
        token = decision_tokens(services.store.root / "mail")[submission.reference]
        link = services.approval_links.find(token)
        now = services.engine.now()
        record_access(services.store, link.reference, link.approver, "view", now)
        services.requests.decide(token, *decision)
    return references


def _read_templates(store: Store, references: list[str]) -> list[Template]:
    templates = {reference: Template(reference) for reference in references}
    index_path = store.submissions.index_path
    for line in index_path.read_text("utf-8").splitlines():
        templates[json.loads(line)["reference"]].index_lines.append(line)
    for path in sorted(store.root.rglob("*")):
        relative = path.relative_to(store.root)
        if not path.is_file() or path == index_path or relative.parts[0] in NOT_COPIED:
            continue
        lines = [
            _open_line(store.cipher, line) for line in path.read_bytes().split(b"\n")
        ]
        owners = {
            m[0]
            for plain, _ in lines
            for m in _REFERENCE.finditer(plain.decode(errors="replace"))
        }
        owners |= {m[0] for m in _REFERENCE.finditer(str(relative))}
        if not owners:
            continue  # shared by every submission: kept as it is
        if len(owners) > 1 or not owners <= templates.keys():
            raise ValueError(f"{relative} belongs to {sorted(owners)}: cannot copy")
        templates[owners.pop()].files[str(relative)] = lines
    if store.locks(references[0]).path.name != _lock_name(references[0]):
        raise ValueError("lock files are no longer named as `_lock_name` says")
    # Each template leaves a share of the lock files (its own, its draft's, mail).
    shared = len(list(store.locks.root.glob("*.lock"))) - 2  # index and counter
    for template in templates.values():
        template.locks = max(1, round(shared / len(templates)))
    return list(templates.values())


def _open_line(cipher: Cipher, line: bytes) -> tuple[bytes, bool]:
    return (cipher.decrypt(line), True) if is_encrypted(line) else (line, False)


def _copy(store: Store, template: Template, reference: str, index: list[str]) -> int:
    """Write the files of *template* for *reference*, add its index lines to
    *index*; return how many files."""
    old = template.reference.encode()
    new = reference.encode()
    for relative, lines in template.files.items():
        path = store.root / _copied_path(relative, template.reference, reference)
        content = b"\n".join(
            store.cipher.encrypt(plain.replace(old, new))
            if encrypted
            else plain.replace(old, new)
            for plain, encrypted in lines
        )
        _write(path, content)
    for line in template.index_lines:
        index.append(line.replace(template.reference, reference) + "\n")
    _write(store.locks.root / _lock_name(reference), b"")
    for _ in range(template.locks - 1):  # draft and mail locks: random names
        _write(store.locks.root / f"{secrets.token_hex(16)}.lock", b"")
    return len(template.files) + template.locks


def _lock_name(name: str) -> str:
    """The file `Locks` uses for *name* (checked against it in `_read_templates`)."""
    return f"{hashlib.sha256(name.encode()).hexdigest()[:32]}.lock"


def _copied_path(relative: str, old: str, new: str) -> str:
    """The template's path for the copy: new reference, new bucket, new random name."""
    if old in relative:
        old_bucket, new_bucket = _bucket(old), _bucket(new)
        return relative.replace(old, new).replace(f"/{old_bucket}/", f"/{new_bucket}/")
    folder, _, name = relative.rpartition("/")
    stem, dot, suffix = name.partition(".")
    return f"{folder}/{_random_like(stem)}{dot}{suffix}"


def _bucket(reference: str) -> str:
    """A folder per thousand references, as `SubmissionStore` keeps them."""
    found = _REFERENCE.fullmatch(reference)
    if found is None:
        raise ValueError(reference)
    return f"{found[1]}-{int(found[2]) // 1000:04d}"


def _random_like(name: str) -> str:
    """A random name of the same length and kind (hex digest or url-safe id)."""
    if all(c in string.hexdigits for c in name):
        return secrets.token_hex(len(name) // 2 + 1)[: len(name)]
    return secrets.token_urlsafe(len(name))[: len(name)]


def _write(path: Path, data: bytes) -> None:
    """Write without fsync: seeding only."""
    try:
        handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    except FileNotFoundError:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    try:
        os.write(handle, data)
    finally:
        os.close(handle)


def _check(store: Store, prefix: str, count: int) -> None:
    """Read a sample back through the store, as the service will."""
    reread = Store(store.root, store.cipher)
    for number in sorted({1, count // 2 + 1, count}):
        reference = f"{prefix}{number:06d}"
        if reread.submissions.get(reference).id != reference:
            raise RuntimeError(f"{reference} was not copied right")
    listed = len(reread.submissions.index())
    if listed != count:
        raise RuntimeError(f"the index lists {listed} submissions, not {count}")


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("count", type=int)
    parser.add_argument("--data-key", required=True, help="a Fernet key")
    arguments = parser.parse_args()
    seeded = seed(arguments.data_dir, arguments.count, arguments.data_key)
    print(
        f"{seeded.count} submissions, {seeded.files} files, {seeded.seconds:.1f} s",
    )


if __name__ == "__main__":
    main()
