"""Freeze the catalogue into static files with Frozen-Flask."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from flask import Flask
from flask_frozen import Freezer

from . import browse, feeds, views


@dataclass(frozen=True)
class BuildReport:
    """What a build wrote."""

    pages: int
    files: int
    bytes: int
    seconds: float

    def __str__(self) -> str:
        kilobytes = self.bytes / 1024
        return (
            f"built {self.pages} pages ({self.files} files, {kilobytes:.1f} KiB) "
            f"in {self.seconds:.2f} s"
        )


def make_freezer(app: Flask) -> Freezer:
    """Return a freezer that knows every language and service URL."""
    freezer = Freezer(app, with_no_argument_rules=True, log_url_for=True)

    freezer.register_generator(views.freeze_urls)
    freezer.register_generator(browse.freeze_urls)
    freezer.register_generator(feeds.freeze_urls)

    return freezer


def freeze(app: Flask, destination: Path) -> BuildReport:
    """Write the site to *destination* and report its size."""
    started = time.perf_counter()
    app.config["FREEZER_DESTINATION"] = str(destination.resolve())
    urls = make_freezer(app).freeze()
    files = [path for path in destination.rglob("*") if path.is_file()]
    total = sum(path.stat().st_size for path in files)
    pages = sum(url.endswith(("/", ".html")) for url in urls)
    return BuildReport(pages, len(files), total, time.perf_counter() - started)
