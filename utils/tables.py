"""Tables for students, shared by every notebook, static view and chart: one HTML style, text
left-aligned, and a plain-text form no wider than ``MAX_LINE`` characters.

JupyterLab right-aligns table cells (``.jp-RenderedHTMLCommon td``); an inline style on each cell
is the one rule that wins there, in the static site and in an exported notebook alike, whatever
their style sheets say.
"""

from __future__ import annotations

import html
import textwrap
from collections.abc import Iterable, Sequence

import pandas as pd

MAX_LINE = 100  # no printed line wider than this: JupyterLab wraps longer ones mid-word
CELL_STYLE = ' style="text-align:left"'


def html_table(headers: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    """A table in the project's style. Cells are HTML already (escape text with ``cell``)."""
    head = "".join(f"<th{CELL_STYLE}>{h}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td{CELL_STYLE}>{c}</td>" for c in row) + "</tr>" for row in rows)
    return f'<table class="use-events"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def cell(value: object) -> str:
    """Escaped text for a table cell; a missing value becomes an empty cell."""
    missing = value is None or value is pd.NA or (isinstance(value, float) and value != value)
    return "" if missing else html.escape(str(value))


def wrap(text: str, width: int) -> str:
    """Break text into lines of at most ``width`` characters for plotly hover labels."""
    return "<br>".join(textwrap.wrap(text, width))


def wrapped(text: str, indent: str = "", width: int = MAX_LINE, *, hanging: str | None = None) -> str:
    """Text for ``print``: lines of at most ``width`` characters, each starting with ``indent``
    (lines after the first with ``hanging`` instead, when it is given)."""
    return textwrap.fill(str(text), width, initial_indent=indent,
                         subsequent_indent=indent if hanging is None else hanging)


class Table:
    """A DataFrame (or Series) shown to a student: the project's HTML table in JupyterLab and the
    site, and as plain text ``pandas``' own layout when it fits in ``MAX_LINE`` characters, else one
    block per row with each value wrapped (what a fact cell's check compares)."""

    def __init__(self, frame: pd.DataFrame | pd.Series, *, index: bool = False):
        self.frame = frame.to_frame() if isinstance(frame, pd.Series) else frame
        self.index = index or isinstance(frame, pd.Series)

    def _columns(self) -> tuple[list[str], list[list[object]]]:
        shown = self.frame.reset_index() if self.index else self.frame
        return [str(c) for c in shown.columns], shown.to_numpy(dtype=object).tolist()

    def _repr_html_(self) -> str:
        headers, rows = self._columns()
        return html_table([cell(h) for h in headers], ([cell(v) for v in row] for row in rows))

    def __repr__(self) -> str:
        text = self.frame.to_string(index=self.index)
        if max(map(len, text.splitlines()), default=0) <= MAX_LINE:
            return text
        headers, rows = self._columns()
        width = max(map(len, headers))
        blocks = ["\n".join(textwrap.fill(f"{h:<{width}}  {cell(v) and v}", MAX_LINE,
                                          subsequent_indent=" " * (width + 2))
                            for h, v in zip(headers, row)) for row in rows]
        return "\n\n".join(blocks)


def show_table(frame: pd.DataFrame | pd.Series, *, index: bool = False) -> Table:
    """A table to end a notebook cell with (``show_table(df)``), instead of ``print(df.to_string())``."""
    return Table(frame, index=index)
