"""Build the site again whenever the content or the workflows change.

`xarxa build --watch` builds once, then waits for files to change under the
content and workflows folders (with watchfiles, which the operating system tells
of changes) and builds again in the same process. That process keeps its app and
what each build worked out (`BuildCache(..., remembers=True)`), so a rebuild after
one edit reads that one file, plans from what it knew, and writes only the pages
that show the edit. Changes to the code or templates need a new process.

A build that fails (a content error, a broken link) leaves the site as the last
good build left it and says why; the next change builds again.
"""

from __future__ import annotations

import gc
import itertools
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

from flask import Flask

from forms_service.workflow import InvalidWorkflow

from . import create_app, load_content
from .freeze import BuildError, BuildReport, freeze
from .problems import ContentError

# After the last change of a burst (an editor saving several files), how long to
# wait for more before building, in milliseconds.
QUIET_MS = 50


class Rebuilder:
    """Builds the site again and again in one process; see the module."""

    def __init__(
        self, settings: dict[str, Any], out: Path, say: Callable[[str], None]
    ) -> None:
        self.settings = settings
        self.out = out
        self.say = say
        self.app: Flask | None = None
        #: Whether a build is under way (one that Ctrl+C cut short left files
        #: that the next build's check finds and writes again).
        self.building = False

    def build(self) -> BuildReport | None:
        """Build the site; report what was written, or None when the build failed
        (having said why)."""
        self.building = True
        report = self._build()
        self.building = False  # not after an interruption (Ctrl+C)
        return report

    def _build(self) -> BuildReport | None:
        started = time.perf_counter()
        try:
            report = freeze(self._app(), self.out)
        except (ContentError, InvalidWorkflow) as error:
            for problem in problems_of(error):
                self.say(str(problem))
            self.say("the content has errors: the site is left as it was")
            return None
        except BuildError as error:
            self.say(str(error))
            self.say("the build failed: fix the pages above")
            return None
        return replace(report, seconds=time.perf_counter() - started)

    def _app(self) -> Flask:
        if self.app is None:
            self.app = create_app(self.settings)
        else:
            load_content(self.app)
        return self.app

    def watch(self, changes: Iterable[set[Any]]) -> None:
        """Build now, then once for each batch of *changes*, until they end."""
        self._say_built(self.build())
        for batch in changes:
            self.say(f"{len(batch)} file(s) changed: building again…")
            self._say_built(self.build())

    def _say_built(self, report: BuildReport | None) -> None:
        if report is not None:
            self.say(f"{report} -> {self.out}")
        # The site is written: tidy up while the user looks at it.
        _tidy_memory()
        self.say("watching for changes (Ctrl+C stops)…")


def problems_of(error: ContentError | InvalidWorkflow) -> list[object]:
    """Return the problems that make *error*, to show one a line."""
    if isinstance(error, ContentError):
        return list(error.problems)
    return list(error.diagnostics)


def file_changes(*folders: Path) -> Iterator[set[Any]]:
    """Watch the files under *folders* from now on, and yield each batch of
    changes as it comes: a change saved during a build is yielded after it."""
    from watchfiles import watch

    existing = [str(folder) for folder in folders if folder.is_dir()]
    # watchfiles starts watching at the generator's first step; take that step
    # now (it ends after QUIET_MS with the changes so far, usually none).
    batches = watch(
        *existing,
        step=QUIET_MS,
        rust_timeout=QUIET_MS,
        yield_on_timeout=True,
        raise_interrupt=False,
    )
    first = next(batches, set())
    return (batch for batch in itertools.chain([first], batches) if batch)


def _tidy_memory() -> None:
    """Collect the last build's garbage now, while waiting for a change, and set
    what is left aside: the next build's garbage collections then look only at
    the objects that build makes (a sixth of a rebuild's time otherwise)."""
    gc.unfreeze()
    gc.collect()
    gc.freeze()
