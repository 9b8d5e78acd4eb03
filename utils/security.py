"""Military and nuclear integration: doctrines, exercises, deployment steps, a map of reported sites.

Every figure here carries the label the data gives it. Troop numbers are the
organisers' (official) or someone else's estimate, named; nuclear steps are
confirmed, claimed or disputed; reported sites are confirmed, reported or
claimed. Charts tell these labels apart by marker shape or fill pattern as well
as by colour, and name them in the legend.
"""

from __future__ import annotations

import html
import math
from collections.abc import Collection, Mapping

import geopandas as gpd
import pandas as pd
import plotly.graph_objects as go
import shapely
from shapely.geometry import Point, box

from utils.citations import source_linker
from utils.figures import finish_figure, mark_dates
from utils.geography import Layers
from utils.maps import (
    LAND, OCCUPIED_PATTERN, Area, area_trace, city_trace, label_point, label_trace,
    layer_extent, outline_xy, to_map_crs,
)
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
    whole = ordered["id"].isin(list(whole_exercise_ids))
    fig = go.Figure()
    for is_whole, name, style in [(False, "Organisers' figure (official)", OFFICIAL_STYLE),
                                  (True, "Organisers' figure for the whole exercise in both countries (official)",
                                   WHOLE_EXERCISE_STYLE)]:
        part = ordered[(whole == is_whole) & official.notna()]
        if part.empty:
            continue
        fig.add_trace(go.Bar(
            y=[i - BAR_WIDTH / 2 for i in part.index], x=list(part["troops_official"]), width=BAR_WIDTH,
            orientation="h", name=name, marker=style,
            hovertext=[f"<b>{html.escape(n)}</b><br>Organisers' figure: {v:,}<br>{wrap(html.escape(str(w)), 60)}"
                       for n, v, w in zip(part["name"], part["troops_official"], part["note"].fillna(""))],
            hoverinfo="text",
        ))
    others = ordered[low.notna()]
    fig.add_trace(go.Bar(
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
    # Numbers sit just past the end of each bar (past the whisker for a range).
    has_official = ordered[official.notna()]
    fig.add_trace(_value_labels([i - BAR_WIDTH / 2 for i in has_official.index], list(has_official["troops_official"]),
                                [f"{v:,}" for v in has_official["troops_official"]], "#222222", "official labels"))
    fig.add_trace(_value_labels(
        [i + BAR_WIDTH / 2 for i in others.index], list(high[others.index]),
        [f" {troop_range(lo, hi)} ({str(b).split(';')[0].split(' (')[0]})"
         for lo, hi, b in zip(others["troops_estimate_other"], others["troops_estimate_other_high"],
                              others["estimate_by"])],
        "#882255", "estimate labels"))
    no_official = ordered[official.isna()]
    fig.add_trace(_value_labels([i - BAR_WIDTH / 2 if pd.notna(lo) else i for i, lo in
                                 zip(no_official.index, no_official["troops_estimate_other"])],
                                [0] * len(no_official),
                                ["no official figure published" if pd.notna(lo) else "no troop figure found"
                                 for lo in no_official["troops_estimate_other"]], "#555555", "missing figures"))
    fig.update_yaxes(tickmode="array", tickvals=list(ordered.index),
                     ticktext=[exercise_label(n, d) for n, d in zip(ordered["name"], ordered["start_date"])],
                     autorange=False, range=[len(ordered) - 0.45, -0.55], showgrid=False, ticks="")
    top = max(official.max(), high.max())
    fig.update_xaxes(range=[0, top * 1.15], tickformat=",")
    fig.update_layout(barmode="overlay")
    largest = (ordered.assign(top=pd.concat([official, high], axis=1).max(axis=1))
               .dropna(subset=["top"]).sort_values("top").iloc[-1])
    gaps = [f"{n} ({o:,} official against {troop_range(lo, hi)} by {b.split(';')[0].split(' (')[0]})"
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

STEP_STATUS_STYLE: dict[str, tuple[str, str, str]] = {
    # status -> (label, marker symbol, colour); the label is in the legend, hover and table.
    "confirmed": ("confirmed", "circle", TOL_MUTED[1]),
    "claimed": ("claimed, not independently confirmed", "x", TOL_MUTED[0]),
    "disputed": ("disputed", "square", TOL_MUTED[7]),
}
STEP_STATUS_LABELS = {status: label for status, (label, _, _) in STEP_STATUS_STYLE.items()}


def numbered_steps(steps: pd.DataFrame) -> pd.DataFrame:
    """Steps in date order, numbered from 1; the chart and the table share the numbers."""
    ordered = steps.sort_values(["date", "id"], kind="stable").reset_index(drop=True)
    return ordered.assign(n=range(1, len(ordered) + 1))


def status_counts(steps: pd.DataFrame) -> dict[str, int]:
    """How many steps carry each status, in the order confirmed, claimed, disputed."""
    counts = steps["status"].value_counts()
    return {status: int(counts.get(status, 0)) for status in STEP_STATUS_STYLE}


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
    rows = list(STEP_STATUS_STYLE)  # top to bottom
    fig = go.Figure()
    for row, (status, (label, symbol, colour)) in enumerate(STEP_STATUS_STYLE.items()):
        part = numbered[numbered["status"] == status]
        if part.empty:
            continue
        fig.add_trace(go.Scatter(
            x=part["date"], y=[row - lane for lane in part["lane"]], mode="markers+text",
            name=label.capitalize(), text=[str(n) for n in part["n"]], textposition=list(part["text_position"]),
            textfont=dict(size=12), cliponaxis=False,
            marker=dict(symbol=symbol, size=13, color=colour, line=dict(color="white", width=1)),
            customdata=list(part["id"]),
            hovertext=[f"<b>{n}. {d.day} {d:%B %Y}</b> ({label})<br>{wrap(html.escape(s), 70)}"
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
                     ticktext=[STEP_STATUS_LABELS[s].split(",")[0].capitalize() for s in rows],
                     range=[len(rows) - 0.55, -0.55], showgrid=False, zeroline=False)
    fig.update_layout(hovermode="closest")
    counts = status_counts(steps)
    finished = finish_figure(
        fig,
        title="Nuclear weapons in Belarus: each step and its status",
        source=source_line,
        alt=(f"Time line of {len(numbered)} numbered steps from {start:%B %Y} to {end:%B %Y} towards Russian "
             "nuclear weapons in Belarus, one row per status: "
             + ", ".join(f"{counts[s]} {STEP_STATUS_LABELS[s]}" for s in STEP_STATUS_STYLE)
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
          f"<strong>{STEP_STATUS_LABELS[r['status']]}</strong>", cell(r["claimed_by"]), cell(r["confirmed_by"])]
         for _, r in numbered_steps(steps).iterrows()),
    )


# ---------------------------------------------------------------------------------------------
# Map of reported sites
# ---------------------------------------------------------------------------------------------

CONFIDENCE_STYLE: dict[str, tuple[str, str, str]] = {
    # confidence -> (label, marker symbol, colour); the label goes in the legend, hover and table.
    "confirmed": ("Confirmed (acknowledged officially)", "circle", TOL_MUTED[1]),
    "reported": ("Reported (independent researchers, media)", "diamond", TOL_MUTED[6]),
    "claimed": ("Claimed (one side only)", "x", TOL_MUTED[0]),
}
SITE_VIEW_MARGIN_KM = 70.0
SITE_MAP_RATIO = 1.3
SHARED_POINT_SPREAD_KM = 15.0
MAP_OVERDRAW_KM = 220.0  # how far past the nominal view the layers are drawn  # sites that share one town point are drawn this far from it
INSET_BOX_LONLAT = (20.0, 43.8, 41.5, 58.2)
INSET_TOLERANCE_KM = 6.0
REGION_LINE = "#7A9CB8"
SEA = "#D6E6F2"
INSET_WIDTH = 0.2  # share of the main map the locator map covers, top right (over Russia)
INSET_HEIGHT = 0.3
SITES_BELARUS = "#DDEFF8"  # lighter than the usual Belarus fill, so the site markers stand out


def site_points(sites: pd.DataFrame) -> gpd.GeoDataFrame:
    """Sites in the map CRS (km), numbered in table order.

    ``x``/``y`` are the projected town points. Sites that share one town point get
    ``draw_x``/``draw_y`` spread evenly on a small circle around it so every marker shows;
    all others are drawn exactly at their point.
    """
    numbered = sites.reset_index(drop=True).assign(n=range(1, len(sites) + 1))
    points = to_map_crs(gpd.GeoDataFrame(
        numbered, geometry=[Point(xy) for xy in zip(numbered["lon"], numbered["lat"])], crs=4326))
    points["x"], points["y"] = points.geometry.x, points.geometry.y
    points["draw_x"], points["draw_y"] = points["x"], points["y"]
    points["shares_point_with"] = ""
    for _, group in points.groupby(["lon", "lat"]):
        if len(group) < 2:
            continue
        for k, index in enumerate(group.index):
            angle = math.pi + 2 * math.pi * k / len(group)  # the first one to the west
            points.loc[index, "draw_x"] = points.loc[index, "x"] + SHARED_POINT_SPREAD_KM * math.cos(angle)
            points.loc[index, "draw_y"] = points.loc[index, "y"] + SHARED_POINT_SPREAD_KM * math.sin(angle)
            points.loc[index, "shares_point_with"] = ", ".join(str(n) for n in group["n"] if n != points.loc[index, "n"])
    return points


def _site_text_positions(points: gpd.GeoDataFrame) -> list[str]:
    """Number to the right of its marker, or to the left when a neighbour sits to the right."""
    positions = []
    for _, p in points.iterrows():
        crowded = ((points["draw_x"] > p["draw_x"]) & (points["draw_x"] - p["draw_x"] < 40)
                   & ((points["draw_y"] - p["draw_y"]).abs() < 15)).any()
        positions.append("middle left" if crowded else "middle right")
    return positions


def _site_view(countries: gpd.GeoDataFrame) -> tuple[float, float, float, float]:
    home = to_map_crs(countries).set_index("iso3").geometry["BLR"]
    minx, miny, maxx, maxy = home.buffer(SITE_VIEW_MARGIN_KM).bounds
    extra = max(0.0, SITE_MAP_RATIO * (maxy - miny) - (maxx - minx)) / 2
    within = layer_extent(countries)
    wanted = box(minx - extra, miny, maxx + extra, maxy)
    if not within.contains(wanted):
        wanted = wanted.intersection(within)
    bounds: tuple[float, float, float, float] = wanted.bounds
    return bounds


def _inset_view() -> tuple[float, float, float, float]:
    lonlat_box = gpd.GeoDataFrame(geometry=[box(*INSET_BOX_LONLAT).segmentize(0.25)], crs=4326)
    bounds: tuple[float, float, float, float] = to_map_crs(lonlat_box).geometry.iloc[0].envelope.bounds
    return bounds


def _inset_traces(layers: Layers, main_view: tuple[float, float, float, float]) -> list[go.Scatter]:
    """A small locator map: the region from the Baltic to the Black Sea, occupied Crimea hatched,
    and a frame around the main map's view. Its first trace is an opaque sea, so the main map
    does not show through."""
    ix0, iy0, ix1, iy1 = _inset_view()
    view = box(ix0, iy0, ix1, iy1)
    traces = [go.Scatter(x=[ix0, ix1, ix1, ix0, ix0], y=[iy0, iy0, iy1, iy1, iy0], mode="lines", fill="toself",
                         fillcolor=SEA, line=dict(color="#222222", width=1), hoverinfo="skip", showlegend=False,
                         xaxis="x2", yaxis="y2", name="locator map sea")]
    countries = to_map_crs(layers.countries)
    countries = countries.assign(geometry=countries.geometry.intersection(view).simplify(INSET_TOLERANCE_KM))
    countries = countries[~countries.geometry.is_empty]
    for _, row in countries.iterrows():
        fill = SITES_BELARUS if row["iso3"] == "BLR" else LAND
        trace = area_trace(Area(row.geometry, row["name"], f"<b>{row['name']}</b>", fill, line_width=0.5))
        trace.update(xaxis="x2", yaxis="y2")
        traces.append(trace)
    for _, row in to_map_crs(layers.occupied).iterrows():
        trace = area_trace(Area(
            row.geometry.simplify(INSET_TOLERANCE_KM / 3), row["name"],
            f"<b>{html.escape(row['name'])}</b><br>{wrap(html.escape(row['note']), 50)}", "rgba(0,0,0,0)",
            pattern=OCCUPIED_PATTERN, line_width=0.8,
            legend="Crimea: Ukrainian, occupied by Russia (small map)",
        ))
        trace.update(xaxis="x2", yaxis="y2", line=dict(color="#882255", width=1))
        traces.append(trace)
    minx, miny, maxx, maxy = main_view
    traces.append(go.Scatter(
        x=[minx, maxx, maxx, minx, minx], y=[miny, miny, maxy, maxy, miny], mode="lines",
        line=dict(color="#222222", width=1.5), hoverinfo="skip", showlegend=False, xaxis="x2", yaxis="y2",
        name="main map frame"))
    crimea = to_map_crs(layers.occupied).geometry.iloc[0]
    traces.append(go.Scatter(
        x=[crimea.bounds[0] - 20], y=[crimea.centroid.y + 60], mode="text", text=["Crimea"],
        textposition="middle left", textfont=dict(size=11, color="#882255"),
        hoverinfo="skip", showlegend=False, xaxis="x2", yaxis="y2", name="locator labels"))
    return traces


def _region_label_points(regions: gpd.GeoDataFrame, avoid: list[Point]) -> list[Point]:
    """A point inside each region for its name, as far from the sites and cities as the region allows.

    Candidates lie on a 15 km grid at least 25 km inside the region; each scores its distance to the
    nearest point to avoid (capped at 90 km) minus a fifth of its distance from the region's
    representative point, so names stay near the middle when there is room.
    """
    chosen = []
    for geometry in regions.geometry:
        inner = geometry.buffer(-25)
        centre = geometry.representative_point()
        if inner.is_empty:
            chosen.append(centre)
            continue
        minx, miny, maxx, maxy = inner.bounds
        grid = [Point(x, y) for x in range(int(minx), int(maxx) + 1, 15) for y in range(int(miny), int(maxy) + 1, 15)]
        inside = [p for p in grid if inner.contains(p)] or [centre]
        chosen.append(max(inside, key=lambda p: min([90.0] + [p.distance(a) for a in avoid])
                          - 0.2 * p.distance(centre)))
    return chosen


def sites_map(layers: Layers, sites: pd.DataFrame, source_line: str) -> go.Figure:
    """Reported military and nuclear sites in Belarus, marked by how well each is confirmed.

    The main map shows Belarus with its regions and the border areas of its neighbours; each
    site is a numbered marker whose shape and colour give its confidence label (numbers match
    ``sites_html``). Points are town centres, not the bases themselves. A small locator map in
    the corner shows the wider region, with Crimea hatched as occupied by Russia.
    """
    view = _site_view(layers.countries)
    view_box = box(*view)
    projected = to_map_crs(layers.countries)
    # Layers reach well past the view: the main map fills whatever width the page gives it
    # (constrain="range" widens or heightens the view rather than leaving blank bands).
    drawn = projected.assign(geometry=projected.geometry.intersection(
        view_box.buffer(MAP_OVERDRAW_KM, join_style="mitre")).simplify(0.7))
    drawn = drawn[~drawn.geometry.is_empty]
    traces: list[go.Scatter] = []
    for _, row in drawn.iterrows():
        home = row["iso3"] == "BLR"
        traces.append(area_trace(Area(row.geometry, row["name"],
                                      f"<b>{row['name']}</b>" + ("" if home else "<br>neighbour of Belarus"),
                                      SITES_BELARUS if home else LAND, line_width=1.6 if home else 0.8)))
    regions = to_map_crs(layers.regions)
    region_xs: list[float | None] = []
    region_ys: list[float | None] = []
    for geometry in regions.geometry.simplify(0.7):
        xs, ys = outline_xy(geometry)
        region_xs += xs
        region_ys += ys
    traces.append(go.Scatter(x=region_xs, y=region_ys, mode="lines", line=dict(color=REGION_LINE, width=0.8),
                             hoverinfo="skip", showlegend=False, name="region outlines"))
    cities = to_map_crs(layers.cities)
    cities = cities[cities.within(view_box.buffer(-20))]
    points_gdf = site_points(sites)
    # Region names (not Minsk City, which the Minsk star names), in grey, clear of sites and cities.
    named = regions[regions["iso_3166_2"] != "BY-HM"]
    avoid = [Point(x, y) for x, y in zip(points_gdf["draw_x"], points_gdf["draw_y"])] + list(cities.geometry)
    region_labels = label_trace(gpd.GeoSeries(_region_label_points(named, avoid)),
                                [f"<i>{n}</i>" for n in named["name"]], size=11, name="region labels")
    region_labels.update(textfont=dict(size=11, color="#4A6A85"))
    traces.append(region_labels)
    # Neighbours' names where they fit inside the view (and clear of the locator map's corner).
    minx, miny, maxx, maxy = view
    corner = box(minx + (1 - INSET_WIDTH) * (maxx - minx), miny + (1 - INSET_HEIGHT) * (maxy - miny), maxx, maxy)
    inner = view_box.buffer(-60, join_style="mitre").difference(corner.buffer(60))
    neighbours = projected[projected.intersects(inner) & (projected["iso3"] != "BLR")]
    label_points = []
    for _, row in neighbours.iterrows():
        p = label_point(row.geometry.intersection(inner), row["iso3"])
        label_points.append(p if inner.contains(p) else row.geometry.intersection(inner).representative_point())
    traces.append(label_trace(gpd.GeoSeries(label_points), [f"<i>{n}</i>" for n in neighbours["name"]], size=13,
                              name="country labels"))
    traces.append(city_trace(cities, list(cities["name"]), name="Cities (capitals: stars)"))
    points_gdf["text_position"] = _site_text_positions(points_gdf)
    for confidence, (label, symbol, colour) in CONFIDENCE_STYLE.items():
        part = points_gdf[points_gdf["confidence"] == confidence]
        if part.empty:
            continue
        traces.append(go.Scatter(
            x=list(part["draw_x"]), y=list(part["draw_y"]), mode="markers+text", name=label,
            text=[f"<b>{n}</b>" for n in part["n"]], textposition=list(part["text_position"]),
            textfont=dict(size=14, color="#111111"),
            marker=dict(symbol=symbol, size=16, color=colour, line=dict(color="white", width=1.5)),
            customdata=list(part["id"]),
            hovertext=[
                f"<b>{n}. {html.escape(name)}</b><br>{wrap(html.escape(what), 60)}<br>"
                f"<i>{label}</i>: {html.escape(by)} ({date})"
                + (f"<br>Drawn slightly apart from site {shared}, which shares its town point." if shared else "")
                for n, name, what, by, date, shared in zip(part["n"], part["name"], part["what"], part["reported_by"],
                                                           part["date"], part["shares_point_with"])],
            hoverinfo="text",
        ))
    ix0, iy0, ix1, iy1 = _inset_view()
    fig = go.Figure(traces + _inset_traces(layers, view))
    fig.update_layout(
        xaxis=dict(range=[minx, maxx], visible=False, constrain="range"),
        yaxis=dict(range=[miny, maxy], visible=False, scaleanchor="x", scaleratio=1, constrain="range"),
        xaxis2=dict(range=[ix0, ix1], domain=[1 - INSET_WIDTH, 1.0], anchor="y2", visible=False,
                    constrain="domain", constraintoward="right"),
        yaxis2=dict(range=[iy0, iy1], domain=[1 - INSET_HEIGHT, 1.0], anchor="x2", visible=False,
                    scaleanchor="x2", scaleratio=1, constrain="domain", constraintoward="top"),
        plot_bgcolor=SEA, hovermode="closest",
        legend=dict(orientation="h", yanchor="top", y=-0.02, x=0, font=dict(size=13)),
    )
    counts = sites["confidence"].value_counts()
    shared = points_gdf[points_gdf["shares_point_with"] != ""]
    finished = finish_figure(
        fig,
        title="Reported military and nuclear sites in Belarus",
        source=source_line,
        alt=(f"Map of Belarus and its regions with {len(sites)} numbered military or nuclear-related sites, "
             "each drawn at a town centre, not at the base itself: "
             + ", ".join(f"{int(counts.get(c, 0))} {CONFIDENCE_STYLE[c][0].lower()}"
                         for c in CONFIDENCE_STYLE)
             + f". {len(shared)} sites share one town point and are drawn slightly apart. A small locator map "
             "shows the region from the Baltic to the Black Sea, with Crimea hatched as Ukrainian territory "
             "occupied by Russia."),
        height=800,
    )
    # The legend wraps to five rows on a narrow page: put the source line below that and make room.
    finished.update_layout(margin=dict(b=200))
    finished.update_annotations(selector=dict(name="source-line"), y=-0.29)
    return finished


def sites_html(sites: pd.DataFrame) -> str:
    """The sites numbered as on the map, with what is reported, the confidence label and by whom."""
    return html_table(
        ["#", "Site (town point)", "What is reported", "Confidence", "Reported by", "As of"],
        ([str(r["n"]), cell(r["name"]), cell(r["what"]),
          f"<strong>{CONFIDENCE_STYLE[r['confidence']][0]}</strong>", cell(r["reported_by"]), cell(r["date"])]
         for _, r in site_points(sites).iterrows()),
    )


# ---------------------------------------------------------------------------------------------
# The source article's claims on these topics
# ---------------------------------------------------------------------------------------------

VERDICT_LABELS = {
    "accurate": "accurate",
    "inaccurate": "inaccurate",
    "missing_context": "needs context",
    "unverifiable": "cannot be checked",
}


def article_checks_html(claims: pd.DataFrame, topics: Collection[str]) -> str:
    """The source article's claims on the given topics, with our verdict and the corrected fact."""
    chosen = claims[claims["topic"].isin(list(topics))]
    return html_table(
        ["The article says (paraphrased)", "Verdict", "What the sources show"],
        ([cell(r["claim"]), f"<strong>{VERDICT_LABELS.get(str(r['verdict']), cell(r['verdict']))}</strong>",
          cell(r["corrected_fact"])] for _, r in chosen.iterrows()),
    )
