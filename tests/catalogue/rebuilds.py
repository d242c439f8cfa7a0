"""Helpers of the rebuild tests: small corpora cut into many pages, builds by the
command, and the comparison of a rebuilt site with a clean build of the same content."""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner

from catalogue.cli import main
from tests.conftest import REPO

SERVICES = 24


def build(content: Path, out: Path, workflows: Path = REPO / "workflows") -> int:
    """Build *content* into *out*; return how many files were rendered."""
    result = CliRunner().invoke(
        main,
        [
            "build",
            *("--content", str(content)),
            *("--workflows", str(workflows)),
            *("--out", str(out)),
        ],
    )
    assert result.exit_code == 0, result.output
    found = re.search(r"; (\d+) files rendered", result.output)
    assert found, result.output
    return int(found[1])


def files(site: Path) -> dict[str, bytes]:
    return {
        path.relative_to(site).as_posix(): path.read_bytes()
        for path in sorted(site.rglob("*"))
        if path.is_file()
    }


def same_as_clean_build(
    content: Path,
    site: Path,
    tmp_path: Path,
    name: str,
    workflows: Path = REPO / "workflows",
) -> None:
    """Build *content* from scratch and check that *site* holds the same files."""
    clean = tmp_path / f"clean-{name}"
    build(content, clean, workflows)
    rebuilt, expected = files(site), files(clean)
    assert sorted(rebuilt) == sorted(expected)
    different = [path for path in expected if rebuilt[path] != expected[path]]
    assert different == []


def edit_title(content: Path) -> None:
    """Rename a service (its place in every list moves) and change its body."""
    path = sorted((content / "services").glob("*.ca.md"))[3]
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"^title: .*$", "title: Aaa servei reanomenat", text, flags=re.M)
    path.write_text(text + "\n## Novetat\n\nUn paràgraf nou.\n", encoding="utf-8")


def add_service(content: Path) -> None:
    source = sorted((content / "services").glob("*.ca.md"))[5]
    text = source.read_text(encoding="utf-8")
    slug = re.search(r"^slug: (.*)$", text, flags=re.M)
    assert slug
    new = text.replace(slug[1], "servei-nou").replace("title: ", "title: Zeta ", 1)
    (content / "services" / "servei-nou.ca.md").write_text(new, encoding="utf-8")


def remove_files(content: Path) -> None:
    """Remove a whole service, and the Spanish text of another."""
    services = sorted((content / "services").glob("*.ca.md"))
    for path in services[0].parent.glob(services[0].name.replace(".ca.md", ".*")):
        path.unlink()
    services[7].with_name(services[7].name.replace(".ca.", ".es.")).unlink()
