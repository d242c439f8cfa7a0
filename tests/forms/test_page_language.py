"""Each page speaks the language of its URL, however many requests came before
it in the same application context (a page's translations are looked up once)."""

from __future__ import annotations

from flask import Flask

from forms_service.i18n import page_translations

SKIP = {
    "ca": "Salta al contingut",
    "es": "Saltar al contenido",
    "en": "Skip to content",
}


def test_pages_in_turn_each_in_the_language_of_its_url(app: Flask) -> None:
    client = app.test_client()
    with app.app_context():  # the requests below share this context and its `g`
        for lang in ["ca", "es", "en", "es", "ca"]:
            page = client.get(f"/{lang}/connectat-referral/").get_data(as_text=True)
            assert f'<html lang="{lang}">' in page
            assert SKIP[lang] in page
            assert all(SKIP[other] not in page for other in SKIP if other != lang)


def test_a_request_looks_its_translations_up_once(app: Flask) -> None:
    with app.test_request_context("/es/connectat-referral/"):
        app.preprocess_request()
        first = page_translations()
        assert first is page_translations()
        assert first.ugettext("Skip to content") == SKIP["es"]
    with app.test_request_context("/ca/connectat-referral/"):
        app.preprocess_request()
        assert page_translations().ugettext("Skip to content") == SKIP["ca"]
