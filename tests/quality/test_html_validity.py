"""Every built page passes the W3C Nu HTML checker with zero errors."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse


def _location(message: dict[str, Any], site_dir: Path) -> str:
    """`file:line:col` of a checker message, the file relative to the site."""
    url = message.get("url", "")
    path = Path(unquote(urlparse(url).path)) if url.startswith("file:") else Path(url)
    name = path.relative_to(site_dir) if path.is_relative_to(site_dir) else path
    line = message.get("lastLine", message.get("firstLine", "?"))
    column = message.get("firstColumn", message.get("lastColumn", "?"))
    return f"{name}:{line}:{column}"


# Checked with the pages, to prove the checker reads them: it must report this one.
CANARY = """<!doctype html>
<html lang="ca"><head><meta charset="utf-8"><title>x</title></head>
<body><ul><p>Not a list item</p></ul></body></html>
"""


def test_every_built_page_is_valid_html(
    site_dir: Path, java: str, vnu_jar: Path, tmp_path: Path
) -> None:
    pages = sorted(site_dir.rglob("*.html"))
    assert len(pages) > 100, f"only {len(pages)} pages built"
    canary = tmp_path / "canary.html"
    canary.write_text(CANARY, encoding="utf-8")
    # One JVM for every page: the checker takes them all in one call.
    command = [java, "-jar", str(vnu_jar), "--errors-only", "--format", "json"]
    result = subprocess.run(
        [*command, "--stdout", str(canary), *map(str, pages)],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    try:
        messages = json.loads(result.stdout)["messages"]
    except (json.JSONDecodeError, KeyError) as error:
        raise AssertionError(
            f"the checker gave no report (exit {result.returncode}):\n"
            f"{result.stdout}\n{result.stderr}"
        ) from error
    errors = [message for message in messages if message.get("type") != "info"]
    from_canary = [e for e in errors if e.get("url", "").endswith("/canary.html")]
    assert from_canary, f"the checker did not report the planted error: {result}"
    lines = [
        f"{_location(message, site_dir)}: {message.get('message', message)}"
        for message in errors
        if message not in from_canary
    ]
    assert not lines, f"{len(lines)} HTML error(s):\n" + "\n".join(lines)
