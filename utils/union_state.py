"""Figures and tables for the Union State notebook: agreements, institutions, commitments."""

from __future__ import annotations

import html

import pandas as pd
import plotly.graph_objects as go

from utils.figures import finish_figure
from utils.tables import cell, html_table, wrap
from utils.theme import TOL_MUTED
from utils.timeline import format_event_date

# Status -> (label, colour, marker symbol). Symbols and labels repeat what colour says.
STATUS_STYLE: dict[str, tuple[str, str, str]] = {
    "implemented": ("Implemented", TOL_MUTED[3], "circle"),
    "partly_implemented": ("Partly implemented", TOL_MUTED[6], "diamond"),
    "in_progress": ("In progress", TOL_MUTED[2], "triangle-up"),
    "not_implemented": ("Not implemented", TOL_MUTED[0], "x"),
}
INSTITUTION_STYLE: dict[str, tuple[str, str]] = {
    # status -> (label, border dash)
    "functioning": ("functioning", "solid"),
    "planned_not_created": ("planned, never created", "dash"),
    "other": ("other (see table)", "dot"),
}


def agreements_figure(agreements: pd.DataFrame, source_line: str) -> go.Figure:
    """The founding agreements on a time line, labels alternating above and below it."""
    ordered = agreements.sort_values("date").reset_index(drop=True)
    above = [i % 2 == 0 for i in range(len(ordered))]
    fig = go.Figure()
    fig.add_trace(go.Scatter(
        x=ordered["date"], y=[0] * len(ordered), mode="lines+markers",
        line=dict(color="#888888", width=2), marker=dict(size=14, color=TOL_MUTED[1], symbol="diamond"),
        hovertext=[f"<b>{format_event_date(d, p)}</b><br>{wrap(t, 50)}"
                   for d, p, t in zip(ordered["date"], ordered["date_precision"], ordered["title"])],
        hoverinfo="text", showlegend=False, name="agreements",
    ))
    for (_, row), up in zip(ordered.iterrows(), above):
        fig.add_annotation(
            x=row["date"], y=0, ax=0, ay=-70 if up else 70, yanchor="bottom" if up else "top",
            text=f"<b>{format_event_date(row['date'], row['date_precision'])}</b><br>{wrap(row['title'], 28)}",
            showarrow=True, arrowcolor="#888888", font=dict(size=12), align="center",
        )
    fig.update_yaxes(visible=False, range=[-1.6, 1.6])
    fig.update_xaxes(showgrid=False)
    first, last = ordered.iloc[0], ordered.iloc[-1]
    return finish_figure(
        fig,
        title="From 'Community' to 'Union State': the founding agreements",
        source=source_line,
        alt=(f"Time line of {len(ordered)} agreements between Belarus and Russia, from "
             f"{format_event_date(first['date'], first['date_precision'])} ({first['title']}) to "
             f"{format_event_date(last['date'], last['date_precision'])} ({last['title']})."),
        x_label="Date signed",
        height=560,
    )


def commitments_figure(commitments: pd.DataFrame, source_line: str) -> go.Figure:
    """Each commitment at the year it was agreed, marked by what became of it."""
    ordered = commitments.assign(year=commitments["agreed_date"].str[:4].astype(int)).sort_values(
        ["area", "year"], ascending=[False, True])
    labels = [wrap(c, 45) for c in ordered["commitment"]]
    fig = go.Figure()
    for status, (label, colour, symbol) in STATUS_STYLE.items():
        chosen = ordered["status"] == status
        if not chosen.any():
            continue
        part = ordered[chosen]
        fig.add_trace(go.Scatter(
            x=part["year"], y=[lab for lab, c in zip(labels, chosen) if c], mode="markers",
            name=f"{label} ({int(chosen.sum())})",
            marker=dict(symbol=symbol, size=15, color=colour, line=dict(color="#222222", width=1)),
            hovertext=[f"<b>{html.escape(c)}</b><br>{label} (as of {a})<br>{wrap(e, 60)}"
                       for c, a, e in zip(part["commitment"], part["status_as_of"], part["evidence"])],
            hoverinfo="text",
        ))
    counts = ordered["status"].value_counts()
    summary = ", ".join(f"{int(counts.get(s, 0))} {STATUS_STYLE[s][0].lower()}" for s in STATUS_STYLE)
    fig.update_yaxes(categoryorder="array", categoryarray=labels, showgrid=True, tickfont=dict(size=12))
    fig.update_layout(legend=dict(orientation="h", yanchor="bottom", y=1.0, x=0))
    return finish_figure(
        fig,
        title="Planned versus implemented: what the Union State agreed, and what happened",
        source=source_line,
        alt=(f"Dot chart of {len(ordered)} Union State commitments, each placed at the year it was "
             f"agreed and marked by its status: {summary}."),
        x_label="Year agreed",
        height=max(520, 36 * len(ordered) + 220),
    )


def institutions_figure(institutions: pd.DataFrame, source_line: str) -> go.Figure:
    """The Union State's bodies as boxes: the Supreme State Council on top, the rest below.

    A solid outline marks a functioning body, a dashed one a body the treaty planned
    but that was never created; each box also says so in words.
    """
    top = institutions[institutions["name"].str.contains("Supreme State Council")]
    rest = institutions.drop(top.index)
    fig = go.Figure()
    boxes: list[tuple[pd.Series, float, float]] = [(row, 0.5, 0.78) for _, row in top.iterrows()]
    step = 1.0 / max(len(rest), 1)
    boxes += [(row, step * (i + 0.5), 0.25) for i, (_, row) in enumerate(rest.iterrows())]
    width = min(0.9 * step, 0.3)
    for row, x, y in boxes:
        label, dash = INSTITUTION_STYLE[row["status"]]
        fig.add_shape(type="rect", x0=x - width / 2, x1=x + width / 2, y0=y - 0.14, y1=y + 0.14,
                      line=dict(color="#333333", width=2, dash=dash),
                      fillcolor="#EEF3F8" if row["status"] == "functioning" else "white")
        fig.add_annotation(x=x, y=y, text=f"<b>{wrap(row['name'], 18)}</b><br><i>{label}</i>",
                           showarrow=False, font=dict(size=12))
        if y < 0.5:
            fig.add_shape(type="line", x0=0.5, y0=0.64, x1=x, y1=y + 0.14, line=dict(color="#999999", width=1))
    # Invisible trace with hover text, one point per box.
    fig.add_trace(go.Scatter(
        x=[x for _, x, _ in boxes], y=[y for _, _, y in boxes], mode="markers",
        marker=dict(size=40, opacity=0), showlegend=False, hoverinfo="text",
        hovertext=[f"<b>{html.escape(r['name'])}</b><br>{wrap(r['role'], 60)}" for r, _, _ in boxes],
    ))
    fig.update_xaxes(visible=False, range=[0, 1])
    fig.update_yaxes(visible=False, range=[0, 1])
    working = int((institutions["status"] == "functioning").sum())
    return finish_figure(
        fig,
        title="Who runs the Union State: the bodies the 1999 treaty set up",
        source=source_line,
        alt=(f"Diagram of {len(institutions)} Union State bodies with the Supreme State Council at the top; "
             f"{working} function, and the dashed boxes "
             f"({', '.join(institutions.loc[institutions['status'] != 'functioning', 'name'])}) "
             "were planned but never created or are otherwise not working."),
        height=520,
    )


def commitments_html(commitments: pd.DataFrame) -> str:
    """A plain table of commitments (used as a static view and for printing)."""
    return html_table(
        ["Commitment", "Agreed in", "Status", "What happened"],
        ([cell(r["commitment"]), cell(r["agreed_in"]),
          f"{STATUS_STYLE[r['status']][0]} <small>(as of {cell(r['status_as_of'])})</small>", cell(r["evidence"])]
         for _, r in commitments.iterrows()),
    )


__all__ = [
    "STATUS_STYLE", "agreements_figure", "commitments_figure", "commitments_html",
    "institutions_figure",
]
