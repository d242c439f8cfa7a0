"""Browser journeys through the catalogue and the forms service, as people take them.

Once per session the catalogue is built and `xarxa serve` runs as a subprocess on
127.0.0.1 with its own temporary store, sending mail to a real SMTP server
(aiosmtpd); a second server, whose supervision call is open today, starts only
for the tests that need it. Playwright drives Debian's chromium, shared with
`tests/quality`. A failing journey names the step it failed in and keeps a
screenshot of every page it opened under `build/test-artifacts/`.
"""

from __future__ import annotations

from collections.abc import Callable, Generator, Iterator
from datetime import datetime

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

import tests.quality.conftest as quality
from forms_service.workflow import MADRID
from tests.journeys.driving import INPUTS, TIMEOUT, Input, intercept_file_choosers
from tests.journeys.journey import JOURNEY, Journey
from tests.journeys.server import (
    Mailbox,
    Server,
    open_call_workflows,
    running_server,
    smtp_server,
)
from tests.quality.browser import DESKTOP, OPENED_PAGES, keep_screenshots
from tests.quality.pages import REPO

# The browser and checker fixtures of the quality gates (one driver, one chromium).
playwright = quality.playwright
browser = quality.browser
axe_source = quality.axe_source
java = quality.java
vnu_jar = quality.vnu_jar

NewPage = Callable[..., Page]

# Assertions wait as long as actions: the machine is shared and slow.
expect.set_options(timeout=TIMEOUT)


@pytest.fixture(scope="session")
def smtp() -> Iterator[tuple[int, Mailbox]]:
    """The SMTP server every Xarxa server of the session sends its mail to."""
    with smtp_server() as server:
        yield server


@pytest.fixture(scope="session")
def xarxa(
    tmp_path_factory: pytest.TempPathFactory, smtp: tuple[int, Mailbox]
) -> Iterator[Server]:
    """Xarxa with the repository's workflows, on the real clock."""
    folder = tmp_path_factory.mktemp("xarxa")
    with running_server(folder, smtp, REPO / "workflows") as server:
        yield server


@pytest.fixture(scope="session")
def open_call(
    tmp_path_factory: pytest.TempPathFactory, smtp: tuple[int, Mailbox]
) -> Iterator[Server]:
    """Xarxa whose supervision call an operator opened around today."""
    folder = tmp_path_factory.mktemp("open-call")
    today = datetime.now(MADRID).date()
    workflows = open_call_workflows(folder / "workflows", today)
    with running_server(folder, smtp, workflows) as server:
        yield server


@pytest.fixture(params=sorted(INPUTS))
def user(request: pytest.FixtureRequest) -> Input:
    """The person's way of using the page: the mouse, or the keyboard only."""
    return INPUTS[request.param]


@pytest.fixture
def journey(request: pytest.FixtureRequest) -> Journey:
    """The steps of this test's journey, named in the report if one fails."""
    return request.node.stash.setdefault(JOURNEY, Journey())


@pytest.fixture
def new_page(request: pytest.FixtureRequest, browser: Browser) -> Iterator[NewPage]:
    """Open a fresh browser (its own cookies) and return its page.

    Keyword argument `javascript` (default True).
    """
    contexts: list[BrowserContext] = []
    opened = request.node.stash.setdefault(OPENED_PAGES, [])

    def new(*, javascript: bool = True) -> Page:
        context = browser.new_context(java_script_enabled=javascript, viewport=DESKTOP)
        context.set_default_timeout(TIMEOUT)
        context.set_default_navigation_timeout(TIMEOUT)
        contexts.append(context)
        page = context.new_page()
        intercept_file_choosers(page)
        opened.append(page)
        return page

    yield new
    for context in contexts:
        context.close()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    """On a failed journey, say which step failed and keep screenshots."""
    report: pytest.TestReport = yield
    if report.when == "call" and report.failed:
        journey = item.stash.get(JOURNEY, None)
        if journey is not None:
            report.sections.append(("journey", journey.describe()))
        keep_screenshots(item, report)
    return report
