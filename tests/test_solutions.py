"""Every worked solution is code that runs: each ```python block inside a
<details class="use-solution"> is executed against the data, in the notebook's own context.

A small runner rather than nbval: the solutions live in markdown cells (folded in JupyterLab,
cut from the student site), so no kernel would ever run them. The runner executes the
notebook's code cells in order in one namespace and, where a solution appears, runs its code in
a copy of that namespace, so a solution sees exactly what a student who ran the cells above has.
"""

from __future__ import annotations

import contextlib
import io
import json
import re
from pathlib import Path

import pytest

from tests.conftest import ROOT

NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9]*.ipynb"))
SOLUTION = re.compile(r'<details class="use-solution" id="(solution-[0-9]{2}-[0-9]+)">(.*?)</details>', re.S)
PYTHON = re.compile(r"```python\n(.*?)```", re.S)


def solutions_in(markdown: str) -> list[tuple[str, str]]:
    """(solution id, its Python code) for every solution in a markdown cell."""
    return [(sid, "\n".join(PYTHON.findall(body))) for sid, body in SOLUTION.findall(markdown)]


def test_the_runner_finds_every_solution_block() -> None:
    found = 0
    for path in NOTEBOOKS:
        for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
            text = "".join(cell["source"])
            if cell["cell_type"] == "markdown":
                blocks = solutions_in(text)
                assert len(blocks) == text.count('<details class="use-solution"'), path.name
                assert all(code.strip() for _, code in blocks), f"{path.name}: a solution without code"
                found += len(blocks)
    assert found >= 3 * (len(NOTEBOOKS) - 1), "three or more per content notebook"


@pytest.mark.parametrize("path", [p for p in NOTEBOOKS if not p.stem.startswith("00")], ids=lambda p: p.stem)
def test_every_worked_solution_runs(path: Path) -> None:
    namespace: dict[str, object] = {"__name__": "__main__"}
    ran = 0
    for n, cell in enumerate(json.loads(path.read_text(encoding="utf-8"))["cells"]):
        text = "".join(cell["source"])
        if cell["cell_type"] == "code":
            with contextlib.redirect_stdout(io.StringIO()):
                exec(compile(text, f"{path.name}, cell {n}", "exec"), namespace)
        elif cell["cell_type"] == "markdown":
            for solution_id, code in solutions_in(text):
                printed = io.StringIO()
                try:
                    with contextlib.redirect_stdout(printed):
                        exec(compile(code, f"{path.name}, {solution_id}", "exec"), dict(namespace))
                except Exception as error:  # report which solution, not just the traceback
                    pytest.fail(f"{path.name}, {solution_id} fails: {type(error).__name__}: {error}")
                ran += 1
    assert ran >= 3
