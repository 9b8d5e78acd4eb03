"""The source-quality report (tools/source_report.py): enough originals, no fact resting only on
a forum post or an aggregator's rewrite. The report text is printed at the end of the test run."""

from __future__ import annotations

from pathlib import Path

import pytest

from tools.source_report import (
    FLOOR_ORIGINAL_SHARE, Report, Source, build_report, classify, load_sources,
)

REPORT_FILE = Path(__file__).resolve().parent.parent / "build" / "source_report.txt"


@pytest.fixture(scope="module")
def report() -> Report:
    built = build_report()
    REPORT_FILE.parent.mkdir(exist_ok=True)
    REPORT_FILE.write_text(built.text() + "\n", encoding="utf-8")  # conftest prints it at the end
    return built


def test_no_fact_rests_only_on_a_forum_or_an_aggregator(report: Report) -> None:
    assert report.forum_or_aggregator_only == [], report.text()


def test_share_of_original_texts_stays_at_or_above_the_floor(report: Report) -> None:
    assert report.original_share() >= FLOOR_ORIGINAL_SHARE, report.text()


def test_every_table_that_cites_sources_is_reported(report: Report) -> None:
    assert {"events", "sanctions", "elections", "claims"} <= set(report.per_table)
    assert sum(report.overall.values()) == len({s for s in load_sources()} & _cited_ids())


def _cited_ids() -> set[str]:
    from tools.source_report import cited_rows
    return {s for rows in cited_rows().values() for _, ids in rows for s in ids}


@pytest.mark.parametrize(("url", "read_at", "expected"), [
    ("https://www.reuters.com/x", "", "original"),
    ("https://www.reuters.com/x", "https://nationalpost.com/x", "verbatim"),
    ("https://en.wikipedia.org/wiki/X", "https://wikimili.com/en/X", "mirror"),
    ("https://jiji.com/x", "https://defence.pk/pdf/threads/x", "forum"),
    ("https://www.menafn.com/x", "https://www.menafn.com/x", "aggregator"),
    ("https://sputnikglobe.com/x", "https://www.urdupoint.com/en/x", "reprint"),
    ("https://example.org/x", "https://unknown-site.example/x", "reprint"),
])
def test_classify_by_the_site_that_was_read(url: str, read_at: str, expected: str) -> None:
    assert classify(Source("x", "P", url, read_at, "news")) == expected


def test_a_fact_with_only_an_aggregator_source_fails_the_report(data_copy: Path) -> None:
    events = data_copy / "events.csv"
    lines = events.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[1] = lines[1].replace(
        "charter97-2010-independence-became-law",
        "menafn-2025-10-31-oreshnik-december")
    events.write_text("".join(lines), encoding="utf-8")
    bad = build_report(data_copy).forum_or_aggregator_only
    assert bad == ["events.csv row 2: menafn-2025-10-31-oreshnik-december"]
