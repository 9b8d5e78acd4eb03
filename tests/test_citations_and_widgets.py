"""Citation rendering and widget fallbacks."""

from __future__ import annotations

import ipywidgets as widgets
import pytest

from utils.citations import source_ids_of, sources_markdown
from utils.data import load_events, load_sources
from utils.timeline import timeline_explorer
from utils.widgets import WIDGET_MIME, WithStaticFallback


def test_sources_markdown_lists_publisher_link_date_and_kind() -> None:
    text = sources_markdown(["aljazeera-2023-04-01-union-state"], load_sources())
    assert text.startswith("1. Al Jazeera, [Russia, Belarus celebrate")
    assert "(https://www.aljazeera.com/news/2023/4/1/" in text
    assert "1 April 2023 (news report)" in text


def test_sources_markdown_rejects_unknown_ids() -> None:
    with pytest.raises(KeyError, match="nope"):
        sources_markdown(["nope"], load_sources())


def test_source_ids_of_keeps_first_use_order_without_duplicates() -> None:
    ids = source_ids_of(load_events())
    assert len(ids) == len(set(ids))
    assert set(ids) <= set(load_sources()["id"])


def test_fallback_bundle_has_widget_view_and_static_html() -> None:
    shown = WithStaticFallback(widgets.Button(description="x"), "<table></table>", "Static note.")
    bundle = shown._repr_mimebundle_()
    assert WIDGET_MIME in bundle
    assert "<table></table>" in bundle["text/html"] and "Static note." in bundle["text/html"]


def test_timeline_explorer_fallback_lists_every_event() -> None:
    events, sources = load_events(), load_sources()
    explorer = timeline_explorer(events, sources)
    html = explorer._repr_mimebundle_()["text/html"]
    assert html.count("<tr>") == len(events) + 1  # header + one row per event
    assert "Loading widget" not in html


@pytest.mark.parametrize("partial,readable", [
    ("2024-03-28", "28 March 2024"), ("2024-03", "March 2024"), ("2024", "2024"), ("1999-12-08", "8 December 1999"),
])
def test_source_dates_read_at_their_precision(partial: str, readable: str) -> None:
    from utils.citations import readable_date

    assert readable_date(partial) == readable


def test_an_undated_page_says_when_it_was_read() -> None:
    from utils.citations import readable_date

    assert readable_date("undated") == "undated (read November 2026)"
    assert readable_date("undated", "2026-12-05") == "undated (read 5 December 2026)"


def test_replace_output_shows_only_the_latest_objects() -> None:
    from IPython.display import HTML

    from utils.widgets import replace_output

    out = widgets.Output()
    replace_output(out, "first", HTML("<b>one</b>"))
    replace_output(out, "second", HTML("<b>two</b>"))
    texts = [o.get("text", "") + str(o.get("data", {}).get("text/html", "")) for o in out.outputs]
    assert texts == ["second\n", "<b>two</b>"]


def test_html_table_escapes_text_and_leaves_missing_cells_empty() -> None:
    from utils.tables import cell, html_table

    table = html_table(["A", "B"], [[cell("x < y"), cell(float("nan"))], [cell(None), "<b>kept</b>"]])
    left = ' style="text-align:left"'
    assert table.startswith(f'<table class="use-events"><thead><tr><th{left}>A</th><th{left}>B</th></tr></thead>')
    assert f"<td{left}>x &lt; y</td><td{left}></td>" in table
    assert f"<td{left}></td><td{left}><b>kept</b></td>" in table


def test_text_columns_are_left_aligned_in_every_cell() -> None:
    """JupyterLab right-aligns table cells; only a rule on each cell wins over its style sheet."""
    import re

    from utils.tables import html_table, show_table

    table = html_table(["When", "What"], [["1999", "a treaty"], ["2000", "in force"]])
    cells = re.findall(r"<t[hd][ >][^>]*>", table)
    assert len(cells) == 6 and all('style="text-align:left"' in c for c in cells)
    frame = load_events()[["date", "title"]].head(3)
    assert show_table(frame)._repr_html_().count('style="text-align:left"') == 2 + 3 * 2


def test_a_wide_table_prints_as_blocks_no_wider_than_100_characters() -> None:
    import pandas as pd

    from utils.tables import MAX_LINE, show_table

    narrow = pd.DataFrame({"a": [1, 2], "b": ["x", "y"]})
    assert repr(show_table(narrow)) == narrow.to_string(index=False)
    wide = pd.DataFrame({"id": ["c01"], "text": ["word " * 60]})
    lines = repr(show_table(wide)).splitlines()
    assert lines[0] == "id    c01" and max(map(len, lines)) <= MAX_LINE
    assert " ".join(line[6:].strip() for line in lines[1:]).split() == ["word"] * 60


def test_sources_by_kind_and_summary_count_each_source_once() -> None:
    from utils.citations import sources_by_kind, sources_summary

    sources = load_sources()
    ids = ["aljazeera-2023-04-01-union-state", "aljazeera-2023-04-01-union-state",
           "defencepk-jiji-2022-03-03-japan-belarus", "un-a-res-68-262"]
    kinds = sources_by_kind(ids, sources).set_index("Kind")
    assert kinds.loc["News report", "Sources"] == 2 and kinds.loc["News report", "Read in a copy"] == 1
    assert kinds.loc["Official document", "Sources"] == 1
    assert "Academic work" not in kinds.index  # kinds with no source are left out
    assert sources_summary(ids, sources) == "3 sources from 3 publishers"
