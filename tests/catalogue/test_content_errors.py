"""Each broken content file is reported with the expected message at the right line."""

from __future__ import annotations

from pathlib import Path

import pytest

from catalogue.content import load_catalogue
from catalogue.problems import Severity
from tests.conftest import VALID_MATTER, service_text, write_service

BROKEN_MATTER = [
    ("unknown key", "status: active", "staus: active", 5,
     "unknown key 'staus' (did you mean 'status'?)"),
    ("unknown nested key", "    who: Professionals", "    whom: Professionals", 16,
     "unknown key 'access_routes[0].whom' (did you mean 'who'?)"),
    ("missing field", "title: Servei de prova\n", "", 1,
     "missing required field 'title'"),
    ("missing nested field", "  kind: ajuntament\n", "", 6,
     "missing required field 'promoter.kind'"),
    ("wrong type", "audiences: [young_people, professionals]",
     "audiences: young_people", 12,
     "audiences: Input should be a valid list"),
    ("impossible date", "last_reviewed: 2026-11-24", "last_reviewed: 2026-02-30", 18,
     "last_reviewed: Input should be a valid date"),
    ("impossible month", "start_date: 2021-04", "start_date: 2021-13", 17,
     "start_date: month 13 does not exist"),
    ("impossible day", "start_date: 2021-04", "start_date: 2023-02-29", 17,
     "start_date: day 29 does not exist in 2023-02"),
    ("value not allowed", "status: active", "status: actve", 5,
     "status: 'actve' is not allowed; use one of 'active', 'pilot' or 'closed' "
     "(did you mean 'active'?)"),
    ("unknown audience", "[young_people, professionals]",
     "[young_people, profesionals]", 12,
     "(did you mean 'professionals'?)"),
    ("repeated audience", "[young_people, professionals]",
     "[young_people, young_people]", 12,
     "audiences: each value may appear only once"),
    ("bad email", "email: servei@prova.example",
     "email: servei.prova.example", 21,
     "contacts[0].email: String should match pattern"),
    ("contact without a way to reach it",
     "    email: servei@prova.example\n", "", 20,
     "contacts[0]: a contact needs at least a phone, an email or a url"),
    ("bad INE code", 'ine_code: "08999"', 'ine_code: "8999"', 11,
     "area_served[0].ine_code: String should match pattern"),
    ("bad slug", "slug: {slug}", "slug: Prova Servei", 2,
     "slug: String should match pattern"),
    ("short summary",
     "summary: Un servei de prova per comprovar que el catàleg funciona.",
     "summary: Curt.", 4, "summary: String should have at least 20 characters"),
    ("YAML syntax error", "topics: [emotional_support, youth]",
     "topics: [emotional_support, youth", 14, "YAML syntax error"),
    ("YAML tab indentation", "  kind: ajuntament", "\tkind: ajuntament", 8,
     "YAML syntax error"),
    ("duplicate key", "status: active", "status: active\nstatus: pilot", 6,
     "duplicate key 'status' (first on line 5)"),
    ("window closes before it opens", "contacts:",
     "application_window:\n  opens: 2020-02-13\n  closes: 2020-01-10\ncontacts:", 19,
     "application_window: the window closes before it opens"),
    ("reviewed before start", "start_date: 2021-04", "start_date: 2030", 1,
     "last_reviewed comes before start_date"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("old", "new", "line", "message"),
    [
        pytest.param(old, new, line, message, id=name)
        for name, old, new, line, message in BROKEN_MATTER
    ],
)
def test_broken_front_matter(
    tmp_path: Path, old: str, new: str, line: int, message: str
) -> None:
    assert old in VALID_MATTER
    text = service_text(matter=VALID_MATTER.replace(old, new, 1))
    path = write_service(tmp_path, text=text)
    _, problems = load_catalogue(tmp_path)
    found = [
        (p.line, p.message)
        for p in problems
        if p.path == path and p.severity is Severity.ERROR
    ]
    assert any(at == line and message in text_ for at, text_ in found), found


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        pytest.param(
            "slug: x\n", 1, "must start with a '---' line", id="no front matter"
        ),
        pytest.param(
            "---\nslug: x\n", 1, "the front matter is not closed", id="unclosed"
        ),
        pytest.param("---\n---\nbody\n", 1, "the front matter is empty", id="empty"),
        pytest.param("---\n- a\n- b\n---\n", 2, "must be a mapping", id="list"),
        pytest.param(
            service_text(body="# Títol\n\nText\n"),
            23,
            "use '##' headings",
            id="level-one heading",
        ),
        pytest.param(
            service_text(body="Text\n\n- Un\n  - dins d'un\n- Dos\n"),
            26,
            "indent a nested list item by 4 spaces",
            id="nested list item indented by 2",
        ),
    ],
)
def test_broken_file_structure(
    tmp_path: Path, text: str, line: int, message: str
) -> None:
    path = write_service(tmp_path, text=text)
    _, problems = load_catalogue(tmp_path)
    assert any(
        p.path == path and p.line == line and message in p.message for p in problems
    ), problems


def test_heading_inside_a_code_block_is_allowed(tmp_path: Path) -> None:
    write_service(tmp_path, text=service_text(body="```\n# not a heading\n```\n"))
    _, problems = load_catalogue(tmp_path)
    assert not [p for p in problems if p.severity is Severity.ERROR]


@pytest.mark.parametrize(
    "body",
    [
        "- Un\n    - dins d'un\n        - més endins\n- Dos\n",
        "1. Un\n2. Dos\n\n   Un paràgraf de Dos.\n",
        "- Un\n\nText.\n\n  - Una llista nova, sagnada.\n",
        "```\n- a\n  - b\n```\n",
    ],
)
def test_lists_that_render_as_written_are_allowed(tmp_path: Path, body: str) -> None:
    write_service(tmp_path, text=service_text(body=body))
    _, problems = load_catalogue(tmp_path)
    assert not [p for p in problems if p.severity is Severity.ERROR]


def test_file_name_without_a_known_language(tmp_path: Path) -> None:
    path = write_service(tmp_path, language="fr")
    _, problems = load_catalogue(tmp_path)
    assert [(p.path, p.line) for p in problems] == [(path, 1)]
    assert "with a language among ca, es, en" in problems[0].message


def test_file_that_is_not_utf8(tmp_path: Path) -> None:
    path = write_service(tmp_path)
    path.write_bytes("---\ntitle: Caf\xe9\n---\n".encode("latin-1"))
    _, problems = load_catalogue(tmp_path)
    assert "not UTF-8" in problems[0].message


def test_all_problems_of_a_file_are_reported_at_once(tmp_path: Path) -> None:
    matter = VALID_MATTER.replace("status: active", "status: actve").replace(
        "last_reviewed: 2026-11-24", "last_reviewed: 2026-13-01"
    )
    write_service(tmp_path, text=service_text(matter=matter + "colour: red\n"))
    _, problems = load_catalogue(tmp_path)
    assert [p.line for p in problems] == [5, 18, 22]
