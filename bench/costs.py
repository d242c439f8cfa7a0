"""What two parts of every build cost, in processor time in this process: rendering
the Markdown of every file (which Pelican does too) and drawing the QR code of every
service page (which it does not)."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Costs:
    """Processor seconds for the files of one corpus."""

    markdown: float
    qr_codes: float


def costs(content: Path) -> Costs:
    """Render every file's Markdown and draw every service page's QR code."""
    from catalogue.frontmatter import split
    from catalogue.markdown import render_markdown
    from catalogue.qr import qr_svg

    files = sorted((content / "services").glob("*.md"))
    bodies = [split(path.read_text(encoding="utf-8")).body for path in files]
    started = time.process_time()
    for body in bodies:
        render_markdown(body)
    markdown = time.process_time() - started
    slugs = sorted({path.name.split(".")[0] for path in files})
    urls = [
        f"http://127.0.0.1:8000/{lang}/services/{slug}/"
        for slug in slugs
        for lang in ("ca", "es", "en")
    ]
    started = time.process_time()
    for url in urls:
        qr_svg.__wrapped__(url, "QR")
    return Costs(markdown, time.process_time() - started)
