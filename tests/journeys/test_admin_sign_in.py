"""An approver signs in to the dashboard by the link mailed to them and finds a
request there; a mail scanner opening the link first does not use it up."""

from __future__ import annotations

import urllib.request

from playwright.sync_api import expect

from tests.journeys.conftest import NewPage
from tests.journeys.driving import Input
from tests.journeys.forms import press
from tests.journeys.journey import Journey
from tests.journeys.server import Server

# One address per way of signing in: each waits for its own mail.
ADMINS = {
    "mouse": "coordinacio.sostf@ametlla.example",
    "keyboard": "serveis.socials@ametlla.example",
}


def test_sign_in_by_the_mailed_link(
    xarxa: Server, new_page: NewPage, user: Input, journey: Journey
) -> None:
    admin = ADMINS[user.name]
    page = new_page()
    with journey.step("the dashboard asks to sign in"):
        page.goto(f"{xarxa.forms}/ca/admin/")
        expect(page).to_have_url(f"{xarxa.forms}/ca/admin/sign-in")
    with journey.step("ask for a link with an approver's address"):
        user.type(page.get_by_label("Adreça electrònica"), admin)
        press(page, user, "Envieu-me un enllaç")
        expect(page).to_have_url(f"{xarxa.forms}/ca/admin/sign-in/sent")
    with journey.step("the sign-in mail arrives; a mail scanner opens its link"):
        link = xarxa.mailbox.wait_for(admin, "iniciar la sessió").link("admin/sign-in")
        with urllib.request.urlopen(link, timeout=30) as response:
            assert response.status == 200
    with journey.step("the link still works: it shows a button to sign in"):
        page.goto(link)
        expect(page.locator("h1")).to_have_text("Inicieu la sessió al tauler")
    with journey.step("press the button: signed in, the requests are listed"):
        response = press(page, user, "Inicia la sessió")
        assert response is not None
        sent = response.request.redirected_from or response.request
        assert response.ok, f"HTTP {response.status} for {sent.method} {sent.url}"
        expect(page).to_have_url(f"{xarxa.forms}/ca/admin/")
        expect(page.get_by_role("status")).to_contain_text("Heu iniciat la sessió")
        expect(page.locator("h1")).to_have_text("Sol·licituds")
