"""Rebuilds in a watching process (`xarxa build --watch`), as an editor meets them:
services saved one after another, each waited for before the next."""

from __future__ import annotations

import queue
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from bench.builds import REPORT
from bench.corpus import REPO, edit_service

EDITS = 7
_WAIT_SECONDS = 600  # a generous bound on one build, never a measurement


@dataclass(frozen=True)
class WatchRebuilds:
    """Each edit's build as the process reported it, and from the save to the
    report; files written; the process's peak memory."""

    reported: list[float]
    after_save: list[float]
    rendered: list[int]
    files: int
    peak_mb: float

    @property
    def median(self) -> float:
        return statistics.median(self.reported)

    @property
    def median_after_save(self) -> float:
        return statistics.median(self.after_save)


def watch_rebuilds(content: Path, out: Path, sources: list[Path]) -> WatchRebuilds:
    """Start `xarxa build --watch` on *content* (built into *out* before), save
    `EDITS` services of *sources* one at a time, and time each rebuild."""
    reported, after_save, rendered, files = [], [], [], 0
    with start_watch(content, out) as watching:
        watching.wait_for("watching for changes")
        step = len(sources) // EDITS
        for number in range(EDITS):
            saved = time.perf_counter()
            edit_service(sources[number * step + step // 3])
            found = REPORT.search(watching.wait_for("built "))
            after_save.append(time.perf_counter() - saved)
            if found is None:
                raise RuntimeError("no build report from the watching process")
            reported.append(float(found["seconds"]))
            rendered.append(int(found["rendered"]))
            files = int(found["files"])
            # The process tidies its memory after a build: save the next edit after.
            watching.wait_for("watching for changes")
        peak = _peak_mb(watching.process.pid)
    return WatchRebuilds(reported, after_save, rendered, files, peak)


def start_watch(content: Path, out: Path) -> Watching:
    """Start `xarxa build --watch` of *content* into *out*, with the repository's
    workflows; stop it by leaving the `with` block it is used in."""
    xarxa = Path(sys.executable).with_name("xarxa")
    command = [str(xarxa), "build", "--watch", "--content", str(content)]
    return Watching(
        [*command, "--out", str(out), "--workflows", str(REPO / "workflows")]
    )


class Watching:
    """A command started in the background, with the lines it prints as they come."""

    def __init__(self, command: list[str]) -> None:
        self.process = subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
        )
        stdout = self.process.stdout
        assert stdout is not None
        self.lines: queue.Queue[str] = queue.Queue()
        self.reader = threading.Thread(target=lambda: [*map(self.lines.put, stdout)])
        self.reader.start()

    def __enter__(self) -> Watching:
        return self

    def __exit__(self, *_: object) -> None:
        self.stop()

    def wait_for(self, start: str) -> str:
        """Return the next line that starts with *start*.

        :raises RuntimeError: the command reported an error first, or printed
            no such line in a long while.
        """
        while True:
            try:
                line = self.lines.get(timeout=_WAIT_SECONDS)
            except queue.Empty:
                message = f"no line starting {start!r} in {_WAIT_SECONDS} s"
                raise RuntimeError(message) from None
            if line.startswith(start):
                return line
            if "error" in line or "failed" in line:
                raise RuntimeError(f"the watching process said: {line}")

    def stop(self) -> None:
        """Stop the command, and read and close its output."""
        self.process.terminate()
        self.process.wait(timeout=60)
        self.reader.join(timeout=60)
        if self.process.stdout is not None:
            self.process.stdout.close()


def _peak_mb(pid: int) -> float:
    """Return the largest resident set the process has had (Linux's VmHWM)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmHWM in /proc")
