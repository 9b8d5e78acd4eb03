"""Restate each notebook's reading time after its prose changed.

Reads the built student site (run `make site` first), measures the core reading of each content
notebook at 200 words a minute (utils.lesson), and rewrites the "Time to learn" line of the
notebook and its row in the teacher guide. tests/test_lesson_site.py fails until this is re-run.
Run from the checkout: `.venv/bin/python tools/retime_lessons.py`, then `make site` again.
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat

from utils.lesson import core_reading, exercises, page_sections

ROOT = Path(__file__).resolve().parent.parent
# Minutes a student needs per exercise, by track (reading the task, working, writing).
EXERCISE_MINUTES = {"No code": 7, "Spreadsheet": 10, "Python": 12}
QUIZ_MINUTES = 4
TIME_LINE = re.compile(r"\*\*Time to learn\*\* \| \d+ minutes of core reading \(\d+ with the quiz and exercises\)")


def main() -> None:
    guide_path = ROOT / "notebooks" / "teacher_guide.md"
    guide = guide_path.read_text(encoding="utf-8")
    for notebook_path in sorted((ROOT / "notebooks").glob("0[1-8]_*.ipynb")):
        stem = notebook_path.stem
        page = (ROOT / "site" / f"{stem}.html").read_text(encoding="utf-8")
        minutes = sum(section.minutes for section in core_reading(page_sections(page)))
        reading = max(1, round(minutes))
        work = QUIZ_MINUTES + sum(EXERCISE_MINUTES[exercise.track] for exercise in exercises(stem))
        full = 5 * round((reading + work) / 5)
        notebook = nbformat.read(notebook_path, as_version=4)
        header = next(cell for cell in notebook.cells if "**Time to learn**" in cell.source)
        header.source = TIME_LINE.sub(
            f"**Time to learn** | {reading} minutes of core reading ({full} with the quiz and exercises)",
            header.source)
        nbformat.write(notebook, notebook_path)
        guide = re.sub(rf"(\]\({stem}\.ipynb\) \|[^|]*\| )\d+ / \d+ min \|", rf"\g<1>{reading} / {full} min |", guide)
        print(f"{stem}: {minutes:.1f} min measured, stated {reading} ({full} with quiz and exercises)")
    guide_path.write_text(guide, encoding="utf-8")


if __name__ == "__main__":
    main()
