"""A tour of every page type of the forms service, in a real browser.

At each page the tour runs axe-core and keeps the HTML exactly as the server sent
it (the document's response, not the live DOM) for the Nu HTML checker, which
then reads them all in one run.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, Page, Response
from playwright.sync_api import Error as PlaywrightError

from tests.journeys.driving import TIMEOUT, intercept_file_choosers
from tests.quality.browser import ARTIFACTS, DESKTOP, run_axe


@dataclass(frozen=True)
class Seen:
    """One page type as the tour found it."""

    name: str
    url: str
    html: Path
    violations: list[dict[str, Any]]
    screenshot: Path | None


@dataclass
class Tour:
    """Browsers opened for the tour, and what it saw."""

    browser: Browser
    axe_source: str
    folder: Path
    seen: dict[str, Seen] = field(default_factory=dict)
    _pages: list[Page] = field(default_factory=list)
    _documents: dict[Page, Response] = field(default_factory=dict)

    def open(self) -> Page:
        """A new browser (its own cookies) whose documents are kept."""
        # The service's Content-Security-Policy forbids inline scripts: let axe in.
        context = self.browser.new_context(viewport=DESKTOP, bypass_csp=True)
        context.set_default_timeout(TIMEOUT)
        context.set_default_navigation_timeout(TIMEOUT)
        page = context.new_page()
        intercept_file_choosers(page)
        self._pages.append(page)
        page.on("response", lambda response: self._keep(page, response))
        return page

    def _keep(self, page: Page, response: Response) -> None:
        if (
            response.request.is_navigation_request()
            and response.frame == page.main_frame
            and not 300 <= response.status < 400
        ):
            self._documents[page] = response

    def record(self, page: Page, name: str) -> None:
        """Check the page shown now with axe; keep its HTML as sent."""
        assert name not in self.seen, f"page type {name} seen twice"
        page.wait_for_load_state("load")
        document = self._documents.get(page)
        assert document is not None, f"{name}: no document response"
        assert document.url == page.url, f"{name}: {document.url} is not {page.url}"
        html = self.folder / f"{name}.html"
        html.write_bytes(document.body())
        violations = run_axe(page, self.axe_source)
        screenshot = None
        if violations:
            screenshot = ARTIFACTS / f"journeys-axe-{name}.png"
            screenshot.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=screenshot, full_page=True)
        self.seen[name] = Seen(name, page.url, html, violations, screenshot)

    def keep_screenshots(self, error: Exception) -> None:
        """After a failure: say where the tour was, keep a screenshot of each page."""
        last = list(self.seen)[-1] if self.seen else "none"
        error.add_note(f"The tour failed after the page type {last!r}")
        for index, page in enumerate(self._pages):
            path = ARTIFACTS / f"journeys-tour-{index}.png"
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                page.screenshot(path=path, full_page=True)
            except PlaywrightError as failure:
                error.add_note(f"no screenshot of page {index}: {failure}")
            else:
                error.add_note(f"screenshot kept at {path}")

    def close(self) -> None:
        for page in self._pages:
            page.context.close()
