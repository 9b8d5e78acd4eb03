"""Military and nuclear integration: exercises, deployment steps, a map of reported sites."""

from __future__ import annotations

import html

import geopandas as gpd
import pandas as pd
import plotly.graph_objects as go
from shapely.geometry import Point

from utils.figures import finish_figure
from utils.maps import neighbourhood_map, outline_xy, to_map_crs
from utils.tables import cell, html_table, wrap
from utils.theme import TOL_MUTED

CONFIDENCE_STYLE: dict[str, tuple[str, str, str]] = {
    # confidence -> (label, marker symbol, colour); the label goes in the legend and hover too.
    "confirmed": ("Confirmed independently", "circle", TOL_MUTED[1]),
    "reported": ("Reported by media or analysts", "diamond", TOL_MUTED[6]),
    "claimed": ("Claimed by officials, not confirmed", "x", TOL_MUTED[0]),
}
STEP_STATUS_LABELS = {
    "confirmed": "confirmed",
    "claimed": "claimed, not independently confirmed",
    "disputed": "disputed",
}


def exercises_figure(exercises: pd.DataFrame, source_line: str) -> go.Figure:
    """Troops in each joint exercise: the organisers' figure beside other estimates."""
    ordered = exercises.sort_values("start_date")
    labels = [f"{n}<br>{d:%b %Y}" for n, d in zip(ordered["name"], ordered["start_date"])]
    fig = go.Figure()
    fig.add_trace(go.Bar(
        x=labels, y=ordered["troops_official"], name="Organisers' figure",
        marker=dict(color=TOL_MUTED[1]), text=[f"{v:,.0f}" if pd.notna(v) else "" for v in ordered["troops_official"]],
        textposition="outside",
        hovertext=[f"<b>{n}</b><br>Organisers: {v:,.0f}" if pd.notna(v) else f"<b>{n}</b><br>no official figure"
                   for n, v in zip(ordered["name"], ordered["troops_official"])],
        hoverinfo="text",
    ))
    fig.add_trace(go.Bar(
        x=labels, y=ordered["troops_estimate_other"], name="Other estimate (see hover for whose)",
        marker=dict(color="white", line=dict(color=TOL_MUTED[0], width=2),
                    pattern=dict(shape="/", fgcolor=TOL_MUTED[0], size=8)),
        text=[f"{v:,.0f}" if pd.notna(v) else "" for v in ordered["troops_estimate_other"]],
        textposition="outside",
        hovertext=[f"<b>{n}</b><br>{b}: {v:,.0f}" if pd.notna(v) else f"<b>{n}</b><br>no other estimate sourced"
                   for n, v, b in zip(ordered["name"], ordered["troops_estimate_other"], ordered["estimate_by"].fillna(""))],
        hoverinfo="text",
    ))
    fig.update_layout(barmode="group", legend=dict(orientation="h", yanchor="bottom", y=1.0, x=0))
    biggest = ordered.assign(top=ordered[["troops_official", "troops_estimate_other"]].max(axis=1)).sort_values("top").iloc[-1]
    return finish_figure(
        fig,
        title="Joint Russian–Belarusian exercises: how many troops, and who says so",
        source=source_line,
        alt=(f"Grouped bar chart of {len(ordered)} joint exercises from {ordered['start_date'].min():%Y} to "
             f"{ordered['start_date'].max():%Y}: solid bars give the organisers' troop numbers, hatched bars "
             f"other estimates; the largest figure is for {biggest['name']} ({biggest['top']:,.0f})."),
        x_label="Exercise",
        y_label="Troops",
        height=580,
    )


def nuclear_steps_html(steps: pd.DataFrame) -> str:
    """Each deployment step with who claims it and who, if anyone, confirmed it."""
    return html_table(
        ["Date", "Step", "Status", "Claimed by", "Confirmed by"],
        ([f"{r['date']:%d %b %Y}", cell(r["step"]), f"<strong>{STEP_STATUS_LABELS[r['status']]}</strong>",
          cell(r["claimed_by"]), cell(r["confirmed_by"])] for _, r in steps.sort_values("date").iterrows()),
    )


def sites_map(layers_countries: gpd.GeoDataFrame, occupied: gpd.GeoDataFrame, cities: gpd.GeoDataFrame,
              regions: gpd.GeoDataFrame, sites: pd.DataFrame, neighbours: list[str],
              source_line: str) -> go.Figure:
    """Reported military and nuclear sites in Belarus, marked by how well each is confirmed."""
    fig = neighbourhood_map(layers_countries, occupied, cities, "BLR", neighbours, show_occupied=False)
    # Region outlines inside Belarus, thin, for orientation.
    for geometry in to_map_crs(regions).geometry:
        xs, ys = outline_xy(geometry)
        fig.add_trace(go.Scatter(x=xs, y=ys, mode="lines", line=dict(color="#7A9CB8", width=0.7),
                                 hoverinfo="skip", showlegend=False))
    points = to_map_crs(gpd.GeoDataFrame(sites, geometry=[Point(xy) for xy in zip(sites["lon"], sites["lat"])], crs=4326))
    for confidence, (label, symbol, colour) in CONFIDENCE_STYLE.items():
        part = points[points["confidence"] == confidence]
        if part.empty:
            continue
        fig.add_trace(go.Scatter(
            x=part.geometry.x, y=part.geometry.y, mode="markers+text", name=label,
            text=list(part["name"]), textposition="bottom center", textfont=dict(size=11),
            marker=dict(symbol=symbol, size=15, color=colour, line=dict(color="white", width=1.5)),
            hovertext=[f"<b>{html.escape(n)}</b><br>{wrap(w, 50)}<br>{label}: {html.escape(b)} ({d})"
                       for n, w, b, d in zip(part["name"], part["what"], part["reported_by"], part["date"])],
            hoverinfo="text",
        ))
    counts = sites["confidence"].value_counts()
    return finish_figure(
        fig,
        title="Reported military and nuclear sites in Belarus",
        source=source_line,
        alt=(f"Map of Belarus with {len(sites)} reported military or nuclear-related sites marked by town: "
             + ", ".join(f"{int(counts.get(c, 0))} {CONFIDENCE_STYLE[c][0].lower()}" for c in CONFIDENCE_STYLE)
             + ". Positions are town locations, not exact sites."),
        height=680,
    )
