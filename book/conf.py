"""Sphinx + myst-nb configuration for the static site (built by `make site`).

Why Sphinx + myst-nb: it builds entirely offline (Jupyter Book 2 / MyST-JS
downloads its theme at build time), executes every notebook during the build,
and lets us choose which output representation goes into the HTML.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from docutils import nodes

import plotly

from book import teacher_only  # book/teacher_only.py: teacher-only text, worksheet print styles
from book.search_variants import add_variant_keywords  # search finds a page by any spelling (data/glossary.csv)

PLOTLY_JS = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"

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
html_sidebars = {"**": ["about.html", "navigation.html", "relations.html", "searchbox.html"]}
STUDENT = tags.has("student")  # type: ignore[name-defined]  # noqa: F821 (Sphinx injects `tags`)
html_title = f"{project} ({'student' if STUDENT else 'teacher'} edition)"
html_theme_options["description"] = (
    "Belarus and Russia since 1991, explained with sourced data. "
    + ("Student edition: exercises without worked solutions." if STUDENT
       else "Teacher edition: with worked solutions; give students the student edition.")
)
html_static_path = ["_static"]
html_css_files = ["custom.css"]
# One shared copy of plotly.js for every page (copied in by copy_plotly_js below).
html_js_files = ["plotly.min.js"]
html_copy_source = False
html_show_sourcelink = False


def copy_plotly_js(app, exception):  # type: ignore[no-untyped-def]
    """Copy the one shared plotly.js into the built site.

    Data files reach the site as MyST download links (``../data/x.csv``).
    """
    if exception is not None or app.builder.format != "html":
        return
    shutil.copy2(PLOTLY_JS, Path(app.outdir) / "_static" / "plotly.min.js")


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
    if not app.tags.has("student"):
        return
    for opening in list(doctree.findall(nodes.raw)):
        if SOLUTION_OPEN not in opening.astext() or opening.parent is None:
            continue
        parent = opening.parent
        start = parent.index(opening)
        end = start
        while "</details>" not in parent[end].astext() or not isinstance(parent[end], nodes.raw):
            end += 1
            if end == len(parent):
                raise ValueError(f"{app.env.docname}: a use-solution block has no closing </details>")
        parent[start:end + 1] = [nodes.paragraph(text=SOLUTION_REMOVED, classes=["use-solution-removed"])]


def setup(app):  # type: ignore[no-untyped-def]
    app.connect("doctree-read", remove_solutions)
    teacher_only.setup(app)
    app.connect("doctree-read", add_variant_keywords)
    app.connect("env-updated", drop_widget_state)
    app.connect("build-finished", copy_plotly_js)
