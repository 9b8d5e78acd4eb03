"""Lesson furniture: the key-points box, the "data as of" date, reference folds, reading
times, and the worksheet and answer-key pages built from the notebooks themselves.

Why build worksheets from the notebooks: the exercises and key points are written once, in
the notebook; a worksheet that copied them would drift the first time an exercise changed.
"""

from __future__ import annotations

import ast
import html
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import pandas as pd
from IPython.display import HTML, Markdown

from utils.data import DATA_DIR, load_sources, load_table, resource_descriptor, source_columns
from utils.widgets import WithStaticFallback

WithStaticFallbackT = TypeVar("WithStaticFallbackT", bound=WithStaticFallback)
NOTEBOOK_DIR = Path(__file__).resolve().parent.parent / "notebooks"
WORDS_PER_MINUTE = 200
# A chart or map takes about a minute to read; counted on top of the words.
MINUTES_PER_FIGURE = 1.0
TRACKS = ("No code", "Spreadsheet", "Python")
KEY_POINTS_TAG = "key-points"
EXERCISE = re.compile(r"^\*\*Exercise (\d+)\.\*\* \*\((No code|Spreadsheet|Python)\)\*", re.M)
SOLUTION = re.compile(r'<details class="use-solution"[^>]*>(.*?)</details>', re.S)


@dataclass(frozen=True)
class KeyPoint:
    """One bullet of a key-points box and the sources (ids in data/sources.csv) it rests on."""

    text: str
    source_ids: tuple[str, ...]


@dataclass(frozen=True)
class KeyPoints:
    """The key-points box of one notebook: its bullets and the date of its newest data."""

    points: tuple[KeyPoint, ...]
    as_of: pd.Timestamp
    links: dict[str, tuple[str, str]]  # source id -> (publisher, url)

    def _repr_html_(self) -> str:
        items = []
        for point in self.points:
            cited = ", ".join(
                f'<a href="{html.escape(self.links[s][1])}">{html.escape(self.links[s][0])}</a>'
                for s in self._one_per_publisher(point))
            items.append(f"<li>{html.escape(point.text)} <span class='use-key-source'>(Source: {cited})</span></li>")
        return (
            "<aside class='use-key-points' aria-label='Key points'>"
            "<p class='use-key-points-head'><strong>Key points</strong> (a 2-minute read) "
            f"<span class='use-data-as-of'>Data as of {as_of_text(self.as_of)}</span></p>"
            f"<ul>{''.join(items)}</ul></aside>"
        )

    def _one_per_publisher(self, point: KeyPoint) -> list[str]:
        """A publisher cited twice for one bullet is named once (its first source)."""
        first: dict[str, str] = {}
        for source_id in point.source_ids:
            first.setdefault(self.links[source_id][0], source_id)
        return list(first.values())

    def markdown(self) -> str:
        """The same box as Markdown, for the printed worksheet."""
        lines = [f"**Key points** (data as of {as_of_text(self.as_of)})", ""]
        for point in self.points:
            cited = ", ".join(self.links[s][0] for s in self._one_per_publisher(point))
            lines.append(f"- {point.text} *(Source: {cited})*")
        return "\n".join(lines)


def as_of_text(date: pd.Timestamp) -> str:
    return f"{date.day} {date:%B %Y}"


def data_as_of(tables: Iterable[str], data_dir: Path = DATA_DIR) -> pd.Timestamp:
    """The latest date in the date columns of the named tables in data/.

    A table without a date column counts by its year columns (the end of the latest year is
    not claimed: a year counts as its first day)."""
    latest: list[pd.Timestamp] = []
    for name in tables:
        table = load_table(name, data_dir)
        fields = resource_descriptor(name, data_dir)["schema"]["fields"]
        dates = [f["name"] for f in fields if f["type"] == "date"]
        years = [f["name"] for f in fields if f["type"] == "integer" and f["name"].endswith("year")]
        for column in dates:
            latest.append(pd.Timestamp(table[column].max()))
        if not dates:
            for column in years:
                latest.append(pd.Timestamp(year=int(table[column].max()), month=1, day=1))
    found = [d for d in latest if not pd.isna(d)]
    if not found:
        raise ValueError(f"none of the tables {list(tables)} has a date or year column")
    return max(found)


def key_points(tables: Sequence[str], points: Sequence[tuple[str, str]],
               data_dir: Path = DATA_DIR) -> KeyPoints:
    """The key-points box: (text, 'source-id;source-id') bullets and the tables the page uses."""
    if not 3 <= len(points) <= 6:
        raise ValueError(f"a key-points box has 3 to 6 bullets, not {len(points)}")
    sources = load_sources(data_dir).set_index("id")
    parsed = tuple(KeyPoint(text, resolve_sources(ids, data_dir)) for text, ids in points)
    for point in parsed:
        if not point.source_ids:
            raise ValueError(f"key point without a source: {point.text!r}")
        unknown = [s for s in point.source_ids if s not in sources.index]
        if unknown:
            raise KeyError(f"key point {point.text[:40]!r}...: unknown source id(s) {unknown} (data/sources.csv)")
    links = {s: (str(sources.loc[s, "publisher"]), str(sources.loc[s, "url"]))
             for p in parsed for s in p.source_ids}
    return KeyPoints(parsed, data_as_of(tables, data_dir), links)


ROW_SOURCES = 2  # a bullet cites at most this many sources of a data row: the first listed


def resolve_sources(spec: str, data_dir: Path = DATA_DIR) -> tuple[str, ...]:
    """'src-a;events/community-treaty-1996' -> source ids: a plain id is a row of sources.csv; a
    'table/row-id' stands for the first sources that row of data/<table>.csv cites."""
    found: list[str] = []
    for item in (part.strip() for part in spec.split(";")):
        if not item:
            continue
        if "/" not in item:
            found.append(item)
            continue
        name, row_id = item.split("/", 1)
        table = load_table(name, data_dir).set_index("id")
        if row_id not in table.index:
            raise KeyError(f"key point cites {item!r}: data/{name}.csv has no row with id {row_id!r}")
        column = source_columns(name, data_dir)[0]
        cited = [str(s) for s in table.at[row_id, column]]  # type: ignore[union-attr]
        found.extend(cited[:ROW_SOURCES])
    return tuple(dict.fromkeys(found))


def fold_html(content: str, summary: str) -> str:
    """Reference material behind a fold: closed by default, one click away."""
    return (f"<details class='use-reference'><summary>{html.escape(summary)}</summary>"
            f"{content}</details>")


def fold(content: str, summary: str) -> HTML:
    """`fold_html` for display as a cell's result."""
    return HTML(fold_html(content, summary))  # type: ignore[no-untyped-call]


def fold_markdown(content: Markdown, summary: str) -> Markdown:
    """A Markdown result (e.g. the sources list) behind a fold."""
    return Markdown(  # type: ignore[no-untyped-call]
        f'<details class="use-reference">\n<summary>{html.escape(summary)}</summary>\n\n'
        f"{content.data}\n\n</details>")


def folded(shown: WithStaticFallbackT, summary: str) -> WithStaticFallbackT:
    """The same explorer, its static table (the site's version) behind a fold; live view unchanged."""
    shown.fallback_html = fold_html(shown.fallback_html, summary)
    return shown


def count_words(text: str) -> int:
    return len(re.findall(r"[^\W_]+(?:['’-][^\W_]+)*", text))


def reading_minutes(words: int, figures: int) -> float:
    """Minutes to read a page: words at WORDS_PER_MINUTE plus MINUTES_PER_FIGURE per chart."""
    return words / WORDS_PER_MINUTE + figures * MINUTES_PER_FIGURE


# ---- worksheets and answer keys, read from the notebooks ----


@dataclass(frozen=True)
class Exercise:
    notebook: str
    number: int
    track: str
    task: str  # Markdown, without the solution
    solution: str  # Markdown of the solution, code blocks removed


def _cells(stem: str, notebook_dir: Path) -> list[dict[str, Any]]:
    cells: list[dict[str, Any]] = json.loads((notebook_dir / f"{stem}.ipynb").read_text(encoding="utf-8"))["cells"]
    return cells


def _source(cell: dict[str, Any]) -> str:
    return "".join(cell["source"])


def notebook_title(stem: str, notebook_dir: Path = NOTEBOOK_DIR) -> str:
    return _source(_cells(stem, notebook_dir)[0]).splitlines()[0].lstrip("# ").strip()


def exercises(stem: str, notebook_dir: Path = NOTEBOOK_DIR) -> list[Exercise]:
    """Every exercise of a notebook, with its track, task and (code-free) solution."""
    markdown = next((_source(c) for c in _cells(stem, notebook_dir)
                     if c["cell_type"] == "markdown" and _source(c).startswith("## Exercises")), None)
    if markdown is None:
        raise ValueError(f"{stem}: no '## Exercises' cell")
    markdown = markdown.split("**Discussion prompt.**")[0]
    starts = list(EXERCISE.finditer(markdown))
    found = []
    for n, match in enumerate(starts):
        end = starts[n + 1].start() if n + 1 < len(starts) else len(markdown)
        block = markdown[match.start():end]
        solutions = SOLUTION.findall(block)
        task = SOLUTION.sub("", block).strip()
        solution = re.sub(r"```.*?```", "", solutions[0] if solutions else "", flags=re.S)
        solution = solution.replace("<summary>Solution</summary>", "").strip()
        found.append(Exercise(stem, int(match.group(1)), match.group(2), task, solution))
    return found


def notebook_key_points(stem: str, notebook_dir: Path = NOTEBOOK_DIR) -> KeyPoints:
    """Run a notebook's key-points cell (tagged 'key-points') and return its box."""
    cell = next((c for c in _cells(stem, notebook_dir)
                 if KEY_POINTS_TAG in c.get("metadata", {}).get("tags", [])), None)
    if cell is None:
        raise ValueError(f"{stem}: no cell tagged {KEY_POINTS_TAG!r}")
    tree = ast.parse(_source(cell))
    last = tree.body.pop()
    if not isinstance(last, ast.Expr):
        raise ValueError(f"{stem}: the key-points cell must end with the box as its last expression")
    namespace: dict[str, Any] = {}
    exec(compile(tree, f"{stem}:key-points", "exec"), namespace)  # the notebook's own cell
    box = eval(compile(ast.Expression(last.value), f"{stem}:key-points", "eval"), namespace)
    if not isinstance(box, KeyPoints):
        raise TypeError(f"{stem}: the key-points cell does not end with key_points(...)")
    return box


ANSWER_LINES = 6


def worksheet_markdown(stem: str, notebook_dir: Path = NOTEBOOK_DIR) -> str:
    """A printable worksheet: key points, the no-code exercises, and room to answer."""
    tasks = [e for e in exercises(stem, notebook_dir) if e.track == "No code"]
    lines = [
        f"For the page [{notebook_title(stem, notebook_dir)}](../{stem}.ipynb). Name: ______________  "
        "Class: ________  Date: __________", "",
        notebook_key_points(stem, notebook_dir).markdown(), "",
        "**Tasks.** Answer in full sentences. Each task uses the notebook's page on the site: its "
        "charts, tables and text.", "",
    ]
    for exercise in tasks:
        lines += [exercise.task, "",
                  '<div class="use-answer-space" aria-label="Space for your answer"></div>', ""]
    return "\n".join(lines)


def worksheet(stem: str) -> Markdown:
    return Markdown(worksheet_markdown(stem))  # type: ignore[no-untyped-call]


def answer_key_markdown(stems: Sequence[str], notebook_dir: Path = NOTEBOOK_DIR) -> str:
    """Model answers and marking criteria for every worksheet task, in words (no code)."""
    lines = ['<div class="teacher-only">', ""]
    for stem in stems:
        # A bold line, not a heading: a heading would open a section and split the teacher-only block.
        lines += [f"**Worksheet {stem[:2]}: {notebook_title(stem, notebook_dir)}**", ""]
        for exercise in exercises(stem, notebook_dir):
            if exercise.track != "No code":
                continue
            lines += [f"**Exercise {exercise.number}.** {exercise.solution}", ""]
    lines += ["</div>"]
    return "\n".join(lines)


def answer_key(stems: Sequence[str]) -> Markdown:
    return Markdown(answer_key_markdown(stems))  # type: ignore[no-untyped-call]


# ---- reading a built page: words and charts per section, for honest reading times ----

CORE_ENDS_AT = "quick-quiz"  # the core reading is everything before the quiz


@dataclass(frozen=True)
class PageSection:
    """One `##` section of a built page (anchor "" is the title, overview and key points)."""

    anchor: str
    title: str
    words: int
    figures: int

    @property
    def minutes(self) -> float:
        return reading_minutes(self.words, self.figures)


def page_sections(page_html: str) -> list[PageSection]:
    """Words (outside folds, scripts and charts) and charts of each `##` section of a site page."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(page_html, "html.parser")
    body = soup.select_one("div.body") or soup
    for hidden in body.select("details, script, style, noscript, .headerlink"):
        hidden.decompose()
    top = body.find("section")
    if top is None:
        raise ValueError("no <section> in the page: is it a built Sphinx page?")
    subsections = top.find_all("section", recursive=False)
    for section in subsections:
        section.extract()
    title = top.find("h1")
    found = [PageSection("", title.get_text(" ", strip=True) if title else "",
                         count_words(top.get_text(" ")), len(top.select(".plotly-graph-div")))]
    for section in subsections:
        heading = section.find(["h2", "h3"])
        found.append(PageSection(str(section.get("id", "")), heading.get_text(" ", strip=True) if heading else "",
                                 count_words(section.get_text(" ")), len(section.select(".plotly-graph-div"))))
    return found


def core_reading(sections: Sequence[PageSection]) -> list[PageSection]:
    """The sections a student reads before the quiz and the exercises."""
    anchors = [s.anchor for s in sections]
    end = anchors.index(CORE_ENDS_AT) if CORE_ENDS_AT in anchors else len(sections)
    return list(sections[:end])
