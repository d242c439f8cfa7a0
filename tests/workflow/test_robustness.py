"""Damaged or hostile files never crash the checker: they only produce diagnostics."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from forms_service.workflow import CODES, check_workflows, parse_workflow
from forms_service.workflow.source import read_yaml

from .conftest import text

VALID_LINES = text().splitlines(keepends=True)
ROLES = {"team": ("ana@council.example",), "head": ("head@council.example",)}


@pytest.mark.parametrize(
    "content",
    [
        "- a\n- b\n",
        "just words",
        "\x00\x01\x02",
        "a: [unclosed\n",
        "schema: xarxa/workflow/v1\nstates: 5\n",
        "schema: xarxa/workflow/v1\nstates: {a: {kind: final}}\n",
        "schema: xarxa/workflow/v1\nstates: {1: {kind: final}}\n",
        "schema: xarxa/workflow/v1\nid: [a]\nversion: {}\ntitle: x\nlanguages: ca\n",
        "a: &x [*x]\n",
        "--- a\n--- b\n",
        "schema: xarxa/workflow/v1\n" + "x: " * 200 + "1\n",
        "schema: xarxa/workflow/v1\nstates:\n  a:\n    kind: task\n    transitions:\n"
        "      approve: [{}, {to: a, when: {all: []}}, {to: a, when: {field: x}}]\n",
    ],
)
def test_bad_files_only_give_diagnostics(folder: Path, content: str) -> None:
    (folder / "bad.yaml").write_text(content, encoding="utf-8")
    found = check_workflows(folder)
    assert found
    assert all(d.code in CODES and d.line >= 1 and d.col >= 1 for d in found)


def test_a_file_that_is_not_text(folder: Path) -> None:
    (folder / "bad.yaml").write_bytes(b"\xff\xfe\x00bad")
    (found,) = check_workflows(folder)
    assert (found.code, found.line, found.col) == ("E001", 1, 1)


@settings(max_examples=200, deadline=None, database=None)
@given(
    drops=st.lists(st.integers(0, len(VALID_LINES) - 1), max_size=4),
    edits=st.lists(
        st.tuples(
            st.integers(0, len(VALID_LINES) - 1),
            st.integers(0, 80),
            st.sampled_from(list(":-[]{}#&*!|>'\"\t x0")),
        ),
        max_size=4,
    ),
)
def test_damaged_copies_of_a_valid_file_never_crash(
    tmp_path_factory: pytest.TempPathFactory,
    drops: list[int],
    edits: list[tuple[int, int, str]],
) -> None:
    lines = list(VALID_LINES)
    for index, column, char in edits:
        line = lines[index]
        lines[index] = line[:column] + char + line[column + 1 :]
    damaged = "".join(line for i, line in enumerate(lines) if i not in set(drops))
    templates = tmp_path_factory.getbasetemp() / "no-templates"
    workflow, problems = parse_workflow(
        damaged, "x.yaml", roles=ROLES, templates=templates
    )
    assert (workflow is None) is bool(problems)
    assert all(d.code in CODES and d.line >= 1 and d.col >= 1 for d in problems)


def test_a_tagged_key_is_reported_not_raised() -> None:
    # Found by hypothesis: a key written as a YAML tag used to crash the reader.
    source = read_yaml(
        "x.yaml", "schema: xarxa/workflow/v1\nnotify:\n  - {!to: submitter}\n"
    )
    assert [(d.line, d.code) for d in source.problems] == [(3, "E003")]
