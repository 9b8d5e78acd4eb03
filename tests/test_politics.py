"""The 'Power and protest' notebook: elections, political prisoners, views, and their figures."""

from __future__ import annotations

import re

import pandas as pd
import pytest

import utils  # noqa: F401  (registers template and renderer)
from tests.conftest import plain_cells
from utils.data import load_events, load_table
from utils.figures import figure_contract_problems
from utils.politics import (
    INCUMBENT, MAIN_COUNTER, election_explorer, elections_html, incumbent_results, presidential_figure,
    prisoners_figure,
)
from utils.common_tables import order_rows, views_html, vote_label

SOURCE = "test source line"


@pytest.fixture(scope="module")
def elections() -> pd.DataFrame:
    return load_table("elections")


@pytest.fixture(scope="module")
def prisoners() -> pd.DataFrame:
    return load_table("political_prisoners")


# Official results as the cited sources give them (Central Election Commission, via each row's sources).
CITED_OFFICIAL_SHARES = {
    "presidential-1994-round2": 80.34,
    "presidential-2020": 80.1,
    "presidential-2025": 86.82,
}


@pytest.mark.parametrize("vote_id", list(CITED_OFFICIAL_SHARES))
def test_lukashenko_official_shares_match_their_cited_values(elections: pd.DataFrame, vote_id: str) -> None:
    row = elections[(elections["vote_id"] == vote_id) & (elections["subject"] == INCUMBENT)
                    & (elections["figure"] == "official") & (elections["measure"] == "vote_share")]
    assert list(row["value"]) == [CITED_OFFICIAL_SHARES[vote_id]]


def test_every_vote_since_1994_is_in_the_table(elections: pd.DataFrame) -> None:
    years = sorted({int(v.split("-")[1]) for v in elections["vote_id"]})
    assert years == [1994, 1995, 1996, 2001, 2004, 2006, 2010, 2015, 2020, 2022, 2025]


def test_2020_has_official_independent_and_observer_figures(elections: pd.DataFrame) -> None:
    figures = set(elections.loc[elections["vote_id"] == "presidential-2020", "figure"])
    assert {"official", "independent", "observer", "disputed"} <= figures


def test_vote_dates_agree_with_the_events_table(elections: pd.DataFrame) -> None:
    events = load_events().set_index("id")
    pairs = {"presidential-2020": "presidential-election-2020", "referendum-2022": "constitutional-referendum-2022",
             "referendum-1995": "referendum-language-symbols-1995", "referendum-2004": "referendum-term-limits-2004"}
    for vote_id, event_id in pairs.items():
        dates = set(elections.loc[elections["vote_id"] == vote_id, "date"])
        assert dates == {events.loc[event_id, "date"]}, vote_id


def test_vote_label_reads_well() -> None:
    assert vote_label("presidential-1994-round2") == "Presidential election 1994, round 2"
    assert vote_label("presidential-2020") == "Presidential election 2020"
    assert vote_label("referendum-2022") == "Referendum 2022"


def test_presidential_figure_plots_the_official_series_and_labels_others(elections: pd.DataFrame) -> None:
    fig = presidential_figure(elections, SOURCE)
    assert figure_contract_problems(fig) == []
    official = next(t for t in fig.data if t.name == "Lukashenko's share of the vote (official)")
    expected = incumbent_results(elections)
    expected = expected[(expected["series"] != "Turnout") & (expected["figure"] == "official")]
    assert list(official.y) == list(expected["value"])
    assert official.mode == "lines+markers+text"
    # The Golos/BYPOL estimates are labelled opposition, not independent.
    assert not any("(independent)" in t.name for t in fig.data)
    opposition = next(t for t in fig.data if "(opposition)" in t.name)
    # Separate estimates are not joined into a line.
    assert "lines" not in opposition.mode and opposition.marker.symbol != official.marker.symbol
    assert f"{min(expected['value']):.0f}%" in fig.layout.meta["alt"]
    assert f"{max(expected['value']):.0f}%" in fig.layout.meta["alt"]


def test_prisoners_figure_separates_counts_from_pardons(prisoners: pd.DataFrame) -> None:
    fig = prisoners_figure(prisoners, SOURCE)
    assert figure_contract_problems(fig) == []
    viasna, others, pardons = fig.data
    held = prisoners[prisoners["measure"] == "held"].sort_values("date")
    assert list(viasna.y) == list(held.loc[held["counted_by"] == MAIN_COUNTER, "count"])
    assert len(others.y) == (held["counted_by"] != MAIN_COUNTER).sum()
    assert pardons.type == "bar" and list(pardons.y) == list(
        prisoners[prisoners["measure"] == "pardoned"].sort_values("date")["count"])
    assert pardons.yaxis == "y2"  # own panel: a decree's releases are not a count of prisoners
    assert f"{held['count'].max():,}" in fig.layout.meta["alt"], "the peak count is in the description"


def test_held_counts_peak_in_2023_and_fall_with_the_releases(prisoners: pd.DataFrame) -> None:
    held = prisoners[prisoners["measure"] == "held"].set_index("date")["count"].sort_index()
    # Pinned: political_prisoners.csv row pp-2023-04-28-viasna-held (Viasna's 1,500, the series' peak).
    assert held.idxmax() == pd.Timestamp("2023-04-28") and held.max() == 1500
    assert held[held.index >= "2025-01-01"].max() < held.max()
    assert set(prisoners.loc[prisoners["measure"] == "pardoned", "figure"]) == {"official"}


def test_elections_html_has_one_closed_section_per_vote(elections: pd.DataFrame) -> None:
    page = elections_html(elections)
    assert page.count("<details class='vote'>") == elections["vote_id"].nunique()
    assert page.count("<tr>") == len(elections) + elections["vote_id"].nunique()


def test_order_rows_puts_results_first_then_turnout_then_assessments(elections: pd.DataFrame) -> None:
    rows = order_rows(elections[elections["vote_id"] == "presidential-2020"])
    measures = list(rows["measure"])
    assert measures.index("turnout") > measures.index("vote_share")
    assert measures[-1] == "assessment"


def test_election_explorer_shows_the_chosen_vote(elections: pd.DataFrame) -> None:
    explorer = election_explorer(elections)
    (choose,), out = explorer.controls, explorer.output
    choose.value = "referendum-1995"
    shown = out.outputs[-1]["data"]["text/html"]
    assert "Russian as a state language" in shown and "Lukashenko" not in shown
    assert explorer._repr_mimebundle_()["text/html"].count("<details") == elections["vote_id"].nunique()


def test_views_html_filters_topics_and_keeps_date_order() -> None:
    views = load_table("views")
    page = views_html(views, ["referendum"])
    assert page.count("<tr>") == (views["topic"] == "referendum").sum() + 1
    shown = re.findall(r"<td>(\d{4}(?:-\d{2}){0,2})</td>", plain_cells(views_html(views)))
    assert len(shown) == len(views) and shown == sorted(shown)
