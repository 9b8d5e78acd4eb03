"""Shared fixtures: paths, and a copy of data/ that a test may break on purpose."""

from __future__ import annotations

import shutil
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
SITE = ROOT / "site"
# Every notebook that runs (nbval, JupyterLab): the numbered pages and the two reference pages.
# answer_keys.ipynb is built from the others' solutions and has no code of its own to check.
RUNNABLE_NOTEBOOKS = sorted([*(ROOT / "notebooks").glob("[0-9]*.ipynb"),
                             ROOT / "notebooks" / "glossary.ipynb", ROOT / "notebooks" / "timeline_sources.ipynb"])


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Debian's Chromium for a module of tests over the built site (tests/offline_browser.py)."""
    if not SITE.joinpath("index.html").exists():
        pytest.fail("site/ is not built: run `make site` (make test does it for you)")
    from playwright.sync_api import sync_playwright

    from tests.offline_browser import launch

    with sync_playwright() as p:
        chromium = launch(p)
        yield chromium
        chromium.close()


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A private copy of data/ (CSV + schema) that the test may edit."""
    target = tmp_path / "data"
    shutil.copytree(ROOT / "data", target)
    return target


def plain_cells(page: str) -> str:
    """A table's HTML without the left-align style on every cell, for tests that read its cells."""
    from utils.tables import CELL_STYLE

    return page.replace(CELL_STYLE, "")


_SESSION_START: list[float] = []


def pytest_sessionstart(session: pytest.Session) -> None:
    _SESSION_START.append(time.time())


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Print the source-quality report written by tests/test_sources_quality.py, if it ran."""
    report = ROOT / "build" / "source_report.txt"
    if report.exists() and _SESSION_START and report.stat().st_mtime >= _SESSION_START[0]:
        terminalreporter.section("source quality")
        terminalreporter.write(report.read_text(encoding="utf-8"))
