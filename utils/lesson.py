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
from typing import Any

import pandas as pd
from IPython.display import HTML, Markdown

from utils.data import DATA_DIR, load_sources, load_table, resource_descriptor

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
                for s in point.source_ids)
            items.append(f"<li>{html.escape(point.text)} <span class='use-key-source'>(Source: {cited})</span></li>")
        return (
            "<aside class='use-key-points' aria-label='Key points'>"
            "<p class='use-key-points-head'><strong>Key points</strong> (a 2-minute read) "
            f"<span class='use-data-as-of'>Data as of {as_of_text(self.as_of)}</span></p>"
            f"<ul>{''.join(items)}</ul></aside>"
        )

    def markdown(self) -> str:
        """The same box as Markdown, for the printed worksheet."""
        lines = [f"**Key points** (data as of {as_of_text(self.as_of)})", ""]
        for point in self.points:
            cited = ", ".join(self.links[s][0] for s in point.source_ids)
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
    parsed = tuple(KeyPoint(text, tuple(s.strip() for s in ids.split(";") if s.strip())) for text, ids in points)
    for point in parsed:
        if not point.source_ids:
            raise ValueError(f"key point without a source: {point.text!r}")
        unknown = [s for s in point.source_ids if s not in sources.index]
        if unknown:
            raise KeyError(f"key point {point.text[:40]!r}...: unknown source id(s) {unknown} (data/sources.csv)")
    links = {s: (str(sources.loc[s, "publisher"]), str(sources.loc[s, "url"]))
             for p in parsed for s in p.source_ids}
    return KeyPoints(parsed, data_as_of(tables, data_dir), links)


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
        f"For the page [{notebook_title(stem, notebook_dir)}]({stem}.ipynb). Name: ______________  "
        "Class: ________  Date: __________", "",
        notebook_key_points(stem, notebook_dir).markdown(), "",
        "**Tasks.** Answer in full sentences. Everything you need is on the page above and in the "
        "online lesson.", "",
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
        lines += [f"### {notebook_title(stem, notebook_dir)}", ""]
        for exercise in exercises(stem, notebook_dir):
            if exercise.track != "No code":
                continue
            lines += [f"**Exercise {exercise.number}.** {exercise.solution}", ""]
    lines += ["</div>"]
    return "\n".join(lines)


def answer_key(stems: Sequence[str]) -> Markdown:
    return Markdown(answer_key_markdown(stems))  # type: ignore[no-untyped-call]
