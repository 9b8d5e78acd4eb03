"""The student site has no worked solutions; the teacher site has every one.

Solutions are written in notebooks as <details class="use-solution" id="solution-NN-K">.
For each one we look in both built sites for its marker (the id) and for a
sentence of its text. Needs `make site` first (make test does it).
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest

from tests.conftest import ROOT, SITE

TEACHER_SITE = ROOT / "teacher-site"
SOLUTION = re.compile(r'<details class="use-solution" id="(solution-[0-9]{2}-[0-9]+)"[^>]*>(.*?)</details>', re.S)


def normalise(text: str) -> str:
    """Plain words: no tags, no Markdown emphasis, straight quotes, single spaces."""
    text = html.unescape(re.sub(r"<[^>]+>", " ", text))
    text = text.translate(str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"'}))
    text = re.sub(r"[*_`]", "", text)
    return re.sub(r"\s+", " ", text).strip()


def solutions() -> list[tuple[str, str, str]]:
    """(page, marker id, a sentence of prose) for every solution in every notebook."""
    found = []
    for path in sorted((ROOT / "notebooks").glob("[0-9]*.ipynb")):
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        markdown = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
        for marker, body in SOLUTION.findall(markdown):
            body = re.sub(r"```.*?```", " ", body, flags=re.S)  # code is checked via the marker
            body = body.replace("<summary>Solution</summary>", " ")
            prose = [normalise(line) for line in body.splitlines() if len(normalise(line)) > 30]
            assert prose, f"{marker} in {path.name} has no sentence of prose to check"
            found.append((f"{path.stem}.html", marker, " ".join(prose[0].split()[:7])))
    return found


SOLUTIONS = solutions()


def page_text(site: Path, page: str) -> tuple[str, str]:
    raw = (site / page).read_text(encoding="utf-8")
    return raw, normalise(raw)


def test_every_content_notebook_has_solutions() -> None:
    pages = {page for page, _, _ in SOLUTIONS}
    content = {f"{p.stem}.html" for p in (ROOT / "notebooks").glob("[0-9]*.ipynb") if not p.stem.startswith("00")}
    assert content <= pages


@pytest.mark.parametrize("page,marker,sentence", SOLUTIONS, ids=[m for _, m, _ in SOLUTIONS])
def test_student_site_leaks_no_solution(page: str, marker: str, sentence: str) -> None:
    raw, text = page_text(SITE, page)
    assert marker not in raw, f"{page}: solution {marker} is in the student site"
    assert sentence not in text, f"{page}: text of {marker} is in the student site: {sentence!r}"
    assert "The worked solution is in the teacher edition" in text
    assert sentence not in normalise((SITE / "searchindex.js").read_text(encoding="utf-8"))


@pytest.mark.parametrize("page,marker,sentence", SOLUTIONS, ids=[m for _, m, _ in SOLUTIONS])
def test_teacher_site_has_every_solution(page: str, marker: str, sentence: str) -> None:
    raw, text = page_text(TEACHER_SITE, page)
    assert marker in raw
    assert sentence in text, f"{page}: {sentence!r} missing from the teacher site"


def test_the_two_editions_say_which_they_are() -> None:
    assert "student edition" in (SITE / "index.html").read_text(encoding="utf-8")
    assert "teacher edition" in (TEACHER_SITE / "index.html").read_text(encoding="utf-8")
