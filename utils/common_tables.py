"""Tables that several notebooks show: events, attributed views, one vote's figures, the
source article's claims on a topic.

Topic modules (``timeline``, ``politics``, ``security`` …) never import each other; what more
than one of them, or more than one notebook, needs lives here, below them.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable

import pandas as pd

from utils.citations import source_linker
from utils.labels import ELECTION_MEASURE, FIGURE, THEME, VERDICT
from utils.tables import cell, html_table

# --- Events -------------------------------------------------------------------------------------


def format_event_date(date: pd.Timestamp, precision: str) -> str:
    """A date as precisely as it is known: '1999', 'December 1999' or '8 December 1999'."""
    if precision == "year":
        return f"{date:%Y}"
    if precision == "month":
        return f"{date:%B %Y}"
    return f"{date.day} {date:%B %Y}"


def events_table_html(events: pd.DataFrame, sources: pd.DataFrame) -> str:
    """Events as a table (date, theme, title and summary, linked sources), in the given order."""
    links = source_linker(sources)
    return html_table(
        ["Date", "Theme", "Event", "Sources"],
        ([format_event_date(e["date"], e["date_precision"]), cell(THEME.label(e["theme"])),
          f"<strong>{cell(e['title'])}</strong><br>{cell(e['summary'])}",
          links(e["source_ids"])]
         for _, e in events.iterrows()),
    )


# --- Attributed views ---------------------------------------------------------------------------


def views_html(views: pd.DataFrame, topics: Iterable[str] | None = None) -> str:
    """Attributed views as a table: who, in what role, when, what they said (paraphrased).

    ``topics`` keeps only the views on those topics; rows are in date order.
    """
    chosen = views if topics is None else views[views["topic"].isin(list(topics))]
    chosen = chosen.sort_values("date")
    return html_table(
        ["Who", "When", "View (paraphrased)"],
        ([f"<strong>{cell(r['person'])}</strong><br><small>{cell(r['role'])}</small>", cell(r["date"]),
          cell(r["view"])] for _, r in chosen.iterrows()),
    )


# --- One vote's figures -------------------------------------------------------------------------


def vote_label(vote_id: str) -> str:
    """'presidential-2020' -> 'Presidential election 2020'; 'presidential-1994-round1' ->
    'Presidential election 1994, round 1'; 'referendum-1995' -> 'Referendum 1995'."""
    kind, _, rest = vote_id.partition("-")
    year, _, part = rest.partition("-")
    name = f"{'Presidential election' if kind == 'presidential' else 'Referendum'} {year}"
    if part.startswith("round"):
        return f"{name}, round {part.removeprefix('round')}"
    return f"{name} {part.replace('-', ' ')}".rstrip()


MEASURE_ORDER = {"vote_share": 0, "yes_share": 0, "turnout": 1, "assessment": 2}


def order_rows(rows: pd.DataFrame) -> pd.DataFrame:
    """Results first (largest share first), then turnout, then assessments."""
    return rows.assign(_m=rows["measure"].map(MEASURE_ORDER), _v=-rows["value"].fillna(-1)).sort_values(
        ["_m", "figure", "_v"]).drop(columns=["_m", "_v"])


def _percent(value: float | None) -> str:
    return "" if value is None or pd.isna(value) else f"{value:.1f}%"


def vote_table_html(rows: pd.DataFrame) -> str:
    """One vote's figures as a table: what, value, whose figure, note."""
    return html_table(
        ["Candidate or question", "Measure", "Value", "Figure", "Note"],
        ([cell(r["subject"]), cell(ELECTION_MEASURE[r["measure"]].lower), _percent(r["value"]),
          cell(FIGURE[r["figure"]].lower), cell(r["note"])] for _, r in rows.iterrows()),
    )


# --- The source article's claims ----------------------------------------------------------------


def article_checks_html(claims: pd.DataFrame, topics: Collection[str]) -> str:
    """The source article's claims on the given topics, with our verdict and the corrected fact."""
    chosen = claims[claims["topic"].isin(list(topics))]
    return html_table(
        ["The article says (paraphrased)", "Verdict", "What the sources show"],
        ([cell(r["claim"]), f"<strong>{cell(VERDICT[r['verdict']].label)}</strong>", cell(r["corrected_fact"])]
         for _, r in chosen.iterrows()),
    )
