"""Markdown for the benchmark results: tables, the machine they came from, and the
README block they go into (between `<!-- bench:start -->` and `<!-- bench:end -->`)."""

from __future__ import annotations

import os
import platform
import re
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from catalogue.parallel import cores

START, END = "<!-- bench:start -->", "<!-- bench:end -->"


def table(header: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """Return a Markdown table; numbers right-aligned."""
    numeric = [all(_is_number(row[i]) for row in rows) for i in range(len(header))]
    align = ["---:" if right else "---" for right in numeric]
    lines = [header, align, *[[str(cell) for cell in row] for row in rows]]
    return "\n".join(f"| {' | '.join(map(str, line))} |" for line in lines)


def _is_number(cell: object) -> bool:
    return bool(re.match(r"^[\d.,×%~ –-]+( [a-zA-Z]+)?$", str(cell)))


def machine(label: str) -> str:
    """Describe the machine and the moment of the run."""
    memory = _first(Path("/proc/meminfo"), r"MemTotal:\s+(\d+)")
    model = _first(Path("/proc/cpuinfo"), r"model name\s*:\s*(.+)")
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    parts = [
        f"{cores()} cores ({model or platform.machine()})",
        f"{int(memory) / 1024**2:.0f} GB RAM" if memory else None,
        platform.platform(terse=True),
        f"Python {platform.python_version()}",
        f"load average {load} at the start",
    ]
    when = datetime.now().strftime("%Y-%m-%d %H:%M")
    note = f" {label.rstrip('.')}." if label else ""
    return f"Measured on {when} on {'; '.join(p for p in parts if p)}.{note}"


def _first(path: Path, pattern: str) -> str | None:
    try:
        found = re.search(pattern, path.read_text(encoding="utf-8"))
    except OSError:
        return None
    return found[1].strip() if found else None


def write_block(readme: Path, text: str) -> None:
    """Replace what README.md holds between the bench markers with *text*."""
    content = readme.read_text(encoding="utf-8")
    before, start, rest = content.partition(START)
    _, end, after = rest.partition(END)
    if not start or not end:
        raise ValueError(f"{readme} lacks the {START} … {END} markers")
    readme.write_text(f"{before}{START}\n{text.strip()}\n{END}{after}", "utf-8")
