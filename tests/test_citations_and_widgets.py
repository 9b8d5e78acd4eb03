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
    assert table.startswith('<table class="use-events"><thead><tr><th>A</th><th>B</th></tr></thead>')
    assert "<td>x &lt; y</td><td></td>" in table and "<td></td><td><b>kept</b></td>" in table
