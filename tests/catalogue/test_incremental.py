"""A rebuild writes only what changed, and leaves the site a clean build would write.

Each step changes the content (edits a service, adds one, removes files), rebuilds
the same site, builds the same content from scratch elsewhere, and compares both
sites byte for byte. Lists are cut into pages of 4 and processes start from 10
items, so that small sites page their lists and spread their work over processes.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from bench.corpus import write_corpus
from catalogue import buildcache, pagination, parallel
from catalogue.cli import main
from tests.conftest import REPO

SERVICES = 24


@pytest.fixture(autouse=True)
def _small_pages_and_many_processes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pagination, "PAGE_SIZE", 4)
    monkeypatch.setattr(parallel, "PARALLEL_MINIMUM", 10)


def _build(content: Path, out: Path) -> int:
    """Build *content* into *out*; return how many files were rendered."""
    result = CliRunner().invoke(
        main,
        [
            "build",
            *("--content", str(content)),
            *("--workflows", str(REPO / "workflows")),
            *("--out", str(out)),
        ],
    )
    assert result.exit_code == 0, result.output
    found = re.search(r"; (\d+) files rendered", result.output)
    assert found, result.output
    return int(found[1])


def _files(site: Path) -> dict[str, bytes]:
    return {
        path.relative_to(site).as_posix(): path.read_bytes()
        for path in sorted(site.rglob("*"))
        if path.is_file()
    }


def _same_as_clean_build(content: Path, site: Path, tmp_path: Path, name: str) -> None:
    clean = tmp_path / f"clean-{name}"
    _build(content, clean)
    rebuilt, expected = _files(site), _files(clean)
    assert sorted(rebuilt) == sorted(expected)
    different = [path for path in expected if rebuilt[path] != expected[path]]
    assert different == []


def _edit_title(content: Path) -> None:
    """Rename a service (its place in every list moves) and change its body."""
    path = sorted((content / "services").glob("*.ca.md"))[3]
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"^title: .*$", "title: Aaa servei reanomenat", text, flags=re.M)
    path.write_text(text + "\n## Novetat\n\nUn paràgraf nou.\n", encoding="utf-8")


def _add_service(content: Path) -> None:
    source = sorted((content / "services").glob("*.ca.md"))[5]
    text = source.read_text(encoding="utf-8")
    slug = re.search(r"^slug: (.*)$", text, flags=re.M)
    assert slug
    new = text.replace(slug[1], "servei-nou").replace("title: ", "title: Zeta ", 1)
    (content / "services" / "servei-nou.ca.md").write_text(new, encoding="utf-8")


def _remove_files(content: Path) -> None:
    """Remove a whole service, and the Spanish text of another."""
    services = sorted((content / "services").glob("*.ca.md"))
    for path in services[0].parent.glob(services[0].name.replace(".ca.md", ".*")):
        path.unlink()
    services[7].with_name(services[7].name.replace(".ca.", ".es.")).unlink()


@pytest.mark.parametrize(
    "change", [_edit_title, _add_service, _remove_files], ids=lambda c: c.__name__
)
def test_a_rebuild_equals_a_clean_build(
    tmp_path: Path, change: Callable[[Path], None]
) -> None:
    content, site = tmp_path / "content", tmp_path / "site"
    write_corpus(content, SERVICES)
    everything = _build(content, site)
    change(content)
    rendered = _build(content, site)
    assert 0 < rendered < everything / 2
    _same_as_clean_build(content, site, tmp_path, change.__name__)


def test_nothing_changed_renders_nothing(tmp_path: Path) -> None:
    content, site = tmp_path / "content", tmp_path / "site"
    write_corpus(content, SERVICES)
    _build(content, site)
    assert _build(content, site) == 0


def test_a_file_changed_by_hand_is_written_again(tmp_path: Path) -> None:
    content, site = tmp_path / "content", tmp_path / "site"
    write_corpus(content, SERVICES)
    _build(content, site)
    page = site / "ca" / "index.html"
    original = page.read_bytes()
    page.write_text("changed", encoding="utf-8")
    (site / "robots.txt").unlink()
    (site / "stray.html").write_text("left over", encoding="utf-8")
    assert _build(content, site) == 2
    assert page.read_bytes() == original
    assert (site / "robots.txt").is_file()
    assert not (site / "stray.html").exists()


def test_new_code_renders_everything_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    content, site = tmp_path / "content", tmp_path / "site"
    write_corpus(content, SERVICES)
    everything = _build(content, site)
    monkeypatch.setattr(buildcache, "code_key", lambda: "another version")
    assert _build(content, site) == everything


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
    assert _build(content, site) > 0
