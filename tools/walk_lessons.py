"""Walk the teacher guide's lesson plans on the built student site and time each step.

Usage: python tools/walk_lessons.py [--site site]

Opens every page a plan names in headless Chromium (file://, offline), reads the sections the
step names, and estimates the minutes a student needs: words at 200 a minute plus a minute per
chart (utils.lesson.reading_minutes); a quiz at a minute per question plus its reading; a
no-code exercise at its reading plus EXERCISE_WRITING_MINUTES to think and write a paragraph.
Prints one line per plan row; the teacher guide records the result.
"""

from __future__ import annotations

import argparse
import os
import re
from pathlib import Path

from utils.lesson import PageSection, exercises, page_sections, reading_minutes, count_words

ROOT = Path(__file__).resolve().parent.parent
GUIDE = ROOT / "notebooks" / "teacher_guide.md"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
EXERCISE_WRITING_MINUTES = 5.0  # think, then write three to five sentences by hand
QUIZ_MINUTES_PER_QUESTION = 1.0
PLAN_ROW = re.compile(r"^\| \[(\d{2}) [^]]*\]\((\d{2}_\w+)\.ipynb\) \|(.*)$", re.M)
LINK = re.compile(r"\[([^]]+)\]\((\d{2}_\w+)\.ipynb(?:#([\w-]+))?\)")


def plan_rows(guide: str) -> list[tuple[str, str, str]]:
    """(stem, reading cell, exercise cell) of each row of the 45-minute plan table."""
    section = guide.split("## A 45-minute lesson", 1)[1].split("\n## ", 1)[0]
    rows = []
    for _, stem, rest in PLAN_ROW.findall(section):
        cells = [c.strip() for c in rest.split("|")]
        rows.append((stem, cells[0], cells[2]))
    return rows


def named_sections(cell: str, stem: str) -> list[str]:
    """Anchors a plan cell names on a page ('' for the top of the page: title and key points)."""
    return [anchor or "" for _, page, anchor in LINK.findall(cell) if page == stem]


def named_exercises(cell: str) -> list[int]:
    return [int(n) for n in re.findall(r"Ex (\d+)", cell)]


def step_minutes(sections: list[PageSection], stem: str, reading: str, tasks: str) -> tuple[float, float, float]:
    by_anchor = {s.anchor: s for s in sections}
    read = sum(by_anchor[a].minutes for a in named_sections(reading, stem))
    quiz_section = by_anchor["quick-quiz"]
    quiz = reading_minutes(quiz_section.words, 0) + 3 * QUIZ_MINUTES_PER_QUESTION
    chosen = {e.number: e for e in exercises(stem)}
    work = sum(reading_minutes(count_words(chosen[n].task), 0) + EXERCISE_WRITING_MINUTES
               for n in named_exercises(tasks))
    return read, quiz, work


def page_html(site: Path, stem: str) -> str:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page()
        page.goto((site / f"{stem}.html").resolve().as_uri())
        content = page.content()
        browser.close()
    return content


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=ROOT / "site")
    args = parser.parse_args()
    print("notebook  read  quiz  exercises  (minutes; budget 15 / 5 / 15)")
    for stem, reading, tasks in plan_rows(GUIDE.read_text(encoding="utf-8")):
        read, quiz, work = step_minutes(page_sections(page_html(args.site, stem)), stem, reading, tasks)
        print(f"{stem[:2]}        {read:4.1f}  {quiz:4.1f}  {work:9.1f}")


if __name__ == "__main__":
    main()
