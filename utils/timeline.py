"""The interactive timeline of data/events.csv: figure, static table, explorer."""

from __future__ import annotations

import html
import textwrap

import ipywidgets as widgets
import pandas as pd
import plotly.graph_objects as go
from IPython.display import HTML

from utils.common_tables import events_table_html, format_event_date
from utils.figures import finish_figure, phone_variant
from utils.labels import THEME
from utils.widgets import Explorer, year_range

PERIODS: dict[str, tuple[str, str]] = {
    "1991–1999: independence and union": ("1990-07-01", "2000-06-30"),
    "2000–2013: Lukashenko's system": ("1999-07-01", "2014-01-31"),
    "2014–2019: Crimea and balancing": ("2013-10-01", "2020-03-31"),
    "2020 onwards: protest and war": ("2019-10-01", "2024-06-30"),
}


# What a hover needs, and no more: the event's title and date per point; the theme and a pointer
# to the table in one template per trace. The table below the chart holds each event's summary
# and sources (and reaches keyboard and screen-reader users, which a hover does not); repeating
# them in every point's hover text would carry the same facts twice (86 kB on the site's page).
HOVER_POINTER = "Details and sources in the table below the chart"


def _hover_text(row: pd.Series) -> str:
    title = "<br>".join(textwrap.wrap(html.escape(str(row["title"])), 60))
    return f"<b>{title}</b><br>{format_event_date(row['date'], row['date_precision'])}"


def _hover_template(theme_label: str) -> str:
    """One template per trace: the point's hover text, the theme, the pointer to the table."""
    return f"%{{hovertext}}<br>Theme: {html.escape(theme_label)}<br><i>{HOVER_POINTER}</i><extra></extra>"


def themes_present(events: pd.DataFrame) -> list[str]:
    return THEME.present(events["theme"])


def _busiest_sentence(events: pd.DataFrame) -> str:
    """Name the three years with the most events (for the alt text)."""
    counts = events["date"].dt.year.value_counts().sort_index().sort_values(ascending=False, kind="stable")
    top = [f"{year} ({n} events)" for year, n in counts.head(3).items()]
    theme = THEME.label(events["theme"].value_counts().idxmax())
    return f"The busiest years are {', '.join(top)}; the largest theme is {theme}."


def _filter_buttons(themes: list[str], full_range: list[str]) -> tuple[list[dict[str, object]],
                                                                      list[dict[str, object]]]:
    """The chart's own menus: show one theme (or all), zoom to one period (or the whole range)."""
    theme_buttons: list[dict[str, object]] = [dict(label="All themes", method="restyle", args=[{"visible": True}])]
    for n, theme in enumerate(themes):
        visible = [i == n for i in range(len(themes))]
        theme_buttons.append(dict(label=THEME[theme].label, method="restyle", args=[{"visible": visible}]))
    period_buttons: list[dict[str, object]] = [
        dict(label="Whole period", method="relayout", args=[{"xaxis.range": full_range}])]
    period_buttons += [
        dict(label=label, method="relayout", args=[{"xaxis.range": list(span)}])
        for label, span in PERIODS.items()
    ]
    return theme_buttons, period_buttons


def timeline_figure(events: pd.DataFrame, sources: pd.DataFrame) -> go.Figure:
    """One row per theme, one marker per event; buttons filter themes and periods.

    The buttons are plotly's own, so filtering works in the static site too.
    """
    themes = themes_present(events)
    fig = go.Figure()
    for theme in themes:
        rows = events[events["theme"] == theme]
        fig.add_trace(
            go.Scatter(
                x=rows["date"],
                y=[THEME[theme].label] * len(rows),
                mode="markers",
                name=THEME[theme].label,
                marker=dict(
                    size=13,
                    symbol=THEME[theme].symbol,
                    color=THEME[theme].colour,
                    line=dict(width=1, color="#222222"),
                ),
                customdata=rows["id"],
                hovertext=[_hover_text(r) for _, r in rows.iterrows()],
                hovertemplate=_hover_template(THEME[theme].label),
            )
        )
    start, end = events["date"].min(), events["date"].max()
    full_range = [(start - pd.Timedelta(days=200)).strftime("%Y-%m-%d"),
                  (end + pd.Timedelta(days=200)).strftime("%Y-%m-%d")]
    theme_buttons, period_buttons = _filter_buttons(themes, full_range)
    fig.update_layout(
        showlegend=False,
        hovermode="closest",
        xaxis=dict(range=full_range, type="date"),
        yaxis=dict(categoryorder="array", categoryarray=[THEME[t].label for t in reversed(themes)]),
        updatemenus=[
            dict(type="dropdown", buttons=theme_buttons, x=0, y=1.03, xanchor="left", yanchor="bottom",
                 showactive=True, active=0, name="theme-filter"),
            dict(type="dropdown", buttons=period_buttons, x=0.35, y=1.03, xanchor="left", yanchor="bottom",
                 showactive=True, active=0, name="period-filter"),
        ],
    )
    n_sources = len({s for ids in events["source_ids"] for s in ids})
    finish_figure(
        fig,
        title=f"Belarus and Russia since 1991: {len(events)} key events",
        source=(f"Union State Explained, data/events.csv ({len(events)} events citing {n_sources} "
                "sources; each event's details and sources are in the table below)"),
        alt=(f"Timeline chart of {len(events)} events from {start:%Y} to {end:%Y}, one row per theme "
             f"({', '.join(THEME[t].label for t in themes)}). Each marker is an event. "
             f"{_busiest_sentence(events)}"),
        x_label="Date",
        y_label="Theme",
        height=600,
    )
    # On a phone the row names take their short forms ("Politics"), the plot the room they free.
    return phone_variant(fig, ticktext={"yaxis": {THEME[t].label: THEME[t].short for t in themes}},
                         hide_titles=["yaxis"])


def filter_events(
    events: pd.DataFrame,
    themes: list[str] | tuple[str, ...],
    years: tuple[int, int],
    only_in_article: bool = False,
) -> pd.DataFrame:
    mask = events["theme"].isin(themes) & events["date"].dt.year.between(*years)
    if only_in_article:
        mask &= events["in_source_article"].astype(bool)
    chosen: pd.DataFrame = events[mask]
    return chosen


def timeline_explorer(events: pd.DataFrame, sources: pd.DataFrame) -> Explorer:
    """Pick themes, years and whether the source article mentions an event."""
    themes = themes_present(events)
    first, last = int(events["date"].dt.year.min()), int(events["date"].dt.year.max())
    pick_themes = widgets.SelectMultiple(
        options=[(THEME[t].label, t) for t in themes], value=tuple(themes),
        description="Themes", rows=len(themes), layout=widgets.Layout(width="300px"),
    )
    pick_years, years_box = year_range(first, last)
    only_article = widgets.Checkbox(value=False, description="Only events the source article mentions",
                                    layout=widgets.Layout(width="auto"))

    def render() -> list[object]:
        chosen = filter_events(events, pick_themes.value, pick_years.value, only_article.value)
        if chosen.empty:
            return []
        return [f"{len(chosen)} of {len(events)} events", HTML(events_table_html(chosen, sources))]  # type: ignore[no-untyped-call]

    return Explorer(
        [pick_themes, pick_years, only_article], render,
        arrange=lambda out: widgets.VBox([widgets.HBox([pick_themes, widgets.VBox([years_box, only_article])]), out]),
        fallback_html=events_table_html(events, sources),
        note=("In JupyterLab this is an explorer with theme, year and source-article filters. "
              "Here is the full table; the chart's menus above filter by theme and period, and "
              "events.csv (under <a href='index.html#data-downloads'>Data downloads</a> on the contents page) "
              "has every row."),
        empty_message="No event matches these themes, years and article filter: widen them.",
    )
