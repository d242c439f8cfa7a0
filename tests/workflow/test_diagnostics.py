"""Each check of the loader, on a small broken file: the code, line and column."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from forms_service.workflow import (
    Diagnostic,
    InvalidWorkflow,
    check_workflows,
    load_workflow,
    load_workflows,
)

from .diagnostic_cases import CASES, VALID


@pytest.fixture
def diagnose(
    folder: Path, write_workflow: Callable[[str, str], Path]
) -> Callable[[str], list[Diagnostic]]:
    def run(text: str) -> list[Diagnostic]:
        write_workflow(text, "demo.yaml")
        return check_workflows(folder)

    return run


def test_the_valid_file_is_valid(diagnose: Callable[[str], list[Diagnostic]]) -> None:
    assert diagnose(VALID) == []


@pytest.mark.parametrize(
    ("replacements", "code", "line", "col", "alone"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_each_fault_is_reported_where_it_is(
    diagnose: Callable[[str], list[Diagnostic]],
    replacements: list[tuple[str, str]],
    code: str,
    line: int,
    col: int,
    alone: bool,
) -> None:
    text = VALID
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new, 1)
    found = diagnose(text)
    assert all(item.path.endswith("demo.yaml") for item in found)
    assert (code, line, col) in [(d.code, d.line, d.col) for d in found], found
    if alone:
        assert len(found) == 1, found


def test_all_problems_come_at_once_sorted(
    diagnose: Callable[[str], list[Diagnostic]],
) -> None:
    text = VALID.replace("role: team", "role: taem").replace(
        "5 working days", "5 weeks"
    )
    text = text.replace("approve: done", "approve: dnoe")
    found = diagnose(text)
    assert [d.code for d in found] == ["E050", "E007", "E012", "E020"]
    assert found == sorted(found)


def test_messages_suggest_the_closest_name(
    diagnose: Callable[[str], list[Diagnostic]],
) -> None:
    (found,) = diagnose(VALID.replace("initial: review", "initial: reveiw"))
    assert str(found).endswith(
        ':8:10: E010 initial state "reveiw" is not defined (did you mean "review"?)'
    )


def test_unknown_placeholder_is_reported_in_the_template_file(
    folder: Path, diagnose: Callable[[str], list[Diagnostic]]
) -> None:
    for language in ("ca", "es", "en"):
        text = "Subject: {reference}\n\nDear {person_name}, see {link}\n"
        (folder / "templates" / f"bad.{language}.txt").write_text(text)
    found = diagnose(VALID.replace("template: t}", "template: bad}"))
    assert [(d.code, d.line, d.col) for d in found] == [("E071", 3, 6)] * 3
    assert {Path(d.path).name for d in found} == {
        "bad.ca.txt",
        "bad.es.txt",
        "bad.en.txt",
    }


def test_missing_template_names_each_language(
    diagnose: Callable[[str], list[Diagnostic]],
) -> None:
    found = diagnose(VALID.replace("template: t}", "template: nope}"))
    assert [(d.code, d.line, d.col) for d in found] == [("E070", 17, 35)] * 3
    assert sorted(d.message.split("(")[1] for d in found) == [
        "nope.ca.txt missing)",
        "nope.en.txt missing)",
        "nope.es.txt missing)",
    ]


def test_two_files_with_one_id(
    folder: Path, write_workflow: Callable[[str, str], Path]
) -> None:
    write_workflow(VALID, "a.yaml")
    write_workflow(VALID, "b.yaml")
    (found,) = check_workflows(folder)
    assert (found.code, Path(found.path).name) == ("E008", "b.yaml")
    with pytest.raises(InvalidWorkflow, match="E008"):
        load_workflows(folder)


def test_load_workflow_raises_with_every_diagnostic(
    write_workflow: Callable[[str, str], Path],
) -> None:
    path = write_workflow(VALID.replace("role: team", "role: x").replace("due:", "du:"))
    with pytest.raises(InvalidWorkflow) as caught:
        load_workflow(path)
    assert [d.code for d in caught.value.diagnostics] == ["E050", "E002"]
    assert "2 problems" in str(caught.value)


def test_unsafe_yaml_tags_are_refused(
    diagnose: Callable[[str], list[Diagnostic]],
) -> None:
    found = diagnose(
        VALID.replace("id: demo", "id: !!python/object/apply:os.system [ls]")
    )
    assert ("E007", 2, 5) in [(d.code, d.line, d.col) for d in found]


def test_yes_and_no_stay_words(diagnose: Callable[[str], list[Diagnostic]]) -> None:
    text = VALID.replace(
        "approve: done",
        "approve: {to: done, when: {field: urgency, op: eq, value: no}}",
    )
    (found,) = diagnose(text)
    assert found.code == "E031"
    assert '"no" is not a choice' in found.message


def test_a_bad_roles_file_is_reported(folder: Path) -> None:
    (folder / "roles.yaml").write_text("team:\n  - ana@council.example\n  - nobody\n")
    found = check_workflows(folder)
    assert [(Path(d.path).name, d.code, d.line, d.col) for d in found] == [
        ("roles.yaml", "E051", 3, 5)
    ]


def test_an_empty_file(diagnose: Callable[[str], list[Diagnostic]]) -> None:
    assert [(d.code, d.line, d.col) for d in diagnose("")] == [("E003", 1, 1)]
