"""A local entity applies for the supervision of its social services team, with
the technical-data form C1-034 as a PDF.

The real workflow's call ran in 2020, so on today's clock the form refuses
every application; on a server whose call an operator opened around today, an
application for 19 hours is refused (the call allows 1 to 18) and, once
corrected, accepted.
"""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page, expect

from forms_service.forms.validators import nif_control_letter
from forms_service.formspec import SUPERVISION_APPLICATION
from tests.journeys.conftest import NewPage
from tests.journeys.driving import Input
from tests.journeys.forms import (
    CONTINUE,
    check_and_send,
    error_summary,
    fill,
    fix_from_summary,
    press,
    small_pdf,
    summary_targets,
)
from tests.journeys.journey import Journey
from tests.journeys.server import Server

TITLE = "Sol·licitud de supervisió d'equips de serveis socials bàsics"
APPLY = "Sol·liciteu aquest servei"
REVIEWERS = [
    "tecnica.supervisio@diputacio.example",
    "tecnic.supervisio@diputacio.example",
]
# One application per entity and call: each way of applying is another entity,
# with a valid public-entity NIF (P, 7 digits, the control letter).
TAX_IDS = {
    name: f"P{digits}{nif_control_letter(digits)}"
    for name, digits in (("mouse", "0800001"), ("keyboard", "0800002"))
}


def _open_form(page: Page, user: Input, server: Server) -> None:
    page.goto(f"{server.url}/ca/services/supervisio-equips/")
    user.follow(page.get_by_role("link", name=APPLY))
    expect(page).to_have_url(f"{server.forms}/ca/supervisio-equips-application/")
    expect(page.locator("h1")).to_have_text(TITLE)


def test_outside_the_call_the_application_is_refused(
    xarxa: Server, new_page: NewPage, user: Input, journey: Journey
) -> None:
    page = new_page()
    with journey.step("from the service page, open the application form"):
        _open_form(page, user, xarxa)
    with journey.step("the page says the call is closed and offers no form"):
        notice = page.get_by_role("status")
        expect(notice).to_contain_text("ara no admet sol·licituds")
        expect(notice).to_contain_text("del 10/01/2020 al 13/02/2020")
        expect(page.locator("main form")).to_have_count(0)


def test_an_application_in_an_open_call(
    open_call: Server, new_page: NewPage, user: Input, journey: Journey, tmp_path: Path
) -> None:
    email = f"serveis.socials.{user.name}@ajuntament.example"
    pdf = tmp_path / "C1-034.pdf"
    pdf.write_bytes(small_pdf())
    answers: dict[str, object] = {
        "entity_type": "ajuntament",
        "entity_name": "Ajuntament d'Exemple",
        "entity_tax_id": TAX_IDS[user.name],
        "contact_name": "Joan Exemple",
        "contact_email": email,
        "contact_phone": "930 000 002",
        "modality": "team",
        "professionals": 9,
        "hours": 19,
    }
    page = new_page()
    with journey.step("from the service page, open the application form"):
        _open_form(page, user, open_call)
    with journey.step("ask for 19 hours, attach the PDF and continue"):
        fill(page, user, SUPERVISION_APPLICATION, answers, {"technical_data": pdf})
        press(page, user, CONTINUE)
    with journey.step("19 hours is refused; the PDF stays attached"):
        assert summary_targets(error_summary(page)) == ["hours"]
        expect(page.locator("#hours-error-0")).to_contain_text("18")
        expect(page.locator("#technical_data-kept")).to_contain_text("C1-034.pdf")
    with journey.step("correct the hours to 12 and continue"):
        user.type(fix_from_summary(page, user, "hours"), "12")
        press(page, user, CONTINUE)
    with journey.step("check the answers and send; the reference is shown"):
        reference = check_and_send(page, user, [TAX_IDS[user.name], "C1-034.pdf"])
    with journey.step("the entity's confirmation mail arrives"):
        open_call.mailbox.wait_for(email, f"rebut la sol·licitud {reference}")
    with journey.step("the technical reviewers' mails arrive"):
        for reviewer in REVIEWERS:
            open_call.mailbox.wait_for(reviewer, reference).link("decide")
