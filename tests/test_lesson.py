"""Lesson furniture (utils.lesson) and the lesson rules every content notebook follows:
a key-points box first, labelled exercise tracks with at least two no-code ones, a key phrase
for every solution, and printed counts that agree with the charts beside them."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pandas as pd
import pytest

from tests.conftest import ROOT
from utils.data import load_events, load_sources, load_table
from utils.lesson import (
    KEY_POINTS_TAG, count_words, data_as_of, exercises, fold_html, key_points, notebook_key_points,
    reading_minutes, resolve_sources, worksheet_markdown, answer_key_markdown,
)

CONTENT = sorted(p.stem for p in (ROOT / "notebooks").glob("0[1-9]_*.ipynb"))
SOLUTION = re.compile(r'<details class="use-solution" id="(solution-[0-9]{2}-[0-9]+)"(?: data-key="([^"]*)")?>(.*?)</details>', re.S)


def cells(stem: str) -> list[dict]:
    return json.loads((ROOT / "notebooks" / f"{stem}.ipynb").read_text(encoding="utf-8"))["cells"]


def plain(text: str) -> str:
    text = html.unescape(re.sub(r"<[^>]+>", " ", text)).replace("\u2019", "'")
    return re.sub(r"\s+", " ", re.sub(r"[*_`]", "", text)).strip()


# ---- utils.lesson ----

def test_data_as_of_is_the_latest_date_in_the_tables() -> None:
    assert data_as_of(["events"]) == load_events()["date"].max()
    both = data_as_of(["events", "political_prisoners"])
    assert both == max(load_events()["date"].max(), load_table("political_prisoners")["date"].max())


def test_data_as_of_counts_a_table_without_dates_by_its_years() -> None:
    trade = load_table("trade")
    assert data_as_of(["trade"]) == pd.Timestamp(year=int(trade["year"].max()), month=1, day=1)


def test_key_point_sources_resolve_rows_and_fail_clearly() -> None:
    events = load_events().set_index("id")
    assert resolve_sources("events/community-treaty-1996") == tuple(events.loc["community-treaty-1996", "source_ids"][:2])
    with pytest.raises(KeyError, match="no row with id 'nope'"):
        resolve_sources("events/nope")
    with pytest.raises(KeyError, match="unknown source id"):
        key_points(["events"], [("a", "no-such-source"), ("b", "events/community-treaty-1996"), ("c", "claims/c01")])
    with pytest.raises(ValueError, match="3 to 6 bullets"):
        key_points(["events"], [("a", "events/community-treaty-1996")])


def test_key_points_box_links_each_source_and_dates_the_data() -> None:
    box = key_points(["events"], [("First.", "events/community-treaty-1996"), ("Second.", "claims/c01"),
                                  ("Third.", "bbc-1999-confederation")])
    shown = box._repr_html_()
    assert shown.count("<li>") == 3 and "Data as of" in shown
    sources = load_sources().set_index("id")
    assert f'href="{html.escape(str(sources.loc["bbc-1999-confederation", "url"]))}"' in shown


def test_words_and_reading_time() -> None:
    assert count_words("Belarus's five neighbours — Russia, Ukraine (2024) and Poland.") == 8
    assert reading_minutes(400, 2) == pytest.approx(4.0)
    assert "<details class='use-reference'><summary>All rows</summary>" in fold_html("<table></table>", "All rows")


# ---- the notebooks ----

@pytest.mark.parametrize("stem", CONTENT)
def test_key_points_box_comes_first_with_sourced_bullets(stem: str) -> None:
    code = [c for c in cells(stem) if c["cell_type"] == "code"]
    tags = code[0]["metadata"].get("tags", [])
    assert KEY_POINTS_TAG in tags and "remove-input" in tags, "the first code cell is the key-points box"
    first_markdown_after = next(i for i, c in enumerate(cells(stem)) if c["cell_type"] == "markdown" and i > 0)
    assert cells(stem).index(code[0]) < first_markdown_after, "the box comes straight after the overview"
    box = notebook_key_points(stem)
    assert 3 <= len(box.points) <= 6 and all(p.source_ids for p in box.points)
    # a 2-minute read at 200 words a minute, with room for the source names
    assert sum(count_words(p.text) for p in box.points) <= 400


@pytest.mark.parametrize("stem", CONTENT)
def test_every_exercise_has_a_track_and_two_train_a_skill_without_code(stem: str) -> None:
    markdown = next("".join(c["source"]) for c in cells(stem) if "".join(c["source"]).startswith("## Exercises"))
    found = exercises(stem)
    assert len(found) == markdown.count("**Exercise "), "every exercise is labelled No code, Spreadsheet or Python"
    assert sum(e.track == "No code" for e in found) >= 2
    for exercise in found:
        if exercise.track == "Spreadsheet":
            assert re.search(r"\]\(\.\./data/\w+\.csv\)", exercise.task), f"{stem} Ex{exercise.number} links its CSV"
        if exercise.track == "No code":
            assert "```" not in exercise.task and "pandas" not in exercise.task


@pytest.mark.parametrize("stem", CONTENT)
def test_every_solution_carries_a_key_phrase_from_its_own_text(stem: str) -> None:
    markdown = "\n".join("".join(c["source"]) for c in cells(stem) if c["cell_type"] == "markdown")
    solutions = SOLUTION.findall(markdown)
    assert solutions
    for marker, key, body in solutions:
        assert key, f"{marker} has no data-key"
        assert plain(key) in plain(body), f"{marker}: key phrase {key!r} is not in its own solution"
        outside = SOLUTION.sub(" ", markdown)
        assert plain(key) not in plain(outside), f"{marker}: key phrase appears outside the solution"


def test_01_exercise_on_the_busiest_year_allows_a_tie() -> None:
    """2020 and 2025 had the same number of events: the exercise must not assume one answer."""
    per_year = load_events()["date"].dt.year.value_counts()
    task = next(e for e in exercises("01_timeline") if "most events" in e.task)
    assert "Several years may share the top count" in task.task
    markdown = next("".join(c["source"]) for c in cells("01_timeline") if "solution-01-4" in "".join(c["source"]))
    code = re.search(r'id="solution-01-4".*?```python(.*?)```', markdown, re.S).group(1)
    if (per_year == per_year.max()).sum() > 1:
        assert "idxmax" not in code, "idxmax() names only the first of tied years"


@pytest.mark.parametrize("stem", CONTENT)
def test_worksheet_has_the_no_code_tasks_and_no_answers(stem: str) -> None:
    sheet = worksheet_markdown(stem)
    tasks = [e for e in exercises(stem) if e.track == "No code"]
    assert sheet.count("use-answer-space") == len(tasks)
    assert "Key points" in sheet
    markdown = "\n".join("".join(c["source"]) for c in cells(stem) if c["cell_type"] == "markdown")
    for _, key, _ in SOLUTION.findall(markdown):
        assert plain(key) not in plain(sheet)


def test_answer_key_is_teacher_only_words_not_code() -> None:
    key = answer_key_markdown(CONTENT)
    assert key.startswith('<div class="teacher-only">') and key.rstrip().endswith("</div>")
    assert "```" not in key and "groupby" not in key
    assert key.count("**Marking.**") >= 2 * len(CONTENT)


# ---- one truth: printed counts agree with the charts beside them ----

def fact_output(stem: str, needle: str) -> str:
    for cell in cells(stem):
        if cell["cell_type"] == "code" and needle in "".join(cell["source"]):
            return "".join("".join(o.get("text", "")) for o in cell["outputs"])
    raise AssertionError(f"{stem}: no fact cell containing {needle!r}")


def test_01_printed_source_count_is_the_charts() -> None:
    from utils.timeline import timeline_figure

    printed = re.search(r"citing (\d+) sources", fact_output("01_timeline", "citing")).group(1)
    figure = timeline_figure(load_events(), load_sources())
    charted = re.search(r"citing (\d+) sources", json.dumps(figure.to_dict()["layout"])).group(1)
    assert printed == charted


def test_03_printed_status_counts_match_the_chart_legend() -> None:
    from utils.labels import COMMITMENT_STATUS
    from utils.union_state import commitments_figure

    printed = dict(re.findall(r"^([A-Za-z ]+): \d+ \((\d+) on the chart\)$",
                              fact_output("03_union_state", "on the chart"), re.M))
    figure = commitments_figure(load_table("union_state_commitments"), "source")
    legend = dict(re.match(r"(.+) \((\d+)\)$", trace.name).groups() for trace in figure.data)
    assert printed, "03 prints each status with its count on the chart"
    for status in COMMITMENT_STATUS.values():
        assert printed[status.label] == legend.get(status.label, "0"), status.label
