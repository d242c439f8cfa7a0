"""The real content in content/ is complete and valid (docs as tests)."""

from __future__ import annotations

import pytest

from catalogue.content import load_catalogue
from catalogue.schema import LANGUAGES
from tests.conftest import REPO

SEEDED = [
    "acompanyament-social-laboral",
    "connectat",
    "papallona",
    "sostf",
    "supervisio-equips",
]


def test_every_real_file_is_valid_without_warnings() -> None:
    _, problems = load_catalogue(REPO / "content")
    assert problems == []


def test_the_five_seeded_services_exist_in_every_language() -> None:
    catalogue, _ = load_catalogue(REPO / "content")
    assert sorted(catalogue.services) == SEEDED
    for versions in catalogue.services.values():
        assert sorted(versions) == sorted(LANGUAGES)


@pytest.mark.parametrize("slug", SEEDED)
def test_translations_keep_the_catalan_structure(slug: str) -> None:
    catalogue, _ = load_catalogue(REPO / "content")
    versions = catalogue.services[slug]
    levels = {lang: [h.level for h in v.headings] for lang, v in versions.items()}
    assert levels["es"] == levels["ca"] == levels["en"]
    assert versions["ca"].headings, "the body needs at least one section"


def test_seed_facts_of_team_supervision() -> None:
    catalogue, _ = load_catalogue(REPO / "content")
    for version in catalogue.services["supervisio-equips"].values():
        matter = version.matter
        window = matter.application_window
        assert window is not None
        assert (str(window.opens), str(window.closes)) == ("2020-01-10", "2020-02-13")
        assert matter.access_routes[0].response_time == "P5M"
        assert [i.value for i in matter.identifiers] == ["20270"]
        assert matter.contacts[0].phone == "934 022 471"
        assert matter.contacts[0].email == "s.accios@diba.cat"
        assert "C1-034" in [d.code for d in matter.documents]
        assert any("18" in r for r in matter.requirements)
        assert any("8" in r for r in matter.requirements)
        assert len(matter.legal_basis) == 3
