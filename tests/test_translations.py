"""The gettext catalogues are complete and their compiled files are up to date."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

from tests.conftest import REPO

PACKAGES = [REPO / "site" / "catalogue", REPO / "forms_service"]
CATALOGUES = sorted(
    po for package in PACKAGES for po in package.glob("translations/*/LC_MESSAGES/*.po")
)


def _id(po_path: Path) -> str:
    return f"{po_path.parts[-5]}-{po_path.parts[-3]}"


@pytest.mark.parametrize("package", PACKAGES, ids=lambda p: p.name)
def test_catalan_and_spanish_catalogues_exist(package: Path) -> None:
    found = {path.parts[-3] for path in package.glob("translations/*/LC_MESSAGES/*.po")}
    assert found == {"ca", "es"}


@pytest.mark.parametrize("po_path", CATALOGUES, ids=_id)
def test_every_message_is_translated(po_path: Path) -> None:
    with po_path.open("rb") as handle:
        catalog = read_po(handle)
    missing = [
        m.id for m in catalog if m.id and (m.fuzzy or not all(_strings(m.string)))
    ]
    assert missing == []


@pytest.mark.parametrize("po_path", CATALOGUES, ids=_id)
def test_compiled_catalogue_matches_its_source(po_path: Path) -> None:
    # Messages, not bytes: the header of a .mo names the Babel version that wrote it.
    with po_path.open("rb") as handle:
        source = read_po(handle)
    with po_path.with_suffix(".mo").open("rb") as handle:
        compiled = read_mo(handle)
    assert _messages(compiled) == _messages(source), (
        "run `make translations` and commit the .mo files"
    )


def _messages(catalog: Catalog) -> dict[object, object]:
    return {
        (m.context, _strings(m.id)): _strings(m.string)
        for m in catalog
        if m.id and not m.fuzzy and all(_strings(m.string))
    }


def _strings(value: str | tuple[str, ...] | list[str]) -> tuple[str, ...]:
    return tuple(value) if isinstance(value, tuple | list) else (value,)


def _extracted_messages(package: Path) -> set[str]:
    method_map = [("**.py", "python"), ("**/templates/**.html", "jinja2")]
    keywords = {**DEFAULT_KEYWORDS, "lazy_gettext": None, "_l": None}
    found = extract_from_dir(package, method_map=method_map, keywords=keywords)
    return {
        message[2] if isinstance(message[2], str) else message[2][0]
        for message in found
    }


@pytest.mark.parametrize("po_path", CATALOGUES, ids=_id)
def test_every_interface_message_is_in_the_catalogue(po_path: Path) -> None:
    with po_path.open("rb") as handle:
        catalog = read_po(handle)
    known = {m.id if isinstance(m.id, str) else m.id[0] for m in catalog}
    package = po_path.parents[3]
    assert _extracted_messages(package) - known == set(), "run `make translations`"
