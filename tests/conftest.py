"""Shared fixtures: paths, and a copy of data/ that a test may break on purpose."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SITE = ROOT / "site"
# Every notebook that runs (nbval, JupyterLab): the numbered pages and the two reference pages.
# answer_keys.ipynb is built from the others' solutions and has no code of its own to check.
RUNNABLE_NOTEBOOKS = sorted([*(ROOT / "notebooks").glob("[0-9]*.ipynb"),
                             ROOT / "notebooks" / "glossary.ipynb", ROOT / "notebooks" / "timeline_sources.ipynb"])


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
