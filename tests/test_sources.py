"""data/sources.csv names originals: copies are recorded as copies, titles are translated,
kinds and dates mean what the schema says, and the site says when a copy was read."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pandas as pd
import pytest

from tools.source_report import AGGREGATOR_HOSTS, FORUM_HOSTS, MIRROR_HOSTS, REPRINT_HOSTS
from utils.citations import format_source
from utils.data import load_events, load_sources

# Words that give a copy away when they appear in a publisher's name.
COPY_WORDS = re.compile(
    r"\b(mirror|copy|copies|reprint(ed)?|republish\w*|republicat\w*|aggregat\w*|archived|stored copy)\b|forum \(",
    re.IGNORECASE,
)
NON_LATIN = re.compile(r"[\u0370-\u03ff\u0400-\u052f\u0530-\u058f\u0590-\u06ff\u3040-\u30ff\u4e00-\u9fff]")
COPY_HOSTS = MIRROR_HOSTS | REPRINT_HOSTS | AGGREGATOR_HOSTS | FORUM_HOSTS


@pytest.fixture(scope="module")
def sources() -> pd.DataFrame:
    return load_sources()


def _text(value: object) -> str:
    return "" if value is None or bool(pd.isna(value)) else str(value)


def _host(url: str) -> str:
    return (urlsplit(url).hostname or "").removeprefix("www.")


def _on_copy_site(url: str) -> bool:
    labels = _host(url).split(".")
    return any(".".join(labels[i:]) in COPY_HOSTS for i in range(len(labels)))


def test_publishers_name_the_original_not_the_copy(sources: pd.DataFrame) -> None:
    named_copies = [
        f"{row.id}: {row.publisher}" for row in sources.itertuples()
        if COPY_WORDS.search(str(row.publisher)) and "original outlet" not in str(row.publisher)
    ]
    assert named_copies == [], "publisher names a copy site; put the copy in read_at:\n" + "\n".join(named_copies)


def test_pages_on_copy_sites_are_recorded_as_read_copies(sources: pd.DataFrame) -> None:
    unrecorded = [
        f"{row.id}: {row.url}" for row in sources.itertuples()
        if _on_copy_site(str(row.url)) and not _text(row.read_at)
    ]
    assert unrecorded == [], "url is a copy site but read_at is empty:\n" + "\n".join(unrecorded)


def test_read_copies_say_when_they_were_read(sources: pd.DataFrame) -> None:
    undated = [row.id for row in sources.itertuples() if _text(row.read_at) and not _text(row.read_on)]
    assert undated == []


def test_every_non_latin_title_has_an_english_translation(sources: pd.DataFrame) -> None:
    untranslated = [
        f"{row.id}: {row.title}" for row in sources.itertuples()
        if NON_LATIN.search(str(row.title)) and not _text(row.title_en)
    ]
    assert untranslated == []
    cyrillic = sources[sources["title"].str.contains(r"[\u0400-\u04ff]", regex=True)]
    assert len(cyrillic) >= 50  # the translations cover the real set, not an empty one


def test_law_firm_and_think_tank_pieces_are_analysis_not_academic(sources: pd.DataFrame) -> None:
    firms = sources[sources["publisher"].str.match(
        "Baker McKenzie|Willkie|Paul Hastings|Thompson Hine|Mayer Brown|Jamestown|Chatham House|Centre for Eastern")]
    assert len(firms) >= 15
    assert set(firms["kind"]) == {"analysis"}


def test_every_event_has_a_source_published_on_or_after_it() -> None:
    """A source written before an event can only foresee it (e.g. a 2010 preview of the July
    2011 customs outcome); each event needs at least one source from its own month or later
    (an announcement days ahead, in the same month, may date a planned step)."""
    sources = load_sources().set_index("id")
    lacking = []
    for event in load_events().itertuples():
        month = str(event.date)[:7]
        dates = [str(sources.loc[s, "published"]) for s in event.source_ids]
        if not any(d == "undated" or d[:7] >= month[: len(d)] for d in dates):
            lacking.append(f"{event.id} ({month}): {dict(zip(event.source_ids, dates))}")
    assert lacking == []


def test_site_shows_the_copy_that_was_read(sources: pd.DataFrame) -> None:
    jiji = sources.set_index("id", drop=False).loc["defencepk-jiji-2022-03-03-japan-belarus"]
    text = format_source(jiji)
    assert text.startswith("Jiji Press, [Japan Announces Sanctions on Belarus]")
    assert "3 March 2022 (news report; the original's own address is not known; read in a copy at" in text
    assert "read in a copy at defence.pk" in text  # the title links to that copy
    assert "](https://defence.pk/" in text


def test_site_shows_english_titles(sources: pd.DataFrame) -> None:
    row = sources.set_index("id", drop=False).loc["regnum-2021-11-30-crimea"]
    assert "(Lukashenko said Crimea became Russian after the referendum)" in format_source(row)


def test_un_resolution_is_cited_by_document_symbol(sources: pd.DataFrame) -> None:
    un = sources.set_index("id").loc["un-a-res-68-262"]
    assert "A/RES/68/262" in str(un["title"])
    assert str(un["url"]).endswith("/A/RES/68/262")
    assert un["kind"] == "official"
