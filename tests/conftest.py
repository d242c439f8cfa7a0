"""Shared factories for tests: content files written into a temporary folder."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

# CI explores the same examples on every run, so a red build always reproduces;
# local runs keep exploring new ones.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

REPO = Path(__file__).resolve().parent.parent

# A complete, valid front matter; the line numbers of a file written by
# `write_service` are those of this text plus one (the opening `---`).
VALID_MATTER = """\
slug: {slug}
title: Servei de prova
summary: Un servei de prova per comprovar que el catàleg funciona.
status: active
promoter:
  name: Ajuntament de Prova
  kind: ajuntament
area_served:
  - name: Prova
    ine_code: "08999"
audiences: [young_people, professionals]
topics: [emotional_support, youth]
access_routes:
  - kind: referral
    who: Professionals dels serveis socials
start_date: 2021-04
last_reviewed: 2026-11-24
contacts:
  - name: Servei de prova
    email: servei@prova.example
"""


def service_text(
    slug: str = "prova", matter: str = VALID_MATTER, body: str | None = None
) -> str:
    """Return the text of a service file."""
    if body is None:
        body = "## Què és\n\nUn servei de prova.\n"
    return f"---\n{matter.format(slug=slug)}---\n{body}"


def write_service(
    content_dir: Path,
    slug: str = "prova",
    language: str = "ca",
    text: str | None = None,
    file_slug: str | None = None,
) -> Path:
    """Write one service file under *content_dir*/services and return its path."""
    services = content_dir / "services"
    services.mkdir(parents=True, exist_ok=True)
    path = services / f"{file_slug or slug}.{language}.md"
    path.write_text(service_text(slug) if text is None else text, encoding="utf-8")
    return path


@pytest.fixture
def content_dir(tmp_path: Path) -> Path:
    """A content folder holding one valid service in the three languages."""
    folder = tmp_path / "content"
    for language in ("ca", "es", "en"):
        write_service(folder, language=language)
    return folder
