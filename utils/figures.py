"""Helpers that give every chart a title, axis labels, a source line and alt text.

Alt text is stored in ``layout.meta["alt"]`` so it travels with the figure
JSON; the offline renderer (utils.render) writes it into the page and refuses
to render a figure without it.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable
from typing import Any

import pandas as pd
import plotly.graph_objects as go

SOURCE_LINE_Y = -0.2  # paper coordinates, below the x-axis title
SOURCE_LINE_CHARS = 120  # SVG text does not wrap by itself; longer lines would be cut off


class FigureContractError(ValueError):
    """A figure is missing its title, source line or alt text."""


def finish_figure(
    fig: go.Figure,
    *,
    title: str,
    source: str,
    alt: str,
    x_label: str | None = None,
    y_label: str | None = None,
    height: int = 520,
    legend_above: bool = False,
) -> go.Figure:
    """Add the parts every chart in the project must have, and return the figure.

    ``legend_above`` puts a horizontal legend between the title and the plot, where long legends
    cannot collide with the x-axis title or the source line below.
    """
    if len(alt.strip()) < 30:
        raise FigureContractError(f"alt text for '{title}' is too short to be meaningful: {alt!r}")
    has_menus = bool(fig.layout.updatemenus)
    fig.update_layout(
        # Title at the top of the canvas; menus, if any, get a band of their own below it.
        title=dict(text=title, y=0.98, yref="container", yanchor="top"),
        height=height,
        margin=dict(t=130 if has_menus or legend_above else 80, b=130, l=30, r=30),
        meta={**(fig.layout.meta or {}), "alt": alt.strip(), "source": source.strip()},
    )
    if legend_above:
        fig.update_layout(legend=dict(orientation="h", x=0, xanchor="left", y=1.02, yanchor="bottom"))
    fig.update_xaxes(automargin=True)
    fig.update_yaxes(automargin=True)
    if x_label is not None:
        fig.update_xaxes(title_text=x_label)
    if y_label is not None:
        fig.update_yaxes(title_text=y_label)
    fig.add_annotation(
        text="<br>".join(textwrap.wrap(f"Source: {source.strip()}", SOURCE_LINE_CHARS)),
        xref="paper", yref="paper", x=0, y=SOURCE_LINE_Y,
        xanchor="left", yanchor="top", showarrow=False,
        font=dict(size=12, color="#555555"), align="left",
        name="source-line",
    )
    return fig


def phone_variant(
    fig: go.Figure,
    *,
    frame: bool = False,
    ticktext: dict[str, dict[str, str]] | None = None,
    hide_titles: Iterable[str] = (),
) -> go.Figure:
    """Tell the site how to draw the figure on a phone (layout.meta["phone"], read by use-site.js).

    By default a chart reflows to a phone's width when its labels still fit. ``frame`` keeps the
    designed width in a frame that scrolls sideways instead (maps: their hand-placed labels need
    the room). ``ticktext`` gives short category labels per axis ({"yaxis": {label: short}}), and
    ``hide_titles`` names axes whose title the categories make plain.
    """
    phone: dict[str, Any] = {}
    if frame:
        phone["frame"] = True
    if ticktext:
        phone["ticktext"] = ticktext
    if hide_titles:
        phone["hide_titles"] = list(hide_titles)
    fig.update_layout(meta={**(fig.layout.meta or {}), "phone": phone})
    return fig


def mark_dates(
    fig: go.Figure,
    marks: Iterable[tuple[str, Any, str]],
    *,
    stagger: bool = False,
    line: dict[str, Any] | None = None,
) -> None:
    """Dotted vertical lines at dates on a date x-axis, each labelled in words above the plot.

    ``marks`` are (annotation name, date as pandas reads it, label); ``stagger`` alternates label heights so that
    labels of close dates do not collide. Dates go to plotly as epoch milliseconds, which
    shapes on date axes accept in every plotly version.
    """
    for n, (name, date, label) in enumerate(marks):
        x = float(pd.Timestamp(date).timestamp() * 1000)
        fig.add_shape(type="line", x0=x, x1=x, xref="x", y0=0, y1=1, yref="paper",
                      line=dict(dash="dot", **(line or {"color": "#999999", "width": 1.5})), layer="below")
        fig.add_annotation(x=x, y=1.055 if stagger and n % 2 else 1.0, xref="x", yref="paper", yanchor="bottom",
                           text=label, showarrow=False, font=dict(size=12, color="#444444"), name=name)


def figure_contract_problems(fig: go.Figure | dict[str, Any]) -> list[str]:
    """What a figure lacks of the project's rules (empty when it complies)."""
    layout = fig["layout"] if isinstance(fig, dict) else fig.to_plotly_json()["layout"]
    problems = []
    title = (layout.get("title") or {}).get("text")
    if not title:
        problems.append("no title")
    meta = layout.get("meta") or {}
    if not isinstance(meta, dict) or len(str(meta.get("alt", "")).strip()) < 30:
        problems.append("no meaningful alt text (layout.meta['alt'])")
    annotations = layout.get("annotations") or []
    if not any(str(a.get("text", "")).startswith("Source:") for a in annotations):
        problems.append("no source line")
    return problems
