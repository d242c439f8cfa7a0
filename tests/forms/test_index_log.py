"""The index as a process reads it: whole once, then only what was appended."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from forms_service.store.files import append_line, atomic_write_bytes
from forms_service.store.index_log import IndexEntry, IndexLog


def _line(reference: str, state: str, created: str = "2026-03-03T10:00:00") -> str:
    entry = IndexEntry(reference, "connectat-referral", state, None, created, created)
    return json.dumps(entry.__dict__)


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "index.jsonl"


def _states(log: IndexLog) -> dict[str, str]:
    return {entry.reference: entry.state for entry in log.latest()}


def test_a_missing_log_lists_nothing(path: Path) -> None:
    assert IndexLog(path).latest() == []


def test_the_latest_line_of_each_reference_newest_first(path: Path) -> None:
    append_line(path, _line("XR-2026-000001", "review", "2026-03-01T09:00:00"))
    append_line(path, _line("XR-2026-000002", "review", "2026-03-02T09:00:00"))
    append_line(path, _line("XR-2026-000001", "approved", "2026-03-01T09:00:00"))
    listed = IndexLog(path).latest()
    assert [(e.reference, e.state) for e in listed] == [
        ("XR-2026-000002", "review"),
        ("XR-2026-000001", "approved"),
    ]


def test_lines_appended_later_are_read_and_earlier_ones_not_again(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    log = IndexLog(path)
    append_line(path, _line("XR-2026-000001", "review"))
    assert _states(log) == {"XR-2026-000001": "review"}
    parsed: list[bytes] = []
    real_loads = json.loads
    monkeypatch.setattr(
        "forms_service.store.index_log.json.loads",
        lambda line: parsed.append(line) or real_loads(line),
    )
    append_line(path, _line("XR-2026-000001", "approved"))
    append_line(path, _line("XR-2026-000002", "review"))
    assert _states(log) == {"XR-2026-000001": "approved", "XR-2026-000002": "review"}
    assert len(parsed) == 2


def test_a_line_still_being_written_waits_for_its_end(path: Path) -> None:
    log = IndexLog(path)
    whole = _line("XR-2026-000001", "review") + "\n"
    with path.open("w", encoding="utf-8") as stream:
        stream.write(whole[:20])
    assert log.latest() == []
    with path.open("a", encoding="utf-8") as stream:
        stream.write(whole[20:])
    assert _states(log) == {"XR-2026-000001": "review"}


def test_a_rewritten_log_is_read_again_from_its_start(path: Path) -> None:
    log = IndexLog(path)
    append_line(path, _line("XR-2026-000001", "review"))
    append_line(path, _line("XR-2026-000002", "review"))
    assert len(log.latest()) == 2
    # `xarxa reindex` replaces the file: a new inode, and here fewer lines.
    atomic_write_bytes(path, (_line("XR-2026-000003", "review") + "\n").encode())
    assert _states(log) == {"XR-2026-000003": "review"}
    path.unlink()
    assert log.latest() == []


def test_a_truncated_log_is_read_again(path: Path) -> None:
    log = IndexLog(path)
    append_line(path, _line("XR-2026-000001", "review"))
    append_line(path, _line("XR-2026-000002", "review"))
    assert len(log.latest()) == 2
    inode = path.stat().st_ino
    with path.open("r+", encoding="utf-8") as stream:
        stream.truncate(0)
        stream.write(_line("XR-2026-000009", "review") + "\n")
    assert path.stat().st_ino == inode
    assert os.path.getsize(path) > 0
    assert _states(log) == {"XR-2026-000009": "review"}
