"""``workflows show`` and ``workflows simulate`` on the real workflow files."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from forms_service.workflow.cli import workflows

FOLDER = str(Path(__file__).resolve().parents[2] / "workflows")

APPLICATION = {
    "entity_type": "ajuntament",
    "entity_name": "Ajuntament de Vilanova",
    "entity_tax_id": "P0800000B",
    "contact_name": "Núria Soler",
    "contact_email": "tecnica@vilanova.example",
    "contact_phone": "+34 930 000 000",
    "modality": "cases",
    "professionals": 5,
    "accept_grouping": True,
    "hours": 12,
    "technical_data": "upload:1",
    "rating": 6,
}


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(workflows, [*args, "--dir", FOLDER])
    return result.exit_code, result.output


def test_show_prints_a_mermaid_diagram() -> None:
    code, output = run("show", "supervisio-equips-application")
    assert code == 0
    lines = output.splitlines()
    assert lines[0] == "stateDiagram-v2"
    assert "    [*] --> technical_review" in lines
    assert "    evaluation --> follow_up : evaluate [rating < 7]" in lines
    assert "    evaluation --> closed_without_evaluation : expire (timeout)" in lines
    assert "    completed --> [*]" in lines


def test_show_in_catalan() -> None:
    code, output = run("show", "connectat-referral", "--language", "ca")
    assert code == 0
    assert (
        "coordination_review : Pendent de la coordinació del servei (task, any of"
        in output
    )


def test_simulate_prints_route_people_and_deadlines(tmp_path: Path) -> None:
    data = tmp_path / "answers.json"
    data.write_text(json.dumps(APPLICATION), encoding="utf-8")
    code, output = run(
        "simulate", "supervisio-equips-application", "--data", str(data),
        "--at", "2020-01-20T10:00",
    )  # fmt: skip
    assert code == 0, output
    assert "1. technical_review — Technical review (task, mode any)" in output
    assert "asks: tecnica.supervisio@diputacio.example [pending]" in output
    assert "end of 2020-02-17: due (20 working days)" in output
    assert "→ evaluate by tecnica@vilanova.example" in output
    assert "5. follow_up — Analyse the causes and propose improvements" in output
    assert "6. completed — Completed (final: approved)" in output
    assert output.rstrip().endswith(
        "Resolution due: end of 2020-06-22 (5 months after submission)"
    )


def test_simulate_a_referral_shows_the_escalation(tmp_path: Path) -> None:
    answers = {
        "professional_name": "Laia", "professional_role": "Teacher",
        "professional_organisation": "School",
        "professional_email": "laia@school.example",
        "person_name": "J.", "person_birth_year": 2010, "person_municipality": "Olesa",
        "contact_channel": "email", "reason": "self_esteem", "urgency": "low",
        "description": "x", "consent": True,
    }  # fmt: skip
    data = tmp_path / "answers.json"
    data.write_text(json.dumps(answers), encoding="utf-8")
    code, output = run(
        "simulate", "connectat-referral", "--data", str(data), "--at", "2026-03-02"
    )
    assert code == 0, output
    assert "end of 2026-03-09: escalation" in output
    assert "escalation adds: olesa_head_of_social_services" in output
    assert "2. accepted — Accepted (final: approved)" in output


def test_simulate_outside_the_window_says_why(tmp_path: Path) -> None:
    data = tmp_path / "answers.json"
    data.write_text(json.dumps(APPLICATION), encoding="utf-8")
    code, output = run(
        "simulate",
        "supervisio-equips-application",
        "--data",
        str(data),
        "--at",
        "2020-03-01",
    )
    assert code == 0
    assert (
        "Refused: cannot submit: This call accepts applications from 10/01/2020"
        in output
    )


def test_simulate_refuses_bad_json(tmp_path: Path) -> None:
    data = tmp_path / "answers.json"
    data.write_text("{not json", encoding="utf-8")
    code, output = run("simulate", "connectat-referral", "--data", str(data))
    assert code == 2
    assert "not valid JSON" in output


def test_unknown_workflow_name() -> None:
    code, output = run("show", "connectat")
    assert code == 2
    assert 'no workflow "connectat"; known: connectat-referral' in output


def test_invalid_folder_lists_the_problems(tmp_path: Path) -> None:
    (tmp_path / "roles.yaml").write_text("team: [a@b.example]\n")
    (tmp_path / "x.yaml").write_text("schema: other\n")
    result = CliRunner().invoke(workflows, ["show", "x", "--dir", str(tmp_path)])
    assert result.exit_code == 1
    assert "x.yaml:1:9: E005 unsupported schema" in result.output
