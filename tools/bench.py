"""Benchmark: print two ratios, measured in one run (`make bench`).

1. Time to execute every notebook (fresh kernel each, as `make site` does)
   divided by the floor: starting a kernel and importing the stack
   (utils, pandas, plotly, geopandas, ipywidgets) once per notebook. Target <= 1.5.
2. Bytes of the built site divided by one plotly.js plus the data files. Target <= 1.15.

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

import plotly  # noqa: E402

from utils.data import DATA_DIR, ensure_valid  # noqa: E402

# The copy the site ships (book/conf.py copies the same file; importing conf needs Sphinx's `tags`).
PLOTLY_JS = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
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


def site_bytes(site: Path) -> int:
    return sum(p.stat().st_size for p in site.rglob("*") if p.is_file())


def main() -> None:
    ensure_valid()
    run(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(STACK_IMPORT)]), ROOT)  # warm disk cache
    floor = floor_seconds()
    execution = execution_seconds()
    site = ROOT / "site"
    # The data files are what the site offers for download: data/ tables and geo/ layers.
    data_files = [p for p in DATA_DIR.glob("*") if p.suffix in {".csv", ".json"}]
    data_files += list((DATA_DIR.parent / "geo").glob("*.geojson"))
    data = sum(p.stat().st_size for p in data_files)
    base = PLOTLY_JS.stat().st_size + data
    total = site_bytes(site)
    print(f"notebooks: {len(NOTEBOOKS)}")
    print(f"execution {execution:.2f} s / floor {floor:.2f} s = {execution / floor:.2f}  (target <= 1.5)")
    print(f"site {total / 1e6:.2f} MB / (plotly.js {PLOTLY_JS.stat().st_size / 1e6:.2f} MB + data "
          f"{data / 1e3:.1f} kB) = {total / base:.3f}  (target <= 1.15)")


if __name__ == "__main__":
    main()
