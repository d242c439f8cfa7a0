"""`xarxa check` lists every problem with its file and line, and sets the exit code."""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner

from catalogue.cli import main
from tests.conftest import REPO


def _copy_content(tmp_path: Path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(REPO / "content", target)
    return target


def _plant(path: Path, old: str, new: str) -> int:
    """Replace the first *old* in *path*; return the line where it stood."""
    text = path.read_text(encoding="utf-8")
    index = text.index(old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text.count("\n", 0, index) + 1


def test_real_content_passes() -> None:
    result = CliRunner().invoke(main, ["check", "--content", str(REPO / "content")])
    assert result.exit_code == 0, result.output
    assert "0 error(s), 0 warning(s)" in result.output


def test_planted_errors_in_several_files_are_all_listed(tmp_path: Path) -> None:
    content = _copy_content(tmp_path)
    services = content / "services"
    planted = {
        services / "connectat.ca.md": _plant(
            services / "connectat.ca.md", "status: active", "status: activ"
        ),
        services / "sostf.es.md": _plant(
            services / "sostf.es.md", "audiences:", "audience:"
        ),
        services / "supervisio-equips.en.md": _plant(
            services / "supervisio-equips.en.md",
            "opens: 2020-01-10",
            "opens: 2020-01-32",
        ),
        services / "papallona.ca.md": _plant(services / "papallona.ca.md", "## ", "# "),
    }
    result = CliRunner().invoke(main, ["check", "--content", str(content)])
    assert result.exit_code == 1
    for path, line in planted.items():
        assert f"{path}:{line}: " in result.output, (path, line, result.output)
    assert "did you mean 'active'?" in result.output
    assert "did you mean 'audiences'?" in result.output
