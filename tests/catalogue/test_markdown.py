"""Markdown bodies render safely, with heading ids that do not change."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from catalogue.markdown import (
    _TRIGGERS,
    _converter,
    _unused_patterns,
    render_markdown,
    slugify,
)

REPO = Path(__file__).resolve().parents[2]


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


# Pieces of Markdown that use every inline pattern, and the texts they need.
_PIECES = [
    "plain words",
    "`code` and ``double `tick` code``",
    "\\*not emphasis\\* and \\\\`",
    "[a link](https://serveis.example/) and [ref][1] and [1]",
    "\n\n[1]: https://serveis.example/ref\n\n",
    "![an image](https://serveis.example/i.png) ![ref image][1]",
    "<https://serveis.example/auto> and <someone@serveis.example>",
    "two spaces at the end  \nof a line",
    "a tab at the end\t\nof a line",
    "<abbr title='Servei'>SRV</abbr> and <span>inline</span>",
    "&amp; &copy; &#169; &#xA9;",
    "*em* **strong** _em_ __strong__",
    "\n\n## A heading\n\n",
    "\n\n- one\n- two\n\n",
    "\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n",
    "\r\nwindows line  \r\nend",
]


@given(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=8))
@settings(max_examples=300, deadline=None)
def test_leaving_out_unmatchable_patterns_changes_nothing(pieces: list[str]) -> None:
    text = " ".join(pieces)
    pruned = _converter(_unused_patterns(text)).reset().convert(text)
    assert pruned == _converter().reset().convert(text)


def test_a_document_without_their_texts_leaves_patterns_out() -> None:
    assert _unused_patterns("Plain **text**.") == frozenset(_TRIGGERS)
    assert "link" not in _unused_patterns("[x](https://serveis.example/)")
    assert "linebreak" not in _unused_patterns("a\tb")
    assert _unused_patterns("` \\ [ ![ < &  \n") == frozenset()


def test_every_content_file_renders_as_with_every_pattern() -> None:
    files = sorted(Path(REPO / "content").rglob("*.md"))
    assert len(files) > 10
    for path in files:
        text = path.read_text(encoding="utf-8")
        pruned = _converter(_unused_patterns(text)).reset().convert(text)
        assert pruned == _converter().reset().convert(text), path
