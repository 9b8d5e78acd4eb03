"""The project's plotly look: a colour-blind-safe palette and readable fonts.

Palette: Paul Tol's "muted" qualitative scheme, designed to stay distinct for
the common forms of colour-vision deficiency (https://personal.sron.nl/~pault/).
Colour is never the only carrier of meaning: figure builders also vary marker
symbols, positions or labels (see MARKER_SYMBOLS).
"""

from __future__ import annotations

import plotly.graph_objects as go
import plotly.io as pio

TOL_MUTED: tuple[str, ...] = (
    "#CC6677",  # rose
    "#332288",  # indigo
    "#DDCC77",  # sand
    "#117733",  # green
    "#88CCEE",  # cyan
    "#882255",  # wine
    "#44AA99",  # teal
    "#999933",  # olive
    "#AA4499",  # purple
    "#DDDDDD",  # pale grey, for "other" / no data
)

# Shapes that stay distinguishable in greyscale and at small sizes.
MARKER_SYMBOLS: tuple[str, ...] = (
    "circle", "square", "diamond", "triangle-up", "cross",
    "triangle-down", "x", "star", "hexagon", "pentagon",
)

FONT_FAMILY = "Helvetica Neue, Arial, Liberation Sans, sans-serif"
TEMPLATE_NAME = "union_state"


def build_template() -> go.layout.Template:
    template = go.layout.Template()
    template.layout = go.Layout(
        font=dict(family=FONT_FAMILY, size=15, color="#222222"),
        title=dict(font=dict(size=20), x=0.0, xanchor="left", xref="paper"),
        colorway=list(TOL_MUTED[:-1]),
        paper_bgcolor="white",
        plot_bgcolor="white",
        hoverlabel=dict(font=dict(family=FONT_FAMILY, size=14)),
        legend=dict(font=dict(size=14)),
        xaxis=dict(showgrid=True, gridcolor="#E5E5E5", linecolor="#444444", ticks="outside"),
        yaxis=dict(showgrid=True, gridcolor="#E5E5E5", linecolor="#444444", ticks="outside"),
    )
    return template


def register_template() -> None:
    """Make the project template the default for every new figure."""
    pio.templates[TEMPLATE_NAME] = build_template()
    pio.templates.default = TEMPLATE_NAME
