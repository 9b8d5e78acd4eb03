"""The site's plotly bundle: pinned, licensed, checked, loaded only where a chart is, and
holding every trace type the site's figures use.

The bundle is vendored in book/_static/vendor/ by tools/refresh_plotly_bundle.py. Which trace
types it holds is read from the bundle itself in Chromium (tests/test_site_quality.py); here,
from the figures of the built site and the vendored files. Needs `make site` for the site checks.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT, SITE
from tools.site_speed import bundle_of, figure_calls

VENDOR = ROOT / "book" / "_static" / "vendor" / "plotly.js-basic-dist-min"
BUNDLE = VENDOR / "plotly-basic.min.js"
PAGES = sorted(SITE.glob("*.html"))
needs_site = pytest.mark.skipif(not PAGES, reason="site not built (run `make site`)")


def trace_types(figures: list[str]) -> dict[str, set[str]]:
    """Trace type -> titles of the figures using it (a trace without a type is a scatter)."""
    used: dict[str, set[str]] = {}
    for call in figures:
        _, data, layout, _ = json.loads(call)
        title = ((layout.get("title") or {}).get("text") or "untitled")
        for trace in data:
            used.setdefault(trace.get("type", "scatter"), set()).add(title)
    return used


def missing_trace_types(used: dict[str, set[str]], available: set[str]) -> list[str]:
    return [f"{kind} (in {sorted(titles)})" for kind, titles in sorted(used.items()) if kind not in available]


def site_trace_types() -> dict[str, set[str]]:
    return trace_types([call for page in PAGES for call in figure_calls(page.read_text(encoding="utf-8"))])


def test_trace_type_check_names_what_the_bundle_lacks() -> None:
    figure = json.dumps(["fig-1", [{"type": "choropleth"}, {"x": [1]}], {"title": {"text": "Map"}}, {}])
    used = trace_types([figure])
    assert used == {"choropleth": {"Map"}, "scatter": {"Map"}}
    assert missing_trace_types(used, {"scatter", "bar"}) == ["choropleth (in ['Map'])"]
    assert missing_trace_types(used, {"scatter", "choropleth"}) == []


def test_the_vendored_bundle_matches_its_checksum_and_licence() -> None:
    expected, name = (VENDOR / "SHA256SUMS").read_text(encoding="utf-8").split()
    assert name == BUNDLE.name
    assert hashlib.sha256(BUNDLE.read_bytes()).hexdigest() == expected, "bundle changed: rerun tools/refresh_plotly_bundle.py"
    package: dict[str, Any] = json.loads((VENDOR / "package.json").read_text(encoding="utf-8"))
    assert package["name"] == "plotly.js-basic-dist-min" and package["license"] == "MIT"
    assert "Permission is hereby granted" in (VENDOR / "LICENSE").read_text(encoding="utf-8")
    head = BUNDLE.read_text(encoding="utf-8")[:300]
    assert f"v{package['version']}" in head


def test_the_bundle_is_the_plotly_js_version_jupyterlab_draws_with() -> None:
    import plotly

    full = (Path(plotly.__file__).parent / "package_data" / "plotly.min.js").read_text(encoding="utf-8")[:300]
    version = json.loads((VENDOR / "package.json").read_text(encoding="utf-8"))["version"]
    assert f"plotly.js v{version}" in full


@needs_site
def test_no_page_loads_plotly_up_front_and_chart_pages_name_the_bundle() -> None:
    """Text pages never mention plotly; a chart page names the vendored bundle for use-site.js
    to fetch when a chart is needed, and no <script> or preload loads it while the page loads."""
    for page in PAGES:
        html = page.read_text(encoding="utf-8")
        loading = [t for t in re.findall(r"<(?:script|link)\b[^>]*>", html) if "plotly" in t]
        assert loading == [], f"{page.name} loads plotly up front: {loading}"
        named = bundle_of(html)
        if "Plotly.newPlot(" in html:
            shipped = page.parent / str(named)
            assert shipped.is_file() and shipped.read_bytes() == BUNDLE.read_bytes(), f"{page.name}: bundle {named}"
        else:
            assert named is None, f"{page.name} has no chart but names {named}"
    assert not (SITE / "_static" / "plotly.min.js").exists(), "the full 4.8 MB plotly.js is still shipped"


@needs_site
def test_the_site_draws_only_scatter_and_bar_traces() -> None:
    """The bundle also holds pie; a new trace type must be checked against the bundle first
    (tests/test_site_quality.py reads the bundle's own list in the browser)."""
    assert set(site_trace_types()) <= {"scatter", "bar", "pie"}


def page_bytes(page: Path) -> int:
    """A page and every script, stylesheet and image it loads (each file once), with the plotly
    bundle its charts need, as the browser fetches them from file:// (tools/site_speed.py
    measures the same in Chromium, with every chart drawn)."""
    html = page.read_text(encoding="utf-8")
    tags = re.findall(r"<(?:script|img)\b[^>]*\bsrc=\"([^\"]+)\"|<link\b[^>]*rel=\"stylesheet\"[^>]*href=\"([^\"]+)\"", html)
    files = {(page.parent / (src or href).split("?")[0]).resolve() for src, href in tags
             if not (src or href).startswith(("http:", "https:", "data:"))}
    bundle = bundle_of(html)
    if bundle:  # fetched by use-site.js right after the first paint
        files.add((page.parent / bundle).resolve())
    return len(html.encode("utf-8")) + sum(f.stat().st_size for f in files)


@needs_site
def test_every_page_is_within_its_byte_budget() -> None:
    """The budgets of `make bench` (issue #13), checked on every build: a new source list or map
    that pushes a page over fails here, not only when someone runs the benchmark."""
    from tools.bench import CHART_PAGE_BUDGET, TEXT_PAGE_BUDGET

    over = []
    # search.html loads the search index (its whole job); the budgets are for reading pages.
    for page in (p for p in PAGES if p.name != "search.html"):
        has_chart = "Plotly.newPlot(" in page.read_text(encoding="utf-8")
        budget = CHART_PAGE_BUDGET if has_chart else TEXT_PAGE_BUDGET
        size = page_bytes(page)
        if size > budget:
            over.append(f"{page.name}: {size:,} bytes > {budget:,}")
    assert over == []


@needs_site
def test_page_bytes_counts_the_bundle_once() -> None:
    page = SITE / "06_sanctions_and_economy.html"
    html_only = len(page.read_text(encoding="utf-8").encode("utf-8"))
    assert BUNDLE.stat().st_size < page_bytes(page) - html_only < BUNDLE.stat().st_size + 200_000


@needs_site
def test_no_page_needs_the_ansi_colours_the_build_drops() -> None:
    """book/conf.py drops myst-nb's ANSI output colours (34 kB on every page): true only while
    no output carries them. A coloured traceback or log in a page fails here."""
    css = next((SITE / "_static").glob("mystnb.*.css")).read_text(encoding="utf-8")
    assert "-Color" not in css and "div.cell" in css
    coloured = [p.name for p in PAGES if re.search(r'class="[^"]*-(?:Color|Background)', p.read_text(encoding="utf-8"))]
    assert coloured == []


@needs_site
def test_the_benchs_bare_page_and_frame_hold_the_chart_the_page_waits_for(tmp_path: Path) -> None:
    """tools/site_speed.py compares a page with a bare page and with the page's frame (its text
    taken out): both must draw the page's first figure, and the frame keep the page's own
    stylesheets, scripts and navigation, so that what differs is only what they leave out."""
    from tools.site_speed import bare_page, frame_page

    page = SITE / "05_military_and_nuclear.html"
    html = page.read_text(encoding="utf-8")
    first = figure_calls(html)[0]
    bare = bare_page(page, tmp_path).read_text(encoding="utf-8")
    frame = frame_page(page, tmp_path).read_text(encoding="utf-8")
    assert figure_calls(bare) == [first] and figure_calls(frame) == [first]
    links = re.compile(r'<link rel="stylesheet"[^>]*>|<script [^>]*src=[^>]*>|window\.useChartBundle = "[^"]*"')
    assert links.findall(frame) == links.findall(html)
    assert 'class="sphinxsidebar"' in frame and f'<base href="{SITE.resolve().as_uri()}/">' in frame
    assert len(frame) < len(html) / 2  # the text is gone
