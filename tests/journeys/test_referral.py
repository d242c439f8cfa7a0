"""A professional refers a young person to Connecta't; a coordinator approves.

The professional meets the error summary, fixes the fields it names, checks the
answers and sends; the confirmation and the approvers' mails arrive over SMTP. A
mail scanner fetches an approver's link first, which changes nothing; the
approver then opens it and approves, and the professional sees the decision.
"""

from __future__ import annotations

import urllib.error
import urllib.request

import pytest
from playwright.sync_api import Page, expect

from forms_service.formspec import REFERRAL
from tests.forms.conftest import referral_answers
from tests.journeys.catalogue import open_referral_form
from tests.journeys.conftest import NewPage
from tests.journeys.driving import Input
from tests.journeys.forms import (
    CONTINUE,
    check_and_send,
    error_summary,
    fill,
    fix_from_summary,
    press,
    summary_targets,
)
from tests.journeys.journey import Journey
from tests.journeys.server import Server

APPROVERS = ["coordinacio.connectat@olesa.example", "referent.joventut@olesa.example"]
PENDING = "Pendent de la coordinació del servei"
ACCEPTED = "Acceptada"


def test_refer_and_approve(
    xarxa: Server, new_page: NewPage, user: Input, journey: Journey
) -> None:
    email = f"educadora.{user.name}@escola.example"
    answers = referral_answers(professional_email="educadora@escola", consent=False)
    page = new_page()
    with journey.step("open Connecta't's page and its referral form"):
        page.goto(f"{xarxa.url}/ca/services/connectat/")
        open_referral_form(page, user, "ca", xarxa.forms)
    with journey.step("fill the form, mistyping the email and forgetting consent"):
        fill(page, user, REFERRAL, answers)
        press(page, user, CONTINUE)
    with journey.step("the error summary names the two fields, keeping the rest"):
        assert summary_targets(error_summary(page)) == ["professional_email", "consent"]
        expect(page.locator("#professional_name")).to_have_value("Anna Exemple")
        expect(page.locator("#reason-1")).to_be_checked()
    with journey.step("follow the summary's links to fix both fields"):
        user.type(fix_from_summary(page, user, "professional_email"), email)
        user.tick(fix_from_summary(page, user, "consent"))
        press(page, user, CONTINUE)
    with journey.step("check the answers and send; the reference is shown"):
        reference = check_and_send(
            page, user, [email, "Anna Exemple", "Crisi familiar"]
        )
    with journey.step("the professional's confirmation mail arrives"):
        confirmation = xarxa.mailbox.wait_for(
            email, f"rebut la sol·licitud {reference}"
        )
        status_link = confirmation.link("status")
    with journey.step("each approver's mail arrives with its own link"):
        links = [
            xarxa.mailbox.wait_for(to, reference).link("decide") for to in APPROVERS
        ]
        assert len(set(links)) == len(APPROVERS)
    with journey.step("a mail scanner fetches the first approver's link"):
        with urllib.request.urlopen(links[0], timeout=30) as response:
            assert response.status == 200
            assert reference in response.read().decode("utf-8")
    with journey.step("nothing changed: the request is still pending"):
        status = new_page()
        status.goto(status_link)
        _expect_state(status, reference, PENDING)
    with journey.step("the approver opens the link: it still works; approve"):
        approver = new_page()
        approver.goto(links[0])
        expect(approver.locator("h1")).to_contain_text(reference)
        press(approver, user, "Aprova")
        expect(approver.get_by_role("status")).to_contain_text(reference)
    with journey.step("the professional's status page shows the decision"):
        status.reload()
        _expect_state(status, reference, ACCEPTED)
    with journey.step("the professional's mail about the decision arrives"):
        decision = xarxa.mailbox.wait_for(email, f"{reference} acceptada")
        assert decision.link("status") == status_link
    with journey.step("the other approver's link now says it was decided"):
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(links[1], timeout=30).close()
        assert refused.value.code == 409
        refused.value.close()


def _expect_state(page: Page, reference: str, state: str) -> None:
    expect(page.locator("h1")).to_contain_text(reference)
    expect(page.locator("dl.facts dd").first).to_have_text(state)
