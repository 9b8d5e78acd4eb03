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
import plotly.graph_objects as go
from shapely.geometry import MultiPolygon, Polygon
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
