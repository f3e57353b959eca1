"""The HTML report: structure, accessibility basics, self-containment and escaping."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from typer.testing import CliRunner

from engagement_cli.cli import app
from tests.conftest import EXAMPLES

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
HOSTILE = Path(__file__).resolve().parents[1] / "hostile" / "corpus"
runner = CliRunner()


class Outline(HTMLParser):
    """Collects headings, cards and every URL-bearing attribute."""

    def __init__(self) -> None:
        super().__init__()
        self.headings: list[str] = []
        self.cards: list[dict[str, str | None]] = []
        self.urls: list[str] = []
        self.tags: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(tag)
        if tag == "article":
            self.cards.append(dict(attrs))
        self.urls.extend(value or "" for name, value in attrs if name in ("src", "href"))


def _outline(html: str) -> Outline:
    parser = Outline()
    parser.feed(html)
    return parser


def test_batch_report_structure(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(FIXTURES)
    html = runner.invoke(app, ["check", "batch", "-f", "html"]).stdout
    outline = _outline(html)
    assert outline.headings[:2] == ["h1", "h2"]
    assert len(outline.cards) == len(list((FIXTURES / "batch").rglob("*.y*ml")))
    assert {card["data-verdict"] for card in outline.cards} >= {"co-design", "invalid"}
    # Links within the page (the matrix's cells filter the cards) are not resources.
    external = [url for url in outline.urls if not url.startswith("#")]
    assert external == [], "no external resources at all"
    assert "Content-Security-Policy" in html
    assert '<svg role="img"' in html
    assert "<caption>" in html
    assert '<section id="filters" class="filters" aria-labelledby="filters-title" hidden>' in html


def test_assess_html_is_the_single_card() -> None:
    result = runner.invoke(app, ["assess", str(EXAMPLES / "lego-ideas.yaml"), "-f", "html"])
    assert result.exit_code == 0
    outline = _outline(result.stdout)
    assert len(outline.cards) == 1
    assert outline.cards[0]["data-verdict"] == "co-creation"
    assert "<svg" not in result.stdout, "no batch summary for one project"


def test_names_with_markup_quotes_and_ampersands_are_escaped(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(HOSTILE)
    html = runner.invoke(app, ["check", ".", "-f", "html"]).stdout
    assert "<script>alert" not in html
    assert "<img src=x" not in html
    assert (
        "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &quot;quotes&quot; &amp; ampersand"
        in html
    )
    assert html.count("<script>") == 1, "only the report's own script"
    assert "\x1b" not in html
