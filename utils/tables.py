"""Plain HTML tables and hover text, shared by every static view and chart."""

from __future__ import annotations

import html
import textwrap
from collections.abc import Iterable, Sequence

import pandas as pd


def html_table(headers: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    """A table in the project's style. Cells are HTML already (escape text with ``cell``)."""
    head = "".join(f"<th>{h}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    return f'<table class="use-events"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def cell(value: object) -> str:
    """Escaped text for a table cell; a missing value becomes an empty cell."""
    missing = value is None or value is pd.NA or (isinstance(value, float) and value != value)
    return "" if missing else html.escape(str(value))


def wrap(text: str, width: int) -> str:
    """Break text into lines of at most ``width`` characters for plotly hover labels."""
    return "<br>".join(textwrap.wrap(text, width))
