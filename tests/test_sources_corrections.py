"""The review's corrections (issue 15) stay made: numbers computed from the data, wording
attributed to whoever makes the judgement, one name for one thing."""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

import pandas as pd

from utils.data import load_table
from utils.geo import load_layers
from utils.geography import border_comparison

ROOT = Path(__file__).resolve().parent.parent
NUMBER_WORDS = {"seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11}


@cache
def notebook(stem: str) -> dict[str, object]:
    path = next((ROOT / "notebooks").glob(f"{stem}_*.ipynb"))
    return json.loads(path.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def prose(stem: str) -> str:
    cells = notebook(stem)["cells"]  # type: ignore[index]
    return " ".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown").replace("\n", " ")


def outputs(stem: str) -> str:
    cells = notebook(stem)["cells"]  # type: ignore[index]
    return "".join("".join(o.get("text", "")) for c in cells if c["cell_type"] == "code" for o in c["outputs"])


def claim(claim_id: str) -> pd.Series:
    return load_table("claims").set_index("id").loc[claim_id]


def test_map_shortening_is_computed_from_the_ratios() -> None:
    borders = border_comparison(load_layers(), load_table("border_lengths"))
    shorter = 1 - borders["computed_share"]
    line = f"Our map is {shorter.min():.0%} to {shorter.max():.0%} shorter than the CIA's figures"
    assert line == "Our map is 10% to 30% shorter than the CIA's figures"
    assert line in outputs("02"), "notebook 02 prints the range it describes"
    assert "quarter to a third" not in prose("02")


def test_polish_lithuanian_border_length_is_not_the_gap_width() -> None:
    text = prose("02")
    assert "about 65 km long" not in text and "about 100 km long" in text
    summary = text[text.index("## Summary"):]
    assert "about 65 km apart" in summary and "about 100 km long" in summary


def test_wagner_claim_verdict_rests_on_the_vote_not_on_no_protests() -> None:
    events = load_table("events").set_index("id")
    c17 = claim("c17")
    wagner, vote = events.loc["wagner-contractors-detained-2020", "date"], events.loc["presidential-election-2020", "date"]
    babaryka = events.loc["babaryka-detained-2020", "date"]
    assert babaryka < wagner < vote  # protests had begun before the accusation
    assert "babaryka-detained-2020" in c17["related_event_ids"]
    assert "June" in c17["corrected_fact"] and "The accusation came before the protests" not in c17["corrected_fact"]


def test_c31_origin_is_not_asserted_without_the_original() -> None:
    assert claim("c31")["error_origin"] == "unknown"
    origins = load_table("claims")["error_origin"].value_counts()
    match = re.search(r"(\w+) errors go back to the original article, (\w+) to the machine rewording", prose("08"))
    assert match is not None
    assert NUMBER_WORDS[match.group(1).lower()] == origins["original"]
    assert {"four": 4}[match.group(2)] == origins["rewording"]


def test_one_name_for_lukashenkos_pre_1994_post() -> None:
    texts = [claim("c10")["corrected_fact"], load_table("events").set_index("id").loc[
        "lukashenko-elected-president-1994", "summary"], prose("04")]
    assert all("anti-corruption commission" in t for t in texts)
    everywhere = " ".join(texts + [prose(s) for s in ("01", "03", "05")])
    assert "anti-crime" not in everywhere


def test_depleted_uranium_judgement_is_attributed() -> None:
    c32 = claim("c32")
    assert "Associated Press" in c32["corrected_fact"] and "ap-expressandstar-2023-03-25-nuclear" in c32[
        "evidence_source_ids"]
    event = load_table("events").set_index("id").loc["putin-nuclear-announcement-2023"]
    for text in (c32["corrected_fact"], event["summary"], prose("05")):
        for sentence in re.findall(r"[^.]*falsely[^.]*\.", text):
            assert "Associated Press" in sentence, sentence
    assert "wrongly described" not in prose("05")


def test_2023_trade_shows_both_belarusian_figures_attributed() -> None:
    trade = load_table("trade")
    turnover_2023 = trade[(trade["year"] == 2023) & (trade["measure"] == "russia_trade_turnover_usd_bn")]
    by_value = {float(v): str(n) for v, n in zip(turnover_2023["value"], turnover_2023["note"])}
    assert {46.5, 53.0, 54.0} <= set(by_value)
    assert "BelTA" in by_value[53.0] and "TASS" in by_value[54.0]
    text = prose("06")
    assert "USD 53 bn" in text and "USD 54 bn" in text and "BelTA" in text and "TASS" in text


def test_eu_list_total_is_attributed_to_the_foreign_ministry() -> None:
    row = load_table("sanctions").set_index("id").loc["eu-2026-02-26-renewal"]
    assert (row["persons_total"], row["entities_total"]) == (312, 57)
    assert "foreign ministry" in str(row["summary"])
    sentence = next(s for s in re.split(r"(?<=\.)\s", prose("06")) if "312 people" in s)
    assert "Lithuania's foreign ministry" in sentence


def test_opposition_estimates_are_labelled_opposition() -> None:
    elections = load_table("elections")
    partisan = elections[elections["note"].str.contains("Golos|BYPOL|democratic forces", regex=True)]
    assert len(partisan) >= 5
    assert set(partisan["figure"]) == {"opposition"}
    assert "opposition (the Belarusian democratic forces" in prose("04")


def test_day_of_unity_quiz_answer_matches_notebook_03() -> None:
    quiz = load_table("quiz").set_index("id").loc["q01-day-of-unity"]
    assert "1996" in quiz["answer"] and "1997" in quiz["answer"]
    text = prose("03")
    assert "1996 Community signing" in text and "1997 Union treaty" in text
