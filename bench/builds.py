"""Build a corpus as a user would, in a child process: with `xarxa build`, and with
Pelican, MkDocs and Hugo for comparison."""

from __future__ import annotations

import re
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

from bench.corpus import REPO
from bench.hugo import hugo_executable, write_hugo_corpus
from bench.measure import Run, run
from bench.mkdocs import write_mkdocs_corpus
from bench.pelican import write_pelican_corpus

REPORT = re.compile(
    r"built (?P<pages>\d+) pages \((?P<files>\d+) files, (?P<kib>[\d.]+) KiB\) "
    r"in (?P<seconds>[\d.]+) s; (?P<rendered>\d+) files rendered"
)


@dataclass(frozen=True)
class Build:
    """One build: measured from outside, and as it reported itself."""

    run: Run
    files: int
    megabytes: float
    seconds_inside: float
    rendered: int


def xarxa_build(content: Path, out: Path, clean: bool = True) -> Build:
    """Run `xarxa build`; with *clean*, without the site or cache of a last build.

    `seconds_inside` is the build's own time: the command's, less Python's
    start-up and imports.
    """
    if clean:
        shutil.rmtree(out, ignore_errors=True)
        shutil.rmtree(out.parent / ".cache", ignore_errors=True)
    xarxa = Path(sys.executable).with_name("xarxa")
    command = [str(xarxa), "build", "--content", str(content), "--out", str(out)]
    measured = run([*command, "--workflows", str(REPO / "workflows")])
    found = REPORT.search(measured.output)
    if found is None:
        raise RuntimeError(f"no build report in:\n{measured.output}")
    return Build(
        measured,
        int(found["files"]),
        float(found["kib"]) / 1024,
        float(found["seconds"]),
        int(found["rendered"]),
    )


def pelican_build(content: Path, folder: Path) -> Build:
    """Build the same Markdown with Pelican (see `bench.pelican`)."""
    shutil.rmtree(folder, ignore_errors=True)
    settings = write_pelican_corpus(content, folder)
    output = folder / "output"
    command = [sys.executable, "-m", "pelican", "content", "-o", str(output)]
    measured = run([*command, "-s", str(settings), "-q"], cwd=folder)
    return _written(measured, output)


def mkdocs_build(content: Path, folder: Path) -> Build:
    """Build the same Markdown with MkDocs (see `bench.mkdocs`)."""
    shutil.rmtree(folder, ignore_errors=True)
    config = write_mkdocs_corpus(content, folder)
    command = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config)]
    return _written(run(command, cwd=folder), folder / "site")


def hugo_build(content: Path, folder: Path) -> Build:
    """Build the same Markdown with Hugo (see `bench.hugo`), with an empty cache."""
    shutil.rmtree(folder, ignore_errors=True)
    write_hugo_corpus(content, folder)
    output = folder / "public"
    command = [str(hugo_executable()), "build", "--quiet", "--noBuildLock"]
    command += ["--source", str(folder), "--destination", str(output)]
    measured = run([*command, "--cacheDir", str(folder / "cache")], cwd=folder)
    return _written(measured, output)


def _written(measured: Run, output: Path) -> Build:
    """A peer's build, from the files it wrote into *output*."""
    files = [path for path in output.rglob("*") if path.is_file()]
    size = sum(path.stat().st_size for path in files) / 1024**2
    return Build(measured, len(files), size, measured.seconds, len(files))
