"""Sphinx + myst-nb configuration for the static site (built by `make site`).

Why Sphinx + myst-nb: it builds entirely offline (Jupyter Book 2 / MyST-JS
downloads its theme at build time), executes every notebook during the build,
and lets us choose which output representation goes into the HTML.
"""

from __future__ import annotations

import html
import json
import os
import re
from pathlib import Path

from docutils import nodes

from book import teacher_only  # book/teacher_only.py: teacher-only text, worksheet print styles
from book.search_variants import add_variant_keywords  # search finds a page by any spelling (data/glossary.csv)

# The partial plotly.js bundle the site ships (scatter, bar, pie), vendored with its licence and
# checksum by tools/refresh_plotly_bundle.py. Only pages with a chart load it.
PLOTLY_BUNDLE = "vendor/plotly.js-basic-dist-min/plotly-basic.min.js"

project = "Union State Explained"
author = "Union State Explained contributors"
copyright = "2026, Union State Explained contributors; text CC BY 4.0"

extensions = ["myst_nb"]
root_doc = "index"
exclude_patterns = ["README.md", "**/.ipynb_checkpoints", "_build"]
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3

# Notebooks run through a jupyter-cache. `make site` empties the cache and builds both
# sites with "cache": the student build runs every notebook into it, and the teacher
# build reuses those outputs instead of running each notebook a second time. Without
# USE_EXECUTION_MODE the mode is "force": every notebook runs on every build.
nb_execution_mode = os.environ.get("USE_EXECUTION_MODE", "force")
nb_execution_cache_path = str(Path(__file__).resolve().parent.parent / "build" / "jupyter_cache")
nb_execution_raise_on_error = True
nb_execution_show_tb = True
nb_execution_timeout = 300
# Anything a notebook prints to stderr (warnings included) fails a `-W` build.
nb_output_stderr = "warn"
# Static HTML: prefer each figure's text/html (a div + Plotly.newPlot, no library)
# and each widget's static fallback over the live-only representations, which
# get the lowest priority (the HTML builder then never picks them).
LIVE_ONLY = 10_000
nb_mime_priority_overrides = [
    ("html", "application/vnd.jupyter.widget-view+json", LIVE_ONLY),
    ("html", "application/vnd.plotly.v1+json", LIVE_ONLY),
]
# myst-nb warns while parsing about every mime type it cannot render (the plotly
# JSON, the widget view) even when the bundle also has HTML. Safe to silence: an
# output with *nothing* renderable still fails the build ("mystnb.mime_priority").
suppress_warnings = ["mystnb.unknown_mime_type"]
# No require.js or widget manager from a CDN.
nb_ipywidgets_js: dict[str, dict[str, str]] = {}

html_theme = "alabaster"
html_theme_options = {
    "show_relbars": True,
    "description": "Belarus and Russia since 1991, explained with sourced data",
    "fixed_sidebar": False,
    "page_width": "1180px",
    "sidebar_width": "230px",
    "font_family": "Helvetica Neue, Arial, Liberation Sans, sans-serif",
    "head_font_family": "Helvetica Neue, Arial, Liberation Sans, sans-serif",
}
# Own templates (book/_templates): a skip link and a top bar with contents and search (first
# on a phone, where the sidebar drops below the page), headings in order, ids used once.
templates_path = ["_templates"]
html_sidebars = {"**": ["use-about.html", "navigation.html"]}
STUDENT = tags.has("student")  # type: ignore[name-defined]  # noqa: F821 (Sphinx injects `tags`)
html_title = f"{project} ({'student' if STUDENT else 'teacher'} edition)"
html_theme_options["description"] = (
    "Belarus and Russia since 1991, explained with sourced data. "
    + ("Student edition: exercises without worked solutions." if STUDENT
       else "Teacher edition: with worked solutions; give students the student edition.")
)
html_static_path = ["_static"]
# One print stylesheet for every page; the worksheets use it too.
html_css_files = ["custom.css", ("print.css", {"media": "print"})]
html_js_files = [("use-site.js", {"defer": "defer"})]
# Code colours with at least 4.5:1 contrast on the code background (WCAG AA).
pygments_style = "default"
html_copy_source = False
html_show_sourcelink = False


def add_page_scripts(app, pagename, templatename, context, doctree):  # type: ignore[no-untyped-def]
    """Per page: plotly only where a chart is, after the first paint; and a meta description.

    A chart page gets a tiny call queue (its figures call Plotly.newPlot while the page is
    parsed) and the bundle's address; use-site.js loads the bundle only when a chart is needed,
    so text paints, and the page answers, before the library arrives.
    """
    body = context.get("body", "")
    if "Plotly.newPlot(" in body:
        # Inline: half a kilobyte is not worth a request that blocks the page's parsing. The
        # bundle itself is named, not loaded: use-site.js fetches it right after the first paint
        # (or sooner, if a chart needs it first).
        bundle = context["pathto"](f"_static/{PLOTLY_BUNDLE}", 1)
        app.add_js_file(None, body=f"window.useChartBundle = {json.dumps(bundle)};\n{CHART_QUEUE_SCRIPT}", priority=100)
    if pagename != "search":  # the search page's own scripts need these before they run
        defer_sphinx_scripts(context)
    context["use_description"] = page_description(body, context.get("title", ""))
    # A toctree caption is role="heading" without a level (axe: aria-required-attr).
    body = body.replace('class="caption" role="heading"', 'class="caption" role="heading" aria-level="2"')
    # myst-nb names the fold of a hidden code cell "Toggle hidden content" while it shows "Show code
    # cell source": a speech-input user says what they see (axe: label-content-name-mismatch).
    body = body.replace('<summary aria-label="Toggle hidden content">', "<summary>")
    # Each cell of the project's tables says text-align:left for JupyterLab, whose own CSS aligns
    # cells right; custom.css says it once for the site (16 kB less on the timeline page).
    body = re.sub(r'<(td|th) style="text-align:left">', r"<\1>", body)
    # A Markdown table needs a header row even when it has none to give (the "Prerequisites and
    # time to learn" tables: `| | |`); an empty one is noise to a screen reader (axe:
    # empty-table-header), so it goes.
    context["body"] = EMPTY_TABLE_HEAD.sub("", body)


EMPTY_TABLE_HEAD = re.compile(r'<thead>\s*<tr[^>]*>(?:\s*<th[^>]*>(?:<p></p>)?</th>)+\s*</tr>\s*</thead>\s*')


CHART_QUEUE_SCRIPT = (Path(__file__).parent / "_static" / "use-charts-queue.js").read_text(encoding="utf-8")
# Sphinx's own scripts (search-term highlighting, options) run at DOMContentLoaded anyway; loaded
# in <head> without defer they hold up the parsing of every page (Lighthouse: render-blocking).
SPHINX_SCRIPTS = {"documentation_options.js", "doctools.js", "sphinx_highlight.js"}


def defer_sphinx_scripts(context: dict) -> None:  # type: ignore[type-arg]
    from sphinx.builders.html._assets import _JavaScript

    context["script_files"] = [
        _JavaScript(js.filename, priority=js.priority, **{**js.attributes, "defer": "defer"})
        if Path(str(js.filename).split("?")[0]).name in SPHINX_SCRIPTS else js
        for js in context.get("script_files", [])
    ]


def page_description(body: str, title: str) -> str:
    """The page's first paragraph, shortened to about 155 characters, as plain text."""
    first = re.search(r"<p>(.*?)</p>", body, re.S)
    text = re.sub(r"<[^>]+>", "", first.group(1)) if first else ""
    text = " ".join(html.unescape(text).split())
    if len(text) < 40:
        text = f"{html.unescape(re.sub(r'<[^>]+>', '', title))}: {project}, Belarus and Russia since 1991."
    return text if len(text) <= 160 else text[:155].rsplit(" ", 1)[0] + " …"


def drop_widget_state(app, env):  # type: ignore[no-untyped-def]
    """Leave saved ipywidgets state out of the pages.

    The site loads no widget manager (it would come from a CDN), so the state could
    never render; every explorer shows its static fallback instead. Dropping it saves
    up to 60 kB per page.
    """
    for doc in getattr(env, "nb_metadata", {}).values():
        doc.get("js_files", {}).pop("ipywidgets_state", None)


SOLUTION_OPEN = 'class="use-solution"'
SOLUTION_REMOVED = "The worked solution is in the teacher edition of this site."


def remove_solutions(app, doctree):  # type: ignore[no-untyped-def]
    """Student edition: cut every worked solution out of the document.

    A solution is written in a notebook as <details class="use-solution"> ... </details>
    around Markdown. MyST turns the two HTML tags into raw nodes with the solution's
    own nodes between them; all of it goes, so the text is neither in the pages nor
    in the search index.
    """
    teacher_only.cut_blocks(app, doctree, marker=SOLUTION_OPEN, closing="</details>", exact=False,
                            placeholder=nodes.paragraph(text=SOLUTION_REMOVED, classes=["use-solution-removed"]),
                            what="a use-solution block")


# myst-nb's stylesheet colours ANSI terminal output (tracebacks, coloured logs): 34 of its 43 kB,
# loaded by every page, where no output has such colours (tests/test_site_bundle.py checks).
ANSI_RULE = re.compile(r"[^{}]*\.-(?:Color|Background)[^{}]*\{[^{}]*\}")


def drop_ansi_styles(app, exception):  # type: ignore[no-untyped-def]
    if exception is None:
        for css in Path(app.outdir, "_static").glob("mystnb.*.css"):
            css.write_text(ANSI_RULE.sub("", css.read_text(encoding="utf-8")), encoding="utf-8")


def setup(app):  # type: ignore[no-untyped-def]
    app.connect("doctree-read", remove_solutions)
    teacher_only.setup(app)
    app.connect("doctree-read", add_variant_keywords)
    app.connect("env-updated", drop_widget_state)
    app.connect("html-page-context", add_page_scripts)
    app.connect("build-finished", drop_ansi_styles)
