"""Figures and tables for the geography notebook, built from geo/ and data/."""

from __future__ import annotations

import ipywidgets as widgets
import pandas as pd
import plotly.graph_objects as go
from shapely.geometry import box
from IPython.display import HTML

from utils.figures import finish_figure
from utils.render import figure_bundle
from utils.geo import Layers, distances_from, geodesic_area_km2, shared_border, shared_borders
from utils.maps import neighbourhood_map, region_population_map
from utils.tables import cell, html_table
from utils.widgets import Explorer

HOME = "BLR"
CAPITALS = {"RUS": "Moscow", "UKR": "Kyiv", "POL": "Warsaw", "LTU": "Vilnius", "LVA": "Riga"}
GEO_SOURCE = "Natural Earth 5.1.1 (public domain), 10m, German point of view; geo/README.md"


def belarus_area_km2(layers: Layers) -> float:
    return geodesic_area_km2(layers.countries.set_index("iso3").geometry[HOME])


def border_comparison(layers: Layers, published: pd.DataFrame) -> pd.DataFrame:
    """Computed shared-border lengths beside both published sets, longest first.

    ``published_km`` is the CIA World Factbook's figure and ``state_km`` the one
    published by Belarusian or neighbouring state bodies; the two disagree.
    """
    computed = shared_borders(layers.countries, HOME)
    sets = published.pivot(index="neighbour_iso3", columns="measured_by", values="length_km")
    table = computed.merge(sets, left_on="iso3", right_index=True, how="left")
    table = table.rename(columns={"border_km": "computed_km", "cia_factbook": "published_km",
                                  "state_figures": "state_km"})
    table["computed_share"] = table["computed_km"] / table["published_km"]
    return table[["iso3", "name", "computed_km", "published_km", "state_km", "computed_share"]]


def country_comparison(layers: Layers, facts: pd.DataFrame) -> pd.DataFrame:
    """Belarus and its neighbours: published area and population beside the area on our map."""
    ours = layers.countries.set_index("iso3").geometry
    edge = box(*layers.countries.total_bounds).boundary
    table = facts.set_index("iso3")[["name", "area_km2", "population", "population_date"]].copy()
    # A country cut by the edge of our regional layer (Russia) has no whole area on our map.
    table["map_area_km2"] = [float("nan") if ours[iso3].intersects(edge) else geodesic_area_km2(ours[iso3])
                             for iso3 in table.index]
    table["people_per_km2"] = table["population"] / table["area_km2"]
    return table


def capital_distances(layers: Layers) -> pd.DataFrame:
    return distances_from(layers.cities, "Minsk", list(CAPITALS.values()))


def overview_figure(layers: Layers) -> go.Figure:
    neighbour_ids = list(shared_borders(layers.countries, HOME)["iso3"])
    fig = neighbourhood_map(layers.countries, layers.occupied, layers.cities, HOME, neighbour_ids)
    return finish_figure(
        fig,
        title="Belarus and its five neighbours",
        source=f"{GEO_SOURCE}; cities: GeoNames",
        alt=("Map of eastern Europe centred on Belarus, shown in blue. Its five neighbours, in sand, "
             "are Russia to the east, Ukraine to the south, Poland to the west, and Lithuania and "
             "Latvia to the north-west; every country is labelled. Russia's Kaliningrad exclave lies "
             "between Poland and Lithuania. Crimea, in the south, is part of Ukraine and hatched as "
             "occupied by Russia. Stars mark capitals, dots other cities."),
        height=760,
    )


def regions_figure(layers: Layers, population: pd.DataFrame) -> go.Figure:
    people = {str(k): int(v) for k, v in zip(population["iso_3166_2"], population["population"])}
    fig = region_population_map(layers.regions, people)
    date = pd.Timestamp(population["date"].iloc[0])
    biggest = population.sort_values("population", ascending=False).iloc[0]
    smallest = population.sort_values("population").iloc[0]
    return finish_figure(
        fig,
        title=f"Population of Belarus's regions, census of {date:%B %Y}",
        source=f"Belstat 2019 census via BelTA (official figures), data/region_population.csv; boundaries: {GEO_SOURCE}",
        alt=(f"Map of Belarus's six regions and Minsk City, shaded from light (fewer people) to dark "
             f"(more) and labelled with their populations in millions. {biggest['region']} has the most "
             f"people ({int(biggest['population']):,}) and {smallest['region']} the fewest "
             f"({int(smallest['population']):,})."),
        height=650,
    )


def neighbour_figure(layers: Layers, iso3: str, borders: pd.DataFrame) -> go.Figure:
    indexed = layers.countries.set_index("iso3").geometry
    line = shared_border(indexed[HOME], indexed[iso3])
    row: pd.Series = borders.set_index("iso3").loc[iso3]  # type: ignore[assignment]
    fig = neighbourhood_map(layers.countries, layers.occupied, layers.cities, HOME, list(borders["iso3"]),
                            highlight_iso3=iso3, border_line=line, show_occupied=False)
    return finish_figure(
        fig,
        title=f"Belarus and {row['name']}: {row['computed_km']:,.0f} km of shared border on this map",
        source=f"{GEO_SOURCE}; computed geodesic length",
        alt=(f"Map of Belarus with {row['name']} highlighted and their shared border drawn as a thick "
             f"line; on this map it measures {row['computed_km']:,.0f} km, against "
             f"{int(row['published_km']):,} km in the CIA World Factbook and {row['state_km']:,.1f} km "
             "in Belarusian and neighbouring state figures."),
        height=620,
    )


def borders_html(borders: pd.DataFrame, distances: pd.DataFrame) -> str:
    by_capital = dict(zip(distances["to"], distances["km"]))
    return html_table(
        ["Neighbour", "Border on our map (km)", "CIA Factbook (km)", "State figures (km)", "Minsk to capital (km)"],
        ([cell(r["name"]), f"{r['computed_km']:,.0f}", f"{int(r['published_km']):,}", f"{r['state_km']:,.1f}",
          f"{CAPITALS[r['iso3']]}: {by_capital[CAPITALS[r['iso3']]]:,.0f}"] for _, r in borders.iterrows()),
    )


def neighbour_explorer(layers: Layers, borders: pd.DataFrame, distances: pd.DataFrame) -> Explorer:
    """Pick a neighbour: the map highlights it and draws the shared border."""
    choose = widgets.Dropdown(options=[(n, i) for i, n in zip(borders["iso3"], borders["name"])],
                              description="Neighbour")
    by_capital = dict(zip(distances["to"], distances["km"]))

    def render() -> list[object]:
        iso3 = str(choose.value)
        capital = CAPITALS[iso3]
        return [HTML(f"<p>Minsk to {capital}: <b>{by_capital[capital]:,.0f} km</b> "  # type: ignore[no-untyped-call]
                     "as the crow flies.</p>"), neighbour_figure(layers, iso3, borders)]

    first = str(choose.value)
    first_name = str(borders.set_index("iso3").at[first, "name"])
    return Explorer(
        [choose], render,
        fallback_html=(figure_bundle(neighbour_figure(layers, first, borders))["text/html"]
                       + borders_html(borders, distances)),
        note=(f"In JupyterLab you can pick a neighbour to highlight it and draw the shared border. Here is "
              f"the map for {first_name}, and the numbers for all "
              f"{len(borders)} neighbours."),
    )


def kaliningrad_gap_km(layers: Layers) -> float:
    """Shortest distance from Belarus to Russia's Kaliningrad exclave (the Suwałki gap)."""
    from shapely.ops import nearest_points

    from utils.geo import great_circle_km

    russia = layers.countries.set_index("iso3").geometry["RUS"]
    exclave = [p for p in getattr(russia, "geoms", [russia]) if p.centroid.x < 23.0]
    home = layers.countries.set_index("iso3").geometry[HOME]
    a, b = nearest_points(home, exclave[0].union(*exclave[1:]) if len(exclave) > 1 else exclave[0])
    return great_circle_km(a.x, a.y, b.x, b.y)


def landlocked_share(layers: Layers) -> float:
    """Share of Belarus's outline that is a land border with a neighbour (1.0 = landlocked)."""
    from utils.geo import geodesic_length_km

    home = layers.countries.set_index("iso3").geometry[HOME]
    return float(shared_borders(layers.countries, HOME)["border_km"].sum()) / geodesic_length_km(home.boundary)
