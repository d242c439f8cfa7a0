"""With JavaScript off, the facet filters still find Connecta't and the same
referral can be filled in, checked and sent."""

from __future__ import annotations

from playwright.sync_api import expect

from forms_service.formspec import REFERRAL
from tests.forms.conftest import referral_answers
from tests.journeys.catalogue import WORDS, by_facet, open_referral_form
from tests.journeys.conftest import NewPage
from tests.journeys.driving import Input
from tests.journeys.forms import CONTINUE, check_and_send, fill, press
from tests.journeys.journey import Journey
from tests.journeys.server import Server


def test_facets_and_referral_without_javascript(
    xarxa: Server, new_page: NewPage, user: Input, journey: Journey
) -> None:
    email = f"sense.script.{user.name}@escola.example"
    page = new_page(javascript=False)
    with journey.step("with JavaScript off, the search page points to the facets"):
        page.goto(f"{xarxa.url}/ca/search/")
        expect(page.locator("#search-form")).to_be_hidden()
        expect(page.locator("#no-script")).to_be_visible()
    with journey.step("the access-route facet leads to Connecta't"):
        by_facet(page, user, "ca", WORDS["ca"].referral_route)
    with journey.step("the service page links to the referral form"):
        open_referral_form(page, user, "ca", xarxa.forms)
    with journey.step("fill the form and continue"):
        fill(page, user, REFERRAL, referral_answers(professional_email=email))
        press(page, user, CONTINUE)
    with journey.step("check the answers and send; the reference is shown"):
        reference = check_and_send(page, user, [email, "Crisi familiar"])
        expect(page.locator(".reference")).to_have_text(reference)
    with journey.step("the professional's confirmation mail arrives"):
        xarxa.mailbox.wait_for(email, f"rebut la sol·licitud {reference}")
