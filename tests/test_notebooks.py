"""Every notebook follows the skeleton, is committed stripped, and keeps kernels lean."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9]*.ipynb"))
CHECK_TAG = "nbval-check-output"  # nbval compares the outputs of cells with this tag
SKELETON = [
    "## Learning objectives",
    "## Prerequisites and time to learn",
    "## Summary",
    "## What's next",
    "## Sources",
]


def cells(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))["cells"]


def text(cell: dict) -> str:
    return "".join(cell["source"])


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_skeleton_in_order(path: Path) -> None:
    markdown = "\n".join(text(c) for c in cells(path) if c["cell_type"] == "markdown")
    assert markdown.startswith("# "), "a notebook starts with its title"
    assert "**Overview.**" in markdown.split("## ")[0]
    positions = [markdown.find(heading) for heading in SKELETON]
    assert -1 not in positions, f"missing: {[h for h, p in zip(SKELETON, positions) if p < 0]}"
    assert positions == sorted(positions), "skeleton sections out of order"
    for field in ("**Prerequisites**", "**Time to learn**", "**Key terms**"):
        assert field in markdown


@pytest.mark.parametrize("path", [p for p in NOTEBOOKS if not p.stem.startswith("00")],
                         ids=lambda p: p.stem)
def test_content_notebooks_have_three_exercises_with_solutions(path: Path) -> None:
    markdown = "\n".join(text(c) for c in cells(path) if c["cell_type"] == "markdown")
    assert "## Exercises" in markdown
    assert markdown.count("**Exercise ") >= 3
    assert len(re.findall(r'<details class="use-solution" id="solution-[0-9]{2}-[0-9]+"[^>]*>', markdown)) >= 3


def is_fact_cell(cell: dict) -> bool:
    return CHECK_TAG in cell.get("metadata", {}).get("tags", [])


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_committed_stripped_except_fact_cells(path: Path) -> None:
    code = [c for c in cells(path) if c["cell_type"] == "code"]
    assert text(code[0]).startswith("import utils")
    for cell in code:
        assert bool(cell["outputs"]) == is_fact_cell(cell), f"cell {cell['id']}: run `make strip`"
        assert "fig.show(" not in text(cell), "show figures as the cell's last expression"
        assert "NBVAL" not in text(cell), "test markers go in cell tags, not in code students read"
        assert "noqa" not in text(cell), "no lint comments in code students read"
    assert any(is_fact_cell(c) for c in code), "no fact cell is checked"
    assert is_fact_cell(code[-1])
    if "sources_summary" in text(code[-1]):  # 01: too many to list; a page of their own has them
        markdown = "\n".join(text(c) for c in cells(path) if c["cell_type"] == "markdown")
        assert "(timeline_sources.ipynb)" in markdown
        assert "sources_section(" in "".join(text(c) for c in cells(ROOT / "notebooks" / "timeline_sources.ipynb"))
    else:
        assert "sources_section" in text(code[-1])


def test_showing_a_figure_does_not_import_nbformat() -> None:
    """A kernel showing a chart of validated data imports neither nbformat nor jsonschema.

    Both pull in jsonschema's optional rfc3987-syntax grammar (~1.7 s per kernel).
    """
    from utils.data import ensure_valid

    ensure_valid()  # the first load of unchanged data validates once; later kernels skip it
    probe = (
        "import sys\n"
        "from IPython.core.interactiveshell import InteractiveShell\n"
        "shell = InteractiveShell.instance()  # a shell, as in a kernel\n"
        "import utils\n"
        "from utils.data import load_events, load_sources\n"
        "from utils.timeline import timeline_figure\n"
        "shell.display_formatter.format(timeline_figure(load_events(), load_sources()))  # what a kernel calls\n"
        "print(sorted(m for m in ('nbformat', 'rfc3987_syntax', 'jsonschema', 'frictionless')\n"
        "             if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert out.stdout.strip().splitlines()[-1] == "[]"


def test_site_contents_page_offers_every_data_table_for_download() -> None:
    index = (ROOT / "notebooks" / "index.md").read_text(encoding="utf-8")
    missing = [p.name for p in sorted((ROOT / "data").glob("*.csv")) if f"(../data/{p.name})" not in index]
    assert missing == [], f"notebooks/index.md does not link: {missing}"


def test_teacher_guide_times_match_each_notebook_header() -> None:
    guide = (ROOT / "notebooks" / "teacher_guide.md").read_text(encoding="utf-8")
    listed = dict(re.findall(r"\]\(([0-9]{2}_\w+)\.ipynb\) \|[^|]*\| (\d+ / \d+) min \|", guide))
    assert len(listed) == len(NOTEBOOKS) - 1, "every content notebook has a row in the teacher guide"
    for path in NOTEBOOKS:
        if path.stem.startswith("00"):
            continue
        markdown = "\n".join(text(c) for c in cells(path) if c["cell_type"] == "markdown")
        reading, full = re.search(r"\*\*Time to learn\*\* \| (\d+) minutes of core reading \((\d+) with the quiz and exercises\)", markdown).groups()
        assert listed[path.stem] == f"{reading} / {full}", path.stem
