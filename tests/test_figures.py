"""Figure builders, the house rules every figure follows, and the offline renderer."""

from __future__ import annotations

import html
import json
import re

import plotly.graph_objects as go
import pytest

import utils  # noqa: F401  (registers template and renderer)
from utils.data import load_events, load_sources
from utils.figures import FigureContractError, figure_contract_problems, finish_figure
from utils.render import PLOTLY_MIME, figure_bundle, figure_html, to_mimebundle
from utils.theme import TOL_MUTED
from utils.common_tables import format_event_date
from utils.labels import THEME
from utils.timeline import PERIODS, filter_events, timeline_figure


@pytest.fixture(scope="module")
def timeline() -> go.Figure:
    return timeline_figure(load_events(), load_sources())


def test_timeline_has_one_trace_per_theme_and_every_event(timeline: go.Figure) -> None:
    events = load_events()
    themes = [THEME.label(t) for t in THEME.present(events["theme"])]
    assert [trace.name for trace in timeline.data] == themes
    assert sum(len(trace.x) for trace in timeline.data) == len(events)
    plotted_ids = sorted(i for trace in timeline.data for i in trace.customdata)
    assert plotted_ids == sorted(events["id"])


def test_timeline_markers_differ_by_shape_not_only_colour(timeline: go.Figure) -> None:
    symbols = [trace.marker.symbol for trace in timeline.data]
    colours = [trace.marker.color for trace in timeline.data]
    assert len(set(symbols)) == len(symbols)
    assert set(colours) <= set(TOL_MUTED)


def test_timeline_buttons_filter_themes_and_periods(timeline: go.Figure) -> None:
    theme_menu, period_menu = timeline.layout.updatemenus
    n = len(timeline.data)
    assert len(theme_menu.buttons) == n + 1
    assert theme_menu.buttons[0].args == ({"visible": True},)
    second = theme_menu.buttons[2].args[0]["visible"]
    assert second == [i == 1 for i in range(n)]
    assert [b.label for b in period_menu.buttons][1:] == list(PERIODS)


def test_timeline_has_title_axes_source_and_alt(timeline: go.Figure) -> None:
    assert figure_contract_problems(timeline) == []
    assert timeline.layout.xaxis.title.text == "Date"
    assert timeline.layout.yaxis.title.text == "Theme"
    assert "data/events.csv" in timeline.layout.meta["source"]
    assert str(len(load_events())) in timeline.layout.title.text


def test_hover_gives_title_date_and_theme_and_points_to_the_table(timeline: go.Figure) -> None:
    events = load_events().set_index("id")
    for trace in timeline.data:
        assert trace.hovertemplate.count("%{hovertext}") == 1
        assert f"Theme: {html.escape(trace.name)}" in trace.hovertemplate
        assert "table below" in trace.hovertemplate
        for event_id, hover in zip(trace.customdata, trace.hovertext):
            event = events.loc[event_id]
            assert html.escape(event["title"]) in hover.replace("<br>", " ")
            assert format_event_date(event["date"], event["date_precision"]) in hover
            # The summary and sources stay in the table, not in every point's hover.
            assert html.escape(event["summary"])[:40] not in hover.replace("<br>", " ")


def test_finish_figure_refuses_empty_alt_text() -> None:
    with pytest.raises(FigureContractError):
        finish_figure(go.Figure(), title="t", source="s", alt="chart")


def test_contract_lists_what_is_missing() -> None:
    problems = figure_contract_problems(go.Figure())
    assert problems == ["no title", "no meaningful alt text (layout.meta['alt'])", "no source line"]


def test_renderer_refuses_figure_without_alt_text() -> None:
    bare = go.Figure(go.Scatter(x=[1], y=[1]), layout=dict(title="Untitled chart"))
    with pytest.raises(FigureContractError, match="Untitled chart"):
        figure_bundle(bare)


def test_renderer_bundle_is_offline_and_accessible(timeline: go.Figure) -> None:
    bundle = figure_bundle(timeline)
    assert set(bundle) == {PLOTLY_MIME, "text/html", "text/plain"}
    html = bundle["text/html"]
    assert "Plotly.newPlot" in html
    assert "<script src" not in html and "cdn.plot.ly" not in html
    assert re.search(r"requirejs|require\.js|require\(\[", html) is None
    assert f'aria-label="{timeline.layout.meta["alt"][:40]}' in html
    # The JupyterLab bundle is plain JSON (dates already serialised).
    json.dumps(bundle[PLOTLY_MIME])


def test_renderer_output_is_stable(timeline: go.Figure) -> None:
    fig_dict = json.loads(timeline.to_json())
    assert figure_html(fig_dict) == to_mimebundle(fig_dict)["text/html"]
    assert to_mimebundle(fig_dict) == to_mimebundle(fig_dict)


def test_rendering_leaves_the_shared_toolbar_config_whole(timeline: go.Figure) -> None:
    """plotly's to_html pops keys from the config it is given; the shared one must survive."""
    from utils.render import PLOT_CONFIG

    before = dict(PLOT_CONFIG)
    figure_bundle(timeline)
    assert PLOT_CONFIG == before
    assert figure_bundle(timeline)[PLOTLY_MIME]["config"]["plotlyServerURL"] == ""


def test_jupyterlab_view_shows_the_same_description_as_the_site(timeline: go.Figure) -> None:
    """Issue 12: the description was only in the site's HTML; JupyterLab draws the plotly JSON."""
    bundle = figure_bundle(timeline)
    alt = timeline.layout.meta["alt"]
    (caption,) = [a for a in bundle[PLOTLY_MIME]["layout"]["annotations"] if a.get("name") == "chart-description"]
    words = re.sub(r"<[^>]+>", " ", caption["text"]).split()
    assert words == f"Chart description: {html.escape(alt)}".split()
    assert f"<strong>Chart description:</strong> {html.escape(alt)}</figcaption>" in bundle["text/html"]
    # The caption gets room of its own: the canvas grows, the plot area does not shrink.
    grown = bundle[PLOTLY_MIME]["layout"]
    assert grown["height"] - timeline.layout.height == grown["margin"]["b"] - timeline.layout.margin.b > 0
    assert "chart-description" not in timeline.to_json(), "the figure itself is not changed"


def test_a_kernel_displays_figures_through_the_project_bundle() -> None:
    """In IPython, a figure as a cell's value goes through utils.render, not plotly.io.show."""
    from IPython.core.interactiveshell import InteractiveShell

    from utils.render import register_display

    shell = InteractiveShell.instance()
    register_display()
    figure = finish_figure(go.Figure(go.Scatter(x=[1], y=[1])), title="t", source="s",
                           alt="A test chart with one point at one, one.")
    data, _ = shell.display_formatter.format(figure)
    assert data == {}, "the formatter displayed it itself"
    printer = shell.display_formatter.ipython_display_formatter.lookup(figure)
    assert printer.__module__ == "utils.render"


def test_format_event_date_follows_precision() -> None:
    import pandas as pd

    date = pd.Timestamp("1999-12-08")
    assert format_event_date(date, "day") == "8 December 1999"
    assert format_event_date(date, "month") == "December 1999"
    assert format_event_date(date, "year") == "1999"


def test_filter_events() -> None:
    events = load_events()
    union = filter_events(events, ["union_state"], (1996, 1999))
    assert set(union["theme"]) == {"union_state"}
    assert union["date"].dt.year.between(1996, 1999).all()
    mentioned = filter_events(events, list(THEME), (1991, 2030), only_in_article=True)
    assert mentioned["in_source_article"].all() and len(mentioned) == events["in_source_article"].sum()


def test_phone_variant_hints_travel_in_the_figure_and_keep_its_alt_text() -> None:
    from utils.data import load_events, load_sources
    from utils.figures import phone_variant
    from utils.labels import THEME
    from utils.timeline import timeline_figure

    fig = timeline_figure(load_events(), load_sources())
    phone = fig.layout.meta["phone"]
    rows = set(fig.layout.yaxis.categoryarray)
    assert set(phone["ticktext"]["yaxis"]) == rows  # every row has its short name
    assert phone["ticktext"]["yaxis"]["Politics & elections"] == THEME["politics"].short
    assert phone["hide_titles"] == ["yaxis"] and "frame" not in phone
    assert len(fig.layout.meta["alt"]) > 30  # finish_figure's alt text is kept
    framed = phone_variant(go.Figure(layout=dict(meta={"alt": "kept"})), frame=True)
    assert framed.layout.meta == {"alt": "kept", "phone": {"frame": True}}
