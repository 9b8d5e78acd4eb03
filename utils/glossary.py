"""The glossary page: name variants and terms from data/glossary.csv, searchable in JupyterLab."""

from __future__ import annotations

import unicodedata

import ipywidgets as widgets
import pandas as pd
from IPython.display import HTML

from utils.labels import GLOSSARY_KIND
from utils.tables import cell, html_table
from utils.widgets import Explorer


def _sort_key(term: str) -> str:
    """Alphabetical order that files 'Łacinka' under L and 'Mahilioŭ' under M."""
    plain = unicodedata.normalize("NFKD", term.replace("Ł", "L").replace("ł", "l"))
    return "".join(ch for ch in plain if not unicodedata.combining(ch)).casefold()


def glossary_rows(glossary: pd.DataFrame, ids: list[str] | None = None) -> pd.DataFrame:
    """Glossary rows in alphabetical order of term (all rows, or the given ids)."""
    chosen = glossary if ids is None else glossary.set_index("id", drop=False).loc[ids]
    return chosen.iloc[sorted(range(len(chosen)), key=lambda i: _sort_key(str(chosen["term"].iloc[i])))]


# The three languages every glossary entry gives its name in: (column, language tag, label).
GLOSSARY_LANGUAGES = (("belarusian", "be", "Belarusian"), ("russian", "ru", "Russian"), ("ukrainian", "uk", "Ukrainian"))


def _three_languages(row: pd.Series) -> str:
    """The name in Belarusian, Russian and Ukrainian, each tagged with its language for screen readers."""
    return "<br>".join(
        f'<small><abbr title="{label}">{tag}</abbr> <span lang="{tag}">{cell(row[column])}</span></small>'
        for column, tag, label in GLOSSARY_LANGUAGES if column in row.index
    )


def glossary_html(glossary: pd.DataFrame, ids: list[str] | None = None) -> str:
    """The glossary as a table: term (with its kind and its Belarusian, Russian and Ukrainian forms),
    the spellings in use, and what it means.

    The wrapper's class marks the table as a list of variants, which the spelling test skips.
    """
    rows = glossary_rows(glossary, ids)
    table = html_table(
        ["Term", "Also written", "Explanation"],
        ([f"<strong>{cell(r['term'])}</strong><br><small>{cell(GLOSSARY_KIND[r['kind']].lower)}</small>"
          f"<br>{_three_languages(r)}",
          " · ".join(cell(v) for v in r["variants"]), cell(r["explanation"])] for _, r in rows.iterrows()),
    )
    return f'<div class="use-glossary">{table}</div>'


def glossary_matches(glossary: pd.DataFrame, query: str) -> pd.DataFrame:
    """Rows whose term, spellings, Cyrillic forms or explanation contain ``query`` (ignoring case and accents)."""
    wanted = _sort_key(query.strip())
    if not wanted:
        return glossary_rows(glossary)
    languages = [column for column, _, _ in GLOSSARY_LANGUAGES if column in glossary.columns]
    haystacks = [_sort_key(" ".join([str(r["term"]), *map(str, r["variants"]), str(r["explanation"]),
                                     *(str(r[c]) for c in languages)]))
                 for _, r in glossary.iterrows()]
    return glossary_rows(glossary[[wanted in h for h in haystacks]])


def glossary_explorer(glossary: pd.DataFrame) -> Explorer:
    """Type a name or spelling to find its entry; the static site shows the whole glossary."""
    search = widgets.Text(description="Find", placeholder="e.g. Miensk, Lukashenka, Łacinka",
                          layout=widgets.Layout(width="420px"))

    def render() -> list[object]:
        found = glossary_matches(glossary, search.value)
        return [HTML(glossary_html(found))] if not found.empty else []  # type: ignore[no-untyped-call]

    return Explorer(
        [search], render,
        fallback_html=glossary_html(glossary),
        note="In JupyterLab you can type a name or a spelling to find its entry. Here is the whole glossary.",
        empty_message=lambda: f"No entry mentions '{search.value}'. Try another spelling, or fewer letters.",
    )
