"""`jupyter nbconvert --to html`, with no options, gives pages that draw offline from file://.

The environment's default export goes through tools/offline_export.py (installed by the
Makefile's venv step). Two notebooks as the site build executed them (no second run):
02, with maps and the neighbour explorer, and 06, with charts, an explorer and a quiz.
Each export must draw every chart, show each widget's static version, and request
nothing from any other machine (no require.js or MathJax from cdnjs, no widget manager
from unpkg). JupyterLab's own export is checked in tests/test_lab.py.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT
from tests.executed import executed_notebook
from tests.offline_browser import check_export, is_local, launch

pytestmark = pytest.mark.browser

EXPORTED = ["02_geography", "06_sanctions_and_economy"]
SCREENSHOTS = ROOT / "tests" / "screenshots"
JUPYTER = Path(sys.executable).parent / "jupyter"


@pytest.fixture(scope="module")
def exports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    import nbformat

    folder = tmp_path_factory.mktemp("export")
    inputs = []
    for stem in EXPORTED:
        target = folder / f"{stem}.ipynb"
        nbformat.write(executed_notebook(ROOT / "notebooks" / f"{stem}.ipynb"), target)
        inputs.append(str(target))
    result = subprocess.run([str(JUPYTER), "nbconvert", "--to", "html", *inputs],
                            cwd=folder, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return {stem: folder / f"{stem}.html" for stem in EXPORTED}


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = launch(p)
        yield chromium
        chromium.close()


@pytest.mark.parametrize("stem", EXPORTED)
def test_export_draws_offline(exports: dict[str, Path], browser: Any, stem: str) -> None:
    check_export(browser, exports[stem], SCREENSHOTS / f"export-{stem}.png")


@pytest.mark.parametrize("stem", EXPORTED)
def test_export_carries_plotly_once_and_no_live_only_views(exports: dict[str, Path], stem: str) -> None:
    page = exports[stem].read_text(encoding="utf-8")
    assert page.count("window.PlotlyConfig") == 1, "plotly.js should be inline exactly once"
    assert "application/vnd.jupyter.widget-view+json" not in page
    assert "cdnjs.cloudflare.com" not in page.split("<body")[0], "a CDN script is still in the head"


def test_only_this_machine_counts_as_local() -> None:
    assert is_local("file:///tmp/x.html") and is_local("http://127.0.0.1:8899/lab?token=x")
    assert is_local("ws://127.0.0.1:8899/api/kernels/1/channels")
    assert not is_local("https://cdnjs.cloudflare.com/ajax/libs/require.js/2.1.10/require.min.js")
    assert not is_local("https://unpkg.com/@jupyter-widgets/html-manager@^1.0.1/dist/embed-amd.js")
    assert not is_local("http://127.0.0.1.evil.example/")
    assert not is_local("http://localhost.example.com/")
