"""Sanctions and economy: the builders of utils/sanctions.py and the data behind them."""

from __future__ import annotations

from functools import cache

import pandas as pd
import plotly.graph_objects as go
import pytest

import utils  # noqa: F401  (registers template and renderer)
from tests.conftest import plain_cells
from utils.data import load_events, load_table, resource_descriptor
from utils.figures import figure_contract_problems
from utils.sanctions import (
    OTHER_REGIME_LISTINGS, TRIGGER_EVENTS,
    cumulative_listings_figure, describe_selection, economy_html, filter_measures, latest_totals,
    listings_over_time, measure_positions, measures_by_trigger, measures_by_trigger_html, measures_html, measures_timeline_figure, sanctions_explorer,
    total_drops, trade_figure, trade_html, trigger_dates,
)
from utils.labels import AUTHORITY, MEASURE_TYPE, TRADE_MEASURE, TRIGGER
from utils.tables import CELL_STYLE
from utils.theme import TOL_MUTED
from utils.widgets import WIDGET_MIME

SHARES = ["share_of_total_trade_with_russia", "share_of_exports_to_russia", "share_of_imports_from_russia",
          "share_of_exports_dependent_on_russia_incl_transit"]


@cache
def sanctions() -> pd.DataFrame:
    return load_table("sanctions")


@cache
def events() -> pd.DataFrame:
    return load_events()


def enum(table: str, field: str) -> list[str]:
    fields = resource_descriptor(table)["schema"]["fields"]
    return list(next(f for f in fields if f["name"] == field)["constraints"]["enum"])


def row(measure_id: str) -> pd.Series:
    return sanctions().set_index("id").loc[measure_id]


@pytest.fixture(scope="module")
def cumulative() -> go.Figure:
    return cumulative_listings_figure(sanctions(), "Union State Explained, data/sanctions.csv",
                                      trigger_dates(events()))


@pytest.fixture(scope="module")
def timeline() -> go.Figure:
    return measures_timeline_figure(sanctions(), "Union State Explained, data/sanctions.csv",
                                    trigger_dates(events()))


@pytest.fixture(scope="module")
def trade_chart() -> go.Figure:
    return trade_figure(load_table("trade"), SHARES, "Union State Explained, data/trade.csv")


# --- data -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("field", ["trigger", "measure_type", "authority"])
def test_every_value_of_the_schema_is_used(field: str) -> None:
    assert set(enum("sanctions", field)) == set(sanctions()[field])


@pytest.mark.parametrize("column", ["persons", "entities"])
def test_stated_totals_only_fall_where_the_row_explains_a_removal(column: str) -> None:
    drops = total_drops(sanctions(), column)
    for _, drop in drops.iterrows():
        explained = drop["measure_type"] == "relief" or any(
            word in drop["summary"] for word in ("removed", "fewer", "delist"))
        assert explained, f"{drop['id']}: {column}_total falls without an explanation"
    # What the data say today: no authority's count of people ever falls; the EU's
    # count of entities fell by one at the February 2023 renewal.
    expected = {"persons": set(), "entities": {"eu-2023-02-27-renewal"}}[column]
    assert set(drops["id"]) == expected
    if column == "entities":
        assert drops.iloc[0][["previous_total", "entities_total"]].tolist() == [35, 34]


def test_relief_rows_exist_for_2025_and_answer_prisoner_releases() -> None:
    relief = sanctions()[sanctions()["measure_type"] == "relief"]
    assert len(relief) >= 2
    assert (relief["date"].dt.year == 2025).all()
    assert set(relief["trigger"]) == {"prisoner_release_2025"}
    # No relief row claims a count of people added.
    assert relief["persons_added"].isna().all() and relief["persons_total"].isna().all()


def test_relief_coincides_with_the_prisoner_releases_in_the_timeline() -> None:
    dates = events().set_index("id")["date"]
    assert row("us-2025-09-11-belavia-relief")["date"] == dates["prisoners-released-belavia-2025"]
    assert row("us-2025-12-13-potash-relief")["date"] == dates["prisoners-released-potash-2025"]


def test_key_dates_match_the_cited_values() -> None:
    dates = events().set_index("id")["date"]
    # Pinned: events.csv row ryanair-diversion-2021 (source bbc-2021-05-24-ryanair-live).
    assert dates["ryanair-diversion-2021"] == pd.Timestamp("2021-05-23")
    assert dates["eu-first-sanctions-2020"] == row("eu-2020-10-02-first-package")["date"]
    assert dates["eu-airspace-ban-belarusian-carriers-2021"] == row("eu-2021-06-04-airspace-ban")["date"]
    assert row("eu-2021-06-04-airspace-ban")["trigger"] == "ryanair_2021"
    # Pinned: events.csv row russian-invasion-2022 (sources washingtonpost-2022-02-24-maps and
    # sky-seasideradio-2022-02-24-invasion).
    assert dates["russian-invasion-2022"] == pd.Timestamp("2022-02-24")


def test_sums_of_stated_additions_agree_with_stated_totals() -> None:
    """Where an authority states a total right after stating additions, the two agree: the last
    stated total plus every addition stated since gives the next stated total."""
    for later, earlier in (("eu-2020-11-06-second-package", "eu-2020-10-02-first-package"),
                           ("us-2020-12-23-cec-omon-kgb-alpha", "us-2020-10-02-eight-officials"),
                           ("ca-2021-12-02-listings", "ca-2020-10-15-thirty-one")):
        authority = sanctions()[sanctions()["authority"] == row(later)["authority"]].sort_values(["date", "id"])
        between = authority[(authority["date"] > row(earlier)["date"]) & (authority["date"] <= row(later)["date"])]
        added = between["persons_added"].fillna(0).sum()
        assert row(later)["persons_total"] == row(earlier)["persons_total"] + added, later


def test_listings_under_other_regimes_are_named_in_the_data() -> None:
    for measure_id in OTHER_REGIME_LISTINGS:
        measure = row(measure_id)
        assert pd.notna(measure["persons_added"]) and pd.isna(measure["persons_total"])
        assert "Russia" in measure["summary"] or "Ukraine" in measure["summary"]


def test_food_embargo_was_russias_own_ban() -> None:
    embargo = events().set_index("id").loc["russia-food-embargo-2014"]
    assert "Russia bans Western food" in embargo["title"]
    assert "not Western sanctions" in embargo["article_note"]
    facts = load_table("economy_facts").set_index("id")
    assert facts.loc["ef-2014-08-06-putin-decree", "topic"] == "food_embargo_2014"
    assert "sanctions on Russia" in facts.loc["ef-2014-08-06-putin-decree", "fact"]


# --- counts ---------------------------------------------------------------------------------------

def test_listings_over_time_uses_stated_totals_and_adds_stated_additions() -> None:
    counts = listings_over_time(sanctions()).set_index("measure_id")
    stated = sanctions()[sanctions()["persons_total"].notna()]
    for _, measure in stated.iterrows():
        assert counts.loc[measure["id"], "count"] == measure["persons_total"]
        assert counts.loc[measure["id"], "stated"]
    # Canada, Nov 2020: no total stated, so the last stated total plus the stated additions.
    assert counts.loc["ca-2020-11-06-thirteen", "count"] == (row("ca-2020-10-15-thirty-one")["persons_total"]
                                                            + row("ca-2020-11-06-thirteen")["persons_added"])
    assert not counts.loc["ca-2020-11-06-thirteen", "stated"]
    # A row with no stated number is not a point.
    assert "us-2022-02-24-invasion" not in counts.index
    assert "eu-2021-06-24-economic-sanctions" not in counts.index


def test_listings_under_other_regimes_are_left_out() -> None:
    counts = listings_over_time(sanctions())
    assert not set(OTHER_REGIME_LISTINGS) & set(counts["measure_id"])
    with_them = listings_over_time(sanctions(), exclude={})
    assert set(OTHER_REGIME_LISTINGS) <= set(with_them["measure_id"])
    # Counting the EU's 22 officers of March 2022 would make the EU's count fall in June 2022.
    eu = with_them[with_them["authority"] == "EU"]["count"]
    assert not eu.is_monotonic_increasing


@pytest.mark.parametrize("column", ["persons", "entities"])
def test_running_counts_never_fall_unless_the_drop_is_explained(column: str) -> None:
    counts = listings_over_time(sanctions(), column)
    explained = set(total_drops(sanctions(), column)["id"])
    for authority, part in counts.groupby("authority"):
        falls = part[part["count"].diff() < 0]
        assert set(falls["measure_id"]) <= explained, f"{authority}: {column} count falls at {list(falls['measure_id'])}"


def test_latest_totals() -> None:
    latest = latest_totals(sanctions()).set_index("authority")
    for authority, part in sanctions().dropna(subset=["persons_total"]).groupby("authority"):
        last = part.sort_values("date").iloc[-1]
        assert latest.loc[authority, "date"] == last["date"]
        assert latest.loc[authority, "persons_total"] == last["persons_total"]
    assert list(latest["persons_total"]) == sorted(latest["persons_total"], reverse=True)
    assert set(latest.index) == set(sanctions().dropna(subset=["persons_total"])["authority"])


def test_trigger_dates_come_from_the_events_table() -> None:
    dates = trigger_dates(events())
    indexed = events().set_index("id")["date"]
    assert dates == {t: indexed[e] for t, e in TRIGGER_EVENTS.items()}


# --- cumulative listings figure -------------------------------------------------------------------

def test_cumulative_figure_has_one_line_per_authority_with_the_table_values(cumulative: go.Figure) -> None:
    counts = listings_over_time(sanctions())
    lines = [t for t in cumulative.data if t.name in AUTHORITY]
    assert [t.name for t in lines] == [a for a in AUTHORITY if a in set(counts["authority"])]
    for trace in lines:
        part = counts[counts["authority"] == trace.name]
        assert list(trace.y) == part["count"].tolist()
        assert list(pd.to_datetime(trace.x)) == part["date"].tolist()
        assert list(trace.customdata) == part["measure_id"].tolist()
        assert trace.line.shape == "hv"


def test_cumulative_figure_tells_stated_totals_from_sums_by_shape(cumulative: go.Figure) -> None:
    counts = listings_over_time(sanctions())
    for trace in (t for t in cumulative.data if t.name in AUTHORITY):
        stated = counts[counts["authority"] == trace.name]["stated"].tolist()
        assert [not s.endswith("-open") for s in trace.marker.symbol] == stated
    symbols = {t.marker.symbol[0].removesuffix("-open") for t in cumulative.data if t.name in AUTHORITY}
    colours = [t.marker.color for t in cumulative.data if t.name in AUTHORITY]
    assert len(symbols) == len(colours) == len(set(colours))
    assert set(colours) <= set(TOL_MUTED)
    labels = {a.text.strip() for a in cumulative.layout.annotations if (a.name or "").startswith("label-")}
    assert labels == set(counts["authority"])


def test_cumulative_figure_marks_relief_and_triggers(cumulative: go.Figure) -> None:
    relief = next(t for t in cumulative.data if t.name.startswith("Relief"))
    expected = sanctions()[sanctions()["measure_type"] == "relief"].sort_values("date")
    assert list(relief.customdata) == expected["id"].tolist()
    assert set(relief.y) == {130}  # the US count when the relief came (sum of stated additions)
    triggers = {a.text for a in cumulative.layout.annotations if (a.name or "").startswith("trigger-")}
    assert triggers == {TRIGGER[t].short for t in TRIGGER_EVENTS}


def test_cumulative_figure_contract(cumulative: go.Figure) -> None:
    assert figure_contract_problems(cumulative) == []
    alt = cumulative.layout.meta["alt"]
    assert "EU" in alt and "312" in alt and "relief" in alt
    assert cumulative.layout.yaxis.title.text.startswith("People listed")
    assert "data/sanctions.csv" in cumulative.layout.meta["source"]


# --- measures timeline ----------------------------------------------------------------------------

def test_timeline_plots_every_measure_once_by_trigger(timeline: go.Figure) -> None:
    data = sanctions().set_index("id")
    plotted = [i for t in timeline.data for i in t.customdata]
    assert sorted(plotted) == sorted(data.index)
    names = {label.label: value for value, label in TRIGGER.items()}
    for trace in timeline.data:
        trigger = names[trace.name]
        assert set(data.loc[list(trace.customdata), "trigger"]) == {trigger}
        assert list(pd.to_datetime(trace.x)) == data.loc[list(trace.customdata), "date"].tolist()


def test_timeline_rows_are_authorities_and_same_day_measures_do_not_overlap(timeline: go.Figure) -> None:
    ticks = dict(zip(timeline.layout.yaxis.tickvals, timeline.layout.yaxis.ticktext))
    data = sanctions().set_index("id")
    points = []
    for trace in timeline.data:
        for measure_id, x, y in zip(trace.customdata, trace.x, trace.y):
            assert ticks[round(y)] == data.loc[measure_id, "authority"]
            points.append((pd.Timestamp(x), round(y, 3)))
    assert len(points) == len(set(points)), "two measures drawn on the same spot"
    positions = measure_positions(sanctions())
    assert positions.index.equals(sanctions().index)


def test_timeline_draws_relief_open_and_triggers_by_shape(timeline: go.Figure) -> None:
    data = sanctions().set_index("id")
    base_symbols = set()
    for trace in timeline.data:
        symbols = list(trace.marker.symbol)
        kinds = data.loc[list(trace.customdata), "measure_type"].tolist()
        assert [s.endswith("-open") for s in symbols] == [k == "relief" for k in kinds]
        base_symbols.add(symbols[0].removesuffix("-open"))
    assert len(base_symbols) == len(timeline.data), "each trigger needs its own marker shape"


def test_timeline_contract(timeline: go.Figure) -> None:
    assert figure_contract_problems(timeline) == []
    alt = timeline.layout.meta["alt"]
    assert f"{len(sanctions())} sanctions measures" in alt and "3 relief" in alt
    assert timeline.layout.yaxis.title.text == "Authority"
    # The legend sits under the axis, and the source line under the legend.
    source = next(a for a in timeline.layout.annotations if a.name == "source-line")
    assert source.y < timeline.layout.legend.y < 0


# --- table, filter, explorer ----------------------------------------------------------------------

def test_filter_measures_by_authority_type_and_years() -> None:
    chosen = filter_measures(sanctions(), ["US"], ["relief"], (2025, 2025))
    assert set(chosen["id"]) == {"us-2025-09-11-belavia-relief", "us-2025-11-04-belavia-delisting",
                                 "us-2025-12-13-potash-relief"}
    ryanair_year = filter_measures(sanctions(), list(AUTHORITY), list(MEASURE_TYPE), (2021, 2021))
    assert len(ryanair_year) == (sanctions()["date"].dt.year == 2021).sum()
    assert filter_measures(sanctions(), [], list(MEASURE_TYPE), (2020, 2026)).empty
    everything = filter_measures(sanctions(), list(AUTHORITY), list(MEASURE_TYPE), (2000, 2030))
    assert len(everything) == len(sanctions())


def test_describe_selection() -> None:
    chosen = filter_measures(sanctions(), ["US"], ["relief"], (2025, 2025))
    assert describe_selection(chosen, len(sanctions())) == f"3 of {len(sanctions())} measures: 3 relief (lifted or eased)"
    assert describe_selection(chosen.iloc[0:0], 10).startswith("0 of 10")


def test_measures_table_lists_every_measure_with_its_counts() -> None:
    page = measures_html(sanctions())
    assert page.count("<tr>") == len(sanctions()) + 1
    assert "+78, total 166" in page  # EU fourth package: people
    assert "+8, total 15" in page  # and entities
    assert page.count("<details>") == len(sanctions())  # summaries fold open on a click
    relief = sanctions()[sanctions()["measure_type"] == "relief"]
    unfolded = measures_html(relief, fold=False)
    assert "<details>" not in unfolded and "General License 13" in unfolded
    assert plain_cells(unfolded).count("<td>Relief</td>") == len(relief)


def test_explorer_refreshes_and_has_a_static_fallback() -> None:
    explorer = sanctions_explorer(sanctions())
    bundle = explorer._repr_mimebundle_()
    assert WIDGET_MIME in bundle
    assert bundle["text/html"].count("<tr>") == len(sanctions()) + 1
    assert "Loading widget" not in bundle["text/html"]
    pick_auth, pick_type, years = explorer.controls
    out = explorer.output
    assert out.outputs[0]["text"].startswith(f"{len(sanctions())} of {len(sanctions())} measures")
    pick_auth.value = ("US",)
    pick_type.value = ("relief",)
    years.value = (2025, 2025)
    text = out.outputs[0]["text"]
    assert text.startswith(f"3 of {len(sanctions())} measures")
    table = out.outputs[1]["data"]["text/html"]
    assert table.count("<tr>") == 4 and "General License 13" in table
    assert len(out.outputs) == 2, "each refresh replaces the output"
    pick_auth.value = ("Japan",)
    assert len(out.outputs) == 1 and "Nothing matches" in out.outputs[0]["data"]["text/html"]


# --- trade and economy ----------------------------------------------------------------------------

def test_trade_figure_values_equal_the_table(trade_chart: go.Figure) -> None:
    trade = load_table("trade").set_index("id")
    plotted = [i for t in trade_chart.data for i in t.customdata]
    assert sorted(plotted) == sorted(trade[trade["measure"].isin(SHARES)].index)
    for trace in trade_chart.data:
        rows = trade.loc[list(trace.customdata)]
        assert list(trace.y) == rows["value"].tolist()
        assert list(trace.x) == rows["year"].tolist()
        assert len(set(rows["measure"])) == 1 and len(set(rows["figure"])) == 1
        label, figure = TRADE_MEASURE[rows["measure"].iloc[0]].short, rows["figure"].iloc[0]
        assert trace.name.startswith(label)
        assert ("official" in trace.name) == (figure == "official")


def test_trade_figure_tells_official_from_independent(trade_chart: go.Figure) -> None:
    for trace in trade_chart.data:
        independent = "independent" in trace.name
        assert trace.marker.symbol.endswith("-open") == independent
        if independent:
            assert trace.mode == "markers", "independent estimates are not joined to official series"
    official_total = next(t for t in trade_chart.data if t.name == "All trade (official)")
    assert dict(zip(official_total.x, official_total.y))[2022] == 60
    assert figure_contract_problems(trade_chart) == []
    alt = trade_chart.layout.meta["alt"]
    assert "official" in alt and "independent" in alt and "90%" in alt
    assert list(trade_chart.layout.yaxis.range) == [0, 100]


def test_economy_table() -> None:
    facts = load_table("economy_facts")
    page = economy_html(facts, ["food_embargo_2014"])
    assert page.count("<tr>") == (facts["topic"] == "food_embargo_2014").sum() + 1
    assert "6 August 2014" in page and "Parmigiano" in page
    everything = economy_html(facts)
    assert everything.count("<tr>") == len(facts) + 1
    assert "USD 165.6 per 1,000 m³" in everything and "USD 10 bn" in everything and "80%" in everything
    assert "independent" in everything and "official" in everything


def test_trade_table_keeps_whole_notes() -> None:
    trade = load_table("trade")
    turnover = trade[trade["measure"] == "russia_trade_turnover_usd_bn"]
    page = trade_html(turnover)
    assert page.count("<tr>") == len(turnover) + 1
    assert "USD 46.5 bn" in page and "USD 53 bn" in page
    longest = max(turnover["note"], key=len)
    assert longest.replace("'", "&#x27;") in page


def test_measures_by_trigger_counts_every_measure_in_the_vocabularys_words() -> None:
    data = sanctions()
    table = measures_by_trigger(data)
    invasion, listings = TRIGGER.label("invasion_2022"), MEASURE_TYPE.short("individual_listings")
    expected = ((data["trigger"] == "invasion_2022") & (data["measure_type"] == "individual_listings")).sum()
    assert table.loc[invasion, listings] == expected > 0
    assert table.loc["All events", "All types"] == len(data)
    events = table.drop(index="All events")
    assert (events.drop(columns="All types").sum(axis=1) == events["All types"]).all()
    assert list(table.columns[:-1]) == [MEASURE_TYPE.short(t) for t in MEASURE_TYPE.present(data["measure_type"])]
    assert not (set(data["trigger"]) | set(data["measure_type"])) & (set(table.index) | set(table.columns))
    html = measures_by_trigger_html(data)
    assert html.count("<tr>") == len(table) + 1 and f"<td{CELL_STYLE}>{invasion}</td>" in html.replace("&#x27;", "'")
