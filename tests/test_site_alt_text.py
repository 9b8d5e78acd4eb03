"""Every figure in the built site carries meaningful alt text.

Counts the plotly figures on each page (one ``Plotly.newPlot`` per figure) and
checks that each sits in a ``<figure>`` whose accessible name is the figure's
description: long enough to say something and more than the title. Needs `make site` first (make test does it).
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from tests.conftest import SITE

PAGES = sorted(p for p in SITE.glob("*.html") if p.name not in {"genindex.html", "search.html"})
FIGURE = re.compile(r'<figure class="use-figure" aria-label="([^"]*)">(.*?)</figure>', re.S)
TITLE = re.compile(r'"title":\s*\{[^{}]*"text":\s*"((?:[^"\\]|\\.)*)"')


def alt_text_problems(page: str) -> list[str]:
    """What is wrong with the alt text of the figures on one page (empty when nothing is)."""
    problems = []
    figures = FIGURE.findall(page)
    plots = page.count("Plotly.newPlot(")
    if plots != len(figures):
        problems.append(f"{plots} figures drawn but {len(figures)} wrapped with alt text")
    for n, (alt, body) in enumerate(figures, 1):
        alt = html.unescape(alt).strip()
        titles = TITLE.findall(body)
        title = titles[0] if titles else ""
        if len(alt) < 60:
            problems.append(f"figure {n}: alt text too short ({alt!r})")
        elif alt == title or alt.startswith(title) and len(alt) < len(title) + 20:
            problems.append(f"figure {n}: alt text only repeats the title")
    return problems


def test_the_check_catches_missing_short_and_title_only_alt_text() -> None:
    drawn = '<script>Plotly.newPlot("a", [], {"title": {"text": "Exports"}})</script>'
    good = ('<figure class="use-figure" aria-label="Line chart of exports to Russia, '
            f'from 42% in 1992 to 56% in 1999, rising in most years.">{drawn}</figure>')
    assert alt_text_problems(good) == []
    assert alt_text_problems(drawn) == ["1 figures drawn but 0 wrapped with alt text"]
    short = good.replace("Line chart of exports to Russia, from 42% in 1992 to 56% in 1999, rising in most years.",
                         "A chart")
    assert "too short" in alt_text_problems(short)[0]
    title_only = good.replace("Line chart of exports to Russia, from 42% in 1992 to 56% in 1999, rising in most years.",
                              "Exports")
    assert alt_text_problems(title_only) == ["figure 1: alt text too short ('Exports')"]
    long_title = drawn.replace("Exports", "Exports of Belarus to Russia and the rest of the world, 1992-1999")
    echo = ('<figure class="use-figure" aria-label="Exports of Belarus to Russia and the rest of the '
            f'world, 1992-1999">{long_title}</figure>')
    assert alt_text_problems(echo) == ["figure 1: alt text only repeats the title"]


@pytest.mark.skipif(not PAGES, reason="site not built (run `make site`)")
@pytest.mark.parametrize("path", PAGES, ids=[p.stem for p in PAGES])
def test_every_figure_on_the_page_has_meaningful_alt_text(path: Path) -> None:
    assert alt_text_problems(path.read_text(encoding="utf-8")) == []


def test_every_content_page_has_figures_to_check() -> None:
    content = [p for p in PAGES if re.match(r"0[1-9]_", p.name)]
    if not content:
        pytest.skip("site not built (run `make site`)")
    assert [p.name for p in content if "Plotly.newPlot(" not in p.read_text(encoding="utf-8")] == []
