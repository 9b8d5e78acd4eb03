"""An offline plotly renderer for both JupyterLab and the static site.

Each figure is emitted as one mime bundle with two representations:

* ``application/vnd.plotly.v1+json`` - drawn by JupyterLab's bundled plotly
  extension in a live notebook;
* ``text/html`` - a ``<figure>`` holding a div and a call to ``Plotly.newPlot``,
  *without* plotly.js. The static site loads one shared copy of plotly.js on
  every page (see book/conf.py), so pages stay small and never touch a CDN.

The alt text from ``layout.meta["alt"]`` becomes the figure's accessible name
and a visible caption; a figure without it is refused.

Lean kernels: ``plotly.io._renderers`` imports nbformat when it is first
loaded, and in a kernel every figure is shown through ``plotly.io.show``
(``Figure._ipython_display_``), which reads ``nbformat.__version__``. nbformat
imports jsonschema, which imports its optional rfc3987-syntax grammar (~1.7 s
here, measured with ``python -X importtime``): every kernel paid that on its
first chart. We load the renderers module with nbformat deferred, answering the
version check from package metadata; nbformat is imported only if really used.
"""

from __future__ import annotations

import hashlib
import html
import importlib
import importlib.metadata
import json
import sys
from types import ModuleType
from typing import Any

import plotly.io as pio
from _plotly_utils import optional_imports

from utils.figures import FigureContractError, figure_contract_problems

RENDERER_NAME = "union_state_offline"
PLOTLY_MIME = "application/vnd.plotly.v1+json"
# The toolbar shows on hover only, so it never sits on top of a long title in a static view.
PLOT_CONFIG = {"displaylogo": False, "displayModeBar": "hover", "responsive": True,
               "toImageButtonOptions": {"scale": 2}}


def figure_div_id(fig_dict: dict[str, Any]) -> str:
    """A stable id, so re-running a notebook gives the same HTML."""
    digest = hashlib.sha1(json.dumps(fig_dict, sort_keys=True).encode()).hexdigest()
    return f"fig-{digest[:12]}"


def figure_html(fig_dict: dict[str, Any]) -> str:
    problems = figure_contract_problems(fig_dict)
    if problems:
        title = ((fig_dict.get("layout") or {}).get("title") or {}).get("text", "untitled")
        raise FigureContractError(f"figure '{title}': " + "; ".join(problems))
    alt = html.escape(fig_dict["layout"]["meta"]["alt"])
    div = pio.to_html(
        fig_dict,
        include_plotlyjs=False,
        include_mathjax=False,
        full_html=False,
        div_id=figure_div_id(fig_dict),
        config=PLOT_CONFIG,
        validate=False,
    )
    return (
        f'<figure class="use-figure" role="group" aria-label="{alt}">'
        f'<div role="img" aria-label="{alt}">{div}</div>'
        f'<figcaption class="use-alt"><strong>Chart description:</strong> {alt}</figcaption>'
        f"</figure>"
    )


class _DeferredModule(ModuleType):
    """Stands in for a module: answers ``__version__`` from the installed
    distribution's metadata and imports the module on any other attribute."""

    def __getattr__(self, attribute: str) -> Any:
        if attribute == "__version__":
            return importlib.metadata.version(self.__name__)
        return getattr(importlib.import_module(self.__name__), attribute)


def load_plotly_renderers_without_nbformat() -> ModuleType:
    """Import plotly.io._renderers while deferring its eager nbformat import."""
    if "plotly.io._renderers" in sys.modules:
        return sys.modules["plotly.io._renderers"]
    had_nbformat = "nbformat" in sys.modules
    if not had_nbformat:
        sys.modules["nbformat"] = None  # type: ignore[assignment]  # makes the import fail fast
    try:
        renderers: Any = importlib.import_module("plotly.io._renderers")
    finally:
        if not had_nbformat:
            del sys.modules["nbformat"]
            optional_imports._not_importable.discard("nbformat")
    if renderers.nbformat is None:
        renderers.nbformat = _DeferredModule("nbformat")
    module: ModuleType = renderers
    return module


MimetypeRenderer: Any = importlib.import_module("plotly.io._base_renderers").MimetypeRenderer


class OfflineRenderer(MimetypeRenderer):  # type: ignore[misc]
    def to_mimebundle(self, fig_dict: dict[str, Any]) -> dict[str, Any]:
        # Round-trip through plotly's encoder: dates and numpy arrays become JSON.
        plain: dict[str, Any] = json.loads(pio.to_json(fig_dict, validate=False, remove_uids=False))
        return {
            PLOTLY_MIME: {**plain, "config": PLOT_CONFIG},
            "text/html": figure_html(plain),
            "text/plain": f"<Figure: {fig_dict['layout']['title']['text']}>",
        }


def figure_bundle(fig: Any) -> dict[str, Any]:
    """The full offline mime bundle of a figure, as the project renderer emits it."""
    fig_dict = fig.to_dict() if hasattr(fig, "to_dict") else fig
    bundle: dict[str, Any] = OfflineRenderer().to_mimebundle(fig_dict)
    return bundle


def register_renderer() -> None:
    load_plotly_renderers_without_nbformat()
    pio.renderers[RENDERER_NAME] = OfflineRenderer()
    pio.renderers.default = RENDERER_NAME


def show(fig: Any) -> None:
    """Display a figure through its mime bundle rather than plotly.io.show."""
    from IPython.display import display

    display(fig)  # type: ignore[no-untyped-call]
