"""Notebook code as a student runs it: every worked solution runs, and no printed line is too wide.

Every ```python block inside a <details class="use-solution"> is executed against the data, in
the notebook's own context. A small runner rather than nbval: the solutions live in markdown
cells (folded in JupyterLab, cut from the student site), so no kernel would ever run them. The
runner executes the notebook's code cells in order in one namespace and, where a solution
appears, runs its code in a copy of that namespace, so a solution sees exactly what a student
who ran the cells above has. What each cell prints (and the plain text of a table it ends
with) is kept, to check that JupyterLab never has to wrap a line mid-word.
"""

from __future__ import annotations

import ast
import contextlib
import io
import json
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import pytest

from tests.conftest import ROOT
from utils.lesson import exercises
from utils.tables import MAX_LINE, Table

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
LESSONS = [p for p in NOTEBOOKS if p.stem[:2].isdigit() and not p.stem.startswith("00")]
SOLUTION = re.compile(r'<details class="use-solution" id="(solution-[0-9]{2}-[0-9]+)"[^>]*>(.*?)</details>', re.S)
PYTHON = re.compile(r"```python\n(.*?)```", re.S)


def solutions_in(markdown: str) -> list[tuple[str, str]]:
    """(solution id, its Python code) for every solution in a markdown cell."""
    return [(sid, "\n".join(PYTHON.findall(body))) for sid, body in SOLUTION.findall(markdown)]


@dataclass
class Run:
    printed: dict[str, str] = field(default_factory=dict)  # where -> what it printed
    solutions: dict[str, str] = field(default_factory=dict)  # solution id -> '' or the error


def run_code(code: str, where: str, namespace: dict[str, object]) -> str:
    """Run a cell as a kernel would; return what it printed, plus a table it ends with."""
    tree = ast.parse(code)
    last = tree.body.pop() if tree.body and isinstance(tree.body[-1], ast.Expr) else None
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(tree, where, "exec"), namespace)
        if last is not None:
            value = eval(compile(ast.Expression(last.value), where, "eval"), namespace)
            if isinstance(value, Table):
                print(repr(value))
    return out.getvalue()


@cache
def run_notebook(path: Path) -> Run:
    run = Run()
    namespace: dict[str, object] = {"__name__": "__main__"}
    for n, cell in enumerate(json.loads(path.read_text(encoding="utf-8"))["cells"]):
        text = "".join(cell["source"])
        if cell["cell_type"] == "code":
            run.printed[f"{path.name}, cell {n}"] = run_code(text, f"{path.name}, cell {n}", namespace)
        elif cell["cell_type"] == "markdown":
            for solution_id, code in solutions_in(text):
                try:
                    run.printed[f"{path.name}, {solution_id}"] = run_code(code, f"{path.name}, {solution_id}",
                                                                         dict(namespace))
                    run.solutions[solution_id] = ""
                except Exception as error:  # report which solution, not just a traceback
                    run.solutions[solution_id] = f"{type(error).__name__}: {error}"
    return run


def test_the_runner_finds_every_solution_block() -> None:
    found = 0
    for path in NOTEBOOKS:
        for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
            text = "".join(cell["source"])
            if cell["cell_type"] == "markdown":
                blocks = solutions_in(text)
                assert len(blocks) == text.count('<details class="use-solution"'), path.name
                # A *No code* exercise's solution is a model answer in words (the answer keys collect it).
                no_code = {f"solution-{path.stem[:2]}-{e.number}" for e in exercises(path.stem)
                           if e.track == "No code"} if path in LESSONS else set()
                assert all(code.strip() or sid in no_code for sid, code in blocks), \
                    f"{path.name}: a solution without code"
                found += len(blocks)
    assert found >= 3 * len(LESSONS), "three or more per content notebook"


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.stem)
def test_every_worked_solution_runs(path: Path) -> None:
    solutions = run_notebook(path).solutions
    assert len(solutions) >= 3
    assert {sid: error for sid, error in solutions.items() if error} == {}


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_no_printed_line_is_wider_than_jupyterlab_shows_whole(path: Path) -> None:
    """Issue 12: lines of 158, 174 and 315 characters wrapped mid-word in JupyterLab."""
    wide = {where: max(map(len, text.splitlines()))
            for where, text in run_notebook(path).printed.items()
            if text and max(map(len, text.splitlines())) > MAX_LINE}
    assert wide == {}


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_committed_fact_outputs_are_no_wider_either(path: Path) -> None:
    for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
        for output in cell.get("outputs", []):
            text = "".join(output.get("text", "")) + "".join(output.get("data", {}).get("text/plain", ""))
            assert max(map(len, text.splitlines()), default=0) <= MAX_LINE, "".join(cell["source"])[:80]
