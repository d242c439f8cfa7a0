"""The same synthetic corpus built with MkDocs, the Python documentation generator.

Each service file becomes a MkDocs page with the same Markdown body under
`docs/services/`, its name kept (`slug.ca.md` is written as `services/slug.ca/`):
MkDocs has no translations, so the three languages are simply three pages. The
front matter is cut down to the title, as MkDocs reads its own keys from it. MkDocs
keeps its defaults: the `mkdocs` theme, with the navigation of every page on every
page, and the search plugin with its index of every page. It has no taxonomies nor
paginated lists, so it writes no listing per facet value. It gets the Markdown
extension the catalogue adds to MkDocs' own (`sane_lists`; `toc` and `tables` are
MkDocs' defaults).
"""

from __future__ import annotations

from pathlib import Path

import yaml

from bench.corpus import read_service

CONFIG = """\
site_name: Xarxa
docs_dir: docs
site_dir: site
markdown_extensions:
  - sane_lists
"""

HOME = "# Xarxa\n\nEls serveis del catàleg.\n"


def write_mkdocs_corpus(content_dir: Path, destination: Path) -> Path:
    """Turn the catalogue corpus under *content_dir* into a MkDocs project.

    :returns: the configuration file; the pages are in its folder's `docs/`.
    """
    services = destination / "docs" / "services"
    services.mkdir(parents=True)
    for source in sorted((content_dir / "services").glob("*.md")):
        matter, body = read_service(source)
        front = yaml.safe_dump({"title": matter["title"]}, allow_unicode=True)
        (services / source.name).write_text(f"---\n{front}---\n{body}", "utf-8")
    (destination / "docs" / "index.md").write_text(HOME, encoding="utf-8")
    config = destination / "mkdocs.yml"
    config.write_text(CONFIG, encoding="utf-8")
    return config


def service_page(project: Path, slug: str, language: str) -> Path:
    """Where MkDocs writes the page of service *slug* in *language* (`site/`)."""
    return project / "site" / "services" / f"{slug}.{language}" / "index.html"
