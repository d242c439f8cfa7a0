"""The workflow files shipped in workflows/ load, and their reference is complete."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from forms_service.formspec import FORMS
from forms_service.workflow import (
    CODES,
    PLACEHOLDERS,
    check_workflows,
    load_roles,
    load_workflow,
    load_workflows,
)
from forms_service.workflow.layout import STATE, WORKFLOW
from forms_service.workflow.specs import Obj

ROOT = Path(__file__).resolve().parents[2]
FOLDER = ROOT / "workflows"
SEEDED = sorted(p for p in FOLDER.glob("*.yaml") if p.name != "roles.yaml")


def test_the_four_seeded_workflows_are_there() -> None:
    assert sorted(load_workflows(FOLDER)) == [
        "connectat-referral",
        "papallona-interest",
        "sostf-referral",
        "supervisio-equips-application",
    ]


@pytest.mark.parametrize("path", SEEDED, ids=lambda p: p.name)
def test_each_file_loads_alone(path: Path) -> None:
    workflow = load_workflow(path)
    assert workflow.path == str(path)
    assert workflow.languages == ("ca", "es", "en")
    assert len(workflow.sha256) == 64


def test_check_reports_nothing_for_the_folder() -> None:
    assert check_workflows(FOLDER) == []


def test_roles_use_example_domains_only() -> None:
    roles = load_roles(FOLDER / "roles.yaml")
    emails = [email for members in roles.values() for email in members]
    assert emails
    assert all(email.rsplit("@", 1)[1].endswith(".example") for email in emails)


def test_templates_hold_no_personal_placeholder() -> None:
    allowed = {f"{{{name}}}" for name in PLACEHOLDERS}
    files = sorted((FOLDER / "templates").glob("*.txt"))
    assert len(files) % 3 == 0
    for path in files:
        used = set(re.findall(r"\{[a-z_]+\}", path.read_text(encoding="utf-8")))
        assert used <= allowed, path.name


def test_readme_documents_every_code() -> None:
    readme = (FOLDER / "README.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"^\| (E\d{3}) \|", readme, flags=re.MULTILINE))
    assert documented == set(CODES)


def _keys(spec: Obj) -> set[str]:
    return set(spec.fields)


def test_readme_documents_every_key() -> None:
    readme = (FOLDER / "README.md").read_text(encoding="utf-8")
    keys = _keys(WORKFLOW) | _keys(STATE) | {"mode", "from", "after", "when", "to"}
    keys |= {"comment_required", "local_holidays", "call", "opens", "closes", "within"}
    missing = {key for key in keys if f"`{key}`" not in readme}
    assert missing == set()


def test_readme_names_every_form() -> None:
    readme = (FOLDER / "README.md").read_text(encoding="utf-8")
    assert all(f"`{name}`" in readme for name in FORMS)
