"""ipywidgets explorers that degrade to a static fallback in the HTML site.

A live kernel renders the widget view. The static site has no kernel, so the
site build drops the widget mime type and shows the ``text/html`` fallback that
travels in the same output - never an empty box or "Loading widget…".

Every explorer is an :class:`Explorer`: controls, a render function, a static
fallback, and a message for a filter that matches nothing. What an explorer
shows is set as mime bundles on its Output (``replace_output``), so it updates
in place in JupyterLab.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from typing import Any

import ipywidgets as widgets
from IPython.core.formatters import format_display_data
from plotly.basedatatypes import BaseFigure

from utils.render import figure_bundle

WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
CONTROL_WIDTH = "420px"


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


def mime_bundle(obj: object) -> dict[str, Any]:
    """The mime bundle that displays ``obj``.

    A plotly figure gets the project renderer's full offline bundle. IPython's own formatter
    would call the figure's ``_ipython_display_``, which displays it *outside* the Output
    widget (above the explorer) and returns nothing, so later changes would show nowhere.
    """
    if isinstance(obj, BaseFigure):
        return figure_bundle(obj)
    data, _ = format_display_data(obj)  # type: ignore[no-untyped-call]
    return dict(data)


def replace_output(out: widgets.Output, *objects: Any) -> None:
    """Show ``objects`` in ``out``, replacing what it showed before (a str is a line of text).

    Sets the widget's outputs directly instead of capturing with ``with out:``.
    Captured output makes nbclient echo every message back to the kernel as a
    widget-state update, which stalls headless execution for the whole cell
    timeout once the output is large (a map, a long table).
    """
    outputs: list[dict[str, Any]] = []
    for obj in objects:
        if isinstance(obj, str):
            outputs.append({"output_type": "stream", "name": "stdout", "text": obj + "\n"})
        else:
            outputs.append({"output_type": "display_data", "data": mime_bundle(obj), "metadata": {}})
    out.outputs = tuple(outputs)


def readable(control: widgets.Widget) -> widgets.Widget:
    """Let a control's label show whole: no fixed label column that cuts 'Only events the…'."""
    if hasattr(control, "style") and hasattr(control.style, "description_width"):
        control.style.description_width = "initial"
    if isinstance(control, widgets.Checkbox):
        control.indent = False
    return control


def year_range(first: int, last: int, description: str = "Years") -> tuple[widgets.IntRangeSlider, widgets.HBox]:
    """A range slider for years and the box to show it in.

    The slider's own readout is narrower than '2001 – 2025' in JupyterLab and cuts it, so the
    chosen range is written in a label beside the slider instead.
    """
    slider = widgets.IntRangeSlider(value=(first, last), min=first, max=last, description=description,
                                    readout=False, style={"description_width": "initial"},
                                    layout=widgets.Layout(width="300px"))
    shown = widgets.Label(f"{first} – {last}")

    def update(*_: object) -> None:
        low, high = slider.value
        shown.value = f"{low} – {high}"

    slider.observe(update, names="value")
    return slider, widgets.HBox([slider, shown])


def empty_notice(message: str) -> Any:
    """The line an explorer shows when its filters match nothing."""
    from IPython.display import HTML

    return HTML(f'<p class="use-empty" role="status"><strong>Nothing matches.</strong> '  # type: ignore[no-untyped-call]
                f"{html.escape(message, quote=False)}</p>")


class Explorer(WithStaticFallback):
    """One explorer: controls, a render function, a static fallback and an empty-result message.

    ``render()`` returns what to show for the controls' current values (strings are lines of
    text; figures, HTML and other displayable objects show as they would in a cell); an empty
    sequence means nothing matched, and ``empty_message`` (or what it returns, if a function) is
    shown instead. Every control in
    ``watch`` (by default each control with a value) re-renders when its value changes.
    ``arrange(output)`` lays out the controls around the output (default: controls above it).
    In the static site the widget is replaced by ``fallback_html`` under ``note``.
    """

    def __init__(
        self,
        controls: Sequence[widgets.Widget],
        render: Callable[[], Sequence[Any]],
        *,
        fallback_html: str,
        note: str,
        empty_message: str | Callable[[], str] = "Widen the filters above.",
        arrange: Callable[[widgets.Output], widgets.Widget] | None = None,
        watch: Sequence[widgets.Widget] | None = None,
    ):
        self.controls = [readable(c) for c in controls]
        self.output = widgets.Output()
        self.render = render
        self.empty_message = empty_message
        view = arrange(self.output) if arrange else widgets.VBox([*self.controls, self.output])
        super().__init__(view, fallback_html, note)
        for control in watch if watch is not None else [c for c in self.controls if c.has_trait("value")]:
            control.observe(self.refresh, names="value")
        self.refresh()

    def refresh(self, *_: object) -> None:
        shown = list(self.render())
        if shown:
            self.show(*shown)
        else:
            message = self.empty_message if isinstance(self.empty_message, str) else self.empty_message()
            self.show(empty_notice(message))

    def show(self, *objects: Any) -> None:
        replace_output(self.output, *objects)
