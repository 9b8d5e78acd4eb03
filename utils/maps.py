"""Maps as plotly figures that draw with no network at all.

plotly's geo subplots fetch their base-map topojson from a CDN (blank offline),
and tile maps need tile servers. Instead we project our own layers from geo/
with geopandas into an equal-area projection centred on Belarus and draw each
polygon as a filled SVG path on plain x/y axes locked to a 1:1 aspect ratio.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import geopandas as gpd
import plotly.colors as pcolors
import shapely
import shapely.affinity
import plotly.graph_objects as go
from shapely.geometry import MultiPolygon, Polygon, box
from shapely.geometry.base import BaseGeometry

from utils.geo import BELARUS_LAEA

LAND = "#F2F2F2"
BORDER = "#555555"
HIGHLIGHT = "#DDCC77"   # Tol sand
BELARUS = "#88CCEE"     # Tol cyan
OCCUPIED_PATTERN = dict(shape="/", fgcolor="#882255", bgcolor="rgba(255,255,255,0.4)", size=7, solidity=0.3)
SEQUENTIAL = pcolors.sequential.Viridis[::-1][1:]  # light to dark, colour-blind safe


def to_map_crs(layer: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Project to the Belarus-centred equal-area CRS, coordinates in km."""
    projected = layer.to_crs(BELARUS_LAEA)
    projected.geometry = projected.geometry.scale(1 / 1000, 1 / 1000, origin=(0, 0))
    return projected


def outline_xy(geom: BaseGeometry) -> tuple[list[float | None], list[float | None]]:
    """Exterior rings of a (multi)polygon as one path, rings separated by None."""
    polygons = list(geom.geoms) if isinstance(geom, MultiPolygon) else [geom]
    xs: list[float | None] = []
    ys: list[float | None] = []
    for polygon in polygons:
        if not isinstance(polygon, Polygon):
            continue
        x, y = polygon.exterior.coords.xy
        xs += list(x) + [None]
        ys += list(y) + [None]
    return xs, ys


@dataclass(frozen=True)
class Area:
    """One filled shape to draw: its geometry (map CRS), label and hover text."""

    geometry: BaseGeometry
    name: str
    hover: str
    fill: str
    pattern: dict[str, object] | None = None
    line_width: float = 0.8
    legend: str | None = None


def area_trace(area: Area) -> go.Scatter:
    xs, ys = outline_xy(area.geometry)
    return go.Scatter(
        x=xs, y=ys, mode="lines", fill="toself", fillcolor=area.fill,
        fillpattern=area.pattern, line=dict(color=BORDER, width=area.line_width),
        name=area.legend or area.name, showlegend=area.legend is not None,
        hoveron="fills", hoverinfo="text", text=area.hover,
    )


def label_trace(points: gpd.GeoSeries, labels: Sequence[str], size: int = 13,
                name: str = "labels") -> go.Scatter:
    return go.Scatter(
        x=[p.x for p in points], y=[p.y for p in points], mode="text", text=list(labels),
        textfont=dict(size=size, color="#111111"), hoverinfo="skip", showlegend=False, name=name,
    )


def city_trace(cities: gpd.GeoDataFrame, hover: Sequence[str], name: str = "Cities") -> go.Scatter:
    """Cities in map CRS: a marker and a label each (capitals as stars)."""
    symbols = ["star" if role == "capital" else "circle" for role in cities["role"]]
    return go.Scatter(
        x=cities.geometry.x, y=cities.geometry.y, mode="markers+text",
        text=list(cities["name"]), textposition="top center", textfont=dict(size=12),
        marker=dict(symbol=symbols, size=[13 if s == "star" else 8 for s in symbols],
                    color="#222222", line=dict(color="white", width=1)),
        hoverinfo="text", hovertext=list(hover), name=name, showlegend=True,
    )


def map_figure(traces: Sequence[go.Scatter], bounds: tuple[float, float, float, float]) -> go.Figure:
    """A blank 1:1 map canvas showing ``bounds`` (minx, miny, maxx, maxy, in km)."""
    minx, miny, maxx, maxy = bounds
    fig = go.Figure(list(traces))
    fig.update_xaxes(range=[minx, maxx], visible=False, showgrid=False, zeroline=False)
    fig.update_yaxes(range=[miny, maxy], visible=False, showgrid=False, zeroline=False,
                     scaleanchor="x", scaleratio=1)
    fig.update_layout(plot_bgcolor="#D6E6F2", hovermode="closest",
                      legend=dict(orientation="h", yanchor="top", y=-0.02, x=0))
    return fig


def sequential_colour(value: float, low: float, high: float) -> str:
    """A colour on the project's sequential scale for ``value`` in [low, high]."""
    share = 0.0 if high == low else (value - low) / (high - low)
    return str(pcolors.sample_colorscale(pcolors.make_colorscale(SEQUENTIAL), [share])[0])


def colourbar_trace(low: float, high: float, title: str) -> go.Scatter:
    """An invisible trace whose only job is to show the colour scale."""
    return go.Scatter(
        x=[None], y=[None], mode="markers", showlegend=False, hoverinfo="skip",
        marker=dict(colorscale=pcolors.make_colorscale(SEQUENTIAL), cmin=low, cmax=high, color=[low],
                    showscale=True, colorbar=dict(title=dict(text=title), thickness=14, len=0.7)),
    )


NEIGHBOUR = HIGHLIGHT
OTHER = LAND
MAP_MARGIN_KM = 330.0


def _bounds_around(geom: BaseGeometry, margin_km: float) -> tuple[float, float, float, float]:
    minx, miny, maxx, maxy = geom.bounds
    return (minx - margin_km, miny - margin_km, maxx + margin_km, maxy + margin_km)


def neighbourhood_map(
    countries: gpd.GeoDataFrame,
    occupied: gpd.GeoDataFrame,
    cities: gpd.GeoDataFrame,
    home_iso3: str,
    neighbour_iso3: Sequence[str],
    *,
    highlight_iso3: str | None = None,
    border_line: BaseGeometry | None = None,
    show_occupied: bool = True,
) -> go.Figure:
    """Belarus, its neighbours, occupied areas and cities, in the map projection.

    Fills tell countries apart, and every country also carries a text label, so
    colour is never the only cue. Occupied areas are hatched and named in the legend.
    """
    projected = to_map_crs(countries)
    home = projected.set_index("iso3").geometry[home_iso3]
    traces = []
    for _, row in projected.iterrows():
        if row["iso3"] == home_iso3:
            fill, role = BELARUS, "Belarus"
        elif row["iso3"] == highlight_iso3:
            fill, role = "#CC6677", "selected neighbour"
        elif row["iso3"] in neighbour_iso3:
            fill, role = NEIGHBOUR, "neighbour of Belarus"
        else:
            fill, role = OTHER, "other country"
        traces.append(area_trace(Area(row.geometry, row["name"], f"<b>{row['name']}</b><br>{role}", fill)))
    for _, row in to_map_crs(occupied).iterrows():
        traces.append(area_trace(Area(
            row.geometry, row["name"], f"<b>{row['name']}</b><br>{row['note']}", "rgba(0,0,0,0)",
            pattern=OCCUPIED_PATTERN, line_width=0.5,
            legend="Occupied by Russia (Ukrainian territory)",
        )))
    if border_line is not None:
        line = gpd.GeoSeries([border_line], crs=4326).to_crs(BELARUS_LAEA).scale(1 / 1000, 1 / 1000, origin=(0, 0))
        xs: list[float | None] = []
        ys: list[float | None] = []
        for part in shapely.get_parts(line.iloc[0]):
            x, y = part.coords.xy
            xs += list(x) + [None]
            ys += list(y) + [None]
        traces.append(go.Scatter(x=xs, y=ys, mode="lines", line=dict(color="#882255", width=5),
                                 name="Shared border", hoverinfo="skip"))
    bounds = _bounds_around(home, MAP_MARGIN_KM)
    if show_occupied:
        # Extend the view south so the occupied areas of Ukraine are in the picture.
        occupied_extent = shapely.union_all(to_map_crs(occupied).geometry.values)
        bounds = _bounds_around(shapely.union_all([box(*bounds), occupied_extent]), 60)
    view = box(*bounds)
    labelled = projected[projected.intersects(view) & (projected["iso3"] != home_iso3)]
    anchors = gpd.GeoSeries([g.intersection(view).representative_point() for g in labelled.geometry])
    traces.append(label_trace(anchors, [f"<i>{n}</i>" for n in labelled["name"]], size=13, name="country labels"))
    traces.append(label_trace(gpd.GeoSeries([home.representative_point()]), ["<b>BELARUS</b>"], size=16))
    map_cities = to_map_crs(cities)
    map_cities = map_cities[map_cities.intersects(view)]
    traces.append(city_trace(map_cities, [f"{n}" for n in map_cities["name"]]))
    return map_figure(traces, bounds)


def region_population_map(regions: gpd.GeoDataFrame, population: dict[str, int]) -> go.Figure:
    """Belarus's regions shaded by population, each labelled with its figure."""
    projected = to_map_crs(regions)
    low, high = min(population.values()), max(population.values())
    traces = []
    # The small Minsk City polygon is drawn last so it sits on top of Minsk Region.
    ordered = projected.sort_values("iso_3166_2", key=lambda s: s == "BY-HM")
    for _, row in ordered.iterrows():
        people = population[row["iso_3166_2"]]
        traces.append(area_trace(Area(
            row.geometry, row["name"],
            f"<b>{row['name']}</b> ({row['iso_3166_2']})<br>Population: {people:,}<br>"
            f"Administrative centre: {row['admin_centre']}",
            sequential_colour(people, low, high), line_width=1.2,
        )))
    label_points = []
    labels = []
    # Minsk City sits inside Minsk Region: move both labels apart so neither hides the other.
    nudges = {"BY-HM": (0.0, -40.0), "BY-MI": (45.0, 80.0)}
    for _, row in projected.iterrows():
        dx, dy = nudges.get(row["iso_3166_2"], (0.0, 0.0))
        label_points.append(shapely.affinity.translate(row.geometry.representative_point(), dx, dy))
        labels.append(f"{row['name']}<br>{population[row['iso_3166_2']] / 1e6:.2f} m")
    traces.append(label_trace(gpd.GeoSeries(label_points), labels, size=12))
    traces.append(colourbar_trace(low, high, "People"))
    return map_figure(traces, _bounds_around(shapely.union_all(projected.geometry.values), 40))
