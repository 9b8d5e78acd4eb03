"""How long a fresh kernel takes to show its first chart: through utils.render (plotly's public
API, registered as IPython's display formatter for figures) against plotly's own path
(``plotly.io.show``, which loads ``plotly.io._renderers`` and with it nbformat and jsonschema).

Each run is a fresh process; prints the median of each and their ratio.
Run: .venv/bin/python tools/measure_first_chart.py [runs]
"""

from __future__ import annotations

import statistics
import subprocess
import sys

PROBE = r"""
import sys, time
from IPython.core.interactiveshell import InteractiveShell
shell = InteractiveShell.instance()
import utils
from utils.data import load_events, load_sources
from utils.timeline import timeline_figure
fig = timeline_figure(load_events(), load_sources())
start = time.perf_counter()
if sys.argv[1] == "project":
    shell.display_formatter.format(fig)
else:
    import plotly.io as pio
    pio.renderers.default = "plotly_mimetype"
    pio.show(fig)
print(time.perf_counter() - start)
"""


def first_display_seconds(path: str) -> float:
    out = subprocess.run([sys.executable, "-c", PROBE, path], capture_output=True, text=True, check=True)
    return float(out.stdout.strip().splitlines()[-1])


def main(runs: int) -> None:
    project = statistics.median(first_display_seconds("project") for _ in range(runs))
    plotly = statistics.median(first_display_seconds("plotly") for _ in range(runs))
    print(f"first chart, utils.render: {project:.2f} s; plotly.io.show: {plotly:.2f} s; "
          f"ratio {plotly / project:.1f}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 3)
