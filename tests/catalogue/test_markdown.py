"""Markdown bodies render safely, with heading ids that do not change."""

from __future__ import annotations

import pytest

from catalogue.markdown import render_markdown, slugify


@pytest.mark.parametrize(
    ("dangerous", "forbidden"),
    [
        ("<script>alert(1)</script>", "<script"),
        ('<img src="x" onerror="alert(1)">', "onerror"),
        ('<a href="javascript:alert(1)">x</a>', "javascript:"),
        ('<iframe src="https://evil.example/"></iframe>', "<iframe"),
        ('<p style="position:fixed">x</p>', "style="),
        ("[x](javascript:alert(1))", "javascript:"),
        ('<form action="https://evil.example/"><input></form>', "<form"),
    ],
)
def test_raw_html_is_sanitised(dangerous: str, forbidden: str) -> None:
    html, _ = render_markdown(f"Text\n\n{dangerous}\n")
    assert forbidden not in html


def test_headings_get_stable_ascii_ids() -> None:
    html, headings = render_markdown(
        "## Què ofereix\n\n### Àmbit d'actuació\n\n## Què ofereix\n"
    )
    assert '<h2 id="que-ofereix">Què ofereix</h2>' in html
    assert [(h.level, h.id) for h in headings] == [
        (2, "que-ofereix"),
        (3, "ambit-d-actuacio"),
        (2, "que-ofereix_1"),
    ]


def test_same_heading_gives_the_same_id_every_time() -> None:
    first, _ = render_markdown("## Principis i valors\n")
    second, _ = render_markdown("## Principis i valors\n")
    assert first == second


def test_links_and_lists_survive() -> None:
    html, _ = render_markdown("- [Diba](https://www.diba.cat/)\n- dos\n")
    assert '<a href="https://www.diba.cat/" rel="noopener noreferrer">Diba</a>' in html
    assert html.count("<li>") == 2


def test_slugify_falls_back_when_nothing_is_left() -> None:
    assert slugify("¿?") == "section"
