"""Every page type of the forms service passes axe-core (WCAG 2.1 A and AA) in the
browser and the W3C Nu HTML checker: the forms, with and without errors, the
answers to check, the confirmation, the status pages, the approver's pages and
the administrators' dashboard. (The catalogue's pages are `tests/quality`'s.)"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from forms_service.formspec import REFERRAL, SUPERVISION_APPLICATION
from tests.forms.conftest import referral_answers
from tests.journeys.driving import Mouse
from tests.journeys.forms import CONTINUE, SEND, fill, press, small_pdf
from tests.journeys.server import Server
from tests.journeys.tour import Seen, Tour
from tests.quality.browser import describe_violation, nu_check, nu_location

PAGE_TYPES = [
    "home",
    "form",
    "form-es",
    "form-errors",
    "check",
    "sent",
    "status",
    "decide",
    "decide-errors",
    "decide-done",
    "decide-refused",
    "status-information",
    "status-errors",
    "withdraw",
    "closed",
    "supervision-form",
    "supervision-errors",
    "supervision-check",
    "admin-sign-in",
    "admin-sign-in-errors",
    "admin-sign-in-sent",
    "admin-sign-in-link",
    "admin-list",
    "admin-detail",
    "admin-quality",
]
SUBMITTER = "tour@escola.example"
APPROVERS = ["coordinacio.connectat@olesa.example", "referent.joventut@olesa.example"]
ADMIN = "cap.serveis.socials@olesa.example"
MOUSE = Mouse()


def _button(page: Page, name: str) -> None:
    press(page, MOUSE, name)


def _referral(tour: Tour, xarxa: Server) -> str:
    """Form, errors, check, sent, status, the approver's pages; the status token."""
    page = tour.open()
    page.goto(f"{xarxa.forms}/ca/")
    tour.record(page, "home")
    page.goto(f"{xarxa.forms}/es/connectat-referral/")
    tour.record(page, "form-es")
    page.goto(f"{xarxa.forms}/ca/connectat-referral/")
    tour.record(page, "form")
    _button(page, CONTINUE)
    tour.record(page, "form-errors")
    fill(page, MOUSE, REFERRAL, referral_answers(professional_email=SUBMITTER))
    _button(page, CONTINUE)
    tour.record(page, "check")
    _button(page, SEND)
    tour.record(page, "sent")
    reference = page.locator(".reference").inner_text().strip()
    status = xarxa.mailbox.wait_for(SUBMITTER, reference).link("status")
    page.goto(status)
    tour.record(page, "status")
    links = [xarxa.mailbox.wait_for(to, reference).link("decide") for to in APPROVERS]
    approver = tour.open()
    approver.goto(links[0])
    tour.record(approver, "decide")
    _button(approver, "Demana més informació")
    tour.record(approver, "decide-errors")
    MOUSE.type(approver.locator("#comment"), "Quin horari té la persona?")
    _button(approver, "Demana més informació")
    tour.record(approver, "decide-done")
    approver.goto(links[1])
    tour.record(approver, "decide-refused")
    page.goto(status)
    tour.record(page, "status-information")
    _button(page, "Envia la informació")
    tour.record(page, "status-errors")
    MOUSE.follow(page.get_by_role("link", name="Retira la sol·licitud"))
    tour.record(page, "withdraw")
    page.goto(f"{xarxa.forms}/ca/supervisio-equips-application/")
    tour.record(page, "closed")
    return reference


def _supervision(tour: Tour, open_call: Server, folder: Path) -> None:
    """The application form with a file field, its errors and its check page."""
    pdf = folder / "C1-034.pdf"
    pdf.write_bytes(small_pdf())
    page = tour.open()
    page.goto(f"{open_call.forms}/ca/supervisio-equips-application/")
    tour.record(page, "supervision-form")
    answers = {"entity_type": "mancomunitat", "professionals": 5, "hours": 19}
    fill(page, MOUSE, SUPERVISION_APPLICATION, answers, {"technical_data": pdf})
    _button(page, CONTINUE)
    tour.record(page, "supervision-errors")
    answers = {
        "entity_name": "Mancomunitat d'Exemple",
        "entity_tax_id": "P0800000B",
        "contact_name": "Laia Exemple",
        "contact_email": "laia@mancomunitat.example",
        "contact_phone": "930 000 003",
        "modality": "cases",
        "accept_grouping": True,
        "hours": 6,
    }
    fill(page, MOUSE, SUPERVISION_APPLICATION, answers)
    _button(page, CONTINUE)
    tour.record(page, "supervision-check")


def _dashboard(tour: Tour, xarxa: Server, reference: str) -> None:
    """Sign in by the mailed link; the list, a request, the quality indicator."""
    page = tour.open()
    page.goto(f"{xarxa.forms}/ca/admin/")
    tour.record(page, "admin-sign-in")
    _button(page, "Envieu-me un enllaç")
    tour.record(page, "admin-sign-in-errors")
    MOUSE.type(page.get_by_label("Adreça electrònica"), ADMIN)
    _button(page, "Envieu-me un enllaç")
    tour.record(page, "admin-sign-in-sent")
    link = xarxa.mailbox.wait_for(ADMIN, "iniciar la sessió").link("admin/sign-in")
    page.goto(link)
    tour.record(page, "admin-sign-in-link")
    _button(page, "Inicia la sessió")
    tour.record(page, "admin-list")
    MOUSE.follow(page.get_by_role("link", name=reference, exact=True))
    tour.record(page, "admin-detail")
    MOUSE.follow(page.get_by_role("link", name="Indicador de qualitat"))
    tour.record(page, "admin-quality")


@pytest.fixture(scope="module")
def tour(
    browser: Browser,
    axe_source: str,
    xarxa: Server,
    open_call: Server,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[dict[str, Seen]]:
    """Walk through every page type once; what axe found and the HTML sent."""
    folder = tmp_path_factory.mktemp("forms-pages")
    walk = Tour(browser, axe_source, folder)
    try:
        try:
            reference = _referral(walk, xarxa)
            _supervision(walk, open_call, folder)
            _dashboard(walk, xarxa, reference)
        except Exception as error:
            walk.keep_screenshots(error)
            raise
        yield walk.seen
    finally:
        walk.close()


def test_the_tour_sees_every_page_type(tour: dict[str, Seen]) -> None:
    assert sorted(tour) == sorted(PAGE_TYPES)


@pytest.mark.parametrize("name", PAGE_TYPES)
def test_axe_finds_no_violation(tour: dict[str, Seen], name: str) -> None:
    seen = tour[name]
    assert not seen.violations, (
        f"{name} ({seen.url}): {len(seen.violations)} axe violation(s), "
        f"screenshot at {seen.screenshot}:\n"
        + "".join(map(describe_violation, seen.violations))
    )


# Checked with the pages, to prove the checker reads them: it must report this one.
CANARY = """<!doctype html>
<html lang="ca"><head><meta charset="utf-8"><title>x</title></head>
<body><ul><p>Not a list item</p></ul></body></html>
"""


def test_every_page_type_is_valid_html(
    tour: dict[str, Seen], java: str, vnu_jar: Path, tmp_path: Path
) -> None:
    canary = tmp_path / "canary.html"
    canary.write_text(CANARY, encoding="utf-8")
    pages = [seen.html for seen in tour.values()]
    errors = nu_check(java, vnu_jar, [canary, *pages])
    from_canary = [e for e in errors if e.get("url", "").endswith("/canary.html")]
    assert from_canary, f"the checker did not report the planted error: {errors}"
    folder = pages[0].parent
    lines = [
        f"{nu_location(message, folder)}: {message.get('message', message)}"
        for message in errors
        if message not in from_canary
    ]
    assert not lines, f"{len(lines)} HTML error(s):\n" + "\n".join(lines)
