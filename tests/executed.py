"""The notebooks as the site build executed them, read back from its jupyter-cache.

`make site` runs every notebook once (myst-nb, into build/jupyter_cache); the tests that
need executed notebooks read them here instead of running them again. A cached run is
used only when it is an execution of exactly these code cells (jupyter-cache matches
on a hash of the code and the kernel) and is newer than every file it depends on
(the notebook, data/, geo/, utils/), so it cannot be stale.
"""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT, RUNNABLE_NOTEBOOKS

CACHE = ROOT / "build" / "jupyter_cache"
NOTEBOOKS = RUNNABLE_NOTEBOOKS
INPUTS = ("data", "geo", "utils")


def newest_input(notebook: Path) -> datetime:
    files = [notebook, *(p for d in INPUTS for p in (ROOT / d).rglob("*")
                         if p.is_file() and "__pycache__" not in p.parts)]
    return datetime.fromtimestamp(max(p.stat().st_mtime for p in files), tz=timezone.utc)


def executed_notebook(notebook: Path) -> Any:
    """The notebook with the outputs of its cached execution; fails if there is none that is fresh."""
    import nbformat
    from jupyter_cache import get_cache

    stale = f"{notebook.name}: no fresh execution in {CACHE.relative_to(ROOT)}: run `make site` (make test does)"
    if not CACHE.exists():
        pytest.fail(stale)
    cache = get_cache(str(CACHE))
    committed = nbformat.read(notebook, as_version=4)
    try:
        pk, merged = cache.merge_match_into_notebook(committed)
    except KeyError:
        pytest.fail(stale)
    created = cache.get_cache_record(pk).created.replace(tzinfo=timezone.utc)  # stored in UTC
    if created < newest_input(notebook):
        pytest.fail(stale)
    return merged
