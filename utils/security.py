"""Military and nuclear integration: doctrines, exercises and the steps toward nuclear weapons.

Every figure here carries the label the data gives it. Troop numbers are the
organisers' (official) or someone else's estimate, named; nuclear steps are
confirmed, claimed or disputed (the map of reported sites is ``utils.sites``). Charts tell these labels apart by marker shape or fill pattern as well
as by colour, and name them in the legend.
"""

from __future__ import annotations

import html
import math
from collections.abc import Collection, Mapping

import pandas as pd
import plotly.graph_objects as go

from utils.citations import source_linker
from utils.figures import finish_figure, mark_dates
from utils.labels import EVIDENCE
from utils.tables import cell, html_table, wrap
from utils.theme import TOL_MUTED

# ---------------------------------------------------------------------------------------------
# Doctrines and the 2024 treaty
# ---------------------------------------------------------------------------------------------


def security_texts_html(texts: pd.DataFrame, sources: pd.DataFrame) -> str:
    """What each doctrine or treaty says, one provision a row, oldest document first.

    The provisions are the project's paraphrases (data/security_texts.csv); the last
    column links the sources each paraphrase rests on.
    """
    ordered = texts.sort_values("date", kind="stable")  # same-day provisions keep the table's order
    links = source_linker(sources)
    return html_table(
        ["Document", "What it says (our summary)", "Sources"],
        ([f"<strong>{cell(r['document'])}</strong><br><small>{r['date'].day} {r['date']:%B %Y}</small>",
          cell(r["provision"]), links(r["source_ids"])]
         for _, r in ordered.iterrows()),
    )


# ---------------------------------------------------------------------------------------------
# Joint exercises
# ---------------------------------------------------------------------------------------------

OFFICIAL_STYLE = dict(color=TOL_MUTED[1])
WHOLE_EXERCISE_STYLE = dict(color=TOL_MUTED[4], line=dict(color=TOL_MUTED[1], width=2),
                            pattern=dict(shape=".", fgcolor=TOL_MUTED[1], size=6, solidity=0.4))
OTHER_STYLE = dict(color="white", line=dict(color=TOL_MUTED[0], width=2),
                   pattern=dict(shape="/", fgcolor=TOL_MUTED[0], size=8))
BAR_WIDTH = 0.38


def troop_range(low: object, high: object) -> str:
    """'60,000–90,000' for a range, '30,000' for one figure, '' when there is none."""
    if pd.isna(low):  # type: ignore[call-overload]
        return ""
    if pd.isna(high) or high == low:  # type: ignore[call-overload]
        return f"{int(low):,}"  # type: ignore[call-overload]
    return f"{int(low):,}–{int(high):,}"  # type: ignore[call-overload]


def exercise_label(name: str, start: pd.Timestamp) -> str:
    """Axis label: the name without its alternative in brackets, and the month it began."""
    return f"{name.split(' (')[0]} ({start:%b %Y})"


def _value_labels(ys: list[float], xs: list[float], texts: list[str], colour: str, name: str) -> go.Scatter:
    return go.Scatter(x=xs, y=ys, mode="text", text=texts, textposition="middle right",
                      textfont=dict(size=12, color=colour), cliponaxis=False, showlegend=False,
                      hoverinfo="skip", name=name)


def _short_estimator(estimate_by: object) -> str:
    """'NATO (Secretary General); Lithuania' -> 'NATO': who gave an estimate, in a word or two."""
    return str(estimate_by).split(";")[0].split(" (")[0]


def _exercise_bars(ordered: pd.DataFrame, high: pd.Series, whole_exercise_ids: Collection[str]) -> list[go.Bar]:
    """Organisers' figures (solid, or dotted for a whole exercise), then other estimates (hatched, whisker)."""
    official, low = ordered["troops_official"], ordered["troops_estimate_other"]
    whole = ordered["id"].isin(list(whole_exercise_ids))
    bars = []
    for is_whole, name, style in [(False, "Organisers' figure (official)", OFFICIAL_STYLE),
                                  (True, "Organisers' figure for the whole exercise in both countries (official)",
                                   WHOLE_EXERCISE_STYLE)]:
        part = ordered[(whole == is_whole) & official.notna()]
        if part.empty:
            continue
        bars.append(go.Bar(
            y=[i - BAR_WIDTH / 2 for i in part.index], x=list(part["troops_official"]), width=BAR_WIDTH,
            orientation="h", name=name, marker=style,
            hovertext=[f"<b>{html.escape(n)}</b><br>Organisers' figure: {v:,}<br>{wrap(html.escape(str(w)), 60)}"
                       for n, v, w in zip(part["name"], part["troops_official"], part["note"].fillna(""))],
            hoverinfo="text",
        ))
    others = ordered[low.notna()]
    bars.append(go.Bar(
        y=[i + BAR_WIDTH / 2 for i in others.index], x=list(others["troops_estimate_other"]), width=BAR_WIDTH,
        orientation="h", name="Other estimate (NATO, observers; disputed); whisker: high end of a range",
        marker=OTHER_STYLE,
        error_x=dict(type="data", symmetric=False, array=list(high[others.index] - low[others.index]),
                     arrayminus=[0] * len(others), color=TOL_MUTED[0], thickness=2, width=5),
        hovertext=[f"<b>{html.escape(n)}</b><br>Other estimate: {troop_range(lo, hi)}<br>"
                   f"By: {wrap(html.escape(str(b)), 60)}"
                   for n, lo, hi, b in zip(others["name"], others["troops_estimate_other"],
                                           others["troops_estimate_other_high"], others["estimate_by"])],
        hoverinfo="text",
    ))
    return bars


def _exercise_value_labels(ordered: pd.DataFrame, high: pd.Series) -> list[go.Scatter]:
    """Numbers just past the end of each bar (past the whisker for a range), and a note where a
    figure is missing."""
    official, low = ordered["troops_official"], ordered["troops_estimate_other"]
    has_official, others, no_official = ordered[official.notna()], ordered[low.notna()], ordered[official.isna()]
    return [
        _value_labels([i - BAR_WIDTH / 2 for i in has_official.index], list(has_official["troops_official"]),
                      [f"{v:,}" for v in has_official["troops_official"]], "#222222", "official labels"),
        _value_labels([i + BAR_WIDTH / 2 for i in others.index], list(high[others.index]),
                      [f" {troop_range(lo, hi)} ({_short_estimator(b)})"
                       for lo, hi, b in zip(others["troops_estimate_other"], others["troops_estimate_other_high"],
                                            others["estimate_by"])],
                      "#882255", "estimate labels"),
        _value_labels([i - BAR_WIDTH / 2 if pd.notna(lo) else i for i, lo in
                       zip(no_official.index, no_official["troops_estimate_other"])],
                      [0] * len(no_official),
                      ["no official figure published" if pd.notna(lo) else "no troop figure found"
                       for lo in no_official["troops_estimate_other"]], "#555555", "missing figures"),
    ]


def exercises_figure(exercises: pd.DataFrame, source_line: str,
                     whole_exercise_ids: Collection[str] = ()) -> go.Figure:
    """Troops in each joint exercise: the organisers' figure beside other estimates.

    One pair of horizontal bars per exercise, oldest at the top. Solid bars are the organisers'
    figures; dotted bars mark organisers' figures for a whole exercise across both countries
    (``whole_exercise_ids``), which are not comparable with figures for one theatre. Hatched bars
    are other estimates at their low end, with a whisker to the high end and a label such as
    "60,000–90,000" where the estimate is a range. Hover names who gives each figure.
    """
    ordered = exercises.sort_values("start_date").reset_index(drop=True)
    official = ordered["troops_official"]
    low = ordered["troops_estimate_other"]
    high = ordered["troops_estimate_other_high"].fillna(low)
    fig = go.Figure(_exercise_bars(ordered, high, whole_exercise_ids) + _exercise_value_labels(ordered, high))
    fig.update_yaxes(tickmode="array", tickvals=list(ordered.index),
                     ticktext=[exercise_label(n, d) for n, d in zip(ordered["name"], ordered["start_date"])],
                     autorange=False, range=[len(ordered) - 0.45, -0.55], showgrid=False, ticks="")
    top = max(official.max(), high.max())
    fig.update_xaxes(range=[0, top * 1.15], tickformat=",")
    fig.update_layout(barmode="overlay")
    largest = (ordered.assign(top=pd.concat([official, high], axis=1).max(axis=1))
               .dropna(subset=["top"]).sort_values("top").iloc[-1])
    gaps = [f"{n} ({o:,} official against {troop_range(lo, hi)} by {_short_estimator(b)})"
            for n, o, lo, hi, b in zip(ordered["name"], official, low, ordered["troops_estimate_other_high"],
                                       ordered["estimate_by"])
            if pd.notna(o) and pd.notna(lo)]
    finished = finish_figure(
        fig,
        title="Joint exercises: troop numbers, and who gives them",
        source=source_line,
        alt=(f"Horizontal bar chart of {len(ordered)} joint exercises from {ordered['start_date'].min():%Y} to "
             f"{ordered['start_date'].max():%Y}. Solid bars give the organisers' troop numbers, dotted bars "
             f"organisers' totals for a whole exercise in both countries, hatched bars other estimates "
             f"with a whisker to the high end of a range. Where both exist: {'; '.join(gaps)}. "
             f"The largest figure is for {largest['name']} ({int(largest['top']):,})."),
        x_label="Troops",
        y_label="Exercise (month it began)",
        height=760,
        legend_above=True,
    )
    # Long exercise names push the plot right: start the title at the page edge instead,
    # and keep the axis title clear of the names.
    finished.update_layout(title=dict(xref="container", x=0.02))
    finished.update_yaxes(title_standoff=18)
    return finished


def exercises_html(exercises: pd.DataFrame) -> str:
    """Every exercise with both figures, who gives the other estimate, where and what to note."""
    ordered = exercises.sort_values("start_date")
    return html_table(
        ["Exercise", "Where", "Organisers' figure (official)", "Other estimate", "Other estimate by", "Notes"],
        ([f"<strong>{cell(r['name'])}</strong><br><small>{_span(r['start_date'], r['end_date'])}</small>",
          cell(r["where"]),
          f"{r['troops_official']:,}" if pd.notna(r["troops_official"]) else "none published",
          troop_range(r["troops_estimate_other"], r["troops_estimate_other_high"]) or "none found",
          cell(r["estimate_by"]), cell(r["note"])]
         for _, r in ordered.iterrows()),
    )


def _span(start: pd.Timestamp, end: object) -> str:
    if not isinstance(end, pd.Timestamp) or pd.isna(end):
        return f"from {start.day} {start:%B %Y}"
    if start.month == end.month:
        return f"{start.day}–{end.day} {start:%B %Y}"
    return f"{start.day} {start:%B} – {end.day} {end:%B %Y}"


# ---------------------------------------------------------------------------------------------
# Steps toward nuclear weapons in Belarus
# ---------------------------------------------------------------------------------------------

# The labels, shapes and colours are utils.labels.EVIDENCE's; this is the order the rows are drawn in.
STEP_STATUSES = ("confirmed", "claimed", "disputed")  # rows of the steps chart, top to bottom


def numbered_steps(steps: pd.DataFrame) -> pd.DataFrame:
    """Steps in date order, numbered from 1; the chart and the table share the numbers."""
    ordered = steps.sort_values(["date", "id"], kind="stable").reset_index(drop=True)
    return ordered.assign(n=range(1, len(ordered) + 1))


def status_counts(steps: pd.DataFrame) -> dict[str, int]:
    """How many steps carry each status, in the order confirmed, claimed, disputed."""
    counts = steps["status"].value_counts()
    return {status: int(counts.get(status, 0)) for status in STEP_STATUSES}


LANE_DAYS = 80  # steps in one row closer than this go into separate lanes
LANE_OFFSETS = (0.0, 0.27, -0.27)
STEP_AXIS_PAD_DAYS = 60


def step_lanes(numbered: pd.DataFrame) -> list[float]:
    """Vertical offset of each step within its status row, so close dates never overlap.

    Within a row, a step takes the first lane whose last step is at least ``LANE_DAYS`` earlier;
    if none is free, the lane that has waited longest.
    """
    offsets: dict[object, float] = {}
    for _, part in numbered.sort_values("date", kind="stable").groupby("status"):
        last: list[pd.Timestamp | None] = [None] * len(LANE_OFFSETS)
        for index, date in zip(part.index, part["date"]):
            free = [k for k, d in enumerate(last) if d is None or (date - d).days >= LANE_DAYS]
            lane = free[0] if free else min(range(len(last)), key=lambda k: last[k] or date)
            last[lane] = date
            offsets[index] = LANE_OFFSETS[lane]
    return [offsets[index] for index in numbered.index]


def step_text_positions(numbered: pd.DataFrame) -> list[str]:
    """Each step's number goes to the right of its marker, or to the left when the next marker in
    its lane is nearer than the previous one (and within ``2 * LANE_DAYS``)."""
    positions: dict[object, str] = {}
    first = numbered["date"].min()  # the axis starts STEP_AXIS_PAD_DAYS before it
    for _, lane in numbered.sort_values("date", kind="stable").groupby(["status", "lane"]):
        dates = list(lane["date"])
        for k, index in enumerate(lane.index):
            after = (dates[k + 1] - dates[k]).days if k + 1 < len(dates) else math.inf
            before = (dates[k] - dates[k - 1]).days if k > 0 else STEP_AXIS_PAD_DAYS + (dates[k] - first).days
            positions[index] = "middle left" if after < before and after < 2 * LANE_DAYS else "middle right"
    return [positions[index] for index in numbered.index]


def nuclear_steps_figure(steps: pd.DataFrame, source_line: str,
                         milestones: Mapping[str, str] | None = None) -> go.Figure:
    """Each step on a time line, one row per status, numbered as in ``nuclear_steps_html``.

    ``milestones`` maps step ids to a short label drawn above a dotted line across all rows.
    Steps close in time within a row are drawn in separate lanes so their numbers stay legible.
    """
    numbered = numbered_steps(steps)
    numbered["lane"] = step_lanes(numbered)
    numbered["text_position"] = step_text_positions(numbered)
    rows = list(STEP_STATUSES)  # top to bottom
    fig = go.Figure()
    for row, status in enumerate(STEP_STATUSES):
        label, symbol, colour = EVIDENCE[status].label, EVIDENCE[status].symbol, EVIDENCE[status].colour
        part = numbered[numbered["status"] == status]
        if part.empty:
            continue
        fig.add_trace(go.Scatter(
            x=part["date"], y=[row - lane for lane in part["lane"]], mode="markers+text",
            name=label, text=[str(n) for n in part["n"]], textposition=list(part["text_position"]),
            textfont=dict(size=12), cliponaxis=False,
            marker=dict(symbol=symbol, size=13, color=colour, line=dict(color="white", width=1)),
            customdata=list(part["id"]),
            hovertext=[f"<b>{n}. {d.day} {d:%B %Y}</b> ({label.lower()})<br>{wrap(html.escape(s), 70)}"
                       + (f"<br><i>Claimed by: {html.escape(str(c))}</i>" if pd.notna(c) else "")
                       + (f"<br><i>Confirmed by: {html.escape(str(v))}</i>" if pd.notna(v) else "")
                       for n, d, s, c, v in zip(part["n"], part["date"], part["step"], part["claimed_by"],
                                                part["confirmed_by"])],
            hoverinfo="text",
        ))
    by_id = numbered.set_index("id")
    mark_dates(fig, [(f"milestone {step_id}", by_id.at[step_id, "date"], text)
                     for step_id, text in (milestones or {}).items()], line={"color": "#777777", "width": 1})
    start, end = numbered["date"].min(), numbered["date"].max()
    fig.update_xaxes(range=[start - pd.Timedelta(days=STEP_AXIS_PAD_DAYS), end + pd.Timedelta(days=90)])
    fig.update_yaxes(tickmode="array", tickvals=list(range(len(rows))),
                     ticktext=[EVIDENCE[s].short for s in rows],
                     range=[len(rows) - 0.55, -0.55], showgrid=False, zeroline=False)
    fig.update_layout(hovermode="closest")
    counts = status_counts(steps)
    finished = finish_figure(
        fig,
        title="Nuclear weapons in Belarus: each step and its status",
        source=source_line,
        alt=(f"Time line of {len(numbered)} numbered steps from {start:%B %Y} to {end:%B %Y} towards Russian "
             "nuclear weapons in Belarus, one row per status: "
             + ", ".join(f"{counts[s]} {EVIDENCE[s].lower}" for s in STEP_STATUSES)
             + ". The numbers match the table below the chart."),
        x_label="Date",
        y_label="Status",
        height=500,
        legend_above=True,
    )
    # Leave room between the legend and the milestone labels above the plot; in this short plot
    # the source line goes further down than usual, clear of the x-axis title.
    finished.update_layout(legend=dict(y=1.12), margin=dict(t=150, b=140))
    finished.update_annotations(selector=dict(name="source-line"), y=-0.42)
    return finished


def nuclear_steps_html(steps: pd.DataFrame) -> str:
    """Each deployment step with who claims it and who, if anyone, confirmed it (numbered as in the chart)."""
    return html_table(
        ["#", "Date", "Step", "Status", "Claimed by", "Confirmed independently by"],
        ([str(r["n"]), f"{r['date'].day}&nbsp;{r['date']:%b}&nbsp;{r['date']:%Y}", cell(r["step"]),
          f"<strong>{EVIDENCE[r['status']].label}</strong>", cell(r["claimed_by"]), cell(r["confirmed_by"])]
         for _, r in numbered_steps(steps).iterrows()),
    )
