"""The built student site is lesson-ready: no developer or teacher text, no answers outside the
teacher edition, no verdicts before the fact-check lab, honest reading times, quiz answers that
find-in-page cannot reveal, worksheets that print on one or two A4 pages, and a teacher guide
whose plans name sections and exercises that exist. Needs `make site` first (make test does it).
"""

from __future__ import annotations

import html
import json
import os
import re
from pathlib import Path

import pytest

from tests.conftest import ROOT, SITE
from utils.data import load_table
from utils.lesson import core_reading, exercises, page_sections
from utils.quiz import quiz_for

TEACHER_SITE = ROOT / "teacher-site"
CONTENT = sorted(p.stem for p in (ROOT / "notebooks").glob("0[1-9]_*.ipynb"))
STUDENT_PAGES = sorted(p for p in SITE.rglob("*.html")
                       if "_static" not in p.parts and p.name not in {"genindex.html", "search.html"})
FORBIDDEN = ["NBVAL", "noqa", "ask students to try first", "could not be read in the copies",
             'class="teacher-only"', "For teachers.", "use-solution\""]
SOLUTION = re.compile(r'<details class="use-solution" id="(solution-[0-9]{2}-[0-9]+)" data-key="([^"]*)">', re.S)
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
A4_PRINTABLE_PX = round((210 - 30) / 25.4 * 96)  # A4 width less 15 mm margins, in CSS pixels


def visible_text(raw: str) -> str:
    """Text a reader can see or find with Ctrl+F: no tags, no attributes, no scripts."""
    raw = re.sub(r"<(script|style)\b.*?</\1>", " ", raw, flags=re.S)
    text = html.unescape(re.sub(r"<[^>]+>", " ", raw)).replace("\u2019", "'")
    return re.sub(r"\s+", " ", re.sub(r"[*_`]", "", text)).strip()


def key_phrases() -> list[tuple[str, str, str]]:
    found = []
    for stem in CONTENT:
        cells = json.loads((ROOT / "notebooks" / f"{stem}.ipynb").read_text(encoding="utf-8"))["cells"]
        markdown = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
        found += [(stem, marker, visible_text(key)) for marker, key in SOLUTION.findall(markdown)]
    return found


KEYS = key_phrases()


def test_site_is_built() -> None:
    assert len(STUDENT_PAGES) >= len(CONTENT) * 2, "run `make site` first"


@pytest.mark.parametrize("page", STUDENT_PAGES, ids=lambda p: str(p.relative_to(SITE)))
def test_student_page_has_no_developer_or_teacher_text(page: Path) -> None:
    raw = page.read_text(encoding="utf-8")
    text = visible_text(raw)
    for phrase in FORBIDDEN:
        assert phrase not in raw and phrase not in text, f"{page.name} shows {phrase!r}"


def test_teacher_only_text_reaches_the_teacher_edition() -> None:
    assert "ask students to try first" in visible_text((TEACHER_SITE / "00_start_here.html").read_text(encoding="utf-8"))
    assert "could not be read in the copies" in visible_text((TEACHER_SITE / "04_power_and_protest.html").read_text(encoding="utf-8"))
    search_index = (SITE / "searchindex.js").read_text(encoding="utf-8")
    assert "could not be read" not in search_index


def test_every_solution_has_a_key_phrase() -> None:
    solutions = sum(len(exercises(stem)) for stem in CONTENT)
    assert len(KEYS) == solutions


@pytest.mark.parametrize("stem,marker,key", KEYS, ids=[m for _, m, _ in KEYS])
def test_answer_only_in_its_solution(stem: str, marker: str, key: str) -> None:
    """The key phrase of a solution is on no student page (lesson, worksheet, answer key, search
    index) and is in the teacher edition's text."""
    for page in (SITE / f"{stem}.html", SITE / "worksheets" / f"{stem}.html", SITE / "answer_keys.html"):
        assert key not in visible_text(page.read_text(encoding="utf-8")), f"{page.name} gives away {marker}"
    assert key not in visible_text((SITE / "searchindex.js").read_text(encoding="utf-8"))
    assert key in visible_text((TEACHER_SITE / f"{stem}.html").read_text(encoding="utf-8"))
    assert key in visible_text((TEACHER_SITE / "answer_keys.html").read_text(encoding="utf-8")) or \
        marker not in {f"solution-{stem[:2]}-{e.number}" for e in exercises(stem) if e.track == "No code"}


@pytest.mark.parametrize("stem", [s for s in CONTENT if not s.startswith("08")])
def test_no_claim_verdicts_before_the_fact_check_lab(stem: str) -> None:
    text = visible_text((SITE / f"{stem}.html").read_text(encoding="utf-8")).lower()
    claims = load_table("claims")
    # A claim the lab finds accurate is just the page's own fact; the correction of a wrong one
    # is the verdict a student is asked to reach in 08.
    for _, claim in claims[claims["verdict"] != "accurate"].iterrows():
        corrected = visible_text(str(claim["corrected_fact"])).lower()[:60]
        assert corrected not in text, f"{stem} gives the verdict on {claim['id']}"
    for label in ("missing context", "inaccurate", "unverifiable", "needs context", "cannot be checked"):
        assert label not in text, f"{stem} uses the verdict label {label!r}"
    assert "08_fact_check_lab.html" in (SITE / f"{stem}.html").read_text(encoding="utf-8"), "points to 08"


@pytest.mark.parametrize("stem", CONTENT)
def test_stated_reading_time_matches_the_core_reading(stem: str) -> None:
    """Core reading (everything before the quiz, outside folds) at 200 words a minute plus a
    minute per chart is within 25 % of the 'Time to learn' the notebook states."""
    sections = core_reading(page_sections((SITE / f"{stem}.html").read_text(encoding="utf-8")))
    measured = sum(s.minutes for s in sections)
    cells = json.loads((ROOT / "notebooks" / f"{stem}.ipynb").read_text(encoding="utf-8"))["cells"]
    markdown = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
    stated = int(re.search(r"\*\*Time to learn\*\* \| (\d+) minutes", markdown).group(1))
    assert 0.75 * stated <= measured <= 1.25 * stated, f"{stem}: core reading {measured:.1f} min, stated {stated}"


@pytest.mark.parametrize("stem", CONTENT)
def test_quiz_answers_cannot_be_found_in_the_page(stem: str) -> None:
    raw = (SITE / f"{stem}.html").read_text(encoding="utf-8")
    text = visible_text(raw)
    for _, question in quiz_for(load_table("quiz"), stem[:2]).iterrows():
        explanation = str(question["explanation"])[:50]
        assert html.escape(explanation, quote=True)[:40] in raw, "the answer waits in a data attribute"
        assert visible_text(explanation) not in text, f"{stem}: quiz answer findable with Ctrl+F"


# ---- the teacher guide's plans ----

GUIDE = (ROOT / "notebooks" / "teacher_guide.md").read_text(encoding="utf-8")
LINK = re.compile(r"\]\((\d{2}_\w+)\.ipynb#([\w-]+)\)")


def test_plan_links_name_sections_that_exist_on_the_student_site() -> None:
    links = LINK.findall(GUIDE)
    assert len(links) >= 2 * len(CONTENT)
    for stem, anchor in links:
        assert f'id="{anchor}"' in (SITE / f"{stem}.html").read_text(encoding="utf-8"), f"{stem}#{anchor}"


def test_plans_use_no_code_exercises_that_exist_and_cover_the_quiz() -> None:
    from tools.walk_lessons import named_exercises, named_sections, plan_rows

    rows = plan_rows(GUIDE)
    assert sorted(stem for stem, _, _ in rows) == CONTENT, "a 45-minute plan row for every content notebook"
    for stem, reading, tasks in rows:
        tracks = {e.number: e.track for e in exercises(stem)}
        chosen = named_exercises(tasks)
        assert chosen and all(tracks.get(n) == "No code" for n in chosen), f"{stem}: plan uses {chosen}"
        assert named_sections(reading, stem), f"{stem}: the reading step names no section"


def test_plan_minutes_add_up() -> None:
    for plan, total in (("## A 45-minute lesson", 45), ("## A 90-minute lesson", 90)):
        section = GUIDE.split(plan, 1)[1].split("\n## ", 1)[0]
        steps = [int(m) for m in re.findall(r"^\| \d+\. [^|]+\| (\d+) \|", section, re.M)]
        assert steps and sum(steps) == total, f"{plan}: steps add up to {sum(steps)}"


# ---- print ----

@pytest.mark.browser
@pytest.mark.parametrize("stem", CONTENT)
def test_worksheet_prints_on_one_or_two_a4_pages_at_a_readable_size(stem: str) -> None:
    playwright = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.skip(f"no chromium at {CHROMIUM}")
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page(viewport={"width": A4_PRINTABLE_PX, "height": 1000})
        page.route("http*://**", lambda route: route.abort())
        page.goto((SITE / "worksheets" / f"{stem}.html").resolve().as_uri())
        pdf = page.pdf(format="A4")
        page.emulate_media(media="print")
        smallest_px, overflow = page.evaluate(
            "() => [Math.min(...[...document.querySelectorAll('div.body p, div.body li')]"
            ".map(e => parseFloat(getComputedStyle(e).fontSize))),"
            " document.documentElement.scrollWidth - window.innerWidth]")
        browser.close()
    pages = len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf))
    assert 1 <= pages <= 2, f"worksheet {stem} prints on {pages} A4 pages"
    assert overflow <= 1, "wider than the paper: the browser would shrink the text to fit"
    assert smallest_px * 0.75 >= 10, f"smallest text {smallest_px * 0.75:.1f} pt"


@pytest.mark.parametrize("stem", CONTENT)
def test_printed_counts_agree_with_chart_legends(stem: str) -> None:
    """Where a chart's legend counts a category ("Implemented (8)") and the page prints a count for
    it ("Implemented: 9 (8 on the chart)"), the two agree. (01's source count: tests/test_lesson.py.)"""
    raw = (SITE / f"{stem}.html").read_text(encoding="utf-8")
    printed = " ".join(visible_text(block) for block in re.findall(r"<pre>(.*?)</pre>", raw, re.S))
    for label, count in re.findall(r'"name":\s*"([^"\\]+?) \((\d+)\)"', raw):
        match = re.search(re.escape(label) + r": (\d+)(?: \((\d+) on the chart\))?", printed, re.I)
        if match:
            assert (match.group(2) or match.group(1)) == count, \
                f"{stem}: legend {label} ({count}) against printed {match.group(0)!r}"
