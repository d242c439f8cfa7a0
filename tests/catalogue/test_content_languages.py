"""Checks across the language versions of a service and across services."""

from __future__ import annotations

from pathlib import Path

from catalogue.content import load_catalogue
from catalogue.problems import Severity
from tests.conftest import VALID_MATTER, service_text, write_service


def _errors(content_dir: Path) -> list[tuple[str, int, str]]:
    _, problems = load_catalogue(content_dir, workflow_ids=["prova-derivacio"])
    return [
        (p.path.name, p.line, p.message)
        for p in problems
        if p.severity is Severity.ERROR
    ]


def test_valid_service_in_three_languages(content_dir: Path) -> None:
    catalogue, problems = load_catalogue(content_dir)
    assert problems == []
    assert sorted(catalogue.services["prova"]) == ["ca", "en", "es"]


def test_duplicate_slug_in_one_language(content_dir: Path) -> None:
    write_service(content_dir, slug="prova", file_slug="copia")
    errors = _errors(content_dir)
    assert len(errors) == 1
    name, line, message = errors[0]
    other = "copia.ca.md" if name == "prova.ca.md" else "prova.ca.md"
    assert (line, message.split(":")[0]) == (2, "duplicate slug 'prova'")
    assert message.endswith(f"{other} uses it too")


def test_translation_without_a_catalan_version(content_dir: Path) -> None:
    write_service(content_dir, slug="orfe", language="es")
    assert ("orfe.es.md", 2, "no Catalan version of 'orfe': add orfe.ca.md") in _errors(
        content_dir
    )


def test_missing_translation_is_a_warning(content_dir: Path) -> None:
    (content_dir / "services" / "prova.en.md").unlink()
    _, problems = load_catalogue(content_dir)
    assert [(p.path.name, p.line, p.severity) for p in problems] == [
        ("prova.ca.md", 2, Severity.WARNING)
    ]
    assert "missing translation 'en'" in problems[0].message


def test_translation_that_disagrees_on_a_language_neutral_fact(
    content_dir: Path,
) -> None:
    matter = VALID_MATTER.replace("status: active", "status: pilot")
    write_service(content_dir, language="es", text=service_text(matter=matter))
    assert (
        "prova.es.md",
        5,
        "status differs from the Catalan version (active in prova.ca.md)",
    ) in _errors(content_dir)


def test_route_naming_an_unknown_workflow(content_dir: Path) -> None:
    matter = VALID_MATTER.replace(
        "    who: Professionals",
        "    workflow: prova-derivacion\n    who: Professionals",
    )
    for language in ("ca", "es", "en"):
        write_service(content_dir, language=language, text=service_text(matter=matter))
    assert (
        "prova.ca.md",
        16,
        "access_routes[0].workflow: no workflow 'prova-derivacion' "
        "(did you mean 'prova-derivacio'?)",
    ) in _errors(content_dir)


def test_file_name_that_differs_from_the_slug_is_a_warning(tmp_path: Path) -> None:
    for language in ("ca", "es", "en"):
        write_service(tmp_path, slug="prova", file_slug="altre", language=language)
    _, problems = load_catalogue(tmp_path)
    assert {p.severity for p in problems} == {Severity.WARNING}
    assert all("does not match the slug" in p.message for p in problems)


def test_missing_services_folder(tmp_path: Path) -> None:
    _, problems = load_catalogue(tmp_path)
    assert "no 'services' folder" in problems[0].message
