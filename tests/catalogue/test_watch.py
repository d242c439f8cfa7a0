"""`xarxa build --watch`: each build of a watching process leaves the site that a
clean build of the same content writes, while rendering only what changed."""

from __future__ import annotations

import re
import shutil
import signal
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from bench.corpus import write_corpus
from bench.watching import start_watch
from catalogue import watch
from catalogue.buildcache import BuildCache, cache_folder_for
from catalogue.cli import main
from catalogue.watch import Rebuilder, file_changes
from tests.catalogue.rebuilds import (
    SERVICES,
    add_service,
    edit_title,
    files,
    remove_files,
    same_as_clean_build,
)
from tests.conftest import REPO

pytestmark = pytest.mark.usefixtures("small_pages_and_many_processes")


def _rebuilder(tmp_path: Path, lines: list[str]) -> Rebuilder:
    content, site = tmp_path / "content", tmp_path / "site"
    write_corpus(content, SERVICES)
    shutil.copytree(REPO / "workflows", tmp_path / "workflows")
    settings = {
        "CONTENT_DIR": str(content),
        "WORKFLOWS_DIR": str(tmp_path / "workflows"),
        "BUILD_CACHE": BuildCache(cache_folder_for(site), remembers=True),
    }
    return Rebuilder(settings, site, lines.append)


def _retitle_workflow(tmp_path: Path) -> None:
    """Change a workflow's title: every page's key changes with the workflows."""
    path = tmp_path / "workflows" / "connectat-referral.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("ca: Derivació a", "ca: Derivació al"), "utf-8")


def test_every_build_of_a_watch_equals_a_clean_build(tmp_path: Path) -> None:
    content, site, workflows = (tmp_path / n for n in ("content", "site", "workflows"))
    rebuilder = _rebuilder(tmp_path, [])
    first = rebuilder.build()
    assert first is not None
    changes: list[Callable[[Path], None]] = [edit_title, add_service, remove_files]
    for change in changes:
        change(content)
        report = rebuilder.build()
        assert report is not None
        assert 0 < report.rendered < first.rendered / 2, change.__name__
        same_as_clean_build(content, site, tmp_path, change.__name__, workflows)
    _retitle_workflow(tmp_path)
    report = rebuilder.build()
    assert report is not None
    assert report.rendered == report.files
    same_as_clean_build(content, site, tmp_path, "workflow", workflows)


def test_nothing_changed_renders_nothing(tmp_path: Path) -> None:
    rebuilder = _rebuilder(tmp_path, [])
    assert rebuilder.build() is not None
    again = rebuilder.build()
    assert again is not None
    assert again.rendered == 0


def test_a_content_error_keeps_the_site_until_fixed(tmp_path: Path) -> None:
    lines: list[str] = []
    rebuilder = _rebuilder(tmp_path, lines)
    assert rebuilder.build() is not None
    content, site = tmp_path / "content", tmp_path / "site"
    before = files(site)
    path = sorted((content / "services").glob("*.ca.md"))[4]
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("summary:", "sumary:", 1), encoding="utf-8")
    assert rebuilder.build() is None
    assert f"{path}:" in "\n".join(lines)
    assert "unknown key 'sumary' (did you mean 'summary'?)" in "\n".join(lines)
    assert lines[-1] == "the content has errors: the site is left as it was"
    assert files(site) == before
    path.write_text(text + "\nUn paràgraf afegit.\n", encoding="utf-8")
    report = rebuilder.build()
    assert report is not None
    assert report.rendered > 0
    same_as_clean_build(content, site, tmp_path, "fixed")


def test_builds_leave_no_freezer_behind_on_the_app(tmp_path: Path) -> None:
    """Each freezer adds a URL default to the app: a watch would gather them."""
    rebuilder = _rebuilder(tmp_path, [])
    rebuilder.build()
    assert rebuilder.app is not None
    count = len(rebuilder.app.url_default_functions[None])
    for number in range(3):
        edit_title(tmp_path / "content")
        (tmp_path / "content" / "services" / "extra.txt").write_text(str(number))
        assert rebuilder.build() is not None
    assert len(rebuilder.app.url_default_functions[None]) == count


def test_the_command_builds_again_when_a_file_is_saved(tmp_path: Path) -> None:
    """The real command, told of the change by the operating system."""
    content, site = tmp_path / "content", tmp_path / "site"
    sources = write_corpus(content, 6)
    with start_watch(content, site) as watching:
        watching.wait_for("watching for changes")
        text = sources[0].read_text(encoding="utf-8")
        sources[0].write_text(text + "\nUna frase desada ara.\n", encoding="utf-8")
        built = watching.wait_for("built ")
        assert re.search(r"; [1-9]\d* files rendered", built)
        slug = sources[0].name.removesuffix(".ca.md")
        page = site / "ca" / "services" / slug / "index.html"
        assert "Una frase desada ara." in page.read_text(encoding="utf-8")


def test_a_change_saved_before_the_first_wait_is_not_missed(tmp_path: Path) -> None:
    """The watch starts when asked for, not when first waited on: a file saved
    during the first build (here, before any wait) still starts a build."""
    (tmp_path / "content").mkdir()
    batches = file_changes(tmp_path / "content", tmp_path / "absent")
    saved = tmp_path / "content" / "nou.ca.md"
    saved.write_text("---\ntitle: Nou\n---\n", encoding="utf-8")
    assert str(saved) in {path for _, path in _next_batch(batches)}


def _next_batch(batches: Iterator[set[tuple[object, str]]]) -> set[tuple[object, str]]:
    """Return the next batch, failing rather than hanging when none comes."""
    found: list[set[tuple[object, str]]] = []
    waiter = threading.Thread(target=lambda: found.append(next(batches)), daemon=True)
    waiter.start()
    waiter.join(timeout=60)  # a bound on a hang, never a measurement
    assert found, "no change reported for a file saved after the watch started"
    return found[0]


def test_ctrl_c_stops_the_watch_quietly(tmp_path: Path) -> None:
    content, site = tmp_path / "content", tmp_path / "site"
    write_corpus(content, 2)
    with start_watch(content, site) as watching:
        watching.wait_for("watching for changes")
        watching.process.send_signal(signal.SIGINT)
        assert watching.wait_for("stopped") == "stopped\n"
        assert watching.process.wait(timeout=60) == 0


def test_ctrl_c_during_a_build_says_the_next_build_finishes_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    content = tmp_path / "content"
    write_corpus(content, 2)

    def interrupted(*_: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(watch, "freeze", interrupted)
    arguments = ["build", "--watch", "--content", str(content)]
    arguments += ["--out", str(tmp_path / "site")]
    result = CliRunner().invoke(main, arguments)
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "stopped during a build: the next build writes what it missed"
    ]
