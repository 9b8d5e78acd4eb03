"""Figures and tables for the 'Identity and language' notebook and the glossary page.

* Flags are drawn with plotly shapes from the drawing specifications stored in
  ``data/symbols_and_language.csv`` (topic ``flag_design``); no image is fetched.
  The proportions are read from the stored text, so the drawing changes if the
  data does. The colour shades are the drawing's own choice: the data name the
  colours, not their exact shades. Every stripe is also labelled in words.
* Census and schooling charts label each figure official or independent, as the
  tables do, and tell the labels apart by marker shape and line style as well as
  colour.

The glossary lives in ``utils.glossary``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from fractions import Fraction

import pandas as pd
import plotly.graph_objects as go

from utils.figures import finish_figure, phone_variant
from utils.labels import CENSUS_MEASURE, FIGURE, LANGUAGE, SCHOOLING_MEASURE
from utils.tables import cell, html_table, wrap

# Shades for drawing the named colours (the data give names, not shades).
FLAG_SHADES: dict[str, str] = {"white": "#FFFFFF", "red": "#C8313E", "green": "#4AA657"}
# Text drawn on a stripe of each colour, dark on light and light on dark.
LABEL_INK: dict[str, str] = {"white": "#333333", "red": "#FFFFFF", "green": "#FFFFFF"}
FLAG_OUTLINE = "#555555"
# A legend placed inside the plot, over an area the data leave empty.
LEGEND_BOX: dict[str, object] = dict(bgcolor="rgba(255,255,255,0.9)", bordercolor="#CCCCCC", borderwidth=1)

# The flags the notebook compares: spec row -> caption (the years come from data rows cited below).
FLAG_ROWS: dict[str, str] = {
    "sy-1991-wrw-design": "White-red-white flag, state flag 1991–1995",
    "sy-2004-07-05-flag-law": "Red-green state flag, since 1995",
}

_RATIO = re.compile(r"flag height to length (\d+):(\d+)")
_STRIPES = re.compile(r"horizontal stripes from the top, ([a-z]+(?::[a-z]+)+) heights (\d+(?::\d+)+)")
_HOIST = re.compile(r"vertical ([a-z]+) band (\d+)/(\d+) of the flag's length carries an? ([a-z]+)")


class FlagSpecError(ValueError):
    """A flag_design row does not state the proportions the drawing needs."""


@dataclass(frozen=True)
class Stripe:
    """One horizontal stripe: its colour name and its share of the flag's height."""

    colour: str
    height: Fraction


@dataclass(frozen=True)
class FlagSpec:
    """The proportions of a flag, as stated in one row of data/symbols_and_language.csv."""

    row_id: str
    height_to_length: Fraction
    stripes: tuple[Stripe, ...]  # from the top
    hoist_colour: str | None = None  # a vertical band at the hoist, if any
    hoist_width: Fraction | None = None  # share of the flag's length
    ornament_colour: str | None = None


def parse_flag_spec(row_id: str, fact: str) -> FlagSpec:
    """Read a flag's proportions from a ``flag_design`` fact.

    The fact must say ``flag height to length H:L`` and ``horizontal stripes from the top,
    a:b:c heights x:y:z``; it may say ``a vertical <colour> band p/q of the flag's length
    carries a <colour> ... ornament``.
    """
    ratio = _RATIO.search(fact)
    stripes = _STRIPES.search(fact)
    if ratio is None or stripes is None:
        raise FlagSpecError(f"data/symbols_and_language.csv, row '{row_id}': the fact does not state "
                            "'flag height to length H:L' and "
                            "'horizontal stripes from the top, a:b heights x:y'")
    colours = stripes.group(1).split(":")
    parts = [int(p) for p in stripes.group(2).split(":")]
    if len(colours) != len(parts):
        raise FlagSpecError(f"row '{row_id}': {len(colours)} stripe colours but {len(parts)} heights")
    unknown = [c for c in colours if c not in FLAG_SHADES]
    if unknown:
        raise FlagSpecError(f"row '{row_id}': no shade for colour(s) {unknown}")
    total = sum(parts)
    spec = FlagSpec(
        row_id=row_id,
        height_to_length=Fraction(int(ratio.group(1)), int(ratio.group(2))),
        stripes=tuple(Stripe(c, Fraction(p, total)) for c, p in zip(colours, parts)),
    )
    hoist = _HOIST.search(fact)
    if hoist is None:
        return spec
    return FlagSpec(spec.row_id, spec.height_to_length, spec.stripes, hoist_colour=hoist.group(1),
                    hoist_width=Fraction(int(hoist.group(2)), int(hoist.group(3))),
                    ornament_colour=hoist.group(4))


def flag_specs(symbols: pd.DataFrame) -> dict[str, FlagSpec]:
    """The specs of the flags in FLAG_ROWS, read from the symbols table."""
    facts = symbols.set_index("id")["fact"]
    return {row_id: parse_flag_spec(row_id, str(facts[row_id])) for row_id in FLAG_ROWS}


def _fraction_text(share: Fraction) -> str:
    return "all" if share == 1 else f"{share.numerator}/{share.denominator}"


def describe_flag(spec: FlagSpec) -> str:
    """The spec in words: 'height:length 1:2; stripes from the top: white 1/3, red 1/3, white 1/3'."""
    stripes = ", ".join(f"{s.colour} {_fraction_text(s.height)}" for s in spec.stripes)
    text = (f"height to length {spec.height_to_length.numerator}:{spec.height_to_length.denominator}; "
            f"stripes from the top: {stripes} of the height")
    if spec.hoist_width is not None:
        text += (f"; a {spec.hoist_colour} band at the hoist, {_fraction_text(spec.hoist_width)} "
                 f"of the length, with a {spec.ornament_colour} ornament")
    return text


def _ornament_paths(
    x0: float, width: float, height: float, colour: str, motifs: int = 7
) -> list[dict[str, object]]:
    """A simplified ornament: a column of diamonds, each with a smaller diamond cut out."""
    shapes: list[dict[str, object]] = []
    step = height / motifs
    cx = x0 + width / 2
    for i in range(motifs):
        cy = height - step * (i + 0.5)
        for scale, fill in ((0.45, colour), (0.2, FLAG_SHADES["white"])):
            dx, dy = width * scale, step * scale
            shapes.append(dict(
                type="path", path=f"M {cx - dx:.4f},{cy:.4f} L {cx:.4f},{cy + dy:.4f} "
                                  f"L {cx + dx:.4f},{cy:.4f} L {cx:.4f},{cy - dy:.4f} Z",
                fillcolor=fill, line=dict(width=0), name="ornament",
            ))
    return shapes


def flag_shapes(spec: FlagSpec, x0: float = 0.0) -> list[dict[str, object]]:
    """Plotly shapes drawing one flag of height 1 with its hoist at ``x0``.

    Stripes first (top to bottom, named ``stripe``), then the hoist band and its
    simplified ornament, then an outline so a white stripe shows on a white page.
    """
    length = float(1 / spec.height_to_length)
    shapes: list[dict[str, object]] = []
    top = 1.0
    for stripe in spec.stripes:
        bottom = top - float(stripe.height)
        shapes.append(dict(type="rect", x0=x0, x1=x0 + length, y0=bottom, y1=top,
                           fillcolor=FLAG_SHADES[stripe.colour], line=dict(width=0), name="stripe"))
        top = bottom
    if spec.hoist_width is not None and spec.hoist_colour is not None:
        band = length * float(spec.hoist_width)
        shapes.append(dict(type="rect", x0=x0, x1=x0 + band, y0=0, y1=1,
                           fillcolor=FLAG_SHADES[spec.hoist_colour], line=dict(width=0), name="hoist band"))
        shapes += _ornament_paths(x0, band, 1.0, FLAG_SHADES[spec.ornament_colour or "red"])
    shapes.append(dict(type="rect", x0=x0, x1=x0 + length, y0=0, y1=1,
                       line=dict(color=FLAG_OUTLINE, width=1.5), fillcolor="rgba(0,0,0,0)", name="outline"))
    return shapes


def flags_figure(symbols: pd.DataFrame, source_line: str) -> go.Figure:
    """The white-red-white flag and the current state flag side by side, drawn to their stated proportions.

    Each stripe carries a label with its colour and share of the height, so colour
    is not the only way to tell the flags apart. The ornament is simplified.
    """
    specs = flag_specs(symbols)
    fig = go.Figure()
    gap = 0.35
    x0 = 0.0
    for row_id, spec in specs.items():
        length = float(1 / spec.height_to_length)
        for shape in flag_shapes(spec, x0):
            fig.add_shape(**shape)
        top = 1.0
        label_x = x0 + length - 0.06
        for stripe in spec.stripes:
            middle = top - float(stripe.height) / 2
            fig.add_annotation(x=label_x, y=middle, xanchor="right", showarrow=False,
                               text=f"{stripe.colour} · {_fraction_text(stripe.height)} of height",
                               font=dict(size=13, color=LABEL_INK[stripe.colour]))
            top -= float(stripe.height)
        fig.add_annotation(x=x0, y=1.04, xanchor="left", yanchor="bottom", showarrow=False,
                           text=f"<b>{FLAG_ROWS[row_id]}</b>", font=dict(size=15))
        ratio = f"height : length = {spec.height_to_length.numerator} : {spec.height_to_length.denominator}"
        below = ratio
        if spec.hoist_width is not None:
            below += (f"<br>{spec.hoist_colour} band at the hoist: {_fraction_text(spec.hoist_width)} of the "
                      f"length,<br>with a {spec.ornament_colour} ornament (simplified here)")
        fig.add_annotation(x=x0, y=-0.04, xanchor="left", yanchor="top", showarrow=False, align="left",
                           text=below, font=dict(size=12, color="#444444"))
        x0 += length + gap
    width = x0 - gap
    fig.update_xaxes(visible=False, range=[-0.05, width + 0.05])
    fig.update_yaxes(visible=False, range=[-0.45, 1.2], scaleanchor="x", scaleratio=1)
    fig.update_layout(showlegend=False, dragmode=False)
    old, new = specs.values()
    return finish_figure(
        fig,
        title="Two flags of Belarus, drawn to the proportions in the law",
        source=source_line,
        alt=(f"Drawing of two flags side by side. Left, the white-red-white flag: {describe_flag(old)}. "
             f"Right, the current state flag: {describe_flag(new)}. The ornament is simplified."),
        height=500,
    )


# --- Census ---------------------------------------------------------------------------------

# (measure, language) -> where its value labels go, clear of the other lines.
CENSUS_LABEL_POSITION: dict[tuple[str, str], str] = {
    ("native_language", "Belarusian"): "top center",
    ("home_language", "Belarusian"): "bottom center",
    ("native_language", "Russian"): "bottom center",
    ("home_language", "Russian"): "top center",
}


def census_series_style(measure: str, language: str) -> tuple[str, str, str, str]:
    """(legend label, colour, marker symbol, line dash) of one census line: colour and marker
    shape give the language, line dash and an open marker the measure."""
    lang, kind = LANGUAGE[language], CENSUS_MEASURE[measure]
    symbol = lang.symbol + ("-open" if kind.dash != "solid" else "")
    return f"{lang.label} {kind.lower}", lang.colour, symbol, kind.dash


LOWER_BOUND_NOTE = "Lower bound"  # a note starting so marks a value known only as 'more than'


def is_lower_bound(note: object) -> bool:
    """True when a census row's note says its value is only a lower bound."""
    return isinstance(note, str) and note.startswith(LOWER_BOUND_NOTE)


def share_label(value: float, note: object) -> str:
    """'23.4%', or '> 71%' for a lower bound."""
    return f"> {value:g}%" if is_lower_bound(note) else f"{value:.1f}%"


def census_figure(census: pd.DataFrame, source_line: str) -> go.Figure:
    """Native language and language spoken at home, Belarusian and Russian, at each census.

    One line per (measure, language); a missing figure is a gap, not a zero. Solid
    lines are native language, dotted lines home language; Belarusian has round
    markers, Russian square ones.
    """
    fig = go.Figure()
    years = sorted(int(y) for y in census["census_year"].unique())
    for (measure, language), position in CENSUS_LABEL_POSITION.items():
        label, colour, symbol, dash = census_series_style(measure, language)
        chosen = (census["measure"] == measure) & (census["language"] == language)
        part = census[chosen].sort_values("census_year")
        if part.empty:
            continue
        notes = part["note"].astype(object).where(part["note"].notna(), None)
        fig.add_trace(go.Scatter(
            x=[int(y) for y in part["census_year"]], y=[float(v) for v in part["share_pct"]], name=label,
            mode="lines+markers+text", text=[share_label(v, n) for v, n in zip(part["share_pct"], notes)],
            textposition=position,
            textfont=dict(size=13, color=colour),
            line=dict(color=colour, dash=dash, width=2.5), marker=dict(symbol=symbol, size=11, color=colour,
                                                                       line=dict(width=2, color=colour)),
            hovertext=[f"<b>{y} census</b><br>{label}: {share_label(v, n)} ({FIGURE[f].lower})<br>{wrap(n or '', 60)}"
                       for y, v, f, n in zip(part["census_year"], part["share_pct"], part["figure"], notes)],
            hoverinfo="text",
        ))
    fig.add_vline(x=2014, line=dict(color="#999999", width=1, dash="dash"))
    fig.add_annotation(x=2014, y=100, yanchor="top", xanchor="center", showarrow=False, align="center",
                       text="2019: 'native' means the<br>language learned first;<br>one home language only",
                       font=dict(size=12, color="#555555"), bgcolor="white")
    fig.update_xaxes(tickvals=years, range=[years[0] - 3.5, years[-1] + 3.5])
    fig.update_yaxes(range=[0, 102], ticksuffix="%")
    # The lower right of the plot is empty in every census: the legend goes there.
    fig.update_layout(legend=dict(x=0.99, xanchor="right", y=0.02, yanchor="bottom", **LEGEND_BOX))
    by_id = census.set_index(["census_year", "measure", "language"])["share_pct"]

    def share(year: int, measure: str) -> str:
        key = (year, measure, "Belarusian")
        return f"{by_id[key]:.1f}%" if key in by_id.index else "no figure"

    return finish_figure(
        fig,
        title=f"Native and home language, censuses {years[0]}–{years[-1]}",
        source=source_line,
        alt=("Line chart of the share of the population naming Belarusian or Russian as native language "
             "and as the language spoken at home, from the official census results. Belarusian as native "
             "language: " + ", ".join(f"{y} {share(y, 'native_language')}" for y in years)
             + "; Belarusian at home: " + ", ".join(f"{y} {share(y, 'home_language')}" for y in years)
             + ". Russian is the main home language in every census."),
        x_label="Census year",
        y_label="Share of the population",
        height=580,
    )


# --- Schooling ------------------------------------------------------------------------------

PUPILS_MEASURE = "share_pupils_belarusian_instruction"


def school_year_start(school_year: str) -> int:
    """'2003/04' -> 2003; '1994' -> 1994."""
    return int(school_year[:4])


def schooling_series(schooling: pd.DataFrame, measure: str = PUPILS_MEASURE) -> pd.DataFrame:
    """One measure's rows in time order, with ``start_year`` (higher value first within a year)."""
    chosen = schooling[schooling["measure"] == measure]
    if chosen.empty:
        raise KeyError(f"data/schooling.csv has no rows with measure '{measure}'")
    return (chosen.assign(start_year=chosen["school_year"].map(school_year_start))
            .sort_values(["start_year", "value"], ascending=[True, False]))


def schooling_figure(schooling: pd.DataFrame, source_line: str, measure: str = PUPILS_MEASURE) -> go.Figure:
    """One schooling measure over time, official and independent figures as separate traces."""
    series = schooling_series(schooling, measure)
    label = SCHOOLING_MEASURE.label(measure)
    fig = go.Figure()
    for figure, part in series.groupby("figure", sort=False):
        colour, symbol, dash = FIGURE[figure].colour, FIGURE[figure].symbol, FIGURE[figure].dash
        notes = part["note"].astype(object).where(part["note"].notna(), None)
        fig.add_trace(go.Scatter(
            x=list(part["start_year"]), y=[float(v) for v in part["value"]], name=f"{label} ({FIGURE[figure].lower})",
            mode="lines+markers" if len(part) > 1 else "markers",
            line=dict(color=colour, dash=dash, width=2.5), marker=dict(symbol=symbol, size=11, color=colour),
            hovertext=[f"<b>{y}</b><br>{v:g}% ({FIGURE[figure].lower})<br>{wrap(n or '', 60)}"
                       for y, v, n in zip(part["school_year"], part["value"], notes)],
            hoverinfo="text",
        ))
    first, last = series.iloc[0], series.iloc[-1]
    peak = series.sort_values("value").iloc[-1]
    final_year = series[series["start_year"] == last["start_year"]]  # one or more figures for the last year
    labelled = {str(r["id"]): r for r in (first, peak, *(r for _, r in final_year.iterrows()))}
    for row in labelled.values():
        # Points of the last year sit at the right edge: label them to the left, the lowest one below.
        at_end = row["start_year"] == last["start_year"]
        below = at_end and row["id"] == last["id"]
        fig.add_annotation(x=row["start_year"], y=float(row["value"]),
                           text=f"{row['value']:g}% ({row['school_year']})",
                           showarrow=True, arrowhead=0, ax=-30 if at_end else 30, ay=30 if below else -28,
                           font=dict(size=12), xanchor="right" if at_end else "left")
    fig.update_yaxes(range=[0, max(50.0, float(series["value"].max()) * 1.15)], ticksuffix="%")
    fig.update_xaxes(range=[int(series["start_year"].min()) - 2, int(series["start_year"].max()) + 2])
    # Shares fall over time, so the upper right of the plot is free for the legend.
    fig.update_layout(legend=dict(x=0.99, xanchor="right", y=0.98, yanchor="top", **LEGEND_BOX))
    counts = series["figure"].value_counts()
    kinds = " and ".join(f"{n} {kind}" for kind, n in counts.items())
    return finish_figure(
        fig,
        title=f"{label}, {first['school_year']} to {last['school_year']}",
        source=source_line,
        alt=(f"Line chart of the {label[0].lower() + label[1:]} in Belarus: {kinds} figures, from "
             f"{first['school_year']} ({first['value']:g}%) to {last['school_year']} ({last['value']:g}%); "
             f"the highest is {peak['value']:g}% in {peak['school_year']}."),
        x_label="School year (first calendar year)",
        y_label="Percent",
        height=560,
    )


# --- Referendum -----------------------------------------------------------------------------

def referendum_results(elections: pd.DataFrame, vote_id: str = "referendum-1995") -> pd.DataFrame:
    """The official yes share of each question of one referendum, in question order."""
    rows = elections[(elections["vote_id"] == vote_id) & (elections["measure"] == "yes_share")
                     & (elections["figure"] == "official")]
    if rows.empty:
        raise KeyError(f"data/elections.csv has no official yes shares for '{vote_id}'")
    return rows.sort_values("subject")


def referendum_figure(
    elections: pd.DataFrame, source_line: str, vote_id: str = "referendum-1995"
) -> go.Figure:
    """Official yes shares, one bar per question, labelled with the value."""
    results = referendum_results(elections, vote_id)
    colour = FIGURE["official"].colour
    labels = [wrap(str(s), 34) for s in results["subject"]]
    fig = go.Figure(go.Bar(
        x=[float(v) for v in results["value"]], y=labels, orientation="h", name="Yes (official)",
        marker=dict(color=colour), text=[f"{v:.1f}% yes" for v in results["value"]], textposition="inside",
        insidetextanchor="end", textfont=dict(color="white", size=14),
        hovertext=[f"<b>{wrap(str(s), 50)}</b><br>{v:.1f}% yes (official)<br>{wrap(str(n or ''), 60)}"
                   for s, v, n in zip(results["subject"], results["value"], results["note"].fillna(""))],
        hoverinfo="text",
    ))
    fig.update_yaxes(autorange="reversed", showgrid=False)
    fig.update_xaxes(range=[0, 100], ticksuffix="%")
    date = results["date"].iloc[0]
    # On a phone the questions wrap narrower, so that the bars keep most of the width.
    phone_variant(fig, ticktext={"yaxis": {label: wrap(str(s), 17) for label, s in zip(labels, results["subject"])}})
    return finish_figure(
        fig,
        title=f"Referendum of {date:%-d %B %Y}: official yes shares",
        source=source_line,
        alt=(f"Bar chart of the official yes share for each of the {len(results)} questions of the "
             f"{date:%-d %B %Y} referendum, as a share of voters who took part: "
             + "; ".join(f"{s}: {v:.1f}%" for s, v in zip(results["subject"], results["value"])) + "."),
        x_label="Yes votes, % of voters who took part",
        height=580,
    ).update_layout(title_xref="container", title_x=0.01)  # long question labels: title from the left edge


# --- Tables ---------------------------------------------------------------------------------

def identity_views(
    views: pd.DataFrame, topics: tuple[str, ...] = ("identity", "sovereignty")
) -> pd.DataFrame:
    """Views on the chosen topics in date order; a repeat of the same person and date is shown once."""
    chosen = views[views["topic"].isin(topics)]
    return chosen.drop_duplicates(subset=["person", "date"]).sort_values(["date", "id"])


def symbol_facts_html(symbols: pd.DataFrame, topics: tuple[str, ...]) -> str:
    """Dated facts on the chosen topics as a table: when, what (our summary)."""
    chosen = symbols[symbols["topic"].isin(topics)].sort_values(["date", "id"])
    return html_table(["When", "What happened"],
                      ([cell(r["date"]), cell(r["fact"])] for _, r in chosen.iterrows()))
