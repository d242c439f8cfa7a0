"""The README documents every setting and every command."""

from __future__ import annotations

import pytest

from catalogue.cli import main
from catalogue.config import SETTINGS
from forms_service.config import SETTINGS as FORMS_SETTINGS
from tests.conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("name", "default"),
    [(s.name, s.default) for s in (*SETTINGS, *FORMS_SETTINGS)],
)
def test_every_setting_is_documented(name: str, default: object) -> None:
    assert f"| `{name}` | `{default}` |" in README


@pytest.mark.parametrize("command", sorted(main.commands))
def test_every_command_is_documented(command: str) -> None:
    assert f"`xarxa {command}" in README


def test_readme_opens_with_the_two_commands() -> None:
    first_block = README.split("```")[1]
    commands = [line.split("#")[0].strip() for line in first_block.splitlines()[1:]]
    assert [c for c in commands if c] == ["make run", "make test"]
