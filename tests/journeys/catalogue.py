"""Steps in the catalogue: find Connecta't by its facets or by search, then open
the form its page links to."""

from __future__ import annotations

from dataclasses import dataclass

from playwright.sync_api import Locator, Page, expect

from tests.journeys.driving import Input


@dataclass(frozen=True)
class Words:
    """The catalogue's words a visitor looks for, in one language."""

    menu: str  # the name of the site's menu
    browse: str  # the menu entry to the facets
    search: str  # the menu entry to the search
    young_people: str  # a value of the audiences facet
    referral_route: str  # a value of the access routes facet
    search_box: str  # the label of the search box
    refer: str  # the service page's button to the referral form
    form_title: str  # the referral form's heading


WORDS = {
    "ca": Words(
        menu="Principal",
        browse="Explora",
        search="Cerca",
        young_people="Joves",
        referral_route="Derivació d'un professional",
        search_box="Paraules que voleu cercar",
        refer="Deriveu una persona a aquest servei",
        form_title="Derivació a Connecta't",
    ),
    "es": Words(
        menu="Principal",
        browse="Explorar",
        search="Buscar",
        young_people="Jóvenes",
        referral_route="Derivación de un profesional",
        search_box="Palabras que quiere buscar",
        refer="Derive a una persona a este servicio",
        form_title="Derivación a Connecta't",
    ),
}
SERVICE = "Connecta't"


def _menu(page: Page, words: Words, name: str) -> Locator:
    menu = page.get_by_role("navigation", name=words.menu, exact=True)
    return menu.get_by_role("link", name=name, exact=True)


def by_facet(page: Page, user: Input, lang: str, facet_value: str) -> None:
    """From any catalogue page: the menu's browse page, a facet value, the service."""
    words = WORDS[lang]
    user.follow(_menu(page, words, words.browse))
    expect(page).to_have_url(f"{_origin(page)}/{lang}/browse/")
    user.follow(page.get_by_role("main").get_by_role("link", name=facet_value))
    expect(page.locator("h1")).to_contain_text(facet_value)
    user.follow(page.get_by_role("main").get_by_role("link", name=SERVICE, exact=True))
    expect(page).to_have_url(f"{_origin(page)}/{lang}/services/connectat/")


def by_search(page: Page, user: Input, lang: str, query: str) -> None:
    """From any catalogue page: the menu's search page, a query, the service."""
    words = WORDS[lang]
    user.follow(_menu(page, words, words.search))
    box = page.get_by_label(words.search_box)
    user.type(box, query)
    result = page.locator("#search-results").get_by_role("link", name=SERVICE)
    expect(result).to_be_visible()
    expect(page.get_by_role("status")).not_to_have_text("")
    user.follow(result)
    expect(page).to_have_url(f"{_origin(page)}/{lang}/services/connectat/")


def open_referral_form(page: Page, user: Input, lang: str, forms_url: str) -> None:
    """On Connecta't's page, press its referral button and land on the form."""
    words = WORDS[lang]
    expect(page.locator("h1")).to_have_text(SERVICE)
    user.follow(page.get_by_role("link", name=words.refer))
    expect(page).to_have_url(f"{forms_url}/{lang}/connectat-referral/")
    expect(page.locator("h1")).to_have_text(words.form_title)
    expect(page.locator("html")).to_have_attribute("lang", lang)


def _origin(page: Page) -> str:
    origin: str = page.evaluate("location.origin")
    return origin
