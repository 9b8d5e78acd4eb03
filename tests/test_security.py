"""Military and nuclear builders (utils.security) and the key dates behind notebook 05."""

from __future__ import annotations

import html
import json
import math

import geopandas as gpd
import pandas as pd
import plotly.graph_objects as go
import pytest
from shapely.geometry import Point, box

import utils  # noqa: F401  (registers template and renderer)
from tests.conftest import plain_cells
from utils.data import load_events, load_sources, load_table
from utils.figures import figure_contract_problems
from utils.common_tables import article_checks_html
from utils.geo import Layers, load_layers
from utils.labels import EVIDENCE, VERDICT
from utils.maps import to_map_crs
from utils.security import (
    LANE_DAYS, STEP_STATUSES, exercises_figure, exercises_html, numbered_steps, nuclear_steps_figure,
    nuclear_steps_html, security_texts_html, status_counts, step_lanes, step_text_positions, troop_range,
)
from utils.sites import SHARED_POINT_SPREAD_KM, SITE_CONFIDENCES, site_points, sites_html, sites_map
from utils.theme import TOL_MUTED

WHOLE = ["ex-zapad-2021", "ex-zapad-2025"]
MILESTONES = {"ns-2022-02-27-referendum": "Referendum", "ns-2023-03-25-putin-announcement": "Putin's announcement"}


@pytest.fixture(scope="module")
def exercises() -> pd.DataFrame:
    return load_table("exercises")


@pytest.fixture(scope="module")
def steps() -> pd.DataFrame:
    return load_table("nuclear_steps")


@pytest.fixture(scope="module")
def sites() -> pd.DataFrame:
    return load_table("reported_sites")


@pytest.fixture(scope="module")
def layers() -> Layers:
    return load_layers()


@pytest.fixture(scope="module")
def exercises_fig(exercises: pd.DataFrame) -> go.Figure:
    return exercises_figure(exercises, "data/exercises.csv", whole_exercise_ids=WHOLE)


@pytest.fixture(scope="module")
def steps_fig(steps: pd.DataFrame) -> go.Figure:
    return nuclear_steps_figure(steps, "data/nuclear_steps.csv", milestones=MILESTONES)


@pytest.fixture(scope="module")
def sites_fig(layers: Layers, sites: pd.DataFrame) -> go.Figure:
    return sites_map(layers, sites, "data/reported_sites.csv")


def trace(fig: go.Figure, name: str) -> go.Bar | go.Scatter:
    matches = [t for t in fig.data if t.name == name]
    assert len(matches) == 1, f"expected one trace named {name!r}, found {len(matches)}"
    return matches[0]


# --- exercises ---------------------------------------------------------------------------------


def test_troop_range() -> None:
    assert troop_range(60000, 90000) == "60,000–90,000"
    assert troop_range(30000, pd.NA) == "30,000"
    assert troop_range(18000, 18000) == "18,000"
    assert troop_range(pd.NA, pd.NA) == ""


def test_exercise_bars_equal_the_table(exercises_fig: go.Figure, exercises: pd.DataFrame) -> None:
    ordered = exercises.sort_values("start_date").reset_index(drop=True)
    bars = [t for t in exercises_fig.data if t.type == "bar"]
    assert [b.name for b in bars] == [
        "Organisers' figure (official)",
        "Organisers' figure for the whole exercise in both countries (official)",
        "Other estimate (NATO, observers; disputed); whisker: high end of a range",
    ]
    official, whole, other = bars
    has_official = ordered[ordered["troops_official"].notna()]
    theatre = has_official[~has_official["id"].isin(WHOLE)]
    assert list(official.x) == list(theatre["troops_official"])
    assert list(whole.x) == list(has_official[has_official["id"].isin(WHOLE)]["troops_official"]) == [200000, 100000]
    estimated = ordered[ordered["troops_estimate_other"].notna()]
    assert list(other.x) == list(estimated["troops_estimate_other"])
    # Each bar sits at its exercise's row: official just above, the other estimate just below.
    assert [round(y) for y in other.y] == list(estimated.index)
    assert all(y < i for y, i in zip(official.y, theatre.index))


def test_exercise_range_is_drawn_as_whisker_and_label(exercises_fig: go.Figure, exercises: pd.DataFrame) -> None:
    estimated = exercises.sort_values("start_date").dropna(subset=["troops_estimate_other"])
    high = estimated["troops_estimate_other_high"].fillna(estimated["troops_estimate_other"])
    other = trace(exercises_fig, "Other estimate (NATO, observers; disputed); whisker: high end of a range")
    assert list(other.error_x.array) == list(high - estimated["troops_estimate_other"])
    assert set(other.error_x.arrayminus) == {0}
    zapad_2013 = list(estimated["id"]).index("ex-zapad-2013")
    assert other.error_x.array[zapad_2013] == 30000
    labels = trace(exercises_fig, "estimate labels")
    assert list(labels.x) == list(high)
    assert "60,000–90,000 (international observers)" in labels.text[zapad_2013]
    assert any("60,000–70,000 (NATO Review tally)" in t for t in labels.text)
    assert any("30,000 (NATO)" in t for t in labels.text)


def test_exercise_hover_names_who_gives_each_figure(exercises_fig: go.Figure, exercises: pd.DataFrame) -> None:
    estimated = exercises.sort_values("start_date").dropna(subset=["troops_estimate_other"])
    other = trace(exercises_fig, "Other estimate (NATO, observers; disputed); whisker: high end of a range")
    for by, hover in zip(estimated["estimate_by"], other.hovertext):
        assert html.escape(by)[:40] in hover.replace("<br>", " ")
    official = trace(exercises_fig, "Organisers' figure (official)")
    assert all("Organisers' figure:" in h for h in official.hovertext)


def test_exercises_without_figures_say_so(exercises_fig: go.Figure) -> None:
    missing = trace(exercises_fig, "missing figures")
    assert list(missing.text) == ["no official figure published", "no troop figure found"]
    ticks = list(exercises_fig.layout.yaxis.ticktext)
    assert ticks[0] == "Zapad-2009 (Sep 2009)" and "Union Resolve 2022 (Feb 2022)" in ticks


def test_exercise_styles_differ_by_pattern_not_only_colour(exercises_fig: go.Figure) -> None:
    official, whole, other = [t for t in exercises_fig.data if t.type == "bar"]
    patterns = [getattr(t.marker.pattern, "shape", None) or "" for t in (official, whole, other)]
    assert len(set(patterns)) == 3
    assert {official.marker.color, whole.marker.line.color, other.marker.line.color} <= set(TOL_MUTED)


def test_exercises_figure_contract(exercises_fig: go.Figure) -> None:
    assert figure_contract_problems(exercises_fig) == []
    assert exercises_fig.layout.xaxis.title.text == "Troops"
    assert exercises_fig.layout.meta["source"] == "data/exercises.csv"
    alt = exercises_fig.layout.meta["alt"]
    assert "10 joint exercises from 2009 to 2025" in alt
    assert "Zapad-2013 (12,900 official against 60,000–90,000 by international observers)" in alt
    assert "Zapad-2021 (200,000)" in alt


def test_exercises_figure_without_whole_exercise_ids(exercises: pd.DataFrame) -> None:
    fig = exercises_figure(exercises, "s")
    bars = [t for t in fig.data if t.type == "bar"]
    assert len(bars) == 2
    assert 200000 in list(bars[0].x)


def test_exercises_html(exercises: pd.DataFrame) -> None:
    page = exercises_html(exercises)
    assert page.count("<tr>") == len(exercises) + 1
    assert "60,000–90,000" in page and "none published" in page and "none found" in page
    assert "10–20 February 2022" in page
    assert "NATO (Secretary General Jens Stoltenberg)" in page


# --- doctrines ---------------------------------------------------------------------------------


def test_security_texts_html_lists_every_provision_with_sources() -> None:
    texts, sources = load_table("security_texts"), load_sources()
    page = security_texts_html(texts, sources)
    assert page.count("<tr>") == len(texts) + 1
    publishers = dict(zip(sources["id"], sources["publisher"]))
    for ids in texts["source_ids"]:
        for source_id in ids:
            assert f">{html.escape(publishers[source_id])}</a>" in page
    assert "6 December 2024" in page and "5 February 2010" in page
    # Oldest document first.
    assert page.index("Military Doctrine of the Union State (2001)") < page.index("Treaty on Security Guarantees")


def test_tables_escape_text() -> None:
    texts = pd.DataFrame({"id": ["x"], "document": ["<b>Doc</b>"], "date": [pd.Timestamp("2024-01-02")],
                          "provision": ["a < b & c"], "source_ids": [[]]})
    page = security_texts_html(texts, load_sources())
    assert "&lt;b&gt;Doc&lt;/b&gt;" in page and "a &lt; b &amp; c" in page


# --- nuclear steps -----------------------------------------------------------------------------


def test_status_counts(steps: pd.DataFrame) -> None:
    counts = status_counts(steps)
    assert list(counts) == ["confirmed", "claimed", "disputed"]
    assert sum(counts.values()) == len(steps)
    assert counts == steps["status"].value_counts().to_dict()


def test_steps_figure_one_trace_per_status_with_every_step(steps_fig: go.Figure, steps: pd.DataFrame) -> None:
    markers = [t for t in steps_fig.data if t.mode == "markers+text"]
    assert [t.name for t in markers] == [EVIDENCE[s].label for s in STEP_STATUSES]
    numbered = numbered_steps(steps).set_index("id")
    for t, status in zip(markers, STEP_STATUSES):
        part = numbered[numbered["status"] == status]
        assert list(t.customdata) == list(part.index)
        assert [pd.Timestamp(x) for x in t.x] == list(part["date"])
        assert list(t.text) == [str(n) for n in part["n"]]
    assert sorted(int(n) for t in markers for n in t.text) == list(range(1, len(steps) + 1))
    symbols = [t.marker.symbol for t in markers]
    assert len(set(symbols)) == len(symbols)
    assert {t.marker.color for t in markers} <= set(TOL_MUTED)


def test_steps_close_in_time_never_share_a_lane(steps_fig: go.Figure) -> None:
    for t in (t for t in steps_fig.data if t.mode == "markers+text"):
        points = list(zip(pd.to_datetime(list(t.x)), t.y))
        for i, (d1, y1) in enumerate(points):
            for d2, y2 in points[i + 1:]:
                if y1 == y2:
                    assert abs((d2 - d1).days) >= LANE_DAYS, f"{t.name}: steps {d1:%Y-%m-%d} and {d2:%Y-%m-%d} overlap"


def test_step_numbers_sit_on_the_freer_side(steps: pd.DataFrame) -> None:
    numbered = numbered_steps(steps)
    numbered["lane"] = step_lanes(numbered)
    numbered["position"] = step_text_positions(numbered)
    assert set(numbered["position"]) <= {"middle left", "middle right"}
    for _, lane in numbered.groupby(["status", "lane"]):
        dates, positions = list(lane["date"]), list(lane["position"])
        for k, position in enumerate(positions):
            if position == "middle left":
                assert k + 1 < len(dates), "a number goes left only towards a free side"
                after = (dates[k + 1] - dates[k]).days
                assert after < 2 * LANE_DAYS and (k == 0 or after < (dates[k] - dates[k - 1]).days)


def test_steps_figure_milestones_and_contract(steps_fig: go.Figure, steps: pd.DataFrame) -> None:
    texts = [a.text for a in steps_fig.layout.annotations]
    assert "Referendum" in texts and "Putin's announcement" in texts
    assert len(steps_fig.layout.shapes) == len(MILESTONES)
    assert figure_contract_problems(steps_fig) == []
    alt = steps_fig.layout.meta["alt"]
    counts = status_counts(steps)
    assert f"{len(steps)} numbered steps" in alt
    assert f"{counts['confirmed']} confirmed" in alt and f"{counts['disputed']} disputed" in alt


def test_nuclear_steps_html_numbers_match_the_chart(steps: pd.DataFrame) -> None:
    page = nuclear_steps_html(steps)
    assert page.count("<tr>") == len(steps) + 1
    assert "<tr><td>1</td><td>30&nbsp;Nov&nbsp;2021</td>" in plain_cells(page)
    first_disputed = numbered_steps(steps).query("status == 'disputed'").iloc[0]
    assert f"<tr><td>{first_disputed['n']}</td>" in plain_cells(page)
    for status in STEP_STATUSES:
        assert f"<strong>{EVIDENCE[status].label}</strong>" in page


# --- sites map ---------------------------------------------------------------------------------


def projected(sites: pd.DataFrame) -> gpd.GeoSeries:
    return to_map_crs(gpd.GeoDataFrame(geometry=gpd.points_from_xy(sites["lon"], sites["lat"]), crs=4326)).geometry


def test_site_points_project_and_spread_shared_points(sites: pd.DataFrame) -> None:
    points = site_points(sites)
    expected = projected(sites)
    assert list(points["x"]) == pytest.approx(list(expected.x))
    assert list(points["y"]) == pytest.approx(list(expected.y))
    shared = points[points["shares_point_with"] != ""]
    assert set(shared["id"]) == {"site-asipovichy-depot", "site-asipovichy-465-brigade"}
    for _, p in shared.iterrows():
        assert math.hypot(p["draw_x"] - p["x"], p["draw_y"] - p["y"]) == pytest.approx(SHARED_POINT_SPREAD_KM)
    alone = points[points["shares_point_with"] == ""]
    assert (alone["draw_x"] == alone["x"]).all() and (alone["draw_y"] == alone["y"]).all()


def test_sites_map_one_trace_per_confidence_at_the_table_points(sites_fig: go.Figure, sites: pd.DataFrame) -> None:
    present = [c for c in SITE_CONFIDENCES if c in set(sites["confidence"])]
    assert len(present) == 3
    points = site_points(sites).set_index("id")
    plotted = 0
    for confidence in present:
        label, symbol = EVIDENCE[confidence].label, EVIDENCE[confidence].symbol
        t = trace(sites_fig, label)
        assert t.marker.symbol == symbol and t.marker.color in TOL_MUTED
        chosen = points.loc[list(t.customdata)]
        assert set(chosen["confidence"]) == {confidence}
        assert list(t.x) == pytest.approx(list(chosen["draw_x"]))
        assert list(t.y) == pytest.approx(list(chosen["draw_y"]))
        assert [s.strip("<b/>") for s in t.text] == [str(n) for n in chosen["n"]]
        assert all(html.escape(by) in h for by, h in zip(chosen["reported_by"], t.hovertext))
        plotted += len(t.x)
    assert plotted == len(sites)
    symbols = [EVIDENCE[c].symbol for c in present]
    assert len(set(symbols)) == len(symbols)


def test_sites_lie_inside_the_main_view(sites_fig: go.Figure, sites: pd.DataFrame) -> None:
    x0, x1 = sites_fig.layout.xaxis.range
    y0, y1 = sites_fig.layout.yaxis.range
    view = box(x0, y0, x1, y1)
    assert all(view.contains(p) for p in projected(sites))


def test_sites_map_marks_crimea_occupied_on_the_locator_map(sites_fig: go.Figure, layers: Layers) -> None:
    occupied = [t for t in sites_fig.data if t.showlegend and "occupied by Russia" in (t.name or "")]
    assert len(occupied) == 1
    crimea = occupied[0]
    assert crimea.xaxis == "x2" and crimea.fillpattern.shape == "/"
    assert "68/262" in crimea.text
    x0, x1 = sites_fig.layout.xaxis2.range
    y0, y1 = sites_fig.layout.yaxis2.range
    assert box(x0, y0, x1, y1).contains(to_map_crs(layers.occupied).geometry.iloc[0])
    # The locator map frames the main view, and draws an opaque sea first so the main map does not show through.
    inset = [t for t in sites_fig.data if t.xaxis == "x2"]
    assert inset[0].fill == "toself" and inset[0].fillcolor.startswith("#")
    frame = trace(sites_fig, "main map frame")
    assert min(frame.x) == pytest.approx(sites_fig.layout.xaxis.range[0])


def test_sites_map_contract_and_alt_text(sites_fig: go.Figure, sites: pd.DataFrame) -> None:
    assert figure_contract_problems(sites_fig) == []
    alt = sites_fig.layout.meta["alt"]
    counts = sites["confidence"].value_counts()
    assert f"{len(sites)} numbered" in alt
    for confidence in SITE_CONFIDENCES:
        assert f"{counts.get(confidence, 0)} {EVIDENCE[confidence].lower}" in alt
    assert "town centre, not at the base itself" in alt and "Crimea" in alt
    assert len(json.dumps(sites_fig.to_plotly_json(), default=str)) < 150_000, "keep the map light"


def test_sites_html(sites: pd.DataFrame) -> None:
    page = sites_html(sites)
    assert page.count("<tr>") == len(sites) + 1
    assert f"<tr><td>1</td><td>{sites.iloc[0]['name']}</td>" in plain_cells(page)
    for confidence in SITE_CONFIDENCES:
        assert EVIDENCE[confidence].label in page


def test_article_checks_html_keeps_only_the_topics() -> None:
    claims = load_table("claims")
    page = article_checks_html(claims, topics=["nuclear"])
    assert page.count("<tr>") == (claims["topic"] == "nuclear").sum() + 1
    shown = claims[claims["topic"] == "nuclear"]
    for verdict in shown["verdict"]:
        assert f"<strong>{VERDICT[verdict].label}</strong>" in page


# --- key dates in the data ---------------------------------------------------------------------


def test_referendum_date_agrees_across_tables() -> None:
    referendum = pd.Timestamp("2022-02-27")
    assert load_events().set_index("id").at["constitutional-referendum-2022", "date"] == referendum
    assert load_table("security_texts").set_index("id").at["st-constitution-2022-art18", "date"] == referendum
    assert load_table("nuclear_steps").set_index("id").at["ns-2022-02-27-referendum", "date"] == referendum
    elections = load_table("elections")
    assert set(elections[elections["vote_id"] == "referendum-2022"]["date"]) == {referendum}


def test_treaty_and_invasion_dates_agree_across_tables() -> None:
    events = load_events().set_index("id")
    texts = load_table("security_texts")
    treaty = texts[texts["document"] == "Treaty on Security Guarantees within the Union State"]
    assert len(treaty) >= 2 and set(treaty["date"]) == {pd.Timestamp("2024-12-06")}
    assert events.at["security-guarantees-treaty-2024", "date"] == pd.Timestamp("2024-12-06")
    assert events.at["russian-invasion-2022", "date"] == pd.Timestamp("2022-02-24")
    union_resolve = load_table("exercises").set_index("id").loc["ex-union-resolve-2022"]
    assert union_resolve["end_date"] < events.at["russian-invasion-2022", "date"]
    steps = load_table("nuclear_steps").set_index("id")
    assert steps.at["ns-2023-03-25-putin-announcement", "date"] == events.at["putin-nuclear-announcement-2023", "date"]
    assert "depleted uranium" in steps.at["ns-2023-03-25-putin-announcement", "step"]


def test_exercise_ranges_and_dates_are_consistent(exercises: pd.DataFrame) -> None:
    ranged = exercises.dropna(subset=["troops_estimate_other_high"])
    assert (ranged["troops_estimate_other_high"] > ranged["troops_estimate_other"]).all()
    assert ranged["estimate_by"].notna().all()
    dated = exercises.dropna(subset=["end_date"])
    assert (dated["end_date"] >= dated["start_date"]).all()
    assert exercises[exercises["troops_estimate_other"].notna()]["estimate_by"].notna().all()


def test_reported_sites_lie_in_belarus(sites: pd.DataFrame, layers: Layers) -> None:
    belarus = layers.countries.set_index("iso3").geometry["BLR"]
    outside = [n for n, lon, lat in zip(sites["name"], sites["lon"], sites["lat"]) if not belarus.contains(Point(lon, lat))]
    assert outside == []
    assert sites["name"].str.contains(r"– (?:town|settlement|Homiel city) point$").all(), "names say they are town points"
