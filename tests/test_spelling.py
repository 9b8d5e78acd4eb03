"""One spelling per person and place: the glossary's preferred form.

data/glossary.csv gives every name its preferred spelling (`term`), the spellings met in sources
(`variants`), its Belarusian, Russian and Ukrainian forms, and the Latin spellings the set does not
use in its own prose (`discouraged`). Here we check the glossary itself, that the built pages use no
discouraged spelling in their prose, and that the site search still finds a page by any spelling.
The page tests need `make site` first (make test does it).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from sphinx.search.en import SearchEnglish

from book.search_variants import glossary_names, variant_keywords
from tests.conftest import ROOT, SITE
from utils.data import load_sources, load_table

GLOSSARY = load_table("glossary")
TEACHER_SITE = ROOT / "teacher-site"
CYRILLIC = re.compile(r"[\u0400-\u04FF]")
# A name written straight after an opening quote is the name as others spell it ('Krichev-6'),
# not the set's own spelling.
OPENING_QUOTES = "'\"‘“«„"


# --- The glossary --------------------------------------------------------------------------------

def test_glossary_has_sixty_entries_each_in_belarusian_russian_and_ukrainian() -> None:
    assert len(GLOSSARY) >= 60
    for column in ("belarusian", "russian", "ukrainian"):
        missing = GLOSSARY[~GLOSSARY[column].map(lambda form: bool(CYRILLIC.search(str(form))))]
        assert missing.empty, f"{column} form missing or not Cyrillic: {list(missing['id'])}"


def test_glossary_covers_the_people_places_and_acronyms_the_notebooks_use() -> None:
    terms = " | ".join(GLOSSARY["term"])
    for name in ("Tsikhanouski", "Tsikhanouskaya", "Kalesnikava", "Bialiatski", "Babaryka", "Lukashenko", "Makei",
                 "Putin", "Khrenin", "Asipovichy", "Krychaw", "Astravets", "Machulishchy", "Baranavichy", "Homiel",
                 "Mahilioŭ", "CSTO", "EAEU", "CIS", "OSCE/ODIHR", "CEC", "BYPOL", "KGB", "OMON", "Viasna"):
        assert name in terms, name


def test_discouraged_spellings_are_listed_variants_and_never_the_preferred_one() -> None:
    for _, row in GLOSSARY.iterrows():
        for spelling in row["discouraged"] or []:
            assert any(spelling in variant for variant in row["variants"]), (row["id"], spelling)
            assert not re.search(rf"(?<!\w){re.escape(spelling)}(?!\w)", row["term"]), (row["id"], spelling)


# --- Search keywords (book/search_variants.py) ---------------------------------------------------

def test_a_page_naming_homiel_gets_every_spelling_of_it_as_keywords() -> None:
    words = variant_keywords("Wounded soldiers were treated in Homiel.", glossary_names())
    assert {"Gomel", "Homel", "Homyel", "Гомель"} <= set(words)


def test_keywords_need_a_whole_word_and_come_once() -> None:
    entries = (("Lida", "Ліда", "Лида"),)
    assert variant_keywords("Candidates and validation", entries) == []
    assert variant_keywords("Lida and Lida again", entries) == ["Lida", "Ліда", "Лида"]


def test_search_keywords_come_from_named_entries_only() -> None:
    names = {name for entry in glossary_names() for name in entry}
    assert "Osipovichi" in names and "Кричев" in names
    assert "Łacinka" not in names  # a script, explained on its own page


# --- The built site ------------------------------------------------------------------------------

def _pages() -> list[Path]:
    pages = []
    for site in (SITE, TEACHER_SITE):
        pages += [p for p in sorted(site.glob("*.html")) if p.name not in {"search.html", "genindex.html"}]
    return pages


def _citation_strings() -> list[str]:
    """Publishers and titles of sources that contain a discouraged spelling: a citation keeps the
    spelling its publisher uses. (Only those: stripping every title would also strip common words.)"""
    sources = load_sources()
    bare_names = {spelling for spelling, _, _ in DISCOURAGED}
    strings = {str(s).strip() for column in ("publisher", "title", "title_en") if column in sources
               for s in sources[column].dropna() if any(spelling in str(s) for spelling in bare_names)}
    # A title that is only a name ("Gomel") would strip that name from every sentence: keep it.
    return sorted(strings - bare_names, key=len, reverse=True)


def prose(page_html: str, mentioned_names: set[str], citations: list[str]) -> str:
    """A page's own words: no scripts, glossary tables, source lists, source links or citations,
    and no name set in italics or code on its own (a name discussed as a word)."""
    soup = BeautifulSoup(page_html, "html.parser")
    body = soup.find("div", class_="body") or soup
    for element in body.select("script, style, .use-glossary, section#sources, a[href^='http']"):
        element.decompose()
    for element in body.find_all(["em", "i", "code"]):
        if element.get_text(strip=True) in mentioned_names:
            element.decompose()
    text = " ".join(body.get_text(" ").split())
    for citation in citations:
        text = text.replace(" ".join(citation.split()), " ")
    return text


# (discouraged spelling, preferred term, pattern that finds it unquoted as a whole word)
DISCOURAGED = [(spelling, row["term"], re.compile(rf"(?<![\w{re.escape(OPENING_QUOTES)}]){re.escape(spelling)}(?!\w)"))
               for _, row in GLOSSARY.iterrows() for spelling in row["discouraged"] or []]


def discouraged_uses(text: str) -> list[str]:
    """Every discouraged spelling in ``text`` that is not quoted, with some context."""
    found = []
    for spelling, term, pattern in DISCOURAGED:
        if spelling not in text:
            continue
        for match in pattern.finditer(text):
            context = text[max(0, match.start() - 50):match.end() + 30]
            found.append(f"{spelling!r} (use {term!r}): …{context}…")
    return found


def test_prose_skips_citations_quotes_and_names_discussed_as_words() -> None:
    page = ("<div class='body'><p>In Homel and in ‘Gomel’ and <em>Mogilev</em>.</p>"
            "<p>Pro Gomel (Homel regional media), report</p>"
            "<div class='use-glossary'>Gomel · Homel</div><a href='https://x'>Gomel</a>"
            "<section id='sources'>Gomel</section><script>Gomel</script></div>")
    text = prose(page, {"Mogilev"}, ["Pro Gomel (Homel regional media)"])
    assert [use.split(" ")[0] for use in discouraged_uses(text)] == ["'Homel'"]


CITATIONS = _citation_strings()
NAMES = ({name for entry in glossary_names() for name in entry} | {v for vs in GLOSSARY["variants"] for v in vs}
         | {spelling for spelling, _, _ in DISCOURAGED})


@pytest.mark.parametrize("page", _pages(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_pages_use_the_glossary_spelling_of_every_name(page: Path) -> None:
    uses = discouraged_uses(prose(page.read_text(encoding="utf-8"), NAMES, CITATIONS))
    assert not uses, f"{page.relative_to(ROOT)}:\n" + "\n".join(uses)


def test_search_finds_the_homiel_pages_by_any_spelling() -> None:
    text = (SITE / "searchindex.js").read_text(encoding="utf-8")
    index = json.loads(text[text.index("(") + 1:text.rindex(")")])
    stem = SearchEnglish({}).stem

    def pages_for(word: str) -> set[str]:
        found = index["terms"].get(stem(word), [])
        return {index["docnames"][i] for i in ([found] if isinstance(found, int) else found)}

    homiel = pages_for("Homiel")
    assert {"02_geography", "glossary"} <= homiel
    for spelling in ("Gomel", "Homel", "Homyel", "Гомель"):
        assert homiel <= pages_for(spelling), spelling
    assert pages_for("Asipovichy") <= pages_for("Osipovichi")
    assert pages_for("Krychaw") <= pages_for("Krichev")


@pytest.mark.browser
def test_searching_gomel_in_the_browser_lists_the_pages_that_write_homiel() -> None:
    """The reader's view: the site's own search page, offline, in headless Chromium."""
    from playwright.sync_api import sync_playwright

    from tests.offline_browser import launch

    with sync_playwright() as playwright:
        browser = launch(playwright)
        try:
            page = browser.new_page()
            page.goto((SITE / "search.html").as_uri() + "?q=Gomel")
            page.wait_for_selector("ul.search li", timeout=20_000)
            page.wait_for_function("!document.querySelector('#search-progress')?.textContent.startsWith('Searching')")
            found = {link.split("/")[-1].split("?")[0].split("#")[0]
                     for link in page.locator("ul.search li a").evaluate_all("els => els.map(e => e.href)")}
        finally:
            browser.close()
    assert {"02_geography.html", "05_military_and_nuclear.html", "glossary.html"} <= found, found
