"""Figures and tables for the Union State notebook: agreements, institutions, commitments."""

from __future__ import annotations

import html

import pandas as pd
import plotly.graph_objects as go

from utils.figures import finish_figure
from utils.labels import COMMITMENT_STATUS, INSTITUTION_STATUS
from utils.tables import cell, html_table, wrap
from utils.theme import TOL_MUTED

# The founding chain, 1996-2000, plus the 2024 security treaty, with short labels for the time line.
FOUNDING_CHAIN: dict[str, str] = {
    "community-treaty-1996": "Community of Belarus and Russia",
    "union-treaty-1997": "Union of Belarus and Russia",
    "union-charter-1997": "Charter of the Union",
    "declaration-further-unification-1998": "Declaration on further unification",
    "union-state-treaty-1999": "Union State treaty signed",
    "union-state-treaty-in-force-2000": "Union State treaty in force",
    "decree-28-programmes-2021": "28 union programmes",
    "security-guarantees-treaty-2024": "Security guarantees treaty",
}


def founding_chain(agreements: pd.DataFrame) -> pd.DataFrame:
    """The rows of the founding chain, in date order, with a ``short_name`` for labels."""
    chosen = agreements.set_index("id", drop=False).loc[list(FOUNDING_CHAIN)]
    return chosen.assign(short_name=[FOUNDING_CHAIN[i] for i in chosen["id"]]).sort_values("date")


def agreements_figure(agreements: pd.DataFrame, source_line: str) -> go.Figure:
    """Agreements as a chain of steps, evenly spaced (a chain, not a time scale), labels alternating.

    Even spacing keeps the five agreements of 1996-2000 readable beside the later ones; each label
    carries its date, and a marker between steps states long gaps in years.
    """
    ordered = agreements.sort_values("date").reset_index(drop=True)
    labels = ordered["short_name"] if "short_name" in ordered else ordered["document"]
    steps = list(range(len(ordered)))
    fig = go.Figure()
    fig.add_trace(go.Scatter(
        x=steps, y=[0] * len(ordered), mode="lines+markers",
        line=dict(color="#888888", width=2), marker=dict(size=14, color=TOL_MUTED[1], symbol="diamond"),
        hovertext=[f"<b>{d:%d %B %Y}</b><br>{wrap(t, 50)}" for d, t in zip(ordered["date"], ordered["document"])],
        hoverinfo="text", showlegend=False, name="agreements",
    ))
    for i, (date, label) in enumerate(zip(ordered["date"], labels)):
        up = i % 2 == 0
        fig.add_annotation(
            x=i, y=0, ax=0, ay=-60 if up else 60, yanchor="bottom" if up else "top",
            text=f"<b>{date:%d %b %Y}</b><br>{wrap(str(label), 20)}",
            showarrow=True, arrowcolor="#888888", font=dict(size=12), align="center",
        )
    for i in range(1, len(ordered)):
        years = (ordered["date"][i] - ordered["date"][i - 1]).days / 365.25
        if years >= 3:
            fig.add_annotation(x=i - 0.5, y=0, text=f"<i>{years:.0f} years</i>", showarrow=False,
                               yshift=12, font=dict(size=11, color="#555555"))
    fig.update_yaxes(visible=False, range=[-1.6, 1.6])
    fig.update_xaxes(visible=False, range=[-0.6, len(ordered) - 0.4])
    first, last = ordered.iloc[0], ordered.iloc[-1]
    return finish_figure(
        fig,
        title="From 'Community' to 'Union State': the chain of agreements",
        source=source_line,
        alt=(f"A chain of {len(ordered)} agreements between Belarus and Russia, evenly spaced, from "
             f"{first['date']:%d %B %Y} ({labels.iloc[0]}) to {last['date']:%d %B %Y} ({labels.iloc[-1]})."),
        x_label="Agreements in order (evenly spaced; gaps of three years or more are marked)",
        height=480,
    )


def short_label(row_id: str) -> str:
    """'union-programmes-2021-2023' -> 'Union programmes 2021-2023': a readable label from a row id."""
    words = row_id.split("-")
    out: list[str] = []
    for word in words:
        if out and word.isdigit() and out[-1][-4:].isdigit():
            out[-1] += f"-{word}"
        else:
            out.append(word)
    return " ".join(out).capitalize()


def commitments_figure(commitments: pd.DataFrame, source_line: str) -> go.Figure:
    """Each commitment at the year it was agreed, marked by what became of it.

    Commitments without a verified date cannot be placed; the alt text counts them and they stay in
    the table (``commitments_html``).
    """
    dated = commitments[commitments["agreed_date"].notna()]
    undated = len(commitments) - len(dated)
    ordered = dated.assign(year=dated["agreed_date"].str[:4].astype(int)).sort_values(
        ["area", "year"], ascending=[False, True])
    # Short labels from the ids keep one line per row; the full wording is in the hover and the table.
    labels = [short_label(i) for i in ordered["id"]]
    fig = go.Figure()
    for status, style in COMMITMENT_STATUS.items():
        label, colour, symbol = style.label, style.colour, style.symbol
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
    summary = ", ".join(f"{int(counts.get(s, 0))} {COMMITMENT_STATUS[s].lower}" for s in COMMITMENT_STATUS)
    fig.update_yaxes(categoryorder="array", categoryarray=labels, showgrid=True, tickfont=dict(size=12))
    return finish_figure(
        fig,
        title="Union State commitments: planned versus implemented",
        source=source_line,
        alt=(f"Dot chart of {len(ordered)} Union State commitments, each placed at the year it was "
             f"agreed and marked by its status: {summary}."
             + (f" {undated} commitment(s) without a verified date appear only in the table." if undated else "")),
        x_label="Year agreed",
        height=max(520, 28 * len(ordered) + 260),
        legend_above=True,
    )


def institutions_figure(institutions: pd.DataFrame, source_line: str) -> go.Figure:
    """The Union State's bodies as boxes: the Supreme State Council on top, the rest below.

    A solid outline marks a functioning body, a dashed one a body the treaty planned
    but that was never created; each box also says so in words.
    """
    top = institutions[institutions["name"].str.contains("Supreme State Council")]
    rest = institutions.drop(top.index)
    working_rest = rest[rest["status"] != "planned_not_created"]
    planned = rest[rest["status"] == "planned_not_created"]
    fig = go.Figure()
    # Three tiers: the council; the bodies that work; the bodies that exist only on paper.
    boxes: list[tuple[pd.Series, float, float]] = [(row, 0.5, 0.86) for _, row in top.iterrows()]
    for tier, y in ((working_rest, 0.52), (planned, 0.16)):
        step = 1.0 / max(len(tier), 1)
        boxes += [(row, step * (i + 0.5), y) for i, (_, row) in enumerate(tier.iterrows())]
    width, half_height = 0.22, 0.12
    # Lines first, so the filled boxes drawn after them cover where they cross.
    for _, x, y in boxes[len(top):]:
        fig.add_shape(type="line", x0=0.5, y0=0.86 - half_height, x1=x, y1=y + half_height,
                      line=dict(color="#999999", width=1))
    for row, x, y in boxes:
        label, dash = INSTITUTION_STATUS[row["status"]].lower, INSTITUTION_STATUS[row["status"]].dash
        fig.add_shape(type="rect", x0=x - width / 2, x1=x + width / 2, y0=y - half_height, y1=y + half_height,
                      line=dict(color="#333333", width=2, dash=dash),
                      fillcolor="#EEF3F8" if row["status"] == "functioning" else "white")
        short_name = str(row["name"]).split(" (")[0]
        fig.add_annotation(x=x, y=y, text=f"<b>{wrap(short_name, 24)}</b><br><i>{label}</i>",
                           showarrow=False, font=dict(size=12))
    fig.add_annotation(x=0.0, y=0.52 + half_height + 0.04, xanchor="left", showarrow=False,
                       text="<i>Bodies that work</i>", font=dict(size=12, color="#555555"))
    fig.add_annotation(x=0.0, y=0.16 + half_height + 0.04, xanchor="left", showarrow=False,
                       text="<i>Planned in 1999, never created</i>", font=dict(size=12, color="#555555"))
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
             f"({', '.join(institutions.loc[institutions['status'] == 'planned_not_created', 'name'])}) "
             "were planned but never created; a dotted box marks a body that works as a stand-in."),
        height=600,
    )


def agreements_html(agreements: pd.DataFrame) -> str:
    """Every agreement with its date, signatories and what it did."""
    return html_table(
        ["Date", "Agreement", "Signed by", "What it did"],
        ([f"{r['date']:%d %b %Y}", f"<strong>{cell(r['document'])}</strong>", cell(str(r["signed_by"]).replace(";", ", ")),
          cell(r["what_it_did"])] for _, r in agreements.sort_values("date").iterrows()),
    )


def commitments_html(commitments: pd.DataFrame) -> str:
    """A plain table of commitments (used as a static view and for printing)."""
    return html_table(
        ["Commitment", "Agreed in", "Status", "What happened"],
        ([cell(r["commitment"]), cell(r["agreed_in"]),
          f"{COMMITMENT_STATUS[r['status']].label} <small>(as of {cell(r['status_as_of'])})</small>", cell(r["evidence"])]
         for _, r in commitments.iterrows()),
    )
