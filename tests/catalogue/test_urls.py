"""Addresses built once a process are the addresses Flask builds."""

from __future__ import annotations

from pathlib import Path

import pytest
from flask import Flask, url_for

from catalogue import create_app
from catalogue.urls import cached_url_for

CALLS = [
    ("catalogue.service", {"lang": "es", "slug": "prova"}),
    ("catalogue.home", {"lang": "en"}),
    ("browse.facet", {"lang": "ca", "facet": "topics", "key": "youth", "number": 2}),
    ("static", {"filename": "xarxa.css"}),
    ("catalogue.home", {"lang": "ca", "_external": True}),
    ("catalogue.home", {"lang": "ca", "_anchor": "main"}),
]


@pytest.fixture
def app(content_dir: Path) -> Flask:
    return create_app({"TESTING": True, "CONTENT_DIR": str(content_dir)})


@pytest.mark.parametrize("script_root", ["", "/cataleg"])
def test_the_same_address_as_url_for_wherever_the_site_is(
    app: Flask, script_root: str
) -> None:
    for _ in range(2):  # built, then from the cache
        with app.test_request_context(base_url=f"http://serveis.example{script_root}"):
            for endpoint, values in CALLS:
                expected = url_for(endpoint, **values)
                assert cached_url_for(endpoint, **values) == expected
                assert expected.startswith(
                    "http" if "_external" in values else f"{script_root}/"
                )


def test_a_site_moved_elsewhere_gets_its_own_addresses(app: Flask) -> None:
    with app.test_request_context(base_url="http://serveis.example/a"):
        first = cached_url_for("catalogue.home", lang="ca")
    with app.test_request_context(base_url="http://serveis.example/b"):
        second = cached_url_for("catalogue.home", lang="ca")
    assert (first, second) == ("/a/ca/", "/b/ca/")


def test_a_relative_endpoint_is_of_the_current_blueprint(app: Flask) -> None:
    with app.test_request_context("/robots.txt"):
        app.preprocess_request()
        assert cached_url_for(".sitemap") == url_for("feeds.sitemap")
    with app.test_request_context("/ca/"):
        assert cached_url_for(".home", lang="ca") == "/ca/"


def test_templates_use_it(app: Flask) -> None:
    assert app.jinja_env.globals["url_for"] is cached_url_for
