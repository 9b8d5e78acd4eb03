"""Re-execute notebooks and keep only the outputs nbval compares.

Usage: python tools/strip_outputs.py [--no-execute] notebooks/*.ipynb

Fact cells (tagged ``nbval-check-output``, the tag nbval reads) keep their fresh
outputs so ``make test`` can compare them; every other output (figures, widgets, tables)
is cleared, so git holds no generated charts.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import nbformat

# A cell tag, not a comment in the code: students reading the site never see it.
CHECK_TAG = "nbval-check-output"


def is_fact_cell(cell: nbformat.NotebookNode) -> bool:
    return cell.cell_type == "code" and CHECK_TAG in cell.metadata.get("tags", [])


def strip(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        # nbval only compares cells that look run (execution_count set).
        if not is_fact_cell(cell):
            cell.outputs = []
            cell.execution_count = None
        cell.metadata.pop("execution", None)
    nb.metadata.pop("widgets", None)
    return nb


def execute(nb: nbformat.NotebookNode, path: Path) -> nbformat.NotebookNode:
    from nbclient import NotebookClient

    NotebookClient(nb, timeout=300, resources={"metadata": {"path": str(path.parent)}}).execute()
    return nb


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="+", type=Path)
    parser.add_argument("--no-execute", action="store_true", help="only strip, do not re-run")
    args = parser.parse_args()
    for path in args.notebooks:
        nb = nbformat.read(path, as_version=4)
        if not args.no_execute:
            nb = execute(nb, path)
        nbformat.write(strip(nb), path)
        print(f"{path}: {sum(is_fact_cell(c) for c in nb.cells)} fact cell(s) kept")


if __name__ == "__main__":
    main()
