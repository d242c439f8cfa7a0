"""The same synthetic corpus built with Pelican, the reference static generator.

Each service file becomes a Pelican article with the same Markdown body: the front
matter turns into Pelican metadata (title, slug, language, date, summary), the
status into the category and every facet value (audiences, topics, access routes,
areas served) into a tag, so that Pelican writes one listing per facet value as
the catalogue does. Pelican keeps its default theme and feeds; it gets the same
Markdown extensions as the catalogue and the same page size for its listings.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from bench.corpus import read_service
from catalogue.pagination import PAGE_SIZE

SETTINGS = f"""\
SITENAME = "Xarxa"
SITEURL = ""
TIMEZONE = "Europe/Madrid"
DEFAULT_LANG = "ca"
DEFAULT_PAGINATION = {PAGE_SIZE}
MARKDOWN = {{
    "extensions": ["markdown.extensions.meta", "markdown.extensions.toc",
                   "markdown.extensions.sane_lists", "markdown.extensions.tables"],
    "output_format": "html5",
}}
"""


def write_pelican_corpus(content_dir: Path, destination: Path) -> Path:
    """Turn the catalogue corpus under *content_dir* into a Pelican project.

    :returns: the settings file; the articles are in its folder's `content/`.
    """
    articles = destination / "content"
    articles.mkdir(parents=True)
    for source in sorted((content_dir / "services").glob("*.md")):
        matter, body = read_service(source)
        text = _metadata(matter, source.name.split(".")[1]) + "\n" + body
        (articles / source.name).write_text(text, encoding="utf-8")
    settings = destination / "pelicanconf.py"
    settings.write_text(SETTINGS, encoding="utf-8")
    return settings


def _metadata(matter: dict[str, Any], language: str) -> str:
    tags = [
        *matter["audiences"],
        *matter["topics"],
        *(route["kind"] for route in matter["access_routes"]),
        *(area["name"] for area in matter.get("area_served", [])),
    ]
    summary = " ".join(matter["summary"].split())
    return (
        f"Title: {matter['title']}\n"
        f"Date: {matter['last_reviewed']}\n"
        f"Slug: {matter['slug']}\n"
        f"Lang: {language}\n"
        f"Category: {matter['status']}\n"
        f"Tags: {', '.join(dict.fromkeys(tags))}\n"
        f"Summary: {summary}\n"
    )
