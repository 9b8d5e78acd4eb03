"""The map of reported military and nuclear sites in Belarus, and its table.

Each site is placed at a town point (not the base itself) and labelled confirmed, reported or
claimed (``utils.labels.EVIDENCE``); marker shape and colour both carry the label, and the
legend names it. The map engine, the locator inset and the label placement are ``utils.maps``'.
"""

from __future__ import annotations

import html

import geopandas as gpd
import pandas as pd
import plotly.graph_objects as go
from shapely.geometry import Point, box

from utils.figures import finish_figure, phone_variant
from utils.geo import Layers
from utils.labels import EVIDENCE
from utils.maps import (
    LAND, SEA, Area, area_trace, city_trace, country_labels_clear_of, label_points_clear_of, label_trace,
    locator_traces, lonlat_view, outline_xy, spread_shared_points, text_positions_clear_of_neighbours,
    to_map_crs, view_around,
)
from utils.tables import cell, html_table, wrap

SITE_CONFIDENCES = ("confirmed", "reported", "claimed")  # legend and alt-text order
SITE_VIEW_MARGIN_KM = 70.0
SITE_MAP_RATIO = 1.3
SHARED_POINT_SPREAD_KM = 15.0  # sites that share one town point are drawn this far from it
MAP_OVERDRAW_KM = 220.0  # how far past the nominal view the layers are drawn
INSET_BOX_LONLAT = (20.0, 43.8, 41.5, 58.2)
REGION_LINE = "#7A9CB8"
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
    return spread_shared_points(points, SHARED_POINT_SPREAD_KM)


def _site_base_traces(layers: Layers, view: tuple[float, float, float, float],
                      points: gpd.GeoDataFrame) -> list[go.Scatter]:
    """Countries, region outlines and names, neighbours' names and cities under the site markers."""
    view_box = box(*view)
    projected = to_map_crs(layers.countries)
    # Layers reach well past the view: the main map fills whatever width the page gives it
    # (constrain="range" widens or heightens the view rather than leaving blank bands).
    drawn = projected.assign(geometry=projected.geometry.intersection(
        view_box.buffer(MAP_OVERDRAW_KM, join_style="mitre")).simplify(0.7))
    traces: list[go.Scatter] = []
    for _, row in drawn[~drawn.geometry.is_empty].iterrows():
        home = row["iso3"] == "BLR"
        traces.append(area_trace(Area(row.geometry, row["name"],
                                      f"<b>{row['name']}</b>" + ("" if home else "<br>neighbour of Belarus"),
                                      SITES_BELARUS if home else LAND, line_width=1.6 if home else 0.8)))
    regions = to_map_crs(layers.regions)
    outlines = [outline_xy(g) for g in regions.geometry.simplify(0.7)]
    traces.append(go.Scatter(x=[v for xs, _ in outlines for v in xs], y=[v for _, ys in outlines for v in ys],
                             mode="lines", line=dict(color=REGION_LINE, width=0.8), hoverinfo="skip",
                             showlegend=False, name="region outlines"))
    cities = to_map_crs(layers.cities)
    cities = cities[cities.within(view_box.buffer(-20))]
    # Region names (not Minsk City, which the Minsk star names), in grey, clear of sites and cities.
    named = regions[regions["iso_3166_2"] != "BY-HM"]
    avoid = [Point(x, y) for x, y in zip(points["draw_x"], points["draw_y"])] + list(cities.geometry)
    region_labels = label_trace(gpd.GeoSeries(label_points_clear_of(named, avoid)),
                                [f"<i>{n}</i>" for n in named["name"]], size=11, name="region labels")
    traces.append(region_labels.update(textfont=dict(size=11, color="#4A6A85")))
    minx, miny, maxx, maxy = view
    corner = box(minx + (1 - INSET_WIDTH) * (maxx - minx), miny + (1 - INSET_HEIGHT) * (maxy - miny), maxx, maxy)
    traces.append(country_labels_clear_of(projected, view, corner, "BLR"))
    traces.append(city_trace(cities, list(cities["name"]), name="Cities (capitals: stars)"))
    return traces


def _site_marker_traces(points: gpd.GeoDataFrame) -> list[go.Scatter]:
    """One numbered marker per site, one trace per confidence label (shape and colour both say it)."""
    points = points.assign(text_position=text_positions_clear_of_neighbours(points))
    traces = []
    for confidence in EVIDENCE.present(points["confidence"]):
        style = EVIDENCE[confidence]
        part = points[points["confidence"] == confidence]
        traces.append(go.Scatter(
            x=list(part["draw_x"]), y=list(part["draw_y"]), mode="markers+text", name=style.label,
            text=[f"<b>{n}</b>" for n in part["n"]], textposition=list(part["text_position"]),
            textfont=dict(size=14, color="#111111"),
            marker=dict(symbol=style.symbol, size=16, color=style.colour, line=dict(color="white", width=1.5)),
            customdata=list(part["id"]),
            hovertext=[
                f"<b>{n}. {html.escape(name)}</b><br>{wrap(html.escape(what), 60)}<br>"
                f"<i>{style.label}</i>: {html.escape(by)} ({date})"
                + (f"<br>Drawn slightly apart from site {shared}, which shares its town point." if shared else "")
                for n, name, what, by, date, shared in zip(part["n"], part["name"], part["what"], part["reported_by"],
                                                           part["date"], part["shares_point_with"])],
            hoverinfo="text",
        ))
    return traces


def sites_map(layers: Layers, sites: pd.DataFrame, source_line: str) -> go.Figure:
    """Reported military and nuclear sites in Belarus, marked by how well each is confirmed.

    The main map shows Belarus with its regions and the border areas of its neighbours; each
    site is a numbered marker whose shape and colour give its confidence label (numbers match
    ``sites_html``). Points are town centres, not the bases themselves. A small locator map in
    the corner shows the wider region, with Crimea hatched as occupied by Russia.
    """
    view = view_around(layers.countries, "BLR", SITE_VIEW_MARGIN_KM, SITE_MAP_RATIO)
    points = site_points(sites)
    fig = go.Figure(_site_base_traces(layers, view, points) + _site_marker_traces(points)
                    + locator_traces(layers, INSET_BOX_LONLAT, view, SITES_BELARUS))
    minx, miny, maxx, maxy = view
    ix0, iy0, ix1, iy1 = lonlat_view(INSET_BOX_LONLAT)
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
    shared = points[points["shares_point_with"] != ""]
    finished = finish_figure(
        fig,
        title="Reported military and nuclear sites in Belarus",
        source=source_line,
        alt=(f"Map of Belarus and its regions with {len(sites)} numbered military or nuclear-related sites, "
             "each drawn at a town centre, not at the base itself: "
             + ", ".join(f"{int(counts.get(c, 0))} {EVIDENCE[c].lower}" for c in SITE_CONFIDENCES)
             + f". {len(shared)} sites share one town point and are drawn slightly apart. A small locator map "
             "shows the region from the Baltic to the Black Sea, with Crimea hatched as Ukrainian territory "
             "occupied by Russia."),
        height=800,
    )
    # The legend wraps to five rows on a narrow page: put the source line below that and make room.
    finished.update_layout(margin=dict(b=200))
    finished.update_annotations(selector=dict(name="source-line"), y=-0.29)
    return phone_variant(finished, frame=True)  # a map: its labels and inset need the designed width


def sites_html(sites: pd.DataFrame) -> str:
    """The sites numbered as on the map, with what is reported, the confidence label and by whom."""
    return html_table(
        ["#", "Site (town point)", "What is reported", "Confidence", "Reported by", "As of"],
        ([str(r["n"]), cell(r["name"]), cell(r["what"]),
          f"<strong>{EVIDENCE[r['confidence']].label}</strong>", cell(r["reported_by"]), cell(r["date"])]
         for _, r in site_points(sites).iterrows()),
    )
