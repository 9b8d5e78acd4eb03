"""nbconvert HTML exports that draw offline: charts drawn, widgets shown as their static form.

Installed as the default for `jupyter nbconvert --to html` and JupyterLab's
File > Save and Export Notebook As > HTML by tools/jupyter_config.py (the Makefile's
venv step), so teachers get a working file with no extra options.

Why a preprocessor: nbconvert's HTML template prefers the widget view (an empty box
without a widget manager from unpkg) and leaves each figure's ``Plotly.newPlot`` call
with no plotly.js. This preprocessor works on the exported copy only:

* drops the live-only representations (widget view, plotly JSON) wherever an output
  also carries ``text/html``, so the export shows the figure's div and each widget's
  static fallback, the same HTML the static site shows;
* drops the saved widget state, so the template loads no widget manager from a CDN;
* puts plotly.js (from the installed plotly package) inline once, before the first figure.

The template's require.js and MathJax links (by the same config) and its Mermaid link
(here) are pointed at empty ``data:`` scripts: the notebooks use none of them, and
nothing is requested from cdnjs.
"""

from __future__ import annotations

from typing import Any

from nbconvert.preprocessors import Preprocessor

LIVE_ONLY = ("application/vnd.jupyter.widget-view+json", "application/vnd.plotly.v1+json")
EMPTY_SCRIPT = "data:text/javascript,"


def plotly_script() -> str:
    """plotly.js inline, as plotly's own ``to_html(include_plotlyjs=True)`` writes it."""
    from plotly.offline import get_plotlyjs

    return ('<script type="text/javascript">window.PlotlyConfig = {MathJaxConfig: "local"};</script>'
            f'<script type="text/javascript">{get_plotlyjs()}</script>')


class OfflineHTMLPreprocessor(Preprocessor):  # type: ignore[misc]
    """Make an HTML export self-contained: static fallbacks, figures and one plotly.js."""

    def preprocess(self, nb: Any, resources: Any) -> tuple[Any, Any]:
        nb.metadata.pop("widgets", None)
        # Not settable through config in nbconvert 7, but read from resources by the template.
        resources["mermaid_js_url"], resources["mermaid_layout_elk_js_url"] = EMPTY_SCRIPT, ""
        needs_plotly = True
        for cell in nb.cells:
            for output in cell.get("outputs", []):
                data = output.get("data", {})
                if "text/html" not in data:
                    continue
                for mime in LIVE_ONLY:
                    data.pop(mime, None)
                html = data["text/html"]
                html = "".join(html) if isinstance(html, list) else html
                if needs_plotly and "Plotly.newPlot" in html:
                    data["text/html"] = plotly_script() + html
                    needs_plotly = False
        return nb, resources


def exporter_config() -> dict[str, Any]:
    """The HTMLExporter settings, for jupyter_nbconvert_config and jupyter_server_config."""
    return {
        "HTMLExporter": {
            "preprocessors": [f"{__name__}.{OfflineHTMLPreprocessor.__name__}"],
            "require_js_url": EMPTY_SCRIPT,
            "mathjax_url": EMPTY_SCRIPT,
        }
    }
