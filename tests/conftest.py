"""Shared fixtures: paths, and a copy of data/ that a test may break on purpose."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SITE = ROOT / "site"


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
