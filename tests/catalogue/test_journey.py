"""Service pages describe what happens after sending, from the workflow itself."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from flask.testing import FlaskClient

from catalogue import create_app
from catalogue.cli import main
from catalogue.journey import journey
from forms_service.workflow import load_workflows
from tests.conftest import REPO

WORKFLOWS = load_workflows(REPO / "workflows")


def test_supervision_journey_follows_the_usual_route() -> None:
    steps = journey(WORKFLOWS["supervisio-equips-application"], "ca")
    labels = [step.label for step in steps.steps]
    assert labels[0] == "Revisió tècnica"
    assert len(labels) == 4  # review, approval, supervision, evaluation
    assert "Anàlisi" not in " ".join(labels)  # the follow-up only below 7
    assert str(steps.resolution) == "5 months"
    assert steps.steps[0].may_ask_for_information


def test_referral_journey_escalates_after_five_working_days() -> None:
    steps = journey(WORKFLOWS["connectat-referral"], "es")
    assert len(steps.steps) == 1
    first = steps.steps[0]
    assert str(first.escalates_after) == "5 working days"
    assert first.label == "Pendiente de la coordinación del servicio"


@pytest.fixture(scope="module")
def client() -> FlaskClient:
    app = create_app(
        {
            "TESTING": True,
            "CONTENT_DIR": str(REPO / "content"),
            "WORKFLOWS_DIR": str(REPO / "workflows"),
            "FORMS_URL": "https://forms.example/",
        }
    )
    return app.test_client()


@pytest.mark.parametrize(
    ("url", "action"),
    [
        ("/ca/services/connectat/", "Deriveu una persona a aquest servei"),
        ("/es/services/supervisio-equips/", "Solicite este servicio"),
        ("/en/services/papallona/", "Apply for this service"),
    ],
)
def test_service_page_links_each_route_to_its_form(
    client: FlaskClient, url: str, action: str
) -> None:
    text = client.get(url).text
    slug = url.split("/")[3]
    workflow = {
        "connectat": "connectat-referral",
        "supervisio-equips": ("supervisio-equips-application"),
        "papallona": "papallona-interest",
    }[slug]
    lang = url.split("/")[1]
    assert f'href="https://forms.example/{lang}/{workflow}/">{action}</a>' in text


def test_service_page_explains_the_steps_and_deadlines(client: FlaskClient) -> None:
    text = client.get("/ca/services/connectat/").text
    assert "Què passa després d'enviar-la" in text
    assert "en un termini de 10 dies feiners" in text
    assert "Si al cap de 5 dies feiners no hi ha decisió" in text


def test_direct_routes_have_no_form_link(client: FlaskClient) -> None:
    text = client.get("/en/services/acompanyament-social-laboral/").text
    assert "forms.example" not in text


def test_build_refuses_an_invalid_workflow(tmp_path: Path) -> None:
    workflows = tmp_path / "workflows"
    shutil.copytree(REPO / "workflows", workflows)
    path = workflows / "sostf-referral.yaml"
    path.write_text(path.read_text("utf-8").replace("initial:", "initail:"), "utf-8")
    result = CliRunner().invoke(
        main,
        [
            "build",
            "--content", str(REPO / "content"),
            "--workflows", str(workflows),
            "--out", str(tmp_path / "out"),
        ],
    )  # fmt: skip
    assert result.exit_code == 1
    assert "sostf-referral.yaml" in result.output
    assert "E002" in result.output
    assert "nothing was built" in result.output
