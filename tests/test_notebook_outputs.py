"""nbval's checks over the site build's execution of every notebook, instead of a second run.

`make site` executes each notebook once (myst-nb raises on any cell error, so a
notebook that fails stops the build). This test then does what `pytest --nbval-lax`
did with a second execution of its own: every code cell ran without an error, and
each fact cell (tagged ``nbval-check-output``) printed exactly its committed output. It
reads the execution from build/jupyter_cache (tests/executed.py: same code cells, same
kernel, newer than the notebook, data/, geo/ and utils/) and compares outputs with
nbval's own functions and its lax-mode rules (which keys are ignored, streams merged).
Sound because the two runs would be the same: same source, kernel, working directory
(notebooks/) and data; it halves the notebook time of `make test`.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest
from nbval.plugin import coalesce_streams, find_comment_markers, transform_streams_for_comparison

from tests.executed import NOTEBOOKS, executed_notebook

# nbval's IPyNbFile.skip_compare without --nbdime: keys never compared.
SKIP_COMPARE = {"metadata", "traceback", "prompt_number", "output_type", "name", "execution_count",
                "application/vnd.jupyter.widget-view+json", "image/png", "image/jpeg"}


def comparable(outputs: list[Any]) -> dict[str, list[Any]]:
    """nbval's compare_outputs view: each key (mime types flattened) -> its values in order."""
    flat: dict[str, list[Any]] = defaultdict(list)
    for output in transform_streams_for_comparison(coalesce_streams(outputs)):
        for key, value in output.items():
            if key in SKIP_COMPARE:
                continue
            if key == "data":
                for mime, data in value.items():
                    if mime not in SKIP_COMPARE:
                        flat[mime].append(data)
            else:
                flat[key].append(value)
    return dict(flat)


CHECK_TAG = "nbval-check-output"  # nbval's cell tag; the notebooks use it, never a comment in the code


def is_fact_cell(cell: Any) -> bool:
    """nbval's rule: the `nbval-check-output` tag, or the `# NBVAL_CHECK_OUTPUT` comment."""
    return (CHECK_TAG in cell.get("metadata", {}).get("tags", [])
            or dict(find_comment_markers(cell.source)).get("check", False) is True)


def test_fact_cell_detection_follows_nbval() -> None:
    import nbformat

    assert is_fact_cell(nbformat.v4.new_code_cell("# NBVAL_CHECK_OUTPUT\nprint(1)"))
    assert is_fact_cell(nbformat.v4.new_code_cell("print(1)", metadata={"tags": [CHECK_TAG]}))
    assert not is_fact_cell(nbformat.v4.new_code_cell("print(1)  # a note"))
    assert not is_fact_cell(nbformat.v4.new_code_cell("# NBVAL_IGNORE_OUTPUT\nprint(1)"))


def test_comparison_sees_a_changed_fact_and_ignores_noise() -> None:
    import nbformat

    out = nbformat.v4.new_output
    committed = [out("stream", name="stdout", text="12 events\n")]
    split = [out("stream", name="stdout", text="12 "), out("stream", name="stdout", text="events\n")]
    assert comparable(split) == comparable(committed)
    assert comparable([out("stream", name="stdout", text="13 events\n")]) != comparable(committed)
    shown = out("display_data", data={"text/plain": "x", "image/png": "AAA"}, metadata={"a": 1})
    assert comparable([shown]) == comparable([out("display_data", data={"text/plain": "x"})])


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_ran_and_facts_match(path: Path) -> None:
    import nbformat

    committed = nbformat.read(path, as_version=4)
    executed = executed_notebook(path)
    code = [(c, e) for c, e in zip(committed.cells, executed.cells) if c.cell_type == "code"]
    assert code, f"{path.name} has no code cells"
    errors = [f"cell {i}: {o.get('ename')}: {o.get('evalue')}" for i, (_, e) in enumerate(code)
              for o in e.outputs if o.output_type == "error"]
    assert errors == [], f"{path.name}: cells raised errors: {errors}"
    facts = [(i, c, e) for i, (c, e) in enumerate(code) if is_fact_cell(c)]
    for i, cell, run in facts:
        assert comparable(run.outputs) == comparable(cell.outputs), (
            f"{path.name}, code cell {i} ({cell.source.splitlines()[0][:60]!r}…): its output changed; "
            "if the change is intended, run `make strip` to refresh the committed output"
        )
