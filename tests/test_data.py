"""The data package: real tables validate, broken tables fail clearly, key facts hold."""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd
import pytest

from utils.data import DataValidationError, describe_tables, load_events, load_sources, load_table, validate_all


def rewrite_cell(data_dir: Path, file: str, row_id: str, column: str, value: str) -> int:
    """Set one cell of a CSV in place; return its line number (header = 1)."""
    path = data_dir / file
    with open(path, newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    fields = list(rows[0].keys())
    line = next(i for i, r in enumerate(rows, start=2) if r["id"] == row_id)
    rows[line - 2][column] = value
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields)
        writer.writeheader()
        writer.writerows(rows)
    return line


def test_committed_data_is_valid() -> None:
    assert validate_all() == []


def test_events_are_typed_and_sorted() -> None:
    events = load_events()
    assert str(events["date"].dtype).startswith("datetime64")
    assert events["in_source_article"].dtype == "boolean"
    assert all(isinstance(ids, list) and ids for ids in events["source_ids"])
    assert events["date"].is_monotonic_increasing


def test_enough_events_cover_1991_to_2023() -> None:
    events = load_events()
    assert len(events) >= 30
    assert events["date"].min().year == 1991
    assert events["date"].max().year >= 2023
    assert events["in_source_article"].sum() >= 15


def test_every_source_is_cited_or_is_the_source_article() -> None:
    from utils.data import source_columns, table_names

    cited = {s for name in table_names() if name != "sources"
             for column in source_columns(name) for ids in load_table(name)[column] for s in ids}
    unused = set(load_sources()["id"]) - cited - {"aljazeera-2023-04-01-union-state"}
    assert unused == set()


def test_describe_tables_counts_rows() -> None:
    summary = describe_tables().set_index("table")
    assert summary.loc["events", "rows"] == len(load_events())
    assert summary.loc["sources", "file"] == "data/sources.csv"


BROKEN = [
    # (kind, file, row id, column, bad value, words the message must contain)
    ("missing source", "events.csv", "union-state-treaty-1999", "source_ids", "", "required"),
    ("unknown source id", "events.csv", "union-state-treaty-1999", "source_ids", "no-such-source", "unknown id 'no-such-source'"),
    ("malformed date", "events.csv", "union-state-treaty-1999", "date", "08/12/1999", "'08/12/1999' is not a date"),
    ("bad enum value", "events.csv", "union-state-treaty-1999", "theme", "friendship", "'friendship' is not allowed"),
    ("empty required field", "events.csv", "union-state-treaty-1999", "title", "", "required"),
    ("bad source kind", "sources.csv", "aljazeera-2023-04-01-union-state", "kind", "blog", "'blog' is not allowed"),
    ("malformed source date", "sources.csv", "aljazeera-2023-04-01-union-state", "published", "April 2023", "'April 2023' is not a date written YYYY-MM-DD, YYYY-MM or YYYY, or 'undated'"),
    ("bad url", "sources.csv", "aljazeera-2023-04-01-union-state", "url", "www.example.org", "is not a web address"),
]


@pytest.mark.parametrize("kind,file,row_id,column,value,words", BROKEN, ids=[b[0] for b in BROKEN])
def test_broken_cell_fails_with_file_row_and_column(
    data_copy: Path, kind: str, file: str, row_id: str, column: str, value: str, words: str
) -> None:
    line = rewrite_cell(data_copy, file, row_id, column, value)
    with pytest.raises(DataValidationError) as failure:
        load_table(file.removesuffix(".csv"), data_copy)
    message = str(failure.value)
    assert f"data/{file}, row {line}, column '{column}'" in message
    assert words in message


def test_duplicate_id_is_reported_on_the_second_row(data_copy: Path) -> None:
    path = data_copy / "events.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join(lines + [lines[1]]) + "\n", encoding="utf-8")
    with pytest.raises(DataValidationError) as failure:
        load_table("events", data_copy)
    assert f"data/events.csv, row {len(lines) + 1}, column 'id'" in str(failure.value)
    assert "duplicate" in str(failure.value)


def test_every_problem_is_listed_not_just_the_first(data_copy: Path) -> None:
    rewrite_cell(data_copy, "events.csv", "union-state-treaty-1999", "date", "1999-13-01")
    rewrite_cell(data_copy, "events.csv", "union-state-treaty-1999", "theme", "x")
    with pytest.raises(DataValidationError) as failure:
        load_table("events", data_copy)
    assert len(failure.value.problems) == 2


# Key facts, each asserted against the value its cited source gives.
KEY_DATES = {
    "community-treaty-1996": "1996-04-02",  # Treaty on the Community of Belarus and Russia
    "union-state-treaty-1999": "1999-12-08",  # Treaty on the Creation of a Union State
    "presidential-election-2020": "2020-08-09",
    "russian-invasion-2022": "2022-02-24",
    "constitutional-referendum-2022": "2022-02-27",
    "putin-nuclear-announcement-2023": "2023-03-25",
}


@pytest.mark.parametrize("event_id,date", KEY_DATES.items())
def test_key_dates(event_id: str, date: str) -> None:
    events = load_events().set_index("id")
    assert events.loc[event_id, "date"] == pd.Timestamp(date)
    assert events.loc[event_id, "date_precision"] == "day"
