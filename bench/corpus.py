"""A synthetic catalogue shaped like the real one, for the benchmarks and tests.

Each service has a Catalan, a Spanish and an English file with the same facts
(status, audiences, topics, areas served, access routes, optional keys) and texts
of varied length made from the phrase tables in `phrases.yaml`: a summary, an
alternate name now and then, and a Markdown body of two to twelve sections with
paragraphs, lists, bold text, links and the odd table (2 to 15 KB a file, like the
real 4 to 7 KB). The same seed always writes the same files.
"""

from __future__ import annotations

import random
import re
import shutil
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parent.parent
PHRASES: dict[str, Any] = yaml.safe_load(
    (Path(__file__).with_name("phrases.yaml")).read_text(encoding="utf-8")
)
LANGUAGES = ("ca", "es", "en")
WORKFLOWS = {
    "referral": ["connectat-referral", "sostf-referral"],
    "application": ["supervisio-equips-application", "papallona-interest"],
    "direct": [],
}
AUDIENCES = ["young_people", "children", "families", "adults", "people_at_risk",
             "professionals", "local_entities"]  # fmt: skip
TOPICS = ["emotional_support", "family_support", "youth", "online",
          "professional_support", "community", "social_inclusion", "employment",
          "mediation", "innovation"]  # fmt: skip

Texts = tuple[str, str, str]  # one text in Catalan, Spanish and English


def write_corpus(content_dir: Path, services: int, seed: int = 8) -> list[Path]:
    """Write *services* synthetic services and the real information pages.

    :returns: the Catalan file of each service, in order.
    """
    if content_dir.exists():
        shutil.rmtree(content_dir)
    folder = content_dir / "services"
    folder.mkdir(parents=True)
    shutil.copytree(REPO / "content" / "pages", content_dir / "pages")
    sources = []
    for index in range(services):
        slug, files = service_files(index, seed)
        for lang, text in files.items():
            (folder / f"{slug}.{lang}.md").write_text(text, encoding="utf-8")
        sources.append(folder / f"{slug}.ca.md")
    return sources


def read_service(path: Path) -> tuple[dict[str, Any], str]:
    """Return the front matter and the Markdown body of a file `write_corpus` wrote."""
    _, front, body = path.read_text(encoding="utf-8").split("---\n", 2)
    return yaml.safe_load(front), body


def edit_service(path: Path) -> None:
    """Edit a service file as an editor would: its summary and a new paragraph."""
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"^summary: ", "summary: Actualitzat. ", text, count=1, flags=re.M)
    path.write_text(text + "\nUn paràgraf afegit en revisar el text.\n", "utf-8")


def service_files(index: int, seed: int = 8) -> tuple[str, dict[str, str]]:
    """Return the slug of service *index* and its file in each language."""
    writer = _Writer(random.Random(seed * 1_000_003 + index))
    slug, matters = writer.matters(index)
    bodies = writer.body(index)
    files = {
        lang: _file(matter, body)
        for lang, matter, body in zip(LANGUAGES, matters, bodies, strict=True)
    }
    return slug, files


class _Writer:
    """Chooses the facts and shape of one service, then words them in each language."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def pick(self, table: str) -> Texts:
        texts = self.rng.choice(PHRASES[table])
        return texts[0], texts[1], texts[2]

    def sentence(self) -> Texts:
        parts = [self.pick(t) for t in ("subjects", "verbs", "objects", "complements")]
        return _join([_join(parts, " ")], "", "{}.")

    def paragraph(self, sentences: int) -> Texts:
        return _join([self.sentence() for _ in range(sentences)], " ")

    def matters(self, index: int) -> tuple[str, list[dict[str, Any]]]:
        """Return the slug and the front matter in each language."""
        rng = self.rng
        kind = rng.choice(sorted(PHRASES["kinds"]))
        served = rng.sample(_areas(), rng.choice((1, 1, 1, 2, 3)))
        town = served[0]["name"].removeprefix("Província de ")
        brand = rng.choice(PHRASES["brands"]) if rng.random() < 0.2 else None
        slug = f"{kind}-{_slug(town)[:18].strip('-')}-{index}"
        names = PHRASES["kinds"][kind]
        titles = [
            f"{brand} – {names[lang]}"
            if brand
            else f"{names[lang]} {PHRASES['in'][lang]} {town}"
            for lang in range(3)
        ]
        summary = self.paragraph(rng.randint(1, 2))
        facts: dict[str, Any] = {
            "status": rng.choices(("active", "pilot", "closed"), (16, 3, 1))[0],
            "promoter": {"name": f"Ajuntament de {town}", "kind": "ajuntament"},
            "area_served": served,
            "audiences": rng.sample(AUDIENCES, rng.randint(1, 3)),
            "topics": rng.sample(TOPICS, rng.randint(1, 4)),
            "access_routes": self.routes(),
            "last_reviewed": "2026-11-24",
            **self.optional(index, town),
        }
        matters = [
            {"slug": slug, "title": titles[lang], "summary": summary[lang][:300]}
            | _in_language(facts, lang)
            for lang in range(3)
        ]
        return slug, matters

    def routes(self) -> list[dict[str, Any]]:
        rng = self.rng
        routes: list[dict[str, Any]] = []
        for kind in rng.sample(sorted(WORKFLOWS), rng.choice((1, 1, 2))):
            route: dict[str, Any] = {"kind": kind, "who": self.pick("who")}
            if rng.random() < 0.6:
                route["description"] = self.paragraph(1)
            if WORKFLOWS[kind] and rng.random() < 0.5:
                route["workflow"] = rng.choice(WORKFLOWS[kind])
            if rng.random() < 0.3:
                route["response_time"] = rng.choice(("P5D", "P2W", "P1M", "P5M"))
            routes.append(route)
        return routes

    def optional(self, index: int, town: str) -> dict[str, Any]:
        """Return the optional keys this service has (texts as `Texts`)."""
        rng = self.rng
        found: dict[str, Any] = {}
        if rng.random() < 0.4:
            found["alternate_name"] = self.paragraph(1)
        if rng.random() < 0.7:
            found["start_date"] = f"{rng.randint(2005, 2025)}-{rng.randint(1, 12):02d}"
        if rng.random() < 0.8:
            phone = f"93{index % 10} {index % 1000:03d} {rng.randint(100, 999)}"
            email = f"servei{index}@{_slug(town)}.example"
            found["contacts"] = [{"phone": phone, "email": email}]
        if rng.random() < 0.3:
            found["languages"] = rng.sample(["ca", "es", "en", "ar", "ur", "ro"], 2)
        for key, chance in (("network", 0.5), ("requirements", 0.4)):
            if rng.random() < chance:
                found[key] = [self.sentence() for _ in range(rng.randint(1, 4))]
        if rng.random() < 0.3:
            found["identifiers"] = [{"scheme": "Codi del recurs", "value": str(index)}]
        if rng.random() < 0.15:
            opens = rng.randint(1, 6)
            found["application_window"] = {
                "opens": f"2026-{opens:02d}-01",
                "closes": f"2026-{opens + 2:02d}-15",
            }
        return found

    def body(self, index: int) -> Texts:
        """Write a Markdown body: 2 to 12 sections of paragraphs, lists, tables."""
        rng = self.rng
        blocks: list[Texts] = []
        sections = min(12, max(2, int(rng.lognormvariate(1.5, 0.5))))
        for heading in rng.sample(PHRASES["headings"], sections):
            blocks.append(_join([tuple(heading)], "", "## {}"))
            for _ in range(rng.randint(1, 3)):
                blocks.append(self.paragraph(rng.randint(2, 6)))
            if rng.random() < 0.5:
                item = "- **{}**" if rng.random() < 0.5 else "- {}"
                items = [self.sentence() for _ in range(rng.randint(3, 7))]
                blocks.append(_join(items, "\n", item))
            if rng.random() < 0.15:
                link = f"[{{}}](https://serveis.example/{index})"
                blocks.append(_join([tuple(PHRASES["more"])], "", link))
            if rng.random() < 0.05:
                blocks.append(_table())
        return _join(blocks, "\n\n")


def _join(parts: list[Any], separator: str, pattern: str = "{}") -> Texts:
    """Join each language's text of *parts*, each put in *pattern*."""
    texts = [
        separator.join(pattern.format(part[lang]) for part in parts)
        for lang in range(3)
    ]
    return texts[0], texts[1], texts[2]


def _table() -> Texts:
    head = _join([tuple(PHRASES["table"][0]), tuple(PHRASES["table"][1])], " | ")
    rows = [tuple(day) for day in PHRASES["days"]]
    lines = [
        _join([head], "", "| {} |\n|---|---|"),
        _join(rows, "\n", "| {} | 9–13 h |"),
    ]
    return _join(lines, "\n")


def _in_language(value: Any, lang: int) -> Any:
    """Pick the *lang* text out of every `Texts` inside *value*."""
    if isinstance(value, tuple):
        return value[lang]
    if isinstance(value, dict):
        return {key: _in_language(item, lang) for key, item in value.items()}
    if isinstance(value, list):
        return [_in_language(item, lang) for item in value]
    return value


def _areas() -> list[dict[str, str]]:
    """Return the municipalities and provinces a service may serve (INE-like codes)."""
    names = [
        *PHRASES["towns"],
        *(
            f"{saint} {place}"
            for saint in PHRASES["saints"]
            for place in PHRASES["places"]
        ),
    ]
    provinces = sorted(PHRASES["provinces"].items())
    towns = [
        {"name": name, "ine_code": f"{provinces[index % 4][0]}{index:03d}"}
        for index, name in enumerate(names)
    ]
    return towns + [{"name": name, "ine_code": code} for code, name in provinces]


def _slug(text: str) -> str:
    ascii_text = text.encode("ascii", "ignore").decode().lower()
    return "-".join(re.findall(r"[a-z0-9]+", ascii_text))


def _file(matter: dict[str, Any], body: str) -> str:
    front = yaml.safe_dump(matter, allow_unicode=True, sort_keys=False, width=88)
    return f"---\n{front}---\n\n{body}\n"
