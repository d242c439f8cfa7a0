"""A rebuild writes only what changed, and leaves the site a clean build would write.

Each step changes the content (edits a service, adds one, removes files), rebuilds
the same site, builds the same content from scratch elsewhere, and compares both
sites byte for byte. Lists are cut into pages of 4 and processes start from 10
items, so that small sites page their lists and spread their work over processes.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from bench.corpus import write_corpus
from catalogue import buildcache
from catalogue.cli import main
from tests.catalogue.rebuilds import (
    SERVICES,
    add_service,
    build,
    edit_title,
    remove_files,
    same_as_clean_build,
)
from tests.conftest import REPO

pytestmark = pytest.mark.usefixtures("small_pages_and_many_processes")


@pytest.mark.parametrize(
    "change", [edit_title, add_service, remove_files], ids=lambda c: c.__name__
)
def test_a_rebuild_equals_a_cleanbuild(
    tmp_path: Path, change: Callable[[Path], None]
) -> None:
    content, site = tmp_path / "content", tmp_path / "site"
    write_corpus(content, SERVICES)
    everything = build(content, site)
    change(content)
    rendered = build(content, site)
    assert 0 < rendered < everything / 2
    same_as_clean_build(content, site, tmp_path, change.__name__)


def test_nothing_changed_renders_nothing(tmp_path: Path) -> None:
    content, site = tmp_path / "content", tmp_path / "site"
    write_corpus(content, SERVICES)
    build(content, site)
    assert build(content, site) == 0


def test_a_file_changed_by_hand_is_written_again(tmp_path: Path) -> None:
    content, site = tmp_path / "content", tmp_path / "site"
    write_corpus(content, SERVICES)
    build(content, site)
    page = site / "ca" / "index.html"
    original = page.read_bytes()
    page.write_text("changed", encoding="utf-8")
    (site / "robots.txt").unlink()
    (site / "stray.html").write_text("left over", encoding="utf-8")
    assert build(content, site) == 2
    assert page.read_bytes() == original
    assert (site / "robots.txt").is_file()
    assert not (site / "stray.html").exists()


def test_new_code_renders_everything_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    content, site = tmp_path / "content", tmp_path / "site"
    write_corpus(content, SERVICES)
    everything = build(content, site)
    monkeypatch.setattr(buildcache, "code_key", lambda: "another version")
    assert build(content, site) == everything


def test_a_broken_link_fails_every_build_until_fixed(tmp_path: Path) -> None:
    content, site = tmp_path / "content", tmp_path / "site"
    sources = write_corpus(content, SERVICES)
    text = sources[2].read_text(encoding="utf-8")
    sources[2].write_text(text + "\n[Enllaç](/ca/services/cap/)\n", encoding="utf-8")
    arguments = ["build", "--content", str(content), "--out", str(site)]
    arguments += ["--workflows", str(REPO / "workflows")]
    for _ in range(2):
        result = CliRunner().invoke(main, arguments)
        assert result.exit_code == 1
        assert "broken link to /ca/services/cap/" in result.output
    sources[2].write_text(text, encoding="utf-8")
    assert build(content, site) > 0
