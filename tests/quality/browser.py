"""What the browser gates share: one chromium, axe-core, the Nu HTML checker and
the screenshots kept when a browser test fails.

Both `tests/quality` and `tests/journeys` use these. Playwright's sync driver can
run only once per thread, so the driver and the browser are shared, started by
the first package that asks and stopped when the last one is done.
"""

from __future__ import annotations

import json
import re
import subprocess
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

import pytest
from playwright.sync_api import (
    Browser,
    Page,
    Playwright,
    ViewportSize,
    sync_playwright,
)
from playwright.sync_api import Error as PlaywrightError

from tests.quality.pages import REPO

ARTIFACTS = REPO / "build" / "test-artifacts"
AXE_JS = REPO / ".cache" / "npm" / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DESKTOP: ViewportSize = {"width": 1280, "height": 800}

#: The pages a test opened, screenshotted if it fails.
OPENED_PAGES = pytest.StashKey[list[Page]]()


@dataclass
class _Shared:
    """The one driver and browser of the session, with how many users each has."""

    driver: Playwright | None = None
    driver_users: int = 0
    browser: Browser | None = None
    browser_users: int = 0


_SHARED = _Shared()


@contextmanager
def shared_playwright() -> Iterator[Playwright]:
    """Playwright's driver, started by the first user and stopped by the last."""
    if _SHARED.driver is None:
        _SHARED.driver = sync_playwright().start()
    driver = _SHARED.driver
    _SHARED.driver_users += 1
    try:
        yield driver
    finally:
        _SHARED.driver_users -= 1
        if _SHARED.driver_users == 0:
            driver.stop()
            _SHARED.driver = None


@contextmanager
def shared_browser(driver: Playwright) -> Iterator[Browser]:
    """Debian's chromium, headless, launched once for every user."""
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: run `bash .ci/system-deps` as root")
    if _SHARED.browser is None:
        _SHARED.browser = driver.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS
        )
    browser = _SHARED.browser
    _SHARED.browser_users += 1
    try:
        yield browser
    finally:
        _SHARED.browser_users -= 1
        if _SHARED.browser_users == 0:
            browser.close()
            _SHARED.browser = None


def read_axe() -> str:
    """axe-core's script, from its npm package fetched by `make test`."""
    if not AXE_JS.exists():
        pytest.fail(
            f"{AXE_JS.relative_to(REPO)} is missing: run `make test`, which fetches "
            "axe-core with npm into .cache/npm/"
        )
    return AXE_JS.read_text(encoding="utf-8")


def run_axe(page: Page, axe_source: str) -> list[dict[str, Any]]:
    """Inject axe-core into *page* and return its WCAG 2.1 A/AA violations."""
    page.add_script_tag(content=axe_source)
    violations: list[dict[str, Any]] = page.evaluate(
        """tags => axe.run(document, {
            runOnly: {type: "tag", values: tags},
            resultTypes: ["violations"],
        }).then(results => results.violations)""",
        AXE_TAGS,
    )
    return violations


def describe_violation(violation: dict[str, Any]) -> str:
    """One axe violation and the elements it found, for a failure message."""
    targets = [
        " ".join(map(str, node["target"])) for node in violation.get("nodes", [])
    ]
    return (
        f"{violation['id']} ({violation.get('impact')}): {violation['help']}\n"
        + "".join(f"    {target}\n" for target in targets)
    )


def nu_check(java: str, jar: Path, files: Sequence[Path]) -> list[dict[str, Any]]:
    """Run the Nu HTML checker once over *files*; return its errors (no infos)."""
    command = [java, "-jar", str(jar), "--errors-only", "--format", "json"]
    result = subprocess.run(
        [*command, "--stdout", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    try:
        messages: list[dict[str, Any]] = json.loads(result.stdout)["messages"]
    except (json.JSONDecodeError, KeyError) as error:
        raise AssertionError(
            f"the checker gave no report (exit {result.returncode}):\n"
            f"{result.stdout}\n{result.stderr}"
        ) from error
    return [message for message in messages if message.get("type") != "info"]


def nu_location(message: dict[str, Any], root: Path) -> str:
    """`file:line:col` of a checker message, the file relative to *root*."""
    url = message.get("url", "")
    path = Path(unquote(urlparse(url).path)) if url.startswith("file:") else Path(url)
    name = path.relative_to(root) if path.is_relative_to(root) else path
    line = message.get("lastLine", message.get("firstLine", "?"))
    column = message.get("firstColumn", message.get("lastColumn", "?"))
    return f"{name}:{line}:{column}"


def keep_screenshots(item: pytest.Item, report: pytest.TestReport) -> None:
    """Keep a screenshot of each page a failed test opened; name them in *report*."""
    name = re.sub(r"[^A-Za-z0-9_.-]+", "_", item.nodeid).strip("_")
    pages = item.stash[OPENED_PAGES] if OPENED_PAGES in item.stash else []
    for index, page in enumerate(pages):
        path = ARTIFACTS / f"{name}-{index}.png"
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=path, full_page=True)
        except PlaywrightError as error:
            report.sections.append(("screenshot", f"none taken: {error}"))
        else:
            report.sections.append(("screenshot", f"screenshot kept at {path}"))
