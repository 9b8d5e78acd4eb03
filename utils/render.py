"""An offline figure display for both JupyterLab and the static site, on plotly's public API.

Each figure is emitted as one mime bundle with two representations:

* ``application/vnd.plotly.v1+json`` - drawn by JupyterLab's bundled plotly
  extension in a live notebook, with the chart description written under the chart
  (the same words as the site's caption, so it is visible and read in JupyterLab too);
* ``text/html`` - a ``<figure>`` holding a div and a call to ``Plotly.newPlot``,
  *without* plotly.js. The static site loads one shared copy of plotly.js on
  every page (see book/conf.py), so pages stay small and never touch a CDN.

The alt text from ``layout.meta["alt"]`` becomes the figure's accessible name
and a visible caption; a figure without it is refused.

How figures reach the notebook: ``register_display`` tells IPython to display every plotly
figure through :func:`figure_bundle` (``ipython_display_formatter.for_type``, public IPython
API). IPython asks that formatter before it calls a figure's own ``_ipython_display_``, so
plotly's renderer machinery (``plotly.io.show`` and ``plotly.io._renderers``) is never
loaded. That module imports nbformat, which imports jsonschema and its optional
rfc3987-syntax grammar (~1.7 s here, ``python -X importtime``): every kernel paid that on its
first chart. The bundle is built with ``plotly.io.to_json`` and ``plotly.io.to_html`` only.
"""

from __future__ import annotations

import copy
import hashlib
import html
import json
import textwrap
from typing import Any

import plotly.io as pio
from plotly.basedatatypes import BaseFigure

from utils.figures import FigureContractError, figure_contract_problems

PLOTLY_MIME = "application/vnd.plotly.v1+json"
# The toolbar shows on hover only, so it never sits on top of a long title in a static view.
# No button may send a chart away (the site is offline): plotly.js 4's only such button is
# "Share chart" (sendDataToCloud, an upload to Plotly Cloud); older versions' "Edit in Chart Studio"
# and "Edit chart" link are gone from the library.
SENDING_BUTTONS = ["sendDataToCloud"]
PLOT_CONFIG = {"displaylogo": False, "displayModeBar": "hover", "responsive": True,
               "toImageButtonOptions": {"scale": 2},
               "showSendToCloud": False, "plotlyServerURL": "", "modeBarButtonsToRemove": SENDING_BUTTONS}
CAPTION_PREFIX = "Chart description:"
CAPTION_CHARS = 110  # SVG text does not wrap by itself
CAPTION_LINE_PX = 19


def figure_div_id(fig_dict: dict[str, Any]) -> str:
    """A stable id, so re-running a notebook gives the same HTML."""
    digest = hashlib.sha1(json.dumps(fig_dict, sort_keys=True).encode()).hexdigest()
    return f"fig-{digest[:12]}"


def _check_contract(fig_dict: dict[str, Any]) -> None:
    problems = figure_contract_problems(fig_dict)
    if problems:
        title = ((fig_dict.get("layout") or {}).get("title") or {}).get("text", "untitled")
        raise FigureContractError(f"figure '{title}': " + "; ".join(problems))


def figure_html(fig_dict: dict[str, Any]) -> str:
    """The site's representation: the chart div, its accessible name and a visible caption."""
    _check_contract(fig_dict)
    alt = html.escape(fig_dict["layout"]["meta"]["alt"])
    div = pio.to_html(
        fig_dict,
        include_plotlyjs=False,
        include_mathjax=False,
        full_html=False,
        div_id=figure_div_id(fig_dict),
        # A copy: plotly's to_html pops keys from the config it is given (plotlyServerURL).
        config=dict(PLOT_CONFIG),
        validate=False,
    )
    # <figure> keeps its own role (figure): ARIA allows no other role on a figure with a
    # figcaption (axe/Lighthouse aria-allowed-role), and aria-label names it all the same.
    return (
        f'<figure class="use-figure" aria-label="{alt}">'
        f'<div role="img" aria-label="{alt}">{div}</div>'
        f'<figcaption class="use-alt"><strong>{CAPTION_PREFIX}</strong> {alt}</figcaption>'
        f"</figure>"
    )


def with_caption(fig_dict: dict[str, Any]) -> dict[str, Any]:
    """A copy of the figure with its description written below everything else on the canvas.

    JupyterLab draws the plotly JSON and never sees the site's ``<figcaption>``, so the same
    words go into the figure itself: the bottom margin and the height grow by the caption's lines.
    """
    captioned = copy.deepcopy(fig_dict)
    layout = captioned.setdefault("layout", {})
    lines = textwrap.wrap(f"{CAPTION_PREFIX} {layout['meta']['alt']}", CAPTION_CHARS)
    extra = CAPTION_LINE_PX * len(lines) + 16
    margin = layout.setdefault("margin", {})
    bottom = int(margin.get("b", 80))
    margin["b"] = bottom + extra
    layout["height"] = int(layout.get("height") or 450) + extra
    text = "<br>".join(html.escape(line) for line in lines)
    text = text.replace(CAPTION_PREFIX, f"<b>{CAPTION_PREFIX}</b>", 1)
    layout.setdefault("annotations", []).append(dict(
        text=text, xref="paper", yref="paper", x=0, y=0, yshift=-bottom, xanchor="left", yanchor="top",
        align="left", showarrow=False, font=dict(size=13, color="#333333"), name="chart-description"))
    return captioned


def to_mimebundle(fig_dict: dict[str, Any]) -> dict[str, Any]:
    """The bundle every figure is displayed with: plotly JSON (with caption), site HTML, plain text."""
    # Round-trip through plotly's encoder: dates and numpy arrays become JSON.
    plain: dict[str, Any] = json.loads(pio.to_json(fig_dict, validate=False, remove_uids=False))
    site_html = figure_html(plain)  # checks the contract first
    return {
        PLOTLY_MIME: {**with_caption(plain), "config": PLOT_CONFIG},
        "text/html": site_html,
        "text/plain": f"<Figure: {plain['layout']['title']['text']}>",
    }


def figure_bundle(fig: Any) -> dict[str, Any]:
    """The full offline mime bundle of a figure (or a figure dict)."""
    fig_dict = fig.to_dict() if isinstance(fig, BaseFigure) else fig
    return to_mimebundle(fig_dict)


def display_figure(fig: BaseFigure) -> None:
    """Show a figure through the project bundle (what IPython calls for a figure as a cell's value)."""
    from IPython.display import display

    display(figure_bundle(fig), raw=True)  # type: ignore[no-untyped-call]


def register_display() -> None:
    """In an IPython kernel, display every plotly figure with :func:`display_figure`."""
    from IPython import get_ipython

    shell = get_ipython()
    if shell is not None:
        shell.display_formatter.ipython_display_formatter.for_type(BaseFigure, display_figure)


def show(fig: Any) -> None:
    """Display a figure through its mime bundle rather than plotly.io.show."""
    display_figure(fig)
