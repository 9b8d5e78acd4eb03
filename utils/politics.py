"""Figures, tables and explorers for the 'Power and protest' notebook.

Every number shown carries its label: official (Central Election Commission,
government), independent (NGOs, independent counts), observer (OSCE/ODIHR) or
disputed. Charts tell the labels apart by marker shape and line style as well
as colour.
"""

from __future__ import annotations

import html

import ipywidgets as widgets
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots
from IPython.display import HTML

from utils.common_tables import order_rows, vote_label, vote_table_html
from utils.figures import finish_figure
from utils.labels import FIGURE
from utils.tables import wrap
from utils.theme import TOL_MUTED
from utils.widgets import Explorer

INCUMBENT = "Alexander Lukashenko"


def incumbent_results(elections: pd.DataFrame) -> pd.DataFrame:
    """Lukashenko's vote share and the turnout at each presidential election, with their labels."""
    presidential = elections[elections["vote_kind"] == "presidential_election"]
    share = presidential[(presidential["measure"] == "vote_share") & (presidential["subject"] == INCUMBENT)]
    turnout = presidential[presidential["measure"] == "turnout"]
    return pd.concat([share.assign(series="Lukashenko's share of the vote"),
                      turnout.assign(series="Turnout")]).sort_values("date")


def presidential_figure(elections: pd.DataFrame, source_line: str) -> go.Figure:
    """Lukashenko's share and turnout at every presidential election, by who published the figure."""
    results = incumbent_results(elections)
    fig = go.Figure()
    for (series, figure), part in results.groupby(["series", "figure"], sort=False):
        colour, symbol, dash = FIGURE[figure].colour, FIGURE[figure].symbol, FIGURE[figure].dash
        is_turnout = series == "Turnout"
        fig.add_trace(go.Scatter(
            x=part["date"], y=part["value"], name=f"{series} ({FIGURE[figure].lower})",
            # Only the official series is a series; other figures are separate estimates, not joined.
            mode=("lines+markers+text" if figure == "official" else "markers+text") if not is_turnout else "lines+markers",
            text=[f"{v:.0f}%" for v in part["value"]], textposition="top center",
            line=dict(color=colour if not is_turnout else "#777777", dash=dash if not is_turnout else "dot",
                      width=2.5 if not is_turnout else 1.5),
            marker=dict(symbol=symbol if not is_turnout else "triangle-up", size=11 if not is_turnout else 8,
                        color=colour if not is_turnout else "#777777"),
            hovertext=[f"<b>{vote_label(v)}</b><br>{series}: {val:.1f}% ({FIGURE[figure].lower})<br>{wrap(str(n or ''), 60)}"
                       for v, val, n in zip(part["vote_id"], part["value"], part["note"].fillna(""))],
            hoverinfo="text",
        ))
    official = results[(results["series"] != "Turnout") & (results["figure"] == "official")]
    by_value = official.sort_values("value")
    low, high = by_value.iloc[0], by_value.iloc[-1]
    fig.update_yaxes(range=[0, 105], ticksuffix="%")
    return finish_figure(
        fig,
        title="Lukashenko's official share of the vote, and turnout, 1994–2025",
        source=source_line,
        alt=(f"Line chart of Alexander Lukashenko's official vote share at {len(official)} presidential "
             f"elections, from {low['value']:.0f}% ({vote_label(low['vote_id'])}) to "
             f"{high['value']:.0f}% ({vote_label(high['vote_id'])}), with turnout as a dotted grey line; "
             "figures other than the official ones are drawn with different markers."),
        x_label="Election date",
        y_label="Percent",
        height=620,
        legend_above=True,
    )


MAIN_COUNTER = "Viasna"


def prisoners_figure(prisoners: pd.DataFrame, source_line: str) -> go.Figure:
    """Political prisoners held over time (top) and people freed per official pardon decree (bottom).

    The two measures answer different questions, so they get panels of their own on one time axis.
    Viasna's counts form the line; other monitors' counts are separate points with their own marker.
    """
    ordered = prisoners.sort_values("date")
    held = ordered[ordered["measure"] == "held"]
    pardoned = ordered[ordered["measure"] == "pardoned"]
    fig = make_subplots(rows=2, cols=1, shared_xaxes=True, row_heights=[0.72, 0.28], vertical_spacing=0.06)
    viasna = held[held["counted_by"] == MAIN_COUNTER]
    others = held[held["counted_by"] != MAIN_COUNTER]
    for part, name, mode, symbol, colour in (
        (viasna, "Held: Viasna's count (independent)", "lines+markers", "diamond", TOL_MUTED[0]),
        (others, "Held: other human-rights monitors' counts (independent)", "markers", "square-open", TOL_MUTED[2]),
    ):
        fig.add_trace(go.Scatter(
            x=part["date"], y=part["count"], mode=mode, name=name,
            line=dict(color=colour, width=2.5), marker=dict(symbol=symbol, size=10, color=colour, line=dict(width=2)),
            hovertext=[f"<b>{d:%d %B %Y}</b><br>{c:,} held ({b})<br>{wrap(str(n or ''), 60)}"
                       for d, c, b, n in zip(part["date"], part["count"], part["counted_by"], part["note"].fillna(""))],
            hoverinfo="text",
        ), row=1, col=1)
    fig.add_trace(go.Bar(
        x=pardoned["date"], y=pardoned["count"], name="Freed by one pardon decree (official)",
        marker=dict(color=TOL_MUTED[6], pattern=dict(shape="/")), width=1000 * 3600 * 24 * 25,
        text=[f"{c:,}" for c in pardoned["count"]], textposition="outside", cliponaxis=False,
        hovertext=[f"<b>{d:%d %B %Y}</b><br>{c:,} pardoned ({b})<br>{wrap(str(n or ''), 60)}"
                   for d, c, b, n in zip(pardoned["date"], pardoned["count"], pardoned["counted_by"],
                                         pardoned["note"].fillna(""))],
        hoverinfo="text",
    ), row=2, col=1)
    peak = held.sort_values("count").iloc[-1]
    last = held.iloc[-1]
    fig.update_yaxes(rangemode="tozero", title_text="Held", row=1, col=1)
    fig.update_yaxes(rangemode="tozero", title_text="Pardoned", row=2, col=1)
    fig.update_xaxes(title_text="Date of count", row=2, col=1)
    return finish_figure(
        fig,
        title="Political prisoners in Belarus, as counted over time, and pardons",
        source=source_line,
        alt=(f"Line chart of {len(held)} dated counts of political prisoners held in Belarus from "
             f"{held.iloc[0]['date']:%B %Y} to {last['date']:%B %Y}; the highest is "
             f"{int(peak['count']):,} ({peak['date']:%B %Y}) and the latest {int(last['count']):,}. "
             f"A lower panel shows {len(pardoned)} official pardon decrees as bars, freeing "
             f"{int(pardoned['count'].min()) if len(pardoned) else 0:,} to "
             f"{int(pardoned['count'].max()) if len(pardoned) else 0:,} people each."),
        x_label=None,
        height=640,
        legend_above=True,
    )


def elections_html(elections: pd.DataFrame) -> str:
    """Every vote in date order, each a click-to-open table (the page stays short enough to scan)."""
    parts = []
    for vote_id, rows in elections.sort_values(["date", "id"]).groupby("vote_id", sort=False):
        kinds = ", ".join(f"{n} {FIGURE[f].lower}" for f, n in rows["figure"].value_counts().items())
        parts.append(f"<details class='vote'><summary><strong>{html.escape(vote_label(str(vote_id)))}</strong> "
                     f"({rows['date'].iloc[0]:%d %B %Y}): {len(rows)} figures ({html.escape(kinds)})</summary>"
                     + vote_table_html(order_rows(rows)) + "</details>")
    return "".join(parts)


def election_explorer(elections: pd.DataFrame) -> Explorer:
    """Pick a vote: its official results beside observers' and independent assessments."""
    order = elections.sort_values("date")["vote_id"].drop_duplicates()
    choose = widgets.Dropdown(options=[(vote_label(v), v) for v in order], value=order.iloc[-1],
                              description="Vote", layout=widgets.Layout(width="420px"))

    def render() -> list[object]:
        rows = elections[elections["vote_id"] == choose.value]
        return [HTML(vote_table_html(order_rows(rows)))] if not rows.empty else []  # type: ignore[no-untyped-call]

    return Explorer(
        [choose], render,
        fallback_html=elections_html(elections),
        note=("In JupyterLab you pick one vote from a menu. Here are all of them: open a vote to see its "
              "figures, each labelled official, independent, observer or disputed."),
        empty_message="data/elections.csv has no figures for this vote.",
    )
