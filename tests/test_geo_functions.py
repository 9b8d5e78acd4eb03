"""Geodesic measurements and neighbour detection, on shapes with known answers."""

from __future__ import annotations

import geopandas as gpd
import pytest
from shapely.geometry import Point, box

from utils.geo import (
    distances_from, geodesic_area_km2, geodesic_length_km, great_circle_km,
    layer_problems, load_layer, neighbours, shared_borders,
)
from shapely.geometry import LineString, Polygon


def toy_countries() -> gpd.GeoDataFrame:
    # A 1x1 degree "home" square with a neighbour on the east, one on the north sharing
    # half its edge, and one touching only at a corner (not a neighbour).
    return gpd.GeoDataFrame(
        {"iso3": ["HOM", "EST", "NOR", "DIA"], "name": ["Home", "East", "North", "Diagonal"],
         "status": ["state"] * 4},
        geometry=[box(27, 53, 28, 54), box(28, 53, 29, 54), box(27.5, 54, 28.5, 55), box(26, 54, 27, 55.0)],
        crs="EPSG:4326",
    )


def test_great_circle_minsk_moscow_is_about_675_km() -> None:
    # Minsk (27.5667 E, 53.9 N) to Moscow (37.6173 E, 55.7558 N).
    assert great_circle_km(27.5667, 53.9, 37.6173, 55.7558) == pytest.approx(677, abs=5)


def test_one_degree_of_meridian_is_about_111_km() -> None:
    assert geodesic_length_km(LineString([(28, 53), (28, 54)])) == pytest.approx(111.3, abs=0.3)


def test_geodesic_area_of_a_degree_square_near_minsk() -> None:
    # 1 degree x 1 degree at 53-54 N: about 111.3 km x 66.5 km.
    assert geodesic_area_km2(box(27, 53, 28, 54)) == pytest.approx(7385, rel=0.01)


def test_shared_borders_ignore_corner_contacts_and_measure_lengths() -> None:
    borders = shared_borders(toy_countries(), "HOM").set_index("iso3")
    assert list(borders.index) == ["EST", "NOR"]
    assert borders.loc["EST", "border_km"] == pytest.approx(111.3, abs=0.3)
    assert borders.loc["NOR", "border_km"] == pytest.approx(0.5 * 65.6, rel=0.02)


def test_neighbours_are_sorted_names() -> None:
    assert neighbours(toy_countries(), "HOM") == ["East", "North"]


def test_distances_from_lists_each_target() -> None:
    cities = gpd.GeoDataFrame({"name": ["A", "B", "C"]},
                              geometry=[Point(27, 53), Point(27, 54), Point(28, 53)], crs="EPSG:4326")
    table = distances_from(cities, "A", ["B", "C"]).set_index("to")
    assert table.loc["B", "km"] == pytest.approx(111.3, abs=0.3)
    assert table.loc["C", "km"] < table.loc["B", "km"]


def test_layer_problems_name_file_feature_and_column() -> None:
    bowtie = Polygon([(0, 0), (1, 1), (1, 0), (0, 1), (0, 0)])
    layer = gpd.GeoDataFrame({"iso3": ["AAA", None], "name": ["A", "B"], "status": ["s", "s"]},
                             geometry=[box(0, 0, 1, 1), bowtie], crs="EPSG:4326")
    problems = [str(p) for p in layer_problems(layer, "geo/countries.geojson", ("iso3", "name", "status"))]
    assert "geo/countries.geojson, feature 1, column 'iso3': a value is required here" in problems
    assert any(p.startswith("geo/countries.geojson, feature 1, column 'geometry': invalid geometry")
               for p in problems)


def test_layer_in_another_crs_is_rejected() -> None:
    layer = gpd.GeoDataFrame({"iso3": ["AAA"], "name": ["A"], "status": ["s"]},
                             geometry=[box(0, 0, 1000, 1000)], crs="EPSG:3035")
    problems = [str(p) for p in layer_problems(layer, "geo/countries.geojson", ("iso3",))]
    assert problems == ["geo/countries.geojson: CRS must be EPSG:4326 (WGS84), found EPSG:3035"]


def test_missing_layer_file_fails_loudly(tmp_path) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(Exception, match="countries.geojson"):
        load_layer("countries", tmp_path)
