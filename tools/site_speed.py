"""Page weight and drawing speed of the built site, measured in headless Chromium.

Used by tools/bench.py (`make bench`). For every page of site/ it records, from file://:

* bytes: the page plus every file it loaded (stylesheets, scripts, images);
* first paint: the browser's first-contentful-paint time;
* first screen drawn: when every chart on the first screen (1280 x 900) has drawn, i.e. its
  ``Plotly.newPlot`` has resolved: what a reader waits for. No page of the site has a chart on
  its very first screen (each opens with text), so for those the screen is the one scrolled to
  the page's first chart as soon as the page has loaded. The site fetches the plotly bundle
  right after the first paint, and draws charts further down only as they come near the screen;
* all charts drawn: the same for every chart, with the ones further down forced to draw
  (``window.useDrawAllCharts()``, what printing does) as soon as the first screen is done.

Each page loads with the CPU slowed 4x (as Lighthouse's mobile profile does); the median of the
runs counts. file:// has no network cost, so bytes are reported beside the times rather than
folded into them.

The draw ratio divides a page's first-screen time by the time a bare page holding the same
bundle and one chart takes to draw it: what the page adds on top of the unavoidable cost of
loading the library and drawing a chart. The bare page holds the page's first chart, the one its
first screen waits for, so both sides draw the same figure (a figure's size in bytes says little
about its cost: 07's largest figure, a diagram of shapes, is its quickest to draw). The worst page counts. On a
shared machine single loads vary by a third, so a chart page and its bare page load in turns
(page, bare, page, bare, ...), each pair gives a ratio under the same conditions, and the
median of CHART_RUNS pairs is reported.

The frame ratio (informative) does the same for the page with its text taken out: the site's
stylesheets, navigation and scripts around the same first chart, drawn the site's way (text
first, then the bundle). It is the floor of the draw ratio: what the site adds before the
page's own text does.
"""

from __future__ import annotations

import json
import os
import statistics
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
CPU_SLOWDOWN = int(os.environ.get("CPU_SLOWDOWN", "4"))
RUNS = 3  # loads of a text page (first paint only)
CHART_RUNS = 7  # page-and-bare pairs of a chart page

# Wraps the real Plotly.newPlot (the library sets window.Plotly when it loads) to note when
# each figure has finished drawing. A stand-in without a version (the site's call queue) is
# left alone.
TIMING_SCRIPT = """
(() => {
  window.__drawnAt = [];
  let current;
  Object.defineProperty(window, 'Plotly', {
    configurable: true,
    get() { return current; },
    set(value) {
      if (value && value.version && value.newPlot && !value.__timed) {
        const newPlot = value.newPlot;
        value.newPlot = function (...args) {
          return Promise.resolve(newPlot.apply(this, args)).then(gd => {
            const now = performance.now();
            window.__drawnAt.push(now);
            if (gd && typeof gd === 'object') gd.__useDrawnAt = now;
            return gd;
          });
        };
        value.__timed = true;
      }
      current = value;
    },
  });
})();
"""


@dataclass
class PageSpeed:
    name: str
    bytes: int
    charts: int
    first_paint_ms: float
    first_screen_ms: float | None  # every chart on the first screen drawn (None: none there)
    charts_drawn_ms: float | None  # every chart drawn, those further down forced
    bare_ms: float | None = None  # the bare page's chart drawn
    draw_ratio: float | None = None  # first screen / bare, the median over pairs of loads
    all_drawn_ratio: float | None = None  # every chart drawn / bare, likewise
    frame_ratio: float | None = None  # the page without its text / bare, likewise


def figure_calls(html: str) -> list[str]:
    """The JSON text of every figure's data argument list on a page, in order."""
    calls = []
    decoder = json.JSONDecoder()
    marker = "Plotly.newPlot("
    start = html.find(marker)
    while start != -1:
        at = start + len(marker)
        args = []
        for _ in range(4):  # id, data, layout, config
            while html[at] in " \n\t,":
                at += 1
            value, at = decoder.raw_decode(html, at)
            args.append(value)
        calls.append(json.dumps(args))
        start = html.find(marker, at)
    return calls


FIRST_SCREEN = """() => Array.from(document.querySelectorAll('div.plotly-graph-div')).filter(gd => {
  const box = gd.getBoundingClientRect();
  return box.bottom > 0 && box.top < window.innerHeight;
})"""
FIRST_SCREEN_DRAWN = f"() => ({FIRST_SCREEN})().every(gd => gd.__useDrawnAt !== undefined)"
FIRST_SCREEN_TIME = f"() => Math.max(...({FIRST_SCREEN})().map(gd => gd.__useDrawnAt))"


def measure_once(browser: Any, url: str) -> tuple[int, float, float | None, float | None, int]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(TIMING_SCRIPT)
    loaded: set[str] = set()
    page = context.new_page()
    page.on("requestfinished", lambda request: loaded.add(request.url))
    cdp = context.new_cdp_session(page)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
    page.goto(url, wait_until="load")
    charts = page.locator("div.plotly-graph-div").count()
    first_screen = drawn = None
    if charts:
        # A page whose first screen holds no chart: the reader scrolls to its first chart as soon
        # as the page has loaded (the site then fetches the bundle and draws it).
        if not page.evaluate(f"({FIRST_SCREEN})().length"):
            page.evaluate("document.querySelector('div.plotly-graph-div').scrollIntoView()")
        page.wait_for_function(FIRST_SCREEN_DRAWN, timeout=60_000)
        first_screen = page.evaluate(FIRST_SCREEN_TIME)
        page.evaluate("window.useDrawAllCharts && window.useDrawAllCharts()")
        page.wait_for_function("n => window.__drawnAt.length >= n", arg=charts, timeout=60_000)
        drawn = page.evaluate("Math.max(...window.__drawnAt)")
    page.wait_for_function("performance.getEntriesByName('first-contentful-paint').length > 0")
    first_paint = page.evaluate("performance.getEntriesByName('first-contentful-paint')[0].startTime")
    context.close()
    size = sum(Path(unquote(urlparse(u).path)).stat().st_size for u in loaded | {url} if u.startswith("file:"))
    return size, first_paint, first_screen, drawn, charts


def median_or_none(values: list[float | None]) -> float | None:
    present = [v for v in values if v is not None]
    return statistics.median(present) if present else None


def measure(browser: Any, url: str, name: str, bare_url: str | None = None, frame_url: str | None = None) -> PageSpeed:
    """A page's median figures; with a bare page (and its frame), they load in turns and give ratios per round."""
    runs, bare_runs, frame_runs = [], [], []
    for _ in range(CHART_RUNS if bare_url else RUNS):
        runs.append(measure_once(browser, url))
        if bare_url:
            bare_runs.append(measure_once(browser, bare_url))
        if frame_url:
            frame_runs.append(measure_once(browser, frame_url))

    def over_bare(loads: list[tuple[int, float, float | None, float | None, int]], field: int) -> float | None:
        """The median over rounds of one time of `loads` divided by that round's bare page."""
        return median_or_none([load[field] / bare[3] if load[field] and bare[3] else None
                               for load, bare in zip(loads, bare_runs)])

    return PageSpeed(
        name=name, bytes=runs[0][0], charts=runs[0][4],
        first_paint_ms=statistics.median(r[1] for r in runs),
        first_screen_ms=median_or_none([r[2] for r in runs]),
        charts_drawn_ms=median_or_none([r[3] for r in runs]),
        bare_ms=median_or_none([b[3] for b in bare_runs]),
        draw_ratio=over_bare(runs, 2),
        all_drawn_ratio=over_bare(runs, 3),
        frame_ratio=over_bare(frame_runs, 2),
    )


def bundle_of(html: str) -> str | None:
    """The plotly bundle a page draws with (the address use-site.js loads it from), or None."""
    import re

    match = re.search(r'window\.useChartBundle = "([^"]+)"', html)
    return match.group(1) if match else None


def bare_page(site_page: Path, workdir: Path) -> Path:
    """A page holding only the same plotly bundle and the site page's first figure."""
    html = site_page.read_text(encoding="utf-8")
    src = bundle_of(html)
    assert src, f"{site_page.name} loads no plotly bundle"
    bundle = (site_page.parent / src).resolve().as_uri()
    fig_id, data, layout, config = json.loads(figure_calls(html)[0])
    bare = workdir / f"bare-{site_page.stem}.html"
    bare.write_text(
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>bare</title>"
        f"<script src='{bundle}'></script></head><body>"
        f"<div id='{fig_id}' class='plotly-graph-div' style='height:{layout.get('height', 450)}px'></div>"
        f"<script>Plotly.newPlot({json.dumps(fig_id)}, {json.dumps(data)}, {json.dumps(layout)}, "
        f"{json.dumps(config)});</script></body></html>",
        encoding="utf-8",
    )
    return bare


def frame_page(site_page: Path, workdir: Path) -> Path:
    """The site page with its text taken out: the same head, navigation and scripts, and only its
    first figure (with its description) as the body."""
    html = site_page.read_text(encoding="utf-8")
    call = html.index("Plotly.newPlot(")
    figure = html[html.rindex("<figure", 0, call):html.index("</figure>", call) + len("</figure>")]
    body_start = html.index(">", html.index('<div class="body"')) + 1
    # div.body, div.bodywrapper and div.documentwrapper close before the sidebar.
    rest = html[html.index('<div class="sphinxsidebar"'):]
    head_end = html.index("<head>") + len("<head>")
    base = f'<base href="{site_page.parent.resolve().as_uri()}/">'  # the page's links, from elsewhere
    frame = workdir / f"frame-{site_page.name}"
    frame.write_text(html[:head_end] + base + html[head_end:body_start] + figure + "</div></div></div>" + rest,
                     encoding="utf-8")
    return frame


def measure_site(site: Path) -> list[PageSpeed]:
    """Every page of the site; a chart page is measured in turns with its bare page and its frame."""
    from playwright.sync_api import sync_playwright

    pages = sorted(p for p in site.glob("*.html") if p.name not in {"genindex.html", "search.html"})
    with sync_playwright() as p, tempfile.TemporaryDirectory() as tmp:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        results = []
        for page in pages:
            has_charts = bool(figure_calls(page.read_text(encoding="utf-8")))
            bare = bare_page(page, Path(tmp)).as_uri() if has_charts else None
            frame = frame_page(page, Path(tmp)).as_uri() if has_charts else None
            results.append(measure(browser, page.as_uri(), page.name, bare, frame))
        browser.close()
    return results
