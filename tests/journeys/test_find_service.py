"""A visitor finds Connecta't through the facet pages and through search, in
Catalan and in Spanish, and reaches its referral form."""

from __future__ import annotations

import pytest

from tests.journeys.catalogue import WORDS, by_facet, by_search, open_referral_form
from tests.journeys.conftest import NewPage
from tests.journeys.driving import Input
from tests.journeys.journey import Journey
from tests.journeys.server import Server

# What a visitor types in the search box: no accents, no apostrophe.
QUERIES = {"ca": "connecta", "es": "jovenes olesa"}


@pytest.mark.parametrize("lang", ["ca", "es"])
def test_find_connectat_by_facets_and_search(
    xarxa: Server, new_page: NewPage, user: Input, journey: Journey, lang: str
) -> None:
    page = new_page()
    words = WORDS[lang]
    with journey.step(f"open the catalogue's home page in {lang}"):
        page.goto(f"{xarxa.url}/{lang}/")
    with journey.step(f"browse: {words.young_people} leads to Connecta't"):
        by_facet(page, user, lang, words.young_people)
    with journey.step("the service page links to the referral form"):
        open_referral_form(page, user, lang, xarxa.forms)
    with journey.step(f"back in the catalogue, search for {QUERIES[lang]!r}"):
        page.goto(f"{xarxa.url}/{lang}/")
        by_search(page, user, lang, QUERIES[lang])
    with journey.step("the service found links to the referral form"):
        open_referral_form(page, user, lang, xarxa.forms)
