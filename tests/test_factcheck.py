"""Fact-check lab: verdict counts, the summary chart, the claim explorer, claims.csv against the data."""

from __future__ import annotations

import re
from functools import cache

import pandas as pd
import pytest

from utils.data import load_events, load_sources, load_table
from utils.factcheck import (
    build_claim_explorer, claim_explorer, claims_by_origin, claims_html, evidence_kinds,
    verdict_counts, verdict_figure, year_flags,
)
from utils.figures import figure_contract_problems
from utils.labels import ERROR_ORIGIN, VERDICT
from utils.theme import TOL_MUTED
from utils.widgets import WIDGET_MIME

CLAIMS = load_table("claims")
SOURCE_LINE = "Union State Explained, data/claims.csv"


@cache
def events() -> pd.DataFrame:
    return load_events().set_index("id", drop=False)


@cache
def sources() -> pd.DataFrame:
    return load_sources()


def claim(claim_id: str) -> pd.Series:
    row: pd.Series = CLAIMS.set_index("id").loc[claim_id]
    return row


def html_of(output: dict) -> str:  # type: ignore[type-arg]
    return str(output.get("data", {}).get("text/html", ""))


# --- verdict counts -------------------------------------------------------------------------------

def test_verdict_counts_equal_the_table() -> None:
    counts = verdict_counts(CLAIMS)
    assert list(counts.index) == list(VERDICT)
    assert list(counts.columns) == [*ERROR_ORIGIN, "total"]
    for verdict in VERDICT:
        for origin in ERROR_ORIGIN:
            expected = int(((CLAIMS["verdict"] == verdict) & (CLAIMS["error_origin"] == origin)).sum())
            assert counts.loc[verdict, origin] == expected, (verdict, origin)
        assert counts.loc[verdict, "total"] == int((CLAIMS["verdict"] == verdict).sum())
    assert counts["total"].sum() == len(CLAIMS) == 40


def test_verdict_counts_keep_categories_that_have_no_claims() -> None:
    only_accurate = CLAIMS[CLAIMS["verdict"] == "accurate"]
    counts = verdict_counts(only_accurate)
    assert counts.loc["inaccurate", "total"] == 0 and counts.loc["accurate", "none"] == len(only_accurate)


def test_claims_by_origin_selects_the_rewording_errors() -> None:
    reworded = claims_by_origin(CLAIMS, "rewording")
    assert list(reworded["id"]) == list(CLAIMS.loc[CLAIMS["error_origin"] == "rewording", "id"])
    assert set(reworded["verdict"]) == {"inaccurate"}
    with pytest.raises(KeyError, match="no label for .typo. in the vocabulary .error_origin."):
        claims_by_origin(CLAIMS, "typo")


def test_year_flags_catch_the_2015_corruptions() -> None:
    flags = year_flags(CLAIMS, events())
    reworded_2015 = {c for c, text in zip(CLAIMS["id"], CLAIMS["claim"]) if "'2015'" in text}
    assert reworded_2015 and reworded_2015 <= set(flags["id"])
    assert (flags.set_index("id").loc[sorted(reworded_2015), "year_in_claim"] == 2015).all()
    # Every flagged year really is missing from the claim's related events.
    for _, flag in flags.iterrows():
        years = {d.year for d in events().loc[claim(flag["id"])["related_event_ids"], "date"]}
        assert flag["year_in_claim"] not in years


def test_evidence_kinds_count_each_cited_source_once() -> None:
    kinds = evidence_kinds(CLAIMS, sources())
    cited = {s for ids in CLAIMS["evidence_source_ids"] for s in ids}
    assert kinds.sum() == len(cited)
    assert list(kinds) == sorted(kinds, reverse=True)


# --- the summary chart ----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def figure():  # type: ignore[no-untyped-def]
    return verdict_figure(CLAIMS, SOURCE_LINE)


def test_figure_has_one_trace_per_error_origin_with_the_table_counts(figure) -> None:  # type: ignore
    counts = verdict_counts(CLAIMS)
    assert len(figure.data) == len(ERROR_ORIGIN)
    for trace, origin in zip(figure.data, ERROR_ORIGIN):
        assert trace.type == "bar" and trace.orientation == "h"
        assert list(trace.x) == [int(counts.loc[v, origin]) for v in VERDICT]
        assert [label.split(" (")[0] for label in trace.y] == [v.label for v in VERDICT.values()]
        assert list(trace.text) == [str(n) if n else "" for n in trace.x], "counts are written on the bars"
    assert figure.layout.barmode == "stack"


def test_figure_colours_are_colour_blind_safe_and_not_the_only_carrier(figure) -> None:  # type: ignore
    colours = [trace.marker.color for trace in figure.data]
    assert set(colours) <= set(TOL_MUTED) and len(set(colours)) == len(colours)
    patterns = [trace.marker.pattern.shape or "" for trace in figure.data]
    assert len(set(patterns)) == len(patterns), "each origin also has its own pattern"
    beside = [a.text for a in figure.layout.annotations if not str(a.text).startswith("Source:")]
    assert len(beside) == len(VERDICT)
    assert any("2 from the original article, 4 from the rewording" in t for t in beside)


def test_figure_has_title_axes_source_and_meaningful_alt(figure) -> None:  # type: ignore[no-untyped-def]
    assert figure_contract_problems(figure) == []
    assert figure.layout.title.text == "Verdicts on the 40 checked claims of the source article"
    assert figure.layout.xaxis.title.text == "Number of claims"
    assert figure.layout.yaxis.title.text == "Verdict"
    assert any(SOURCE_LINE in str(a.text) for a in figure.layout.annotations)
    alt = figure.layout.meta["alt"]
    counts = verdict_counts(CLAIMS)
    for verdict, label in VERDICT.items():
        assert f"{counts.loc[verdict, 'total']} {label.lower}" in alt
    assert f"{counts['rewording'].sum()} were added by the machine rewording" in alt


# --- the explorer and its static form -------------------------------------------------------------

def test_explorer_hides_the_verdict_until_revealed_then_shows_the_right_one() -> None:
    explorer = build_claim_explorer(CLAIMS, sources(), events())
    explorer.pick.value = "c08"
    shown = html_of(explorer.out.outputs[0])
    assert "Claim c08" in shown and "Verdict:" not in shown and "Latvia" not in shown
    explorer.guess.value = "accurate"
    explorer.reveal.click()
    assert len(explorer.out.outputs) == 1
    shown = html_of(explorer.out.outputs[0])
    assert "Verdict: ✘ Inaccurate" in shown and "Latvia" in shown
    assert "error in the original article" in shown
    assert "the checkers disagree" in shown
    assert explorer.score.value == "Checked 1 of 40; agreed with 0."


def test_explorer_next_and_previous_step_through_the_claims_and_reset_the_guess() -> None:
    explorer = build_claim_explorer(CLAIMS, sources(), events())
    ids = list(CLAIMS["id"])
    assert explorer.pick.value == ids[0]
    explorer.guess.value = "inaccurate"
    explorer.next.click()
    assert explorer.pick.value == ids[1] and explorer.guess.value is None
    assert "Verdict:" not in html_of(explorer.out.outputs[0])
    explorer.previous.click()
    explorer.previous.click()
    assert explorer.pick.value == ids[-1], "previous wraps around"


def test_explorer_scores_guesses_once_per_claim() -> None:
    explorer = build_claim_explorer(CLAIMS, sources(), events())
    explorer.pick.value = "c05"
    for _ in range(2):
        explorer.guess.value = str(claim("c05")["verdict"])
        explorer.reveal.click()
    assert "✔ agreed" in html_of(explorer.out.outputs[0])
    assert explorer.score.value == "Checked 1 of 40; agreed with 1."


def test_explorer_bundle_carries_the_widget_and_the_static_list() -> None:
    bundle = claim_explorer(CLAIMS, sources(), events())._repr_mimebundle_()
    assert WIDGET_MIME in bundle
    assert "use-static-fallback" in bundle["text/html"] and "Loading widget" not in bundle["text/html"]
    assert bundle["text/html"].count("<details") == len(CLAIMS)


def test_static_html_has_one_details_per_claim_with_its_verdict_inside() -> None:
    page = claims_html(CLAIMS, sources(), events())
    items = re.findall(r"<li class='use-claim'>(.*?)</li>", page, re.S)
    assert len(items) == len(CLAIMS) == page.count("<details")
    for item, (_, row) in zip(items, CLAIMS.iterrows()):
        before, details = item.split("<details", 1)
        assert f"<strong>{row['id']}</strong>" in before
        assert "Verdict:" not in before, "the verdict is hidden until the reader opens it"
        assert f"{VERDICT[row['verdict']].label}</strong>" in details
        assert details.count("</details>") == 1


def test_static_html_escapes_text() -> None:
    tricky = CLAIMS.head(1).copy()
    tricky["claim"] = ["Is <b>bold</b> & 'quoted' safe?"]
    tricky["corrected_fact"] = ["x < y"]
    page = claims_html(tricky, sources(), events())
    assert "<b>bold</b>" not in page and "&lt;b&gt;bold&lt;/b&gt; &amp; &#x27;quoted&#x27;" in page
    assert "x &lt; y" in page


# --- claims.csv against the rest of the data ------------------------------------------------------

def test_every_related_event_exists_and_is_listed_once() -> None:
    known = set(events().index)
    for _, row in CLAIMS.iterrows():
        ids = list(row["related_event_ids"])
        assert set(ids) <= known, f"{row['id']}: unknown events {set(ids) - known}"
        assert len(ids) == len(set(ids)), f"{row['id']}: an event is listed twice"


def test_every_evidence_source_exists() -> None:
    known = set(sources()["id"])
    for _, row in CLAIMS.iterrows():
        assert row["evidence_source_ids"] and set(row["evidence_source_ids"]) <= known, row["id"]


def test_verdicts_and_error_origins_agree() -> None:
    for _, row in CLAIMS.iterrows():
        has_error = row["verdict"] in ("inaccurate", "missing_context")
        where = f"{row['id']}: {row['verdict']}, {row['error_origin']}"
        assert (row["error_origin"] != "none") == has_error, where


def test_every_inaccurate_claim_has_a_corrected_fact() -> None:
    inaccurate = CLAIMS[CLAIMS["verdict"] == "inaccurate"]
    assert len(inaccurate) > 0
    for _, row in inaccurate.iterrows():
        assert isinstance(row["corrected_fact"], str) and len(row["corrected_fact"].strip()) > 40, row["id"]


def test_the_2015_claims_relate_to_the_invasion_period_of_2022() -> None:
    assert "russian-invasion-2022" in claim("c05")["related_event_ids"]
    for claim_id in ("c05", "c26", "c37"):
        row = claim(claim_id)
        assert "'2015'" in row["claim"] and row["error_origin"] == "rewording"
        dates = events().loc[row["related_event_ids"], "date"]
        assert all(d.year == 2022 and d.month == 2 for d in dates), claim_id


def test_the_neighbours_claim_against_the_map() -> None:
    from utils.geo import shared_borders
    from utils.geo import load_layers

    computed = shared_borders(load_layers().countries, "BLR")
    assert len(computed) == 5
    named = set(re.findall(r"Russia|Ukraine|Lithuania|Poland|Latvia", str(claim("c08")["claim"])))
    assert named == {"Russia", "Ukraine", "Lithuania", "Poland"}
    missing = set(computed["name"]) - named
    assert missing == {"Latvia"} and "Latvia" in claim("c08")["corrected_fact"]
    assert claim("c08")["verdict"] == "inaccurate" and claim("c08")["error_origin"] == "original"
    cia = load_table("border_lengths").query("measured_by == 'cia_factbook'")
    assert sorted(cia["neighbour_iso3"]) == sorted(computed["iso3"])
    for _, border in cia.iterrows():
        assert f"{border['neighbour']} ({int(border['length_km']):,} km" in claim("c08")["corrected_fact"]


def test_timing_claims_against_events() -> None:
    ev = events()
    # c17: the Wagner detentions came eleven days before the 2020 vote.
    words = dict(enumerate(["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
                            "eleven", "twelve", "thirteen", "fourteen", "fifteen"]))
    gap = ev.loc["presidential-election-2020", "date"] - ev.loc["wagner-contractors-detained-2020", "date"]
    assert f"{words[gap.days]} days before" in claim("c17")["corrected_fact"]
    # c31: the referendum's distance in whole months from the article of 1 April 2023.
    referendum = ev.loc["constitutional-referendum-2022", "date"]
    months = (2023 - referendum.year) * 12 + 4 - referendum.month - (referendum.day > 1)
    assert f"{words[months]} months" in claim("c31")["corrected_fact"]
    # c01: the Day of Unity 2023 fell on a Sunday, the day after the article.
    assert ev.loc["day-of-unity-2023", "date"].day_name() == "Sunday"
    # c10: whole years and months in office by the article of 1 April 2023.
    start, article = ev.loc["lukashenko-inaugurated-1994", "date"], pd.Timestamp("2023-04-01")
    months = (article.year - start.year) * 12 + article.month - start.month - (article.day < start.day)
    assert f"{months // 12} years and {months % 12} months" in claim("c10")["corrected_fact"]


def test_the_schooling_claim_quotes_the_schooling_table() -> None:
    schooling = load_table("schooling").set_index("id")
    fact = str(claim("c34")["corrected_fact"])
    for row_id in ("sc-1994-pupils", "sc-2018-19-pupils", "sc-2007-08-first-graders"):
        value = float(schooling.loc[row_id, "value"])
        assert f"{value:g}%" in fact, row_id
        assert schooling.loc[row_id, "figure"] == "official"
