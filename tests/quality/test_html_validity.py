"""Every built page passes the W3C Nu HTML checker with zero errors."""

from __future__ import annotations

from pathlib import Path

from tests.quality.browser import nu_check, nu_location

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
    errors = nu_check(java, vnu_jar, [canary, *pages])
    from_canary = [e for e in errors if e.get("url", "").endswith("/canary.html")]
    assert from_canary, f"the checker did not report the planted error: {errors}"
    lines = [
        f"{nu_location(message, site_dir)}: {message.get('message', message)}"
        for message in errors
        if message not in from_canary
    ]
    assert not lines, f"{len(lines)} HTML error(s):\n" + "\n".join(lines)
