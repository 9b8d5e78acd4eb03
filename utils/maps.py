"""Maps as plotly figures that draw with no network at all.

plotly's geo subplots fetch their base-map topojson from a CDN (blank offline),
and tile maps need tile servers. Instead we project our own layers from geo/
with geopandas into an equal-area projection centred on Belarus and draw each
polygon as a filled SVG path on plain x/y axes locked to a 1:1 aspect ratio.
"""

from __future__ import annotations

import html
import math
from collections.abc import Sequence
from dataclasses import dataclass

import geopandas as gpd
import plotly.colors as pcolors
import shapely
import shapely.affinity
import plotly.graph_objects as go
from shapely.geometry import MultiPolygon, Point, Polygon, box
from shapely.geometry.base import BaseGeometry

from utils.geo import BELARUS_LAEA, Layers
from utils.tables import wrap

LAND = "#F2F2F2"
BORDER = "#555555"
HIGHLIGHT = "#DDCC77"   # Tol sand
BELARUS = "#88CCEE"     # Tol cyan
OCCUPIED_PATTERN = dict(shape="/", fgcolor="#882255", bgcolor="rgba(255,255,255,0.4)", size=7, solidity=0.3)
# Hand-placed label points (lon, lat) where a country's label would sit on its capital.
LABEL_LONLAT = {
    "BLR": (27.6, 52.85), "LTU": (23.6, 55.45), "LVA": (26.4, 56.6),
    "UKR": (31.9, 49.0), "POL": (19.3, 51.5), "RUS": (35.0, 54.2),
}
# Cities whose labels would collide with a neighbour's.
CITY_TEXT_POSITION = {"Sevastopol": "bottom left", "Hrodna": "middle left"}
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
        # Whole km: within the 0.7 km the shapes are simplified to, and below a screen pixel
        # (MAP_WIDTH_PX across some 900 km); it keeps map pages inside their byte budget.
        xs += [round(v) for v in x] + [None]
        ys += [round(v) for v in y] + [None]
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
        text=list(cities["name"]), textfont=dict(size=12),
        textposition=[CITY_TEXT_POSITION.get(n, "top center") for n in cities["name"]],
        marker=dict(symbol=symbols, size=[13 if s == "star" else 8 for s in symbols],
                    color="#222222", line=dict(color="white", width=1)),
        hoverinfo="text", hovertext=list(hover), name=name, showlegend=True,
    )


def map_figure(traces: Sequence[go.Scatter], bounds: tuple[float, float, float, float]) -> go.Figure:
    """A blank 1:1 map canvas showing ``bounds`` (minx, miny, maxx, maxy, in km)."""
    minx, miny, maxx, maxy = bounds
    fig = go.Figure(list(traces))
    # constrain="domain": the 1:1 aspect shrinks the plot area rather than widening the
    # view past the drawn (clipped) layers.
    fig.update_xaxes(range=[minx, maxx], visible=False, showgrid=False, zeroline=False,
                     constrain="domain")
    fig.update_yaxes(range=[miny, maxy], visible=False, showgrid=False, zeroline=False,
                     scaleanchor="x", scaleratio=1, constrain="domain")
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
MAP_WIDTH_TO_HEIGHT = 1.3  # fills the page's width rather than leaving side gutters
LABEL_INSET_KM = 40.0
LABEL_CHAR_PX = 7.0  # average width of a 13 px italic character
MAP_WIDTH_PX = 520  # narrowest plot width a map gets on the site
DRAW_TOLERANCE_KM = 0.7


def label_point(geom: BaseGeometry, iso3: str) -> Point:
    """Where a country's name goes on the map (map CRS)."""
    if iso3 in LABEL_LONLAT:
        lonlat = gpd.GeoSeries([Point(LABEL_LONLAT[iso3])], crs=4326)
        return to_map_crs(gpd.GeoDataFrame(geometry=lonlat)).geometry.iloc[0]
    return geom.representative_point()


def layer_extent(layer: gpd.GeoDataFrame) -> BaseGeometry:
    """The area a layer covers (its lon/lat bounding box) in the map CRS."""
    lonlat_box = box(*layer.to_crs(4326).total_bounds).segmentize(0.25)
    return to_map_crs(gpd.GeoDataFrame(geometry=[lonlat_box], crs=4326)).geometry.iloc[0]


def _widen_to(bounds: tuple[float, float, float, float], ratio: float,
              within: BaseGeometry) -> tuple[float, float, float, float]:
    """Widen a view symmetrically towards width / height = ``ratio``, staying ``within``.

    The committed layers are clipped to a region; showing past its edge would show
    the straight cut lines.
    """
    minx, miny, maxx, maxy = bounds
    wanted = max(0.0, ratio * (maxy - miny) - (maxx - minx)) / 2
    low, high = 0.0, wanted
    for _ in range(20):  # bisect the largest widening that still fits
        mid = (low + high) / 2
        if within.contains(box(minx - mid, miny, maxx + mid, maxy)):
            low = mid
        else:
            high = mid
    return (minx - low, miny, maxx + low, maxy)


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
    occupied_projected = to_map_crs(occupied)
    home = projected.set_index("iso3").geometry[home_iso3]
    bounds = _bounds_around(home, MAP_MARGIN_KM)
    if show_occupied:
        # Extend the view south so the occupied areas of Ukraine are in the picture.
        occupied_extent = shapely.union_all(occupied_projected.geometry.values)
        bounds = _bounds_around(shapely.union_all([box(*bounds), occupied_extent]), 60)
    bounds = _widen_to(bounds, MAP_WIDTH_TO_HEIGHT, within=layer_extent(countries))
    view = box(*bounds)
    # Only what can be seen is drawn: Russia alone is most of the file otherwise.
    # Simplifying by under a screen pixel (about 2 km here) halves the page weight again.
    drawn = projected.assign(
        geometry=projected.geometry.intersection(view.buffer(50, join_style="mitre")).simplify(DRAW_TOLERANCE_KM))
    drawn = drawn[~drawn.geometry.is_empty]
    traces = []
    for _, row in drawn.iterrows():
        if row["iso3"] == home_iso3:
            fill, role = BELARUS, "Belarus"
        elif row["iso3"] == highlight_iso3:
            fill, role = "#CC6677", "selected neighbour"
        elif row["iso3"] in neighbour_iso3:
            fill, role = NEIGHBOUR, "neighbour of Belarus"
        else:
            fill, role = OTHER, "other country"
        traces.append(area_trace(Area(row.geometry, row["name"], f"<b>{row['name']}</b><br>{role}", fill)))
    for _, row in occupied_projected.iterrows():
        traces.append(area_trace(Area(
            row.geometry, row["name"], f"<b>{row['name']}</b><br>{row['note']}", "rgba(0,0,0,0)",
            pattern=OCCUPIED_PATTERN, line_width=0.5,
            legend="Occupied by Russia (Ukrainian territory)",
        )))
    if border_line is not None:
        traces.append(border_line_trace(border_line))
    traces.append(fitting_country_labels(projected, bounds, home_iso3))
    traces.append(label_trace(gpd.GeoSeries([label_point(home, home_iso3)]), ["<b>BELARUS</b>"], size=16))
    map_cities = to_map_crs(cities)
    map_cities = map_cities[map_cities.intersects(view)]
    traces.append(city_trace(map_cities, [f"{n}" for n in map_cities["name"]]))
    return map_figure(traces, bounds)


def border_line_trace(border_line: BaseGeometry) -> go.Scatter:
    """A shared border (lon/lat) as a thick line in the map CRS."""
    line = gpd.GeoSeries([border_line], crs=4326).to_crs(BELARUS_LAEA).scale(1 / 1000, 1 / 1000, origin=(0, 0))
    xs: list[float | None] = []
    ys: list[float | None] = []
    for part in shapely.get_parts(line.iloc[0]):
        x, y = part.coords.xy
        xs += list(x) + [None]
        ys += list(y) + [None]
    return go.Scatter(x=xs, y=ys, mode="lines", line=dict(color="#882255", width=5),
                      name="Shared border", hoverinfo="skip")


def fitting_country_labels(projected: gpd.GeoDataFrame, bounds: tuple[float, float, float, float],
                           home_iso3: str) -> go.Scatter:
    """Country names (not the home country's) where each fits inside the view, never cut off at its edge."""
    view = box(*bounds)
    inner = view.buffer(-LABEL_INSET_KM, join_style="mitre")
    candidates = projected[projected.intersects(inner) & (projected["iso3"] != home_iso3)]
    points = [label_point(row.geometry.intersection(inner), row["iso3"]) for _, row in candidates.iterrows()]
    km_per_char = LABEL_CHAR_PX * (bounds[2] - bounds[0]) / MAP_WIDTH_PX
    keep = [view.buffer(-len(name) * km_per_char / 2 - 15, join_style="mitre").contains(p)
            for p, name in zip(points, candidates["name"])]
    labelled = candidates[keep]
    anchors = gpd.GeoSeries([p for p, k in zip(points, keep) if k])
    return label_trace(anchors, [f"<i>{n}</i>" for n in labelled["name"]], size=13, name="country labels")


def region_population_map(regions: gpd.GeoDataFrame, population: dict[str, int]) -> go.Figure:
    """Belarus's regions shaded by population, each labelled with its figure."""
    projected = to_map_crs(regions)
    projected.geometry = projected.geometry.simplify(DRAW_TOLERANCE_KM / 2)
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


# --- Locator insets and label placement (used by the map of reported sites) ----------------------

SEA = "#D6E6F2"
LOCATOR_TOLERANCE_KM = 6.0


def view_around(countries: gpd.GeoDataFrame, iso3: str, margin_km: float,
                ratio: float) -> tuple[float, float, float, float]:
    """A view of one country with a margin, widened towards width / height = ``ratio`` but never
    past the area the layer covers."""
    home = to_map_crs(countries).set_index("iso3").geometry[iso3]
    minx, miny, maxx, maxy = home.buffer(margin_km).bounds
    extra = max(0.0, ratio * (maxy - miny) - (maxx - minx)) / 2
    within = layer_extent(countries)
    wanted = box(minx - extra, miny, maxx + extra, maxy)
    if not within.contains(wanted):
        wanted = wanted.intersection(within)
    bounds: tuple[float, float, float, float] = wanted.bounds
    return bounds


def lonlat_view(box_lonlat: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
    """The map-CRS bounds of a lon/lat box."""
    lonlat_box = gpd.GeoDataFrame(geometry=[box(*box_lonlat).segmentize(0.25)], crs=4326)
    bounds: tuple[float, float, float, float] = to_map_crs(lonlat_box).geometry.iloc[0].envelope.bounds
    return bounds


def _on_inset(trace: go.Scatter) -> go.Scatter:
    return trace.update(xaxis="x2", yaxis="y2")


def locator_traces(layers: Layers, box_lonlat: tuple[float, float, float, float],
                   main_view: tuple[float, float, float, float], home_fill: str) -> list[go.Scatter]:
    """A small locator map on axes x2/y2: the region in ``box_lonlat``, occupied areas hatched,
    and a frame around the main map's view. Its first trace is an opaque sea, so the main map
    does not show through."""
    ix0, iy0, ix1, iy1 = lonlat_view(box_lonlat)
    view = box(ix0, iy0, ix1, iy1)
    traces = [_on_inset(go.Scatter(x=[ix0, ix1, ix1, ix0, ix0], y=[iy0, iy0, iy1, iy1, iy0], mode="lines",
                                   fill="toself", fillcolor=SEA, line=dict(color="#222222", width=1),
                                   hoverinfo="skip", showlegend=False, name="locator map sea"))]
    countries = to_map_crs(layers.countries)
    countries = countries.assign(geometry=countries.geometry.intersection(view).simplify(LOCATOR_TOLERANCE_KM))
    for _, row in countries[~countries.geometry.is_empty].iterrows():
        fill = home_fill if row["iso3"] == "BLR" else LAND
        traces.append(_on_inset(area_trace(Area(row.geometry, row["name"], f"<b>{row['name']}</b>", fill,
                                                line_width=0.5))))
    for _, row in to_map_crs(layers.occupied).iterrows():
        trace = area_trace(Area(
            row.geometry.simplify(LOCATOR_TOLERANCE_KM / 3), row["name"],
            f"<b>{html.escape(row['name'])}</b><br>{wrap(html.escape(row['note']), 50)}", "rgba(0,0,0,0)",
            pattern=OCCUPIED_PATTERN, line_width=0.8,
            legend="Crimea: Ukrainian, occupied by Russia (small map)",
        ))
        traces.append(_on_inset(trace).update(line=dict(color="#882255", width=1)))
    minx, miny, maxx, maxy = main_view
    traces.append(_on_inset(go.Scatter(
        x=[minx, maxx, maxx, minx, minx], y=[miny, miny, maxy, maxy, miny], mode="lines",
        line=dict(color="#222222", width=1.5), hoverinfo="skip", showlegend=False, name="main map frame")))
    crimea = to_map_crs(layers.occupied).geometry.iloc[0]
    traces.append(_on_inset(go.Scatter(
        x=[crimea.bounds[0] - 20], y=[crimea.centroid.y + 60], mode="text", text=["Crimea"],
        textposition="middle left", textfont=dict(size=11, color="#882255"),
        hoverinfo="skip", showlegend=False, name="locator labels")))
    return traces


def label_points_clear_of(areas: gpd.GeoDataFrame, avoid: list[Point]) -> list[Point]:
    """A point inside each area for its name, as far from the points to avoid as the area allows.

    Candidates lie on a 15 km grid at least 25 km inside the area; each scores its distance to the
    nearest point to avoid (capped at 90 km) minus a fifth of its distance from the area's
    representative point, so names stay near the middle when there is room.
    """
    chosen = []
    for geometry in areas.geometry:
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


def spread_shared_points(points: gpd.GeoDataFrame, spread_km: float) -> gpd.GeoDataFrame:
    """Add ``draw_x``/``draw_y``: points that share one lon/lat are spread evenly on a circle of
    ``spread_km`` around it (the first to the west) so every marker shows; the others stay put.
    ``shares_point_with`` names the other points' ``n``."""
    points = points.assign(x=points.geometry.x, y=points.geometry.y)
    points["draw_x"], points["draw_y"] = points["x"], points["y"]
    points["shares_point_with"] = ""
    for _, group in points.groupby(["lon", "lat"]):
        if len(group) < 2:
            continue
        for k, index in enumerate(group.index):
            angle = math.pi + 2 * math.pi * k / len(group)
            points.loc[index, "draw_x"] = points.loc[index, "x"] + spread_km * math.cos(angle)
            points.loc[index, "draw_y"] = points.loc[index, "y"] + spread_km * math.sin(angle)
            points.loc[index, "shares_point_with"] = ", ".join(str(n) for n in group["n"]
                                                               if n != points.loc[index, "n"])
    return points


def text_positions_clear_of_neighbours(points: gpd.GeoDataFrame) -> list[str]:
    """Each marker's text to its right, or to its left when another marker sits just to the right."""
    positions = []
    for _, p in points.iterrows():
        crowded = ((points["draw_x"] > p["draw_x"]) & (points["draw_x"] - p["draw_x"] < 40)
                   & ((points["draw_y"] - p["draw_y"]).abs() < 15)).any()
        positions.append("middle left" if crowded else "middle right")
    return positions


def country_labels_clear_of(countries: gpd.GeoDataFrame, view: tuple[float, float, float, float],
                            corner: BaseGeometry, home_iso3: str) -> go.Scatter:
    """Neighbours' names (map CRS) inside the view, clear of its edge and of ``corner`` (an inset)."""
    inner = box(*view).buffer(-60, join_style="mitre").difference(corner.buffer(60))
    neighbours = countries[countries.intersects(inner) & (countries["iso3"] != home_iso3)]
    label_points = []
    for _, row in neighbours.iterrows():
        p = label_point(row.geometry.intersection(inner), row["iso3"])
        label_points.append(p if inner.contains(p) else row.geometry.intersection(inner).representative_point())
    return label_trace(gpd.GeoSeries(label_points), [f"<i>{n}</i>" for n in neighbours["name"]], size=13,
                       name="country labels")
