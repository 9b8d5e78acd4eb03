"""Map layers in geo/ as GeoDataFrames, and measurements on them.

Lengths, areas and distances are geodesic, on the WGS84 ellipsoid (pyproj.Geod,
i.e. Karney's algorithms in PROJ): no projection distorts them, so they can be
set beside official figures. Maps are drawn in a Lambert azimuthal equal-area
projection centred on Belarus (see utils.maps).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import pandas as pd
import shapely
from pyproj import Geod
from shapely.geometry import Polygon
from shapely.geometry.base import BaseGeometry
from shapely.geometry.polygon import orient

from utils.data import ROOT

GEO_DIR = ROOT / "geo"
GEOD = Geod(ellps="WGS84")
# Equal-area projection centred on Belarus, for maps and planar checks.
BELARUS_LAEA = "+proj=laea +lat_0=53.7 +lon_0=28.0 +x_0=0 +y_0=0 +datum=WGS84 +units=m +no_defs"
# Layer name -> columns every feature must have (besides geometry).
LAYER_COLUMNS: dict[str, tuple[str, ...]] = {
    "countries": ("iso3", "name", "status"),
    "occupied": ("name", "occupied_by", "since", "note"),
    "regions": ("iso_3166_2", "name", "admin_centre"),
    "cities": ("name", "country_iso3", "role"),
}


@dataclass(frozen=True)
class GeoProblem:
    file: str
    row: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        where = [self.file] + ([f"feature {self.row}"] if self.row is not None else [])
        where += [f"column '{self.column}'"] if self.column else []
        return f"{', '.join(where)}: {self.message}"


class GeoValidationError(ValueError):
    def __init__(self, problems: list[GeoProblem]):
        self.problems = problems
        super().__init__(f"{len(problems)} problem(s) in geo/:\n" + "\n".join(f"  - {p}" for p in problems))


def layer_problems(layer: gpd.GeoDataFrame, file: str, required: tuple[str, ...]) -> list[GeoProblem]:
    """What is wrong with a layer: CRS, columns, empty or invalid geometry."""
    problems = []
    if layer.crs is None or layer.crs.to_epsg() != 4326:
        problems.append(GeoProblem(file, None, None, f"CRS must be EPSG:4326 (WGS84), found {layer.crs}"))
    for column in required:
        if column not in layer.columns:
            problems.append(GeoProblem(file, None, column, "required column is missing"))
            continue
        for index in layer.index[layer[column].isna()]:
            problems.append(GeoProblem(file, int(index), column, "a value is required here"))
    for index, geom in layer.geometry.items():
        if geom is None or geom.is_empty:
            problems.append(GeoProblem(file, int(index), "geometry", "geometry is empty"))
        elif not geom.is_valid:
            reason = shapely.is_valid_reason(geom)
            problems.append(GeoProblem(file, int(index), "geometry", f"invalid geometry: {reason}"))
    return problems


def load_layer(name: str, geo_dir: Path = GEO_DIR) -> gpd.GeoDataFrame:
    """Read geo/<name>.geojson and validate it; raises GeoValidationError."""
    path = geo_dir / f"{name}.geojson"
    layer = gpd.read_file(path)
    problems = layer_problems(layer, f"geo/{path.name}", LAYER_COLUMNS.get(name, ()))
    if problems:
        raise GeoValidationError(problems)
    return layer


@dataclass(frozen=True)
class Layers:
    """The map layers every map draws from."""

    countries: gpd.GeoDataFrame
    regions: gpd.GeoDataFrame
    occupied: gpd.GeoDataFrame
    cities: gpd.GeoDataFrame


def load_layers(geo_dir: Path = GEO_DIR) -> Layers:
    """All four layers of geo/, validated."""
    return Layers(*(load_layer(n, geo_dir) for n in ("countries", "regions", "occupied", "cities")))


def geodesic_area_km2(geom: BaseGeometry) -> float:
    # pyproj sums signed ring areas, so holes subtract only when wound opposite
    # to their shell: orient every polygon first (files do not guarantee it).
    parts = [orient(p, sign=1.0) for p in shapely.get_parts(geom) if isinstance(p, Polygon)]
    return sum(float(GEOD.geometry_area_perimeter(p)[0]) for p in parts) / 1e6


def geodesic_length_km(geom: BaseGeometry) -> float:
    return float(GEOD.geometry_length(geom)) / 1000


def great_circle_km(lon1: float, lat1: float, lon2: float, lat2: float) -> float:
    """Shortest distance over the WGS84 ellipsoid between two points."""
    _, _, metres = GEOD.inv(lon1, lat1, lon2, lat2)
    return float(metres) / 1000


def shared_border(a: BaseGeometry, b: BaseGeometry) -> BaseGeometry:
    """The line(s) two polygons share: the intersection of their boundaries."""
    return shapely.line_merge(shapely.intersection(a.boundary, b.boundary))


def shared_borders(countries: gpd.GeoDataFrame, iso3: str, min_km: float = 1.0) -> pd.DataFrame:
    """Every country sharing at least ``min_km`` of boundary with ``iso3``, longest first.

    A threshold (not merely "touches") keeps single-point contacts out, such as
    a tripoint met by a third country.
    """
    indexed = countries.set_index("iso3")
    home = indexed.geometry[iso3]
    rows = []
    for other, geom in indexed.geometry.drop(iso3).items():
        if not home.intersects(geom):
            continue
        length = geodesic_length_km(shared_border(home, geom))
        if length >= min_km:
            rows.append({"iso3": other, "name": indexed.loc[other, "name"], "border_km": length})
    frame = pd.DataFrame(rows, columns=["iso3", "name", "border_km"])
    return frame.sort_values("border_km", ascending=False, ignore_index=True)


def neighbours(countries: gpd.GeoDataFrame, iso3: str) -> list[str]:
    """Names of the countries that share a land border with ``iso3``, alphabetically."""
    return sorted(shared_borders(countries, iso3)["name"])


def distances_from(cities: gpd.GeoDataFrame, origin: str, targets: list[str]) -> pd.DataFrame:
    """Great-circle distance in km from one city to each target city."""
    by_name = cities.set_index("name").geometry
    start = by_name[origin]
    rows = [
        {"from": origin, "to": target,
         "km": great_circle_km(start.x, start.y, by_name[target].x, by_name[target].y)}
        for target in targets
    ]
    return pd.DataFrame(rows)
