"""ipywidgets explorers that degrade to a static fallback in the HTML site.

A live kernel renders the widget view. The static site has no kernel, so the
site build drops the widget mime type and shows the ``text/html`` fallback that
travels in the same output - never an empty box or "Loading widget…".
"""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets

WIDGET_MIME = "application/vnd.jupyter.widget-view+json"


class WithStaticFallback:
    """Display a widget, carrying static HTML for renderers without a kernel."""

    def __init__(self, widget: widgets.Widget, fallback_html: str, note: str):
        self.widget = widget
        self.fallback_html = fallback_html
        self.note = note

    def _repr_mimebundle_(self, **kwargs: Any) -> dict[str, Any]:
        bundle: dict[str, Any] = dict(self.widget._repr_mimebundle_(**kwargs) or {})
        bundle["text/html"] = (
            '<div class="use-static-fallback">'
            f'<p class="use-fallback-note"><strong>Static version.</strong> {self.note}</p>'
            f"{self.fallback_html}</div>"
        )
        return bundle


def replace_output(out: widgets.Output, *objects: Any) -> None:
    """Show ``objects`` in ``out``, replacing what it showed before.

    Sets the widget's outputs directly instead of capturing with ``with out:``.
    Captured output makes nbclient echo every message back to the kernel as a
    widget-state update, which stalls headless execution for the whole cell
    timeout once the output is large (a map, a long table).

    A plotly figure goes in as its mime bundle: ``append_display_data`` would call the
    figure's ``_ipython_display_``, which shows it in the cell's own output, outside
    ``out``, and later updates nowhere.
    """
    out.outputs = ()
    for obj in objects:
        if isinstance(obj, str):
            out.append_stdout(obj + "\n")
        elif hasattr(obj, "to_plotly_json"):
            from utils.render import OfflineRenderer

            bundle = OfflineRenderer().to_mimebundle(obj.to_dict())
            out.outputs += ({"output_type": "display_data", "data": bundle, "metadata": {}},)
        else:
            out.append_display_data(obj)
