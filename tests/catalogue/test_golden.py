"""A small golden-output freeze: the page a known service file turns into.

After an intended change to the templates, regenerate the golden files with
`XARXA_UPDATE_GOLDEN=1 make test` and review the difference before committing.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest

from catalogue import create_app
from catalogue.freeze import freeze
from tests.conftest import write_service

GOLDEN = Path(__file__).parent / "golden"
PAGES = [
    "ca/services/prova/index.html",
    "en/services/prova/index.html",
    "es/index.html",
]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("golden")
    for language in ("ca", "es", "en"):
        write_service(root / "content", language=language)
    app = create_app(
        {
            "CONTENT_DIR": str(root / "content"),
            "BUILD_DATE": date(2026, 11, 24),
            "BASE_URL": "https://serveis.example/",
        }
    )
    freeze(app, root / "site")
    return root / "site"


@pytest.mark.parametrize("page", PAGES)
def test_page_matches_golden_output(site: Path, page: str) -> None:
    built = (site / page).read_text(encoding="utf-8")
    golden = GOLDEN / page.replace("/", "__")
    if os.environ.get("XARXA_UPDATE_GOLDEN"):
        golden.write_text(built, encoding="utf-8")
    assert built == golden.read_text(encoding="utf-8")
