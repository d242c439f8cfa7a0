"""Steps in the forms service: fill a form from its specification, read the error
summary, check the answers and send; plus the small PDF a local entity attaches."""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path

from playwright.sync_api import Locator, Page, Response, expect

from forms_service.formspec import FormSpec
from tests.journeys.driving import Input

# The forms service's words in Catalan (its catalogues are tested elsewhere).
CONTINUE = "Continua"
SEND = "Envia"
CHECK_TITLE = "Comproveu les respostes abans d'enviar-les"
SENT_TITLE = "Sol·licitud enviada"
ERROR_TITLE = re.compile(r"^Error: ")


def fill(
    page: Page,
    user: Input,
    spec: FormSpec,
    answers: Mapping[str, object],
    files: Mapping[str, Path] | None = None,
) -> None:
    """Answer the questions of *spec* in the order shown, as *user* would."""
    for field in spec.fields:
        if field.type == "file" and files and field.name in files:
            user.attach(page.locator(f"#{field.name}"), files[field.name])
        if field.name not in answers:
            continue
        value = answers[field.name]
        if field.type == "choice":
            user.choose(page.locator(f'input[name="{field.name}"][value="{value}"]'))
        elif field.type == "boolean":
            if value:
                user.tick(page.locator(f"#{field.name}"))
        else:
            user.type(page.locator(f"#{field.name}"), str(value))


def press(page: Page, user: Input, name: str) -> Response | None:
    """Press the button called *name*; wait for the next page, return its response."""
    return user.submit(page.get_by_role("button", name=name, exact=True))


def error_summary(page: Page) -> Locator:
    """The error summary at the top of the page (GOV.UK pattern)."""
    summary = page.get_by_role("alert")
    expect(summary).to_be_visible()
    expect(page).to_have_title(ERROR_TITLE)
    return summary


def summary_targets(summary: Locator) -> list[str]:
    """The fields the summary's links lead to (their ids)."""
    hrefs = [link.get_attribute("href") or "" for link in summary.locator("a").all()]
    return [href.removeprefix("#") for href in hrefs]


def fix_from_summary(page: Page, user: Input, target: str) -> Locator:
    """Follow the summary's link to field *target*; return the field, focused."""
    user.jump(error_summary(page).locator(f'a[href="#{target}"]'))
    field = page.locator(f"#{target}")
    expect(field).to_be_focused()
    return field


def check_and_send(page: Page, user: Input, shown: list[str]) -> str:
    """On the check page, see *shown* among the answers, send; return the reference."""
    expect(page.locator("h1")).to_have_text(CHECK_TITLE)
    answers = page.locator("dl.summary-list")
    for text in shown:
        expect(answers).to_contain_text(text)
    press(page, user, SEND)
    expect(page.locator("h1")).to_have_text(SENT_TITLE)
    reference = page.locator(".reference").inner_text().strip()
    assert reference, "the confirmation page shows no reference"
    return reference


def small_pdf() -> bytes:
    """A valid one-page PDF 1.4 with a cross-reference table; no script, no file."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\n" % (len(objects) + 1)
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)
