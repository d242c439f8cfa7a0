"""The open data files written part by part hold exactly the whole-catalogue exports."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from flask import Flask

from bench.corpus import write_corpus
from catalogue import create_app
from catalogue.buildcache import BuildCache
from catalogue.exports import parts_of
from catalogue.opendata import catalogue_csv, catalogue_json
from catalogue.views import get_catalogue_of
from tests.conftest import REPO

BASE, FORMS = "https://serveis.example/", "https://forms.example/forms"


def _app(content: Path, cache: BuildCache | None = None) -> Flask:
    settings = {
        "CONTENT_DIR": str(content),
        "WORKFLOWS_DIR": str(REPO / "workflows"),
        "BASE_URL": BASE,
        "FORMS_URL": FORMS,
        "BUILD_CACHE": cache,
    }
    return create_app(settings)


@pytest.mark.parametrize("services", [0, 1, 7])
@pytest.mark.parametrize("cached", [False, True], ids=["in memory", "in the cache"])
def test_parts_add_up_to_the_exports(
    tmp_path: Path, services: int, cached: bool
) -> None:
    content = tmp_path / "content"
    write_corpus(content, services)
    app = _app(content, BuildCache(tmp_path / "cache") if cached else None)
    catalogue = get_catalogue_of(app)
    parts = parts_of(app, catalogue)
    parts.prepare()
    generated = date(2026, 11, 24)
    with app.app_context():
        whole = catalogue_json(catalogue, BASE, FORMS, generated)
        rows = catalogue_csv(catalogue, BASE, FORMS)
    expected = json.dumps(whole, ensure_ascii=False, indent=2) + "\n"
    assert "".join(parts.json_chunks(generated)) == expected
    assert "".join(parts.csv_chunks()) == rows


def test_a_part_is_computed_again_when_its_service_changes(tmp_path: Path) -> None:
    content = tmp_path / "content"
    sources = write_corpus(content, 2)
    cache = BuildCache(tmp_path / "cache")
    before = parts_of(app := _app(content, cache), get_catalogue_of(app))
    before.prepare()
    text = sources[0].read_text("utf-8")
    sources[0].write_text(text.replace("title: ", "title: Nou "), encoding="utf-8")
    sources[0].with_name(sources[0].name.replace(".ca.", ".es.")).unlink()
    after = parts_of(app := _app(content, cache), get_catalogue_of(app))
    slug = sources[0].name.split(".")[0]
    assert before.key(slug) != after.key(slug)
    service = json.loads(after.get(slug).json)
    assert service["name"].startswith("Nou ")
    assert set(service["x_translations"]) == {"en"}
    after.prune()
    assert len(list((tmp_path / "cache" / "parts").iterdir())) == 2
