"""The interactive timeline of data/events.csv: figure, static table, explorer."""

from __future__ import annotations

import html
import textwrap

import ipywidgets as widgets
import pandas as pd
import plotly.graph_objects as go
from IPython.display import HTML

from utils.citations import source_linker
from utils.figures import finish_figure
from utils.theme import MARKER_SYMBOLS, TOL_MUTED
from utils.tables import cell, html_table
from utils.widgets import WithStaticFallback, replace_output

THEME_LABELS: dict[str, str] = {
    "statehood": "Statehood",
    "union_state": "Union State",
    "politics": "Politics & elections",
    "protests": "Protest & repression",
    "military": "Military",
    "nuclear": "Nuclear weapons",
    "sanctions": "Sanctions",
    "economy": "Economy & energy",
    "identity": "Identity & language",
    "foreign_policy": "Foreign policy",
}

PERIODS: dict[str, tuple[str, str]] = {
    "1991–1999: independence and union": ("1990-07-01", "2000-06-30"),
    "2000–2013: Lukashenko's system": ("1999-07-01", "2014-01-31"),
    "2014–2019: Crimea and balancing": ("2013-10-01", "2020-03-31"),
    "2020 onwards: protest and war": ("2019-10-01", "2024-06-30"),
}


def format_event_date(date: pd.Timestamp, precision: str) -> str:
    if precision == "year":
        return f"{date:%Y}"
    if precision == "month":
        return f"{date:%B %Y}"
    return f"{date.day} {date:%B %Y}"


def _hover_text(row: pd.Series, publishers: dict[str, str]) -> str:
    summary = "<br>".join(textwrap.wrap(html.escape(str(row["summary"])), 70))
    cited = ", ".join(dict.fromkeys(publishers[s] for s in row["source_ids"]))
    return (
        f"<b>{html.escape(str(row['title']))}</b><br>"
        f"{format_event_date(row['date'], row['date_precision'])}<br><br>"
        f"{summary}<br><br><i>Sources: {html.escape(cited)}</i>"
    )


def themes_present(events: pd.DataFrame) -> list[str]:
    return [t for t in THEME_LABELS if t in set(events["theme"])]


def _busiest_sentence(events: pd.DataFrame) -> str:
    """Name the three years with the most events (for the alt text)."""
    counts = events["date"].dt.year.value_counts().sort_index().sort_values(ascending=False, kind="stable")
    top = [f"{year} ({n} events)" for year, n in counts.head(3).items()]
    theme = THEME_LABELS[str(events["theme"].value_counts().idxmax())]
    return f"The busiest years are {', '.join(top)}; the largest theme is {theme}."


def timeline_figure(events: pd.DataFrame, sources: pd.DataFrame) -> go.Figure:
    """One row per theme, one marker per event; buttons filter themes and periods.

    The buttons are plotly's own, so filtering works in the static site too.
    """
    publishers = dict(zip(sources["id"], sources["publisher"]))
    themes = themes_present(events)
    fig = go.Figure()
    for n, theme in enumerate(themes):
        rows = events[events["theme"] == theme]
        fig.add_trace(
            go.Scatter(
                x=rows["date"],
                y=[THEME_LABELS[theme]] * len(rows),
                mode="markers",
                name=THEME_LABELS[theme],
                marker=dict(
                    size=13,
                    symbol=MARKER_SYMBOLS[n % len(MARKER_SYMBOLS)],
                    color=TOL_MUTED[n % (len(TOL_MUTED) - 1)],
                    line=dict(width=1, color="#222222"),
                ),
                customdata=rows["id"],
                hovertext=[_hover_text(r, publishers) for _, r in rows.iterrows()],
                hoverinfo="text",
            )
        )
    theme_buttons = [dict(label="All themes", method="restyle", args=[{"visible": True}])]
    for n, theme in enumerate(themes):
        visible = [i == n for i in range(len(themes))]
        theme_buttons.append(dict(label=THEME_LABELS[theme], method="restyle", args=[{"visible": visible}]))
    start, end = events["date"].min(), events["date"].max()
    full_range = [(start - pd.Timedelta(days=200)).strftime("%Y-%m-%d"),
                  (end + pd.Timedelta(days=200)).strftime("%Y-%m-%d")]
    period_buttons = [dict(label="Whole period", method="relayout", args=[{"xaxis.range": full_range}])]
    period_buttons += [
        dict(label=label, method="relayout", args=[{"xaxis.range": list(span)}])
        for label, span in PERIODS.items()
    ]
    fig.update_layout(
        showlegend=False,
        hovermode="closest",
        xaxis=dict(range=full_range, type="date"),
        yaxis=dict(categoryorder="array", categoryarray=[THEME_LABELS[t] for t in reversed(themes)]),
        updatemenus=[
            dict(type="dropdown", buttons=theme_buttons, x=0, y=1.03, xanchor="left", yanchor="bottom",
                 showactive=True, active=0, name="theme-filter"),
            dict(type="dropdown", buttons=period_buttons, x=0.35, y=1.03, xanchor="left", yanchor="bottom",
                 showactive=True, active=0, name="period-filter"),
        ],
    )
    n_sources = len({s for ids in events["source_ids"] for s in ids})
    return finish_figure(
        fig,
        title=f"Belarus and Russia since 1991: {len(events)} key events",
        source=(f"Union State Explained, data/events.csv ({len(events)} events citing {n_sources} "
                "sources; hover over a marker for its sources)"),
        alt=(f"Timeline chart of {len(events)} events from {start:%Y} to {end:%Y}, one row per theme "
             f"({', '.join(THEME_LABELS[t] for t in themes)}). Each marker is an event. "
             f"{_busiest_sentence(events)}"),
        x_label="Date",
        y_label="Theme",
        height=600,
    )


def events_table_html(events: pd.DataFrame, sources: pd.DataFrame) -> str:
    """A plain HTML table of events (used as the static fallback and for printing)."""
    links = source_linker(sources)
    return html_table(
        ["Date", "Theme", "Event", "Sources"],
        ([format_event_date(e["date"], e["date_precision"]), cell(THEME_LABELS[e["theme"]]),
          f"<strong>{cell(e['title'])}</strong><br>{cell(e['summary'])}",
          links(e["source_ids"])]
         for _, e in events.iterrows()),
    )


def filter_events(
    events: pd.DataFrame,
    themes: list[str] | tuple[str, ...],
    years: tuple[int, int],
    only_in_article: bool = False,
) -> pd.DataFrame:
    mask = events["theme"].isin(themes) & events["date"].dt.year.between(*years)
    if only_in_article:
        mask &= events["in_source_article"].astype(bool)
    chosen: pd.DataFrame = events[mask]
    return chosen


def timeline_explorer(events: pd.DataFrame, sources: pd.DataFrame) -> WithStaticFallback:
    """Pick themes, years and whether the source article mentions an event."""
    themes = themes_present(events)
    first, last = int(events["date"].dt.year.min()), int(events["date"].dt.year.max())
    pick_themes = widgets.SelectMultiple(
        options=[(THEME_LABELS[t], t) for t in themes], value=tuple(themes),
        description="Themes", rows=len(themes),
    )
    pick_years = widgets.IntRangeSlider(value=(first, last), min=first, max=last, description="Years")
    only_article = widgets.Checkbox(value=False, description="Only events the source article mentions")
    out = widgets.Output()

    def refresh(*_: object) -> None:
        chosen = filter_events(events, pick_themes.value, pick_years.value, only_article.value)
        replace_output(out, f"{len(chosen)} of {len(events)} events",
                       HTML(events_table_html(chosen, sources)))  # type: ignore[no-untyped-call]

    for control in (pick_themes, pick_years, only_article):
        control.observe(refresh, names="value")
    refresh()
    box = widgets.VBox([widgets.HBox([pick_themes, widgets.VBox([pick_years, only_article])]), out])
    return WithStaticFallback(
        box,
        fallback_html=events_table_html(events, sources),
        note=("In JupyterLab this is an explorer with theme, year and source-article filters. "
              "Here is the full table; the chart's menus above filter by theme and period, and "
              "events.csv (under <a href='index.html#data-downloads'>Data downloads</a> on the contents page) "
              "has every row."),
    )
