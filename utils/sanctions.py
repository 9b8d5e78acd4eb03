"""Sanctions on Belarus and its economic ties to Russia: figures, tables and an explorer.

Counts are only what sources state. Where a source gives an authority's running
total of listed people, that total is used (a filled marker); between stated
totals the chart adds the additions a source states to the last count (an open
marker) and says so. Listings an authority made under another of its regimes
(the EU's and the UK's Russia regimes in March 2022) are left out of the Belarus
counts, because they never entered the Belarus lists (``OTHER_REGIME_LISTINGS``).

Every chart tells its groups apart by marker shape (and line style) as well as
colour, and labels figures official or independent as the data do.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping
from typing import Any, cast

import ipywidgets as widgets
import pandas as pd
import plotly.graph_objects as go
from IPython.display import HTML

from utils.citations import readable_date
from utils.figures import finish_figure, mark_dates
from utils.labels import AUTHORITY, ECONOMY_TOPIC, FIGURE, MEASURE_TYPE, TRADE_MEASURE, TRIGGER
from utils.tables import cell, html_table, wrap
from utils.theme import TOL_MUTED
from utils.widgets import Explorer, year_range

# The event in data/events.csv that each trigger refers to.
TRIGGER_EVENTS: dict[str, str] = {
    "election_2020": "presidential-election-2020",
    "ryanair_2021": "ryanair-diversion-2021",
    "border_crisis_2021": "border-migrant-crisis-2021",
    "invasion_2022": "russian-invasion-2022",
    "prisoner_release_2025": "prisoners-released-belavia-2025",
}
# Listings made under another regime of the same authority: they add nobody to its Belarus list.
OTHER_REGIME_LISTINGS: dict[str, str] = {
    "eu-2022-03-02-military-listings": "listed under the EU's regime on Ukraine's territorial integrity",
    "uk-2022-03-01-invasion": "listed under the UK's Russia regime",
}
UNIT_FORMATS: dict[str, str] = {
    # unit -> how a value is written, e.g. "USD {v} bn" -> "USD 1.5 bn"
    "usd_bn": "USD {v} bn",
    "usd_m": "USD {v} m",
    "usd_per_1000m3": "USD {v} per 1,000 m³",
    "usd_per_tonne": "USD {v} per tonne",
    "percent": "{v}%",
    "times": "{v} times",
    "thousand_tonnes": "{v} thousand tonnes",
}


def _ms(date: pd.Timestamp) -> float:
    """A date as plotly's epoch milliseconds (shapes on date axes need numbers in some versions)."""
    return float(pd.Timestamp(date).timestamp() * 1000)


def _legend_below(fig: go.Figure, rows: int) -> go.Figure:
    """Put the legend under the x-axis title and the source line under the legend.

    ``finish_figure`` places the source line a fixed fraction of the plot height below
    the axis; a legend of several rows needs its own band, so both are placed in pixels.
    """
    top = int(fig.layout.margin.t or 80)
    axis_px, row_px, source_px = 62, 24, 44
    bottom = axis_px + rows * row_px + source_px
    plot_px = int(fig.layout.height) - top - bottom
    fig.update_layout(margin=dict(b=bottom),
                      legend=dict(orientation="h", x=0, xanchor="left", yanchor="top", y=-axis_px / plot_px,
                                  font=dict(size=13), tracegroupgap=0))
    fig.update_annotations(selector=dict(name="source-line"), y=-(axis_px + rows * row_px + 6) / plot_px)
    return fig


def trigger_dates(events: pd.DataFrame) -> dict[str, pd.Timestamp]:
    """The date of the event each trigger refers to, read from data/events.csv."""
    dates = events.set_index("id")["date"]
    return {trigger: cast(pd.Timestamp, dates[event_id]) for trigger, event_id in TRIGGER_EVENTS.items()}


def listings_over_time(sanctions: pd.DataFrame, column: str = "persons",
                       exclude: Mapping[str, str] = OTHER_REGIME_LISTINGS) -> pd.DataFrame:
    """Per authority and date: how many people (``column="persons"``) or entities are listed so far.

    A total stated by the source is used as it is (``stated`` True). Otherwise the
    stated additions are added to the last count (``stated`` False): a lower bound
    when the table misses a round. Rows in ``exclude`` (listings under another
    regime) and rows that state no number are skipped.
    """
    rows = []
    for authority, part in sanctions.sort_values(["date", "id"]).groupby("authority", sort=True):
        running = 0
        for _, r in part.iterrows():
            if r["id"] in exclude:
                continue
            total, added = r[f"{column}_total"], r[f"{column}_added"]
            if pd.notna(total):
                running, stated = int(total), True
            elif pd.notna(added):
                running, stated = running + int(added), False
            else:
                continue
            rows.append({"authority": authority, "date": r["date"], "count": running, "stated": stated,
                         "added": None if pd.isna(added) else int(added), "measure_id": r["id"]})
    counts = pd.DataFrame(rows, columns=["authority", "date", "count", "stated", "added", "measure_id"])
    return counts.astype({"count": "int64", "stated": "bool", "added": "Int64"})


def total_drops(sanctions: pd.DataFrame, column: str = "persons") -> pd.DataFrame:
    """Rows whose stated running total is lower than the authority's previous stated total.

    A fall is real only if something was taken off a list (a delisting or relief);
    the rows returned carry their summary, which must say so.
    """
    stated = sanctions[sanctions[f"{column}_total"].notna()].sort_values(["authority", "date", "id"])
    previous = stated.groupby("authority")[f"{column}_total"].shift()
    falls: pd.DataFrame = stated[stated[f"{column}_total"] < previous].assign(
        previous_total=previous[stated[f"{column}_total"] < previous])
    return falls[["id", "authority", "date", "measure_type", "previous_total", f"{column}_total", "summary"]]


def latest_totals(sanctions: pd.DataFrame) -> pd.DataFrame:
    """Each authority's latest stated total of listed people (and entities, where given)."""
    stated = sanctions[sanctions["persons_total"].notna()].sort_values("date")
    latest: pd.DataFrame = stated.groupby("authority").tail(1).sort_values("persons_total", ascending=False)
    return latest[["authority", "date", "persons_total", "entities_total", "id"]].reset_index(drop=True)


def _trigger_lines(fig: go.Figure, triggers: Mapping[str, pd.Timestamp]) -> None:
    """Dotted vertical lines at the trigger events, labelled in words (staggered so they do not collide)."""
    mark_dates(fig, [(f"trigger-{trigger}", date, TRIGGER[trigger].short)
                     for trigger, date in sorted(triggers.items(), key=lambda item: item[1])], stagger=True)


def _add_relief(fig: go.Figure, relief: pd.DataFrame, counts: pd.DataFrame) -> None:
    """Relief measures as open stars on their authority's line, each authority's named once."""
    if relief.empty:
        return
    level = [_count_on(counts, a, d) for a, d in zip(relief["authority"], relief["date"])]
    fig.add_trace(go.Scatter(
        x=relief["date"], y=level, mode="markers", name="Relief (no count of people removed)",
        marker=dict(symbol="star-open", size=16, color=TRIGGER["prisoner_release_2025"].colour,
                    line=dict(width=2.5)),
        customdata=relief["id"],
        hovertext=[f"<b>Relief</b>: {html.escape(str(t))}<br>{a}, {d:%d %b %Y}"
                   for t, a, d in zip(relief["title"], relief["authority"], relief["date"])],
        hoverinfo="text",
    ))
    for authority in relief["authority"].unique():
        mine = relief[relief["authority"] == authority]
        fig.add_annotation(x=mine["date"].iloc[len(mine) // 2], y=max(level), yshift=14, yanchor="bottom",
                           text=f"{authority} relief", showarrow=False, font=dict(size=12, color="#333333"),
                           name=f"relief-{authority}")


def cumulative_listings_figure(sanctions: pd.DataFrame, source_line: str,
                               triggers: Mapping[str, pd.Timestamp] | None = None) -> go.Figure:
    """People on each authority's Belarus sanctions list over time, as steps, with 2025 relief marked.

    Filled markers are totals a source states; open markers add stated additions to
    the last count. Relief measures are drawn as open stars on their authority's line.
    """
    counts = listings_over_time(sanctions, "persons")
    fig = go.Figure()
    order = AUTHORITY.present(counts["authority"])
    for authority in order:
        part = counts[counts["authority"] == authority]
        colour, symbol = AUTHORITY[authority].colour, AUTHORITY[authority].symbol
        fig.add_trace(go.Scatter(
            x=part["date"], y=part["count"], mode="lines+markers", line_shape="hv", name=authority,
            legendgroup=authority, line=dict(color=colour, width=2.5),
            marker=dict(symbol=[symbol if s else f"{symbol}-open" for s in part["stated"]], size=10,
                        color=colour, line=dict(color=colour, width=2)),
            customdata=part["measure_id"],
            hovertext=[f"<b>{authority}</b>, {d:%d %b %Y}<br>{c:,} people listed<br>"
                       + ("total stated by the source" if s else f"last count + {a} stated as added")
                       for d, c, s, a in zip(part["date"], part["count"], part["stated"], part["added"])],
            hoverinfo="text",
        ))
        last = part.iloc[-1]
        fig.add_annotation(x=last["date"], y=last["count"], text=f" {authority}", showarrow=False,
                           xanchor="left", font=dict(size=12, color="#333333"), name=f"label-{authority}")
    relief = sanctions[sanctions["measure_type"] == "relief"].sort_values("date")
    _add_relief(fig, relief, counts)
    if triggers:
        _trigger_lines(fig, triggers)
    latest = latest_totals(sanctions).iloc[0]
    fig.update_yaxes(rangemode="tozero")
    fig.update_xaxes(range=[_ms(pd.Timestamp("2020-06-01")), _ms(counts["date"].max() + pd.Timedelta(days=200))])
    # The authorities are named at the end of their lines; a key explains the markers instead of a legend.
    fig.add_annotation(xref="paper", yref="paper", x=0.01, y=0.97, xanchor="left", yanchor="top", align="left",
                       showarrow=False, font=dict(size=12, color="#333333"), bgcolor="rgba(255,255,255,0.85)",
                       name="marker-key",
                       text=("● filled marker: total stated by a source<br>"
                             "○ open marker: last count + people a source says were added<br>"
                             "☆ open star: relief (no count of people removed)"))
    fig.update_layout(showlegend=False)
    return finish_figure(
        fig,
        title="People on Belarus sanctions lists, by authority",
        source=source_line,
        alt=(f"Step chart of how many people {len(order)} authorities have listed under their Belarus "
             f"sanctions since 2020. The largest stated total is the {latest['authority']}'s: "
             f"{int(latest['persons_total']):,} people on {latest['date']:%d %B %Y}. Filled markers are totals "
             "stated by a source, open markers add stated additions to the last count; open stars mark "
             f"{len(relief)} relief measures of 2025. Dotted lines mark the events the sanctions answered."),
        x_label="Date",
        y_label="People listed (running count)",
        height=640,
    )


def _count_on(counts: pd.DataFrame, authority: str, date: pd.Timestamp) -> int:
    """The authority's running count on a date (0 before its first listing)."""
    before = counts[(counts["authority"] == authority) & (counts["date"] <= date)]
    return int(before["count"].iloc[-1]) if not before.empty else 0


def measure_positions(sanctions: pd.DataFrame) -> pd.Series:
    """The y position of each measure on the timeline: its authority's row, nudged apart when
    the same authority took several measures on the same day."""
    rows = {a: i for i, a in enumerate(reversed(AUTHORITY.present(sanctions["authority"])))}
    ordered = sanctions.sort_values(["authority", "date", "id"])
    rank = ordered.groupby(["authority", "date"]).cumcount()
    size = ordered.groupby(["authority", "date"])["id"].transform("count")
    position = ordered["authority"].map(rows) + (rank - (size - 1) / 2) * 0.28
    return position.reindex(sanctions.index).astype(float)


def measures_timeline_figure(sanctions: pd.DataFrame, source_line: str,
                             triggers: Mapping[str, pd.Timestamp] | None = None) -> go.Figure:
    """Every measure by authority and date; colour and marker shape = the event it answered.

    Relief measures are drawn open; the hover text gives the type and title of each measure.
    """
    fig = go.Figure()
    y = measure_positions(sanctions)
    authorities = AUTHORITY.present(sanctions["authority"])
    for trigger in TRIGGER.present(sanctions["trigger"]):
        part = sanctions[sanctions["trigger"] == trigger]
        colour, symbol = TRIGGER[trigger].colour, TRIGGER[trigger].symbol
        fig.add_trace(go.Scatter(
            x=part["date"], y=y[part.index], mode="markers", name=TRIGGER[trigger].label,
            marker=dict(symbol=[f"{symbol}-open" if m == "relief" else symbol for m in part["measure_type"]],
                        size=13, color=colour, line=dict(color=colour if trigger != "other" else "#444444",
                                                         width=1.5)),
            customdata=part["id"],
            hovertext=[f"<b>{wrap(html.escape(str(t)), 60)}</b><br>{a}, {d:%d %b %Y}<br>{MEASURE_TYPE.label(m)}<br>"
                       f"Answered: {TRIGGER[trigger].label}"
                       for t, a, d, m in zip(part["title"], part["authority"], part["date"], part["measure_type"])],
            hoverinfo="text",
        ))
    if triggers:
        _trigger_lines(fig, triggers)
    relief = int((sanctions["measure_type"] == "relief").sum())
    fig.update_yaxes(tickvals=list(range(len(authorities))), ticktext=list(reversed(authorities)),
                     range=[-0.6, len(authorities) - 0.4], showgrid=True, zeroline=False)
    return _legend_below(finish_figure(
        fig,
        title="Sanctions measures on Belarus and the events they answered",
        source=source_line,
        alt=(f"Chart of {len(sanctions)} sanctions measures taken by {len(authorities)} authorities from "
             f"{sanctions['date'].min():%B %Y} to {sanctions['date'].max():%B %Y}, one row per authority; "
             "colour and marker shape show the event each measure answered (the 2020 election, the Ryanair "
             f"diversion, the 2021 border crisis, the 2022 invasion, later repression); {relief} relief "
             "measures of 2025, which answered prisoner releases, are drawn as open stars."),
        x_label="Date",
        y_label="Authority",
        height=720,
    ), rows=4)


def _count_text(added: Any, total: Any) -> str:
    """'+78, total 166' from a row's stated addition and total (either may be missing)."""
    parts = []
    if pd.notna(added):
        parts.append(f"+{int(added)}")
    if pd.notna(total):
        parts.append(f"total {int(total)}")
    return ", ".join(parts)


def measures_html(sanctions: pd.DataFrame, fold: bool = True) -> str:
    """Every measure as a table, in date order: who, what type, what it answered, counts stated.

    With ``fold`` each summary sits in a <details> box under the title (it opens on a
    click, no script needed), so a long table stays short on the page.
    """
    def measure(r: pd.Series) -> str:
        title, summary = f"<strong>{cell(r['title'])}</strong>", cell(r["summary"])
        return (f"{title}<details><summary>More</summary>{summary}</details>" if fold
                else f"{title}<br>{summary}")

    return html_table(
        ["Date", "Authority", "Type", "Answered", "People", "Entities", "Measure"],
        ([f"{r['date'].day}&nbsp;{r['date']:%b %Y}", cell(r["authority"]), MEASURE_TYPE.short(r["measure_type"]),
          TRIGGER.short(r["trigger"]), _count_text(r["persons_added"], r["persons_total"]),
          _count_text(r["entities_added"], r["entities_total"]), measure(r)]
         for _, r in sanctions.sort_values(["date", "id"]).iterrows()),
    )


def filter_measures(sanctions: pd.DataFrame, authorities: Iterable[str], types: Iterable[str],
                    years: tuple[int, int]) -> pd.DataFrame:
    """The measures of the chosen authorities and types whose year lies in ``years`` (inclusive)."""
    mask = (sanctions["authority"].isin(list(authorities)) & sanctions["measure_type"].isin(list(types))
            & sanctions["date"].dt.year.between(*years))
    chosen: pd.DataFrame = sanctions[mask]
    return chosen


def describe_selection(chosen: pd.DataFrame, total: int) -> str:
    """'12 of 69 measures: 8 listings, 4 relief' style line for the explorer."""
    if chosen.empty:
        return f"0 of {total} measures match: widen the selection."
    by_type = chosen["measure_type"].value_counts()
    kinds = ", ".join(f"{by_type[m]} {MEASURE_TYPE[m].label.lower()}" for m in MEASURE_TYPE.present(by_type.index))
    return f"{len(chosen)} of {total} measures: {kinds}"


def sanctions_explorer(sanctions: pd.DataFrame) -> Explorer:
    """Pick authorities, types of measure and a range of years; the matching measures show as a table."""
    authorities = tuple(AUTHORITY.present(sanctions["authority"]))
    types = tuple(MEASURE_TYPE.present(sanctions["measure_type"]))
    first, last = int(sanctions["date"].dt.year.min()), int(sanctions["date"].dt.year.max())
    pick_auth = widgets.SelectMultiple(options=[(AUTHORITY.label(a), a) for a in authorities], value=authorities,
                                       description="Authority", rows=len(authorities))
    pick_type = widgets.SelectMultiple(options=[(MEASURE_TYPE.label(t), t) for t in types], value=types,
                                       description="Type", rows=len(types),
                                       layout=widgets.Layout(width="360px"))
    pick_years, years_box = year_range(first, last)

    def render() -> list[object]:
        chosen = filter_measures(sanctions, pick_auth.value, pick_type.value, pick_years.value)
        if chosen.empty:
            return []
        return [describe_selection(chosen, len(sanctions)), HTML(measures_html(chosen))]  # type: ignore[no-untyped-call]

    return Explorer(
        [pick_auth, pick_type, pick_years], render,
        arrange=lambda out: widgets.VBox([widgets.HBox([pick_auth, pick_type]), years_box, out]),
        fallback_html=measures_html(sanctions),
        note=("In JupyterLab you can filter by authority, type of measure and years (hold Ctrl or Cmd to "
              f"pick several). Here are all {len(sanctions)} measures, oldest first."),
        empty_message=f"0 of {len(sanctions)} measures match: widen the selection.",
    )


def trade_figure(trade: pd.DataFrame, measures: Iterable[str], source_line: str) -> go.Figure:
    """Shares of Belarus's trade that involve Russia, by year: one colour and shape per measure.

    Official figures are filled markers joined by a line; independent estimates are
    open markers without a line, so the two are never read as one series. Each measure is named
    by its short label in ``utils.labels.TRADE_MEASURE``.
    """
    measures = list(measures)
    fig = go.Figure()
    shown = trade[trade["measure"].isin(list(measures))]
    symbols = ["circle", "square", "diamond", "triangle-up", "pentagon"]
    colours = [TOL_MUTED[1], TOL_MUTED[0], TOL_MUTED[3], TOL_MUTED[5], TOL_MUTED[7]]
    for i, measure in enumerate(measures):
        label = TRADE_MEASURE.short(measure)
        for figure, part in shown[shown["measure"] == measure].sort_values("year").groupby("figure", sort=True):
            wording, fill = FIGURE[figure].lower, "" if figure == "official" else "-open"
            joined = figure == "official" and len(part) > 1
            fig.add_trace(go.Scatter(
                x=part["year"], y=part["value"], mode="lines+markers" if joined else "markers",
                name=f"{label} ({wording})", legendgroup=measure,
                line=dict(color=colours[i % 5], width=2.5, dash=["solid", "dash", "dot", "dashdot", "longdash"][i % 5]),
                marker=dict(symbol=symbols[i % 5] + fill, size=11, color=colours[i % 5], line=dict(width=2)),
                customdata=part["id"],
                hovertext=[f"<b>{y}</b>: {v:g}% ({FIGURE[f].lower})<br>{wrap(html.escape(str(n or '')), 60)}"
                           for y, v, f, n in zip(part["year"], part["value"], part["figure"], part["note"].fillna(""))],
                hoverinfo="text",
            ))
    official = shown[shown["figure"] == "official"]
    other = shown[shown["figure"] != "official"]
    fig.update_yaxes(range=[0, 100], ticksuffix="%")
    fig.update_xaxes(dtick=2 if shown["year"].max() - shown["year"].min() <= 16 else 5)
    return _legend_below(finish_figure(
        fig,
        title="How much of Belarus's trade involves Russia",
        source=source_line,
        alt=(f"Chart of {len(shown)} sourced yearly shares of Belarus's trade with Russia, "
             f"{int(shown['year'].min())} to {int(shown['year'].max())}: {len(official)} official figures "
             f"between {official['value'].min():g}% and {official['value'].max():g}% (filled markers on lines) "
             f"and {len(other)} independent estimates between {other['value'].min():g}% and "
             f"{other['value'].max():g}% (open markers)."),
        x_label="Year",
        y_label="Share (%)",
        height=640,
    ), rows=3)


def measures_by_trigger(sanctions: pd.DataFrame) -> pd.DataFrame:
    """How many measures answered each event, by type of measure, in the vocabulary's words and
    order: events down (and "All events"), types across (and "All types")."""
    counts = (sanctions.groupby(["trigger", "measure_type"]).size().unstack(fill_value=0)
              .reindex(index=TRIGGER.present(sanctions["trigger"]),
                       columns=MEASURE_TYPE.present(sanctions["measure_type"]), fill_value=0)
              .rename(index=TRIGGER.label, columns=MEASURE_TYPE.short))
    counts.loc["All events"] = counts.sum()
    counts["All types"] = counts.sum(axis=1)
    return counts


def measures_by_trigger_html(sanctions: pd.DataFrame) -> str:
    """measures_by_trigger as a table in the project's style."""
    counts = measures_by_trigger(sanctions)
    return html_table(["Answering", *(cell(c) for c in counts.columns)],
                      ([cell(name), *(str(n) for n in row)] for name, row in counts.iterrows()))


def _value_text(value: Any, unit: Any) -> str:
    """A value with its unit ('USD 165.6 per 1,000 m³', '80%'), or '' when there is none."""
    if pd.isna(value):
        return ""
    return UNIT_FORMATS.get(str(unit), "{v} " + str(unit)).format(v=f"{value:g}")


def trade_html(trade: pd.DataFrame) -> str:
    """Trade figures as a table in year order: year, value with its unit, whose figure, full note."""
    return html_table(
        ["Year", "Value", "Figure", "Note"],
        ([str(r["year"]), cell(_value_text(r["value"], r["unit"])), cell(FIGURE[r["figure"]].lower), cell(r["note"])]
         for _, r in trade.sort_values(["year", "id"]).iterrows()),
    )


def economy_html(facts: pd.DataFrame, topics: Iterable[str] | None = None) -> str:
    """Dated economic facts as a table (date, topic, fact, value, whose figure), in date order."""
    chosen = facts if topics is None else facts[facts["topic"].isin(list(topics))]
    return html_table(
        ["Date", "Topic", "Fact", "Value", "Figure"],
        ([readable_date(str(r["date"])), cell(ECONOMY_TOPIC.label(r["topic"])), cell(r["fact"]),
          cell(_value_text(r["value"], r["unit"])), cell(FIGURE[r["figure"]].lower)]
         for _, r in chosen.sort_values(["date", "id"]).iterrows()),
    )
