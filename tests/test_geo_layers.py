"""The committed geo/ layers: valid, small, right point of view, right answers."""

from __future__ import annotations

import geopandas as gpd
import pytest
from shapely.geometry import Point

import utils  # noqa: F401
from tests.conftest import ROOT
from utils.data import load_table
from utils.geo import geodesic_area_km2, load_layer, load_layers, neighbours, shared_borders
from utils.geography import (
    border_comparison, capital_distances, kaliningrad_gap_km, landlocked_share,
    neighbour_explorer, neighbour_figure, overview_figure, regions_figure,
)
from utils.figures import figure_contract_problems

SIMFEROPOL, SEVASTOPOL = Point(34.10, 44.95), Point(33.52, 44.60)


@pytest.fixture(scope="module")
def layers():  # type: ignore[no-untyped-def]
    return load_layers()


def test_layers_are_small_and_valid(layers) -> None:  # type: ignore[no-untyped-def]
    total = sum(p.stat().st_size for p in (ROOT / "geo").glob("*.geojson"))
    assert total < 1_000_000
    for layer in (layers.countries, layers.regions, layers.occupied, layers.cities):
        assert layer.crs.to_epsg() == 4326
        assert layer.geometry.is_valid.all()


def test_belarus_has_exactly_five_neighbours(layers) -> None:  # type: ignore[no-untyped-def]
    assert neighbours(layers.countries, "BLR") == ["Latvia", "Lithuania", "Poland", "Russia", "Ukraine"]


def test_belarus_is_landlocked(layers) -> None:  # type: ignore[no-untyped-def]
    assert landlocked_share(layers) == pytest.approx(1.0, abs=0.001)


def test_area_within_one_percent_of_official(layers) -> None:  # type: ignore[no-untyped-def]
    area = geodesic_area_km2(layers.countries.set_index("iso3").geometry["BLR"])
    assert area == pytest.approx(207_600, rel=0.01)


def test_crimea_is_ukraine_and_marked_occupied(layers) -> None:  # type: ignore[no-untyped-def]
    by_iso = layers.countries.set_index("iso3").geometry
    for city in (SIMFEROPOL, SEVASTOPOL):
        assert by_iso["UKR"].contains(city)
        assert not by_iso["RUS"].contains(city)
    occupied = layers.occupied.iloc[0]
    assert occupied.geometry.contains(SIMFEROPOL) and occupied.geometry.contains(SEVASTOPOL)
    assert occupied["occupied_by"] == "RUS" and "68/262" in occupied["note"]


def test_regions_have_iso_codes_and_minsk_is_not_swapped(layers) -> None:  # type: ignore[no-untyped-def]
    regions = layers.regions.set_index("iso_3166_2")
    assert sorted(regions.index) == ["BY-BR", "BY-HM", "BY-HO", "BY-HR", "BY-MA", "BY-MI", "BY-VI"]
    minsk = Point(27.5667, 53.9)
    assert regions.geometry["BY-HM"].contains(minsk) and not regions.geometry["BY-MI"].contains(minsk)
    assert geodesic_area_km2(regions.geometry["BY-HM"]) < 1_000 < geodesic_area_km2(regions.geometry["BY-MI"])
    total = sum(geodesic_area_km2(g) for g in regions.geometry)
    assert total == pytest.approx(geodesic_area_km2(layers.countries.set_index("iso3").geometry["BLR"]), rel=0.001)


def test_regions_match_census_table(layers) -> None:  # type: ignore[no-untyped-def]
    population = load_table("region_population")
    assert set(population["iso_3166_2"]) == set(layers.regions["iso_3166_2"])
    assert population["population"].sum() == pytest.approx(9_413_446, abs=500)  # census total


def test_border_comparison_and_published_figures(layers) -> None:  # type: ignore[no-untyped-def]
    published = load_table("border_lengths")
    table = border_comparison(layers, published).set_index("iso3")
    for measured_by, column in (("cia_factbook", "published_km"), ("state_figures", "state_km")):
        rows = published[published["measured_by"] == measured_by].set_index("neighbour_iso3")["length_km"]
        assert table[column].to_dict() == pytest.approx(rows.to_dict()), column
    # The two published sets disagree (the state bodies' total is not the Factbook's).
    assert table["state_km"].sum() != pytest.approx(table["published_km"].sum())
    # Pinned: border_lengths.csv row LTU/state_figures, source delfi-bns-2018-lt-border-length
    # (Lithuania's border guard: 678.82 km).
    assert table.loc["LTU", "state_km"] == 678.8
    # Generalised maps cut corners: every computed length is shorter, but of the same order.
    assert ((table["computed_share"] > 0.6) & (table["computed_share"] < 1.0)).all()
    assert list(table.index[:2]) == ["RUS", "UKR"]


def test_distances_and_suwalki_gap(layers) -> None:  # type: ignore[no-untyped-def]
    km = capital_distances(layers).set_index("to")["km"]
    assert km["Moscow"] == pytest.approx(677, abs=5)
    assert km["Vilnius"] == pytest.approx(173, abs=5)
    assert km.idxmin() == "Vilnius"
    assert 55 < kaliningrad_gap_km(layers) < 110


def test_maps_have_expected_traces_and_rules(layers) -> None:  # type: ignore[no-untyped-def]
    overview = overview_figure(layers)
    assert figure_contract_problems(overview) == []
    names = [t.name for t in overview.data]
    assert {"Belarus", "Russia", "Ukraine", "Latvia"} <= set(names)
    occupied = [t for t in overview.data if t.name and t.name.startswith("Occupied")]
    assert len(occupied) == 1 and occupied[0].fillpattern.shape == "/"
    assert overview.layout.yaxis.scaleanchor == "x"
    regions = regions_figure(layers, load_table("region_population"))
    assert figure_contract_problems(regions) == []
    assert sum(1 for t in regions.data if t.fill == "toself") == 7
    latvia = neighbour_figure(layers, "LVA", border_comparison(layers, load_table("border_lengths")))
    assert any(t.name == "Shared border" for t in latvia.data)


def test_explorer_fallback_lists_all_neighbours(layers) -> None:  # type: ignore[no-untyped-def]
    borders = border_comparison(layers, load_table("border_lengths"))
    html = neighbour_explorer(layers, borders, capital_distances(layers))._repr_mimebundle_()["text/html"]
    for name in ("Russia", "Ukraine", "Lithuania", "Poland", "Latvia"):
        assert name in html


def test_explorer_redraws_its_map_inside_its_own_output(layers) -> None:  # type: ignore[no-untyped-def]
    """Issue 12: the map went through the figure's _ipython_display_ and landed outside the Output,
    so choosing another neighbour changed the text but never the map."""
    from utils.render import PLOTLY_MIME

    borders = border_comparison(layers, load_table("border_lengths"))
    explorer = neighbour_explorer(layers, borders, capital_distances(layers))
    (choose,) = explorer.controls
    latvia = borders.set_index("iso3").loc["LVA", "name"]
    choose.value = "LVA"
    text, chart = explorer.output.outputs
    assert "Riga" in text["data"]["text/html"]
    figure = chart["data"][PLOTLY_MIME]
    assert figure["layout"]["title"]["text"].startswith(f"Belarus and {latvia}:")
    assert "text/html" in chart["data"], "the site's representation travels in the same bundle"


def test_shared_borders_stable_under_simplification(layers) -> None:  # type: ignore[no-untyped-def]
    """Coverage simplification kept shared edges identical: both sides measure the same length."""
    one = shared_borders(layers.countries, "BLR").set_index("iso3")["border_km"]
    other = shared_borders(layers.countries, "LTU").set_index("iso3")["border_km"]
    assert one["LTU"] == pytest.approx(other["BLR"], rel=1e-9)


def test_load_layer_reports_invalid_geometry(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from shapely.geometry import Polygon

    from utils.geo import GeoValidationError

    bowtie = Polygon([(0, 0), (1, 1), (1, 0), (0, 1), (0, 0)])
    gpd.GeoDataFrame({"name": ["x"], "country_iso3": ["AAA"], "role": ["other"]}, geometry=[bowtie],
                     crs=4326).to_file(tmp_path / "cities.geojson")
    with pytest.raises(GeoValidationError, match="geo/cities.geojson, feature 0, column 'geometry': invalid"):
        load_layer("cities", tmp_path)


def test_country_comparison_matches_published_areas_where_the_whole_country_is_drawn(layers) -> None:  # type: ignore[no-untyped-def]
    from utils.geography import country_comparison

    table = country_comparison(layers, load_table("country_facts"))
    assert set(table.index) == {"BLR", "RUS", "UKR", "POL", "LTU", "LVA"}
    whole = table.dropna(subset=["map_area_km2"])
    assert set(whole.index) == {"BLR", "UKR", "POL", "LTU", "LVA"}, "only Russia is cut by the layer's edge"
    assert ((whole["map_area_km2"] / whole["area_km2"] - 1).abs() < 0.01).all()
    facts = load_table("country_facts").set_index("iso3")
    assert (table["population"] == facts["population"]).all()
    assert (table["people_per_km2"] == facts["population"] / facts["area_km2"]).all()
