"""Render the list of sources a notebook used, from data/sources.csv."""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable
from urllib.parse import urlsplit

import pandas as pd
from IPython.display import Markdown

from utils.labels import SOURCE_KIND

def source_ids_of(table: pd.DataFrame, column: str = "source_ids") -> list[str]:
    """Every source id cited by a table's rows, in order of first use."""
    seen: dict[str, None] = {}
    for ids in table[column]:
        for source_id in ids:
            seen.setdefault(source_id, None)
    return list(seen)


def source_linker(sources: pd.DataFrame) -> Callable[[Iterable[str]], str]:
    """A function turning source ids into publisher names linked to their pages, for a table's
    sources column. The lookup is built once, not per row."""
    links = {row_id: f'<a href="{html.escape(str(url))}">{html.escape(str(publisher))}</a>'
             for row_id, url, publisher in zip(sources["id"], sources["url"], sources["publisher"])}
    return lambda source_ids: ", ".join(links[s] for s in source_ids)


# The set's pages were first read in November 2026; rows read later say when in `read_on`.
FIRST_READ = "2026-11"


def readable_date(partial: str, read_on: str = "") -> str:
    """'2024-03-28' -> '28 March 2024'; '2024-03' -> 'March 2024'; '2024' stays; 'undated' says when it was read."""
    if partial == "undated":
        return f"undated (read {readable_date(read_on or FIRST_READ)})"
    parts = partial.split("-")
    date = pd.Timestamp(f"{parts[0]}-{parts[1] if len(parts) > 1 else '01'}-01")
    if len(parts) == 3:
        return f"{int(parts[2])} {date:%B %Y}"
    return f"{date:%B %Y}" if len(parts) == 2 else parts[0]


def _optional(row: pd.Series, column: str) -> str:
    """An optional cell as text: '' when the column is missing or the cell is empty."""
    value = row.get(column)
    return "" if value is None or bool(pd.isna(value)) else str(value)


def copy_note(row: pd.Series) -> str:
    """'; read in a copy at host, 5 December 2026' when the page read was a copy, not the original.

    The host is a link only when the title links elsewhere (to the original): one address per
    entry keeps the long source lists light."""
    read_at = _optional(row, "read_at")
    if not read_at:
        return ""
    host = urlsplit(read_at).hostname or read_at
    if host.startswith("www."):
        host = host[4:]
    read_on = _optional(row, "read_on")
    when = f", {readable_date(read_on)}" if read_on else ""
    if read_at == str(row["url"]):  # the title already links to this copy: name its host only
        return f"; the original's own address is not known; read in a copy at {host}{when}"
    return f"; read in a copy at [{host}]({read_at}){when}"


def format_source(row: pd.Series) -> str:
    """'Jiji Press, [title](url) (English title), 3 March 2022 (news report; read in a copy at …).'"""
    published = readable_date(str(row["published"]), _optional(row, "read_on"))
    title = str(row["title"]).replace("[", "\\[").replace("]", "\\]")
    title_en = _optional(row, "title_en")
    english = f" ({title_en})" if title_en else ""
    return (
        f"{row['publisher']}, [{title}]({row['url']}){english}, {published} "
        f"({SOURCE_KIND[row['kind']].lower}{copy_note(row)}). <code>{row['id']}</code>"
    )


def chosen_sources(source_ids: Iterable[str], sources: pd.DataFrame) -> pd.DataFrame:
    """The rows of the given sources, each once, in order of first mention; unknown ids fail."""
    wanted = list(dict.fromkeys(source_ids))
    indexed = sources.set_index("id", drop=False)
    missing = [s for s in wanted if s not in indexed.index]
    if missing:
        raise KeyError(f"unknown source id(s): {', '.join(missing)}")
    return indexed.loc[wanted]


def sources_markdown(source_ids: Iterable[str], sources: pd.DataFrame) -> str:
    """A numbered Markdown list of the given sources, sorted by publisher and date."""
    chosen = chosen_sources(source_ids, sources).sort_values(["publisher", "published"])
    lines = [f"{n}. {format_source(row)}" for n, (_, row) in enumerate(chosen.iterrows(), 1)]
    return "\n".join(lines)


def sources_section(source_ids: Iterable[str], sources: pd.DataFrame) -> Markdown:
    return Markdown(sources_markdown(source_ids, sources))  # type: ignore[no-untyped-call]


def sources_by_kind(source_ids: Iterable[str], sources: pd.DataFrame) -> pd.DataFrame:
    """How many of the given sources are of each kind, and how many of those were read in a copy."""
    chosen = chosen_sources(source_ids, sources)
    in_copy = chosen["read_at"].fillna("").astype(str) != ""
    rows = [
        {"Kind": label.label, "Sources": int((chosen["kind"] == kind).sum()),
         "Read in a copy": int(((chosen["kind"] == kind) & in_copy).sum()), "Meaning": label.meaning}
        for kind, label in SOURCE_KIND.items()
    ]
    return pd.DataFrame([row for row in rows if row["Sources"]])


def sources_summary(source_ids: Iterable[str], sources: pd.DataFrame) -> str:
    """'403 sources from 198 publishers': the size of a page's source list, in words."""
    chosen = chosen_sources(source_ids, sources)
    return f"{len(chosen)} sources from {chosen['publisher'].nunique()} publishers"
