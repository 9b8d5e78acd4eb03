"""Benchmark: print two ratios, measured in one run (`make bench`).

1. Time to execute every notebook (fresh kernel each, as `make site` does)
   divided by the floor: starting a kernel and importing the stack
   (utils, pandas, plotly, geopandas, ipywidgets) once per notebook. Target <= 1.5.
2. Page budgets of the built student site, in headless Chromium (tools/site_speed.py):
   bytes of the heaviest text page (target <= 300 kB) and of the heaviest chart page
   (target <= 1.6 MB); time until the charts on the first screen are drawn divided by the
   time a bare page with the same bundle and one chart takes, loaded in turns with the page and
   the median of the per-pair ratios taken (target <= 1.3, worst page); and,
   for information, the same for every chart with those further down forced to draw (the site
   draws them lazily, as they come near the viewport), and the page's frame alone (its text taken
   out, the same first chart) over the bare page: the floor of the draw ratio. A table per page
   follows.

`python tools/bench.py --site-only` measures the site alone (no notebook execution).

Data validation is warmed first (utils.data.ensure_valid), as it is once per data
change for every later kernel.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tools.site_speed import measure_site  # noqa: E402
from utils.data import ensure_valid  # noqa: E402

TEXT_PAGE_BUDGET = 300_000
CHART_PAGE_BUDGET = 1_600_000
DRAW_RATIO_BUDGET = 1.3
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
STACK_IMPORT = "import utils, pandas, plotly.graph_objects, geopandas, ipywidgets"


def run(nb: nbformat.NotebookNode, cwd: Path) -> float:
    start = time.perf_counter()
    NotebookClient(nb, timeout=600, resources={"metadata": {"path": str(cwd)}}).execute()
    return time.perf_counter() - start


def floor_seconds() -> float:
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(STACK_IMPORT)])
    return sum(run(nbformat.from_dict(nb), path.parent) for path in NOTEBOOKS)


def execution_seconds() -> float:
    return sum(run(nbformat.read(path, as_version=4), path.parent) for path in NOTEBOOKS)


def ms(value: float | None) -> str:
    return f"{value:.0f} ms" if value else "-"


def ratio(value: float | None) -> str:
    return f"{value:.2f}" if value else "-"


def site_report(site: Path) -> bool:
    """Print the page budgets and a table per page; True when every budget is met."""
    pages = measure_site(site)
    print(f"{'page':34} {'bytes':>10} {'charts':>6} {'first paint':>12} {'first screen':>13} "
          f"{'all drawn':>10} {'bare':>8} {'ratio':>6} {'all/bare':>8} {'frame':>6}")
    for p in pages:
        print(f"{p.name:34} {p.bytes:>10,} {p.charts:>6} {p.first_paint_ms:>9.0f} ms {ms(p.first_screen_ms):>13} "
              f"{ms(p.charts_drawn_ms):>10} {ms(p.bare_ms):>8} {ratio(p.draw_ratio):>6} {ratio(p.all_drawn_ratio):>8} "
              f"{ratio(p.frame_ratio):>6}")
    text = max((p for p in pages if not p.charts), key=lambda p: p.bytes)
    chart = max((p for p in pages if p.charts), key=lambda p: p.bytes)
    worst = max((p for p in pages if p.draw_ratio), key=lambda p: p.draw_ratio or 0)
    most = max((p for p in pages if p.all_drawn_ratio), key=lambda p: p.all_drawn_ratio or 0)
    assert worst.draw_ratio and most.all_drawn_ratio
    checks = [
        (f"heaviest text page  {text.name}: {text.bytes / 1e3:.0f} kB", text.bytes <= TEXT_PAGE_BUDGET,
         f"<= {TEXT_PAGE_BUDGET / 1e3:.0f} kB"),
        (f"heaviest chart page {chart.name}: {chart.bytes / 1e6:.2f} MB", chart.bytes <= CHART_PAGE_BUDGET,
         f"<= {CHART_PAGE_BUDGET / 1e6:.1f} MB"),
        (f"draw ratio, first screen (worst)  {worst.name}: {worst.draw_ratio:.2f}",
         worst.draw_ratio <= DRAW_RATIO_BUDGET, f"<= {DRAW_RATIO_BUDGET}"),
    ]
    for text_line, ok, target in checks:
        print(f"{text_line}  (target {target}) {'ok' if ok else 'OVER BUDGET'}")
    print(f"every chart drawn (forced), for information: worst {most.name} {most.all_drawn_ratio:.2f} x the bare page")
    frames = [p.frame_ratio for p in pages if p.frame_ratio]
    print(f"the site's frame alone (each page without its text, same first chart), for information: "
          f"{min(frames):.2f}-{max(frames):.2f} x the bare page")
    return all(ok for _, ok, _ in checks)


def main() -> None:
    site = ROOT / "site"
    if "--site-only" not in sys.argv:
        ensure_valid()
        run(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(STACK_IMPORT)]), ROOT)  # warm disk cache
        floor = floor_seconds()
        execution = execution_seconds()
        print(f"notebooks: {len(NOTEBOOKS)}")
        print(f"execution {execution:.2f} s / floor {floor:.2f} s = {execution / floor:.2f}  (target <= 1.5)")
    if not site_report(site):
        sys.exit(1)


if __name__ == "__main__":
    main()
