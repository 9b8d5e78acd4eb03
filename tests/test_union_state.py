"""The Union State notebook's tables, figures and key dates."""

from __future__ import annotations

import pandas as pd
import pytest

import utils  # noqa: F401  (registers template and renderer)
from utils.data import load_events, load_table
from utils.figures import figure_contract_problems
from utils.labels import COMMITMENT_STATUS, INSTITUTION_STATUS
from utils.union_state import (
    FOUNDING_CHAIN, agreements_figure, agreements_html, commitments_figure,
    commitments_html, founding_chain, institutions_figure, short_label,
)

SOURCE = "test source line"


@pytest.fixture(scope="module")
def agreements() -> pd.DataFrame:
    return load_table("agreements")


@pytest.fixture(scope="module")
def commitments() -> pd.DataFrame:
    return load_table("union_state_commitments")


@pytest.fixture(scope="module")
def institutions() -> pd.DataFrame:
    return load_table("union_state_institutions")


# Two dates pinned on purpose, each checked in the sources its row cites (data/agreements.csv):
# the source article conflates the 1996 Community treaty with the 1999 Union State treaty.
PINNED_DATES = {
    # row community-treaty-1996, sources moscowtimes-1996-sweeping-union-pact, jamestown-1996-04-the-treaty
    "community-treaty-1996": "1996-04-02",
    # row union-state-treaty-1999, sources un-a-54-666-union-state-treaty, guardian-1999-union-treaty
    "union-state-treaty-1999": "1999-12-08",
}


@pytest.mark.parametrize("agreement_id", list(PINNED_DATES))
def test_pinned_agreement_dates_match_their_sources(agreements: pd.DataFrame, agreement_id: str) -> None:
    row = agreements.set_index("id").loc[agreement_id]
    assert row["date"] == pd.Timestamp(PINNED_DATES[agreement_id])
    assert len(row["source_ids"]) >= 2


def test_every_founding_chain_agreement_is_dated_sourced_and_in_treaty_order(agreements: pd.DataFrame) -> None:
    chain = founding_chain(agreements)
    assert chain["date"].notna().all()
    assert all(len(ids) >= 1 for ids in chain["source_ids"])
    for agreement_id in chain["id"]:  # an id's year is the year the row's date gives
        assert agreement_id.endswith(str(chain.set_index("id").at[agreement_id, "date"].year))


def test_agreements_and_events_agree_on_shared_dates(agreements: pd.DataFrame) -> None:
    events = load_events().set_index("id")
    shared = [i for i in agreements["id"] if i in events.index]
    assert len(shared) >= 6
    for agreement_id in shared:
        assert agreements.set_index("id").loc[agreement_id, "date"] == events.loc[agreement_id, "date"], agreement_id


def test_founding_chain_is_in_date_order_with_short_names(agreements: pd.DataFrame) -> None:
    chain = founding_chain(agreements)
    assert set(chain["id"]) == set(FOUNDING_CHAIN)
    assert chain["date"].is_monotonic_increasing
    assert list(chain["short_name"]) == [FOUNDING_CHAIN[i] for i in chain["id"]]


def test_agreements_figure_places_one_step_per_agreement(agreements: pd.DataFrame) -> None:
    chain = founding_chain(agreements)
    fig = agreements_figure(chain, SOURCE)
    assert figure_contract_problems(fig) == []
    assert list(fig.data[0].x) == list(range(len(chain)))
    labels = [a.text for a in fig.layout.annotations if a.text and a.text.startswith("<b>")]
    assert labels[0].startswith("<b>02 Apr 1996</b>") and "Union State treaty" in " ".join(labels)
    # The 22-year gap between 2000 and 2021 is stated, since even spacing hides it.
    assert any("22 years" in (a.text or "") for a in fig.layout.annotations)
    assert "8 agreements" in fig.layout.meta["alt"]


def test_agreements_html_lists_every_agreement_and_escapes(agreements: pd.DataFrame) -> None:
    page = agreements_html(agreements)
    assert page.count("<tr>") == len(agreements) + 1
    tricky = agreements.head(1).assign(what_it_did="<script>alert(1)</script>")
    assert "<script>" not in agreements_html(tricky)


def test_short_label_keeps_year_ranges_together() -> None:
    assert short_label("union-programmes-2021-2023") == "Union programmes 2021-2023"
    assert short_label("single-currency") == "Single currency"


def test_commitments_figure_has_one_trace_per_status_and_skips_undated(commitments: pd.DataFrame) -> None:
    fig = commitments_figure(commitments, SOURCE)
    assert figure_contract_problems(fig) == []
    dated = commitments[commitments["agreed_date"].notna()]
    assert sum(len(t.x) for t in fig.data) == len(dated)
    for trace in fig.data:
        status = next(s for s, label in COMMITMENT_STATUS.items() if trace.name.startswith(label.label))
        assert trace.name == f"{COMMITMENT_STATUS[status].label} ({(dated['status'] == status).sum()})"
        assert trace.marker.symbol == COMMITMENT_STATUS[status].symbol
    undated = len(commitments) - len(dated)
    assert (f"{undated} commitment(s) without a verified date" in fig.layout.meta["alt"]) == (undated > 0)


def test_commitments_statuses_match_the_sources_on_key_rows(commitments: pd.DataFrame) -> None:
    status = commitments.set_index("id")["status"]
    # A single currency was planned (2000 agreement) and never introduced; the 2024 treaty is in force.
    assert status["single-currency"] == "not_implemented"
    assert status["common-customs-space"] == "implemented"
    assert status["security-guarantees-treaty"] == "implemented"
    assert status["union-parliament-direct-elections"] == "not_implemented"


def test_commitments_html_shows_status_words_not_only_colour(commitments: pd.DataFrame) -> None:
    page = commitments_html(commitments)
    assert page.count("Not implemented") == (commitments["status"] == "not_implemented").sum()


def test_institutions_figure_draws_a_box_per_body_with_its_status_in_words(institutions: pd.DataFrame) -> None:
    fig = institutions_figure(institutions, SOURCE)
    assert figure_contract_problems(fig) == []
    boxes = [s for s in fig.layout.shapes if s.type == "rect"]
    assert len(boxes) == len(institutions)
    texts = " ".join(a.text or "" for a in fig.layout.annotations)
    for _, body in institutions.iterrows():
        assert str(body["name"]).split(" (")[0] in texts.replace("<br>", " ")
    planned = institutions["status"] == "planned_not_created"
    assert texts.count(INSTITUTION_STATUS["planned_not_created"].lower) == planned.sum()
    dashed = [b for b in boxes if b.line.dash == "dash"]
    assert len(dashed) == planned.sum()
    assert "Court of the Union State" in fig.layout.meta["alt"]
