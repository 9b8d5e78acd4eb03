"""Charts on a phone (390 px) in the built site: a chart reflows to the screen when its labels
still fit, and keeps its designed width in a sideways-scrolling frame when they would not (maps
always do). The label check itself is tests/test_site_quality.py's, run on every chart page."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import SITE
from tests.test_site_quality import CHART_PAGES, chart_label_problems, context_fixture, open_page
from tests.test_site_quality import desktop, phone  # noqa: F401 (fixtures)

pytestmark = pytest.mark.browser

TABLET = {"viewport": {"width": 820, "height": 1180}, "is_mobile": True, "has_touch": True}
VARIANTS = "() => Array.from(document.querySelectorAll('div.plotly-graph-div')).map(gd => gd.getAttribute('data-use-drawn'))"


def test_the_timeline_reflows_to_the_phone_with_short_row_names(phone: Any) -> None:  # noqa: F811
    page = open_page(phone, SITE / "01_timeline.html")
    gd = page.locator("div.plotly-graph-div").first
    assert gd.get_attribute("data-use-drawn") == "reflow"
    box = gd.evaluate("gd => { const r = gd.getBoundingClientRect(), f = gd.parentNode;"
                      " return {right: r.right, scroll: f.scrollWidth, client: f.clientWidth}; }")
    assert box["right"] <= 390 and box["scroll"] <= box["client"] + 1, box  # nothing to scroll sideways
    rows = gd.evaluate("gd => Array.from(gd.querySelectorAll('.ytick text')).map(t => t.textContent)")
    assert "Politics" in rows and "Politics & elections" not in rows, rows
    years = gd.evaluate("gd => Array.from(gd.querySelectorAll('.xtick text')).map(t => t.textContent)")
    assert "2020" in years, f"the recent years are not on screen: {years}"
    page.close()


def test_maps_keep_their_designed_width_in_a_frame(phone: Any) -> None:  # noqa: F811
    page = open_page(phone, SITE / "02_geography.html")
    assert set(page.evaluate(VARIANTS)) == {"frame"}
    frame = page.locator(".use-chart-frame").first
    assert frame.get_attribute("role") == "region" and frame.get_attribute("tabindex") == "0"
    page.close()


@pytest.mark.parametrize("page_name", ["04_power_and_protest.html", "06_sanctions_and_economy.html",
                                       "07_identity_and_language.html"])
def test_some_charts_of_each_kind_reflow(phone: Any, page_name: str) -> None:  # noqa: F811
    """Line charts with a legend reflow (the legend goes above the plot, entries wrapped), and so
    does the sanctions chart, whose date-mark labels stack above the plot instead of overlapping."""
    page = open_page(phone, SITE / page_name)
    assert "reflow" in page.evaluate(VARIANTS)
    page.close()


def test_bar_and_dot_charts_with_long_row_names_reflow(phone: Any) -> None:  # noqa: F811
    """The referendum's questions wrap narrower on a phone (the figure's ticktext hint), and the
    commitments' dot plot keeps 40 % of the width for its dots: both fit without a frame."""
    for page_name, title in [("07_identity_and_language.html", "Referendum of 14 May 1995"),
                             ("03_union_state.html", "Union State commitments")]:
        page = open_page(phone, SITE / page_name)
        variants = page.evaluate("""() => Object.fromEntries(Array.from(document.querySelectorAll('div.plotly-graph-div'))
          .map(gd => [gd.layout.title.text.replace(/<br>/g, ' '), gd.getAttribute('data-use-drawn')]))""")
        page.close()
        assert [mode for name, mode in variants.items() if name.startswith(title)] == ["reflow"], variants


def test_a_chart_switches_variant_when_the_window_crosses_the_phone_width(desktop: Any) -> None:  # noqa: F811
    page = open_page(desktop, SITE / "01_timeline.html")
    gd = page.locator("div.plotly-graph-div").first
    assert gd.get_attribute("data-use-drawn") == "wide"
    page.set_viewport_size({"width": 390, "height": 844})
    page.wait_for_function("gd => gd.getAttribute('data-use-drawn') === 'reflow'", arg=gd.element_handle(), timeout=30_000)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.wait_for_function("gd => gd.getAttribute('data-use-drawn') === 'wide'", arg=gd.element_handle(), timeout=30_000)
    rows = gd.evaluate("gd => Array.from(gd.querySelectorAll('.ytick text')).map(t => t.textContent)")
    assert "Politics & elections" in rows, rows
    page.close()


tablet = context_fixture("tablet", TABLET)


@pytest.mark.parametrize("page_name", CHART_PAGES)
def test_chart_labels_fit_on_a_tablet(tablet: Any, page_name: str) -> None:
    """At 820 px charts keep their designed layout; a source line wrapped for a wider screen
    re-wraps rather than run past the figure's edge."""
    assert chart_label_problems(tablet, page_name) == []
