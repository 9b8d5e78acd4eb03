"""Sanctions on Belarus: cumulative listings, measures against their triggers, an explorer.

Counts are only what sources state. Where an authority's source gives a running
total, that total is used; otherwise the running sum of stated additions is
shown and labelled as such.
"""

from __future__ import annotations

import html

import ipywidgets as widgets
import pandas as pd
import plotly.graph_objects as go
from IPython.display import HTML

from utils.figures import finish_figure
from utils.tables import cell, html_table, wrap
from utils.theme import MARKER_SYMBOLS, TOL_MUTED
from utils.widgets import WithStaticFallback, replace_output

MEASURE_LABELS = {
    "individual_listings": "Listings of people and entities",
    "sectoral_trade": "Trade and sectoral measures",
    "aviation": "Aviation",
    "financial": "Financial",
    "relief": "Relief (lifted or eased)",
}
TRIGGER_LABELS = {
    "election_2020": "2020 election and crackdown",
    "ryanair_2021": "Ryanair diversion (23 May 2021)",
    "border_crisis_2021": "2021 border crisis",
    "invasion_2022": "Russia's 2022 invasion of Ukraine",
    "repression": "Continuing repression",
    "prisoner_release_2025": "Prisoner releases (2025)",
    "other": "Other",
}
# Dates of the triggers, drawn as reference lines (the events are in data/events.csv).
TRIGGER_DATES = {
    "election_2020": "2020-08-09",
    "ryanair_2021": "2021-05-23",
    "border_crisis_2021": "2021-11-08",
    "invasion_2022": "2022-02-24",
}


def listings_over_time(sanctions: pd.DataFrame, column: str = "persons") -> pd.DataFrame:
    """Per authority and date: the number of listed persons (or entities) so far.

    Uses the stated total when the source gives one; otherwise adds the stated
    additions to the last known total. ``stated`` says which.
    """
    rows = []
    for authority, part in sanctions.sort_values("date").groupby("authority"):
        running = 0.0
        for _, r in part.iterrows():
            total, added = r[f"{column}_total"], r[f"{column}_added"]
            if pd.notna(total):
                running, stated = float(total), True
            elif pd.notna(added):
                running, stated = running + float(added), False
            else:
                continue
            rows.append({"authority": authority, "date": r["date"], "count": running, "stated": stated,
                         "measure_id": r["id"]})
    return pd.DataFrame(rows, columns=["authority", "date", "count", "stated", "measure_id"])


def cumulative_listings_figure(sanctions: pd.DataFrame, source_line: str) -> go.Figure:
    """Listed persons per authority over time, as steps."""
    counts = listings_over_time(sanctions, "persons")
    fig = go.Figure()
    for i, (authority, part) in enumerate(counts.groupby("authority", sort=True)):
        colour, symbol = TOL_MUTED[i % 9], MARKER_SYMBOLS[i % len(MARKER_SYMBOLS)]
        fig.add_trace(go.Scatter(
            x=part["date"], y=part["count"], mode="lines+markers", line_shape="hv", name=str(authority),
            line=dict(color=colour, width=2.5), marker=dict(symbol=symbol, size=9, color=colour),
            hovertext=[f"<b>{authority}</b>, {d:%d %b %Y}<br>{c:,.0f} persons listed "
                       f"({'stated total' if s else 'sum of stated additions'})"
                       for d, c, s in zip(part["date"], part["count"], part["stated"])],
            hoverinfo="text",
        ))
        last = part.iloc[-1]
        fig.add_annotation(x=last["date"], y=last["count"], text=f" {authority}", showarrow=False,
                           xanchor="left", font=dict(size=12, color=colour))
    for trigger, date in TRIGGER_DATES.items():
        fig.add_vline(x=pd.Timestamp(date).timestamp() * 1000, line=dict(color="#BBBBBB", dash="dot"))
    latest = counts.sort_values("date").groupby("authority").tail(1).sort_values("count", ascending=False)
    lead = latest.iloc[0]
    fig.update_yaxes(rangemode="tozero")
    return finish_figure(
        fig,
        title="People on Belarus sanctions lists, by authority",
        source=source_line,
        alt=(f"Step chart of how many people each of {counts['authority'].nunique()} authorities has listed "
             f"under its Belarus sanctions since 2020; the largest latest count is {lead['authority']}'s, "
             f"{lead['count']:,.0f} on {lead['date']:%d %B %Y}. Dotted lines mark the 2020 election, the "
             "Ryanair diversion, the 2021 border crisis and the 2022 invasion."),
        x_label="Date",
        y_label="People listed (cumulative)",
        height=600,
    )


def measures_timeline_figure(sanctions: pd.DataFrame, source_line: str) -> go.Figure:
    """Every measure by authority and date; marker shape = type, colour = trigger."""
    fig = go.Figure()
    triggers = [t for t in TRIGGER_LABELS if t in set(sanctions["trigger"])]
    measures = [m for m in MEASURE_LABELS if m in set(sanctions["measure_type"])]
    symbols = dict(zip(measures, MARKER_SYMBOLS))
    for i, trigger in enumerate(triggers):
        part = sanctions[sanctions["trigger"] == trigger]
        fig.add_trace(go.Scatter(
            x=part["date"], y=part["authority"], mode="markers", name=TRIGGER_LABELS[trigger],
            marker=dict(symbol=[symbols[m] + ("-open" if m == "relief" else "") for m in part["measure_type"]],
                        size=14, color=TOL_MUTED[i % 9], line=dict(color="#222222", width=1)),
            hovertext=[f"<b>{html.escape(t)}</b><br>{a}, {d:%d %b %Y}<br>{MEASURE_LABELS[m]}<br>"
                       f"Answered: {TRIGGER_LABELS[trigger]}"
                       for t, a, d, m in zip(part["title"], part["authority"], part["date"], part["measure_type"])],
            hoverinfo="text",
        ))
    # A legend of shapes, drawn as empty traces.
    for m in measures:
        fig.add_trace(go.Scatter(x=[None], y=[None], mode="markers", name=f"shape: {MEASURE_LABELS[m]}",
                                 marker=dict(symbol=symbols[m] + ("-open" if m == "relief" else ""), size=12,
                                             color="#666666")))
    relief = int((sanctions["measure_type"] == "relief").sum())
    fig.update_layout(legend=dict(orientation="v", yanchor="top", y=1, x=1.02, font=dict(size=12)))
    return finish_figure(
        fig,
        title="Sanctions measures on Belarus and what they answered",
        source=source_line,
        alt=(f"Chart of {len(sanctions)} sanctions measures by {sanctions['authority'].nunique()} authorities "
             f"from {sanctions['date'].min():%B %Y} to {sanctions['date'].max():%B %Y}, coloured by the event "
             f"each answered and shaped by type; {relief} are relief measures (open shapes)."),
        x_label="Date",
        y_label="Authority",
        height=560,
    )


def measures_html(sanctions: pd.DataFrame) -> str:
    return html_table(
        ["Date", "Authority", "Type", "Answered", "Measure"],
        ([f"{r['date']:%d %b %Y}", cell(r["authority"]), MEASURE_LABELS[r["measure_type"]],
          TRIGGER_LABELS[r["trigger"]], f"<strong>{cell(r['title'])}</strong><br>{cell(r['summary'])}"]
         for _, r in sanctions.sort_values("date").iterrows()),
    )


def filter_measures(sanctions: pd.DataFrame, authorities: tuple[str, ...], types: tuple[str, ...],
                    years: tuple[int, int]) -> pd.DataFrame:
    mask = (sanctions["authority"].isin(authorities) & sanctions["measure_type"].isin(types)
            & sanctions["date"].dt.year.between(*years))
    chosen: pd.DataFrame = sanctions[mask]
    return chosen


def sanctions_explorer(sanctions: pd.DataFrame) -> WithStaticFallback:
    """Pick authorities, types of measure and years."""
    authorities = tuple(sorted(sanctions["authority"].unique()))
    types = tuple(m for m in MEASURE_LABELS if m in set(sanctions["measure_type"]))
    first, last = int(sanctions["date"].dt.year.min()), int(sanctions["date"].dt.year.max())
    pick_auth = widgets.SelectMultiple(options=authorities, value=authorities, description="Authority",
                                       rows=len(authorities))
    pick_type = widgets.SelectMultiple(options=[(MEASURE_LABELS[t], t) for t in types], value=types,
                                       description="Type", rows=len(types))
    pick_years = widgets.IntRangeSlider(value=(first, last), min=first, max=last, description="Years")
    out = widgets.Output()

    def refresh(*_: object) -> None:
        chosen = filter_measures(sanctions, pick_auth.value, pick_type.value, pick_years.value)
        replace_output(out, f"{len(chosen)} of {len(sanctions)} measures",
                       HTML(measures_html(chosen)))  # type: ignore[no-untyped-call]

    for control in (pick_auth, pick_type, pick_years):
        control.observe(refresh, names="value")
    refresh()
    return WithStaticFallback(
        widgets.VBox([widgets.HBox([pick_auth, pick_type]), pick_years, out]),
        fallback_html=measures_html(sanctions),
        note=("In JupyterLab you can filter by authority, type and years. Here is every measure; "
              '<a href="data/sanctions.csv">sanctions.csv</a> downloads them.'),
    )


def trade_figure(trade: pd.DataFrame, measures: dict[str, str], source_line: str) -> go.Figure:
    """Shares of Belarus's trade with Russia over the years, one line per measure."""
    fig = go.Figure()
    for i, (measure, label) in enumerate(measures.items()):
        part = trade[trade["measure"] == measure].sort_values("year")
        if part.empty:
            continue
        fig.add_trace(go.Scatter(
            x=part["year"], y=part["value"], mode="lines+markers", name=label,
            line=dict(color=TOL_MUTED[i], width=2.5, dash=["solid", "dash", "dot"][i % 3]),
            marker=dict(symbol=MARKER_SYMBOLS[i], size=10, color=TOL_MUTED[i]),
            hovertext=[f"<b>{y}</b>: {v:.0f}% ({f})<br>{wrap(str(n or ''), 60)}"
                       for y, v, f, n in zip(part["year"], part["value"], part["figure"], part["note"].fillna(""))],
            hoverinfo="text",
        ))
    shown = trade[trade["measure"].isin(measures)]
    fig.update_yaxes(range=[0, 100], ticksuffix="%")
    fig.update_layout(legend=dict(orientation="h", yanchor="top", y=-0.15, x=0))
    return finish_figure(
        fig,
        title="How much of Belarus's trade is with Russia",
        source=source_line,
        alt=(f"Line chart of {len(shown)} sourced yearly shares of Belarus's trade with Russia, "
             f"{int(shown['year'].min())} to {int(shown['year'].max())}, between "
             f"{shown['value'].min():.0f}% and {shown['value'].max():.0f}%."),
        x_label="Year",
        y_label="Share (%)",
        height=540,
    )
