"""Site search finds a page by any spelling of a name it mentions.

The notebooks write each person and place one way (the glossary's preferred form), but a
reader may search for another: "Gomel" for Homiel, "Osipovichi" for Asipovichy. For every
page, this hook finds the glossary entries the page mentions (by any spelling) and adds all
their spellings, Latin and Cyrillic, to the page's ``<meta name="keywords">``. Sphinx indexes
meta keywords for its search but the reader never sees them, so the page's prose keeps one
spelling.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from docutils import nodes

GLOSSARY = Path(__file__).resolve().parent.parent / "data" / "glossary.csv"
# Entries that name something; scripts, symbols and concepts are explained on their own pages.
NAMED_KINDS = {"person", "place", "institution", "event", "weapon"}


@lru_cache(maxsize=None)
def glossary_names(path: Path = GLOSSARY) -> tuple[tuple[str, ...], ...]:
    """For each named entry: its term, variants and Belarusian/Russian/Ukrainian forms."""
    with path.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    entries = []
    for row in rows:
        if row["kind"] not in NAMED_KINDS:
            continue
        cyrillic = [form.strip() for column in ("belarusian", "russian", "ukrainian")
                    for form in row.get(column, "").split(";")]
        names = [row["term"], *row["variants"].split(";"), *cyrillic]
        entries.append(tuple(dict.fromkeys(n.strip() for n in names if n.strip())))
    return tuple(entries)


def _mentions(text: str, name: str) -> bool:
    """Whether ``name`` occurs in ``text`` as a whole word (case-sensitive)."""
    return re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text) is not None


def variant_keywords(text: str, entries: Iterable[tuple[str, ...]]) -> list[str]:
    """Every word of every spelling of the entries that ``text`` mentions, each once, in order."""
    words: dict[str, None] = {}
    for names in entries:
        if any(_mentions(text, name) for name in names):
            for name in names:
                words.update(dict.fromkeys(re.findall(r"\w+", name)))
    return list(words)


def add_variant_keywords(app: object, doctree: nodes.document) -> None:
    """doctree-read hook: put the spellings of the names a page mentions into its meta keywords."""
    words = variant_keywords(doctree.astext(), glossary_names())
    if words:
        doctree += nodes.meta(name="keywords", content=", ".join(words))
