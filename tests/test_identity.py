"""Identity and language: flag drawings, census, schooling and referendum charts, glossary, and their data."""

from __future__ import annotations

import html
import re
from fractions import Fraction

import pandas as pd
import plotly.graph_objects as go
import pytest

import utils  # noqa: F401  (registers template and renderer)
from utils.data import load_table
from utils.figures import figure_contract_problems
from utils.identity import (
    CENSUS_LABEL_POSITION, FLAG_ROWS, FLAG_SHADES, PUPILS_MEASURE, FlagSpecError, census_figure,
    census_series_style, describe_flag, flag_shapes, flag_specs, flags_figure, identity_views, parse_flag_spec, referendum_figure, referendum_results, schooling_figure,
    schooling_series, share_label, symbol_facts_html,
)
from utils.glossary import glossary_explorer, glossary_html, glossary_matches, glossary_rows
from utils.render import PLOTLY_MIME, figure_bundle
from utils.theme import TOL_MUTED

SYMBOLS = load_table("symbols_and_language")
CENSUS = load_table("language_census")
SCHOOLING = load_table("schooling")
GLOSSARY = load_table("glossary")
ELECTIONS = load_table("elections")
WRW, STATE = "sy-1991-wrw-design", "sy-2004-07-05-flag-law"


def fact(row_id: str) -> str:
    return str(SYMBOLS.set_index("id").loc[row_id, "fact"])


# --- Flags ------------------------------------------------------------------------------------

def test_flag_specs_are_what_the_laws_in_the_data_say() -> None:
    specs = flag_specs(SYMBOLS)
    wrw, state = specs[WRW], specs[STATE]
    assert wrw.height_to_length == state.height_to_length == Fraction(1, 2)
    assert [(s.colour, s.height) for s in wrw.stripes] == [("white", Fraction(1, 3)), ("red", Fraction(1, 3)),
                                                           ("white", Fraction(1, 3))]
    assert wrw.hoist_width is None
    assert [(s.colour, s.height) for s in state.stripes] == [("red", Fraction(2, 3)),
                                                             ("green", Fraction(1, 3))]
    assert (state.hoist_colour, state.hoist_width, state.ornament_colour) == ("white", Fraction(1, 9), "red")


def test_flag_specs_agree_with_the_other_statements_in_the_same_rows() -> None:
    # The white-red-white row also gives the reference drawing:
    # 'On a 600 x 1200 canvas the red stripe fills y = 200-400'.
    canvas = re.search(r"(\d+) x (\d+) canvas the red stripe fills y = (\d+)-(\d+)", fact(WRW))
    assert canvas is not None
    height, length, top, bottom = map(int, canvas.groups())
    wrw = flag_specs(SYMBOLS)[WRW]
    assert wrw.height_to_length == Fraction(height, length)
    assert wrw.stripes[1].colour == "red" and wrw.stripes[1].height == Fraction(bottom - top, height)
    # The state-flag row also says the stripes are '2/3 and 1/3 of the flag's height', red above green.
    assert "red above green, 2/3 and 1/3 of the flag's height" in fact(STATE)


def test_parse_flag_spec_refuses_text_without_proportions() -> None:
    with pytest.raises(FlagSpecError, match="row 'x'"):
        parse_flag_spec("x", "A red flag with a white stripe.")
    with pytest.raises(FlagSpecError, match="no shade"):
        parse_flag_spec("x", "flag height to length 1:2; "
                             "horizontal stripes from the top, blue:yellow heights 1:1")


@pytest.mark.parametrize("row_id", list(FLAG_ROWS))
def test_flag_shapes_draw_the_stripes_in_the_stated_colours_and_proportions(row_id: str) -> None:
    spec = flag_specs(SYMBOLS)[row_id]
    shapes = flag_shapes(spec, x0=3.0)
    stripes = [s for s in shapes if s["name"] == "stripe"]
    assert [s["fillcolor"] for s in stripes] == [FLAG_SHADES[s.colour] for s in spec.stripes]
    heights = [Fraction(float(s["y1"]) - float(s["y0"])).limit_denominator(100) for s in stripes]
    assert heights == [s.height for s in spec.stripes]
    assert float(stripes[0]["y1"]) == 1.0 and float(stripes[-1]["y0"]) == pytest.approx(0.0)
    for stripe in stripes:  # every stripe spans the flag's length: length / height = 2
        assert (stripe["x0"], float(stripe["x1"])) == (3.0, pytest.approx(3.0 + 2.0))
    outline = [s for s in shapes if s["name"] == "outline"]
    assert len(outline) == 1, "a white stripe needs an outline to show on a white page"


def test_state_flag_has_the_hoist_band_and_a_simplified_ornament_inside_it() -> None:
    shapes = flag_shapes(flag_specs(SYMBOLS)[STATE])
    band = next(s for s in shapes if s["name"] == "hoist band")
    assert band["fillcolor"] == FLAG_SHADES["white"]
    assert float(band["x1"]) - float(band["x0"]) == pytest.approx(2.0 / 9)
    ornament = [s for s in shapes if s["name"] == "ornament"]
    assert ornament and {s["fillcolor"] for s in ornament} == {FLAG_SHADES["red"], FLAG_SHADES["white"]}
    xs = [float(x) for s in ornament for x in re.findall(r"([-\d.]+),", str(s["path"]))]
    assert min(xs) >= float(band["x0"]) and max(xs) <= float(band["x1"])


def test_flags_figure_keeps_proportions_labels_stripes_and_follows_the_house_rules() -> None:
    fig = flags_figure(SYMBOLS, "data/symbols_and_language.csv")
    assert figure_contract_problems(fig) == []
    assert fig.layout.yaxis.scaleanchor == "x" and fig.layout.yaxis.scaleratio == 1
    labels = [a.text for a in fig.layout.annotations]
    assert labels.count("white · 1/3 of height") == 2 and "red · 1/3 of height" in labels
    assert "red · 2/3 of height" in labels and "green · 1/3 of height" in labels
    assert any("simplified" in text for text in labels)
    assert sum(s.name == "stripe" for s in fig.layout.shapes) == 5
    alt = fig.layout.meta["alt"]
    assert describe_flag(flag_specs(SYMBOLS)[WRW]) in alt and "simplified" in alt
    assert "symbols_and_language.csv" in fig.layout.meta["source"]
    assert PLOTLY_MIME in figure_bundle(fig)


# --- Census -----------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def census_fig() -> go.Figure:
    return census_figure(CENSUS, "Belstat census results (official), data/language_census.csv")


def test_census_traces_show_exactly_the_table_values(census_fig: go.Figure) -> None:
    by_name = {trace.name: trace for trace in census_fig.data}
    plotted = 0
    for measure, language in CENSUS_LABEL_POSITION:
        label = census_series_style(measure, language)[0]
        chosen = (CENSUS["measure"] == measure) & (CENSUS["language"] == language)
        rows = CENSUS[chosen].sort_values("census_year")
        trace = by_name[label]
        assert list(trace.x) == [int(y) for y in rows["census_year"]]
        assert list(trace.y) == [float(v) for v in rows["share_pct"]]
        plotted += len(trace.y)
    assert plotted == len(CENSUS), "every census row is drawn once, and nothing else"


def test_census_missing_figures_are_gaps_not_zeros(census_fig: go.Figure) -> None:
    home_belarusian = next(t for t in census_fig.data if t.name == "Belarusian spoken at home")
    assert 2019 not in list(home_belarusian.x)
    assert all(v > 0 for t in census_fig.data for v in t.y)


def test_census_lower_bound_is_labelled_as_such(census_fig: go.Figure) -> None:
    russian_home = next(t for t in census_fig.data if t.name == "Russian spoken at home")
    assert list(russian_home.text)[-1] == "> 71%"
    assert share_label(23.4, None) == "23.4%" and share_label(71.0, "Lower bound only.") == "> 71%"


def test_census_series_differ_by_marker_and_line_not_only_colour(census_fig: go.Figure) -> None:
    styles = {(t.marker.symbol, t.line.dash) for t in census_fig.data}
    assert len(styles) == len(census_fig.data)
    assert {t.line.color for t in census_fig.data} <= set(TOL_MUTED)


def test_census_figure_follows_the_house_rules(census_fig: go.Figure) -> None:
    assert figure_contract_problems(census_fig) == []
    assert "1999" in census_fig.layout.title.text and "2019" in census_fig.layout.title.text
    assert "official" in census_fig.layout.meta["source"]
    alt = census_fig.layout.meta["alt"]
    belarusian = CENSUS[CENSUS["language"] == "Belarusian"].set_index(["census_year", "measure"])["share_pct"]
    for (year, measure), share in belarusian.items():
        assert f"{year} {share:.1f}%" in alt, (year, measure)
    home_years = {y for y, m in belarusian.index if m == "home_language"}
    for year in sorted(set(CENSUS["census_year"]) - home_years):
        assert f"{year} no figure" in alt, "a census without a home-language figure says so"


# --- Schooling --------------------------------------------------------------------------------

def test_schooling_series_keeps_one_measure_in_time_order() -> None:
    series = schooling_series(SCHOOLING)
    assert set(series["measure"]) == {PUPILS_MEASURE}
    assert list(series["start_year"]) == sorted(series["start_year"])
    assert len(series) == (SCHOOLING["measure"] == PUPILS_MEASURE).sum()
    with pytest.raises(KeyError, match="no rows"):
        schooling_series(SCHOOLING, "nothing")


def test_schooling_figure_shows_official_and_independent_figures_apart() -> None:
    fig = schooling_figure(SCHOOLING, "data/schooling.csv")
    assert figure_contract_problems(fig) == []
    rows = SCHOOLING[SCHOOLING["measure"] == PUPILS_MEASURE]
    assert sorted(t.name.rsplit("(", 1)[1].rstrip(")") for t in fig.data) == sorted(set(rows["figure"]))
    for trace in fig.data:
        figure = trace.name.rsplit("(", 1)[1].rstrip(")")
        expected = rows[rows["figure"] == figure]
        assert sorted(trace.y) == sorted(float(v) for v in expected["value"])
        assert sorted(trace.x) == sorted(int(y[:4]) for y in expected["school_year"])
    assert len({t.marker.symbol for t in fig.data}) == len(fig.data)
    official = next(t for t in fig.data if t.name.endswith("(official)"))
    peak = rows.sort_values("value").iloc[-1]
    assert f"{peak['value']:g}% in {peak['school_year']}" in fig.layout.meta["alt"]


def test_schooling_figure_can_show_another_measure() -> None:
    fig = schooling_figure(SCHOOLING, "data/schooling.csv", "share_first_graders_belarusian")
    assert "first-graders" in fig.layout.title.text
    assert 76.0 in [v for t in fig.data for v in t.y]


# --- Referendum -------------------------------------------------------------------------------

def test_referendum_figure_shows_the_official_yes_shares() -> None:
    results = referendum_results(ELECTIONS)
    assert len(results) == 4 and set(results["figure"]) == {"official"}
    fig = referendum_figure(ELECTIONS, "data/elections.csv")
    assert figure_contract_problems(fig) == []
    (bars,) = fig.data
    assert list(bars.x) == [float(v) for v in results["value"]] == [83.3, 75.1, 83.3, 77.7]
    assert "14 May 1995" in fig.layout.title.text
    short = fig.layout.meta["phone"]["ticktext"]["yaxis"]  # narrower wrapping on a phone
    assert list(short) == list(bars.y) and all(len(line) <= 17 for text in short.values() for line in text.split("<br>"))
    with pytest.raises(KeyError):
        referendum_results(ELECTIONS, "referendum-1066")


# --- Tables and glossary ----------------------------------------------------------------------

def test_glossary_table_lists_every_term_and_spelling_alphabetically() -> None:
    page = html.unescape(glossary_html(GLOSSARY))
    assert page.count("<tr>") == len(GLOSSARY) + 1
    for _, row in GLOSSARY.iterrows():
        assert f"<strong>{row['term']}</strong>" in page
        for variant in row["variants"]:
            assert variant in page
        for column, tag in (("belarusian", "be"), ("russian", "ru"), ("ukrainian", "uk")):
            assert f'<span lang="{tag}">{row[column]}</span>' in page, (row["id"], column)
    terms = list(glossary_rows(GLOSSARY)["term"])
    assert terms.index("Łacinka") < terms.index("Mahilioŭ") < terms.index("Minsk")


def test_glossary_table_escapes_text() -> None:
    hostile = pd.DataFrame([{"id": "gl-x", "term": "<script>x</script>", "variants": ["a & b", "<i>"],
                             "kind": "concept", "explanation": "1 < 2", "source_ids": ["s"],
                             "belarusian": "<b>", "russian": "р", "ukrainian": "у"}])
    page = glossary_html(hostile)
    assert "&lt;b&gt;" in page
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert "a &amp; b" in page and "&lt;i&gt;" in page and "1 &lt; 2" in page


def test_glossary_search_ignores_case_and_accents() -> None:
    assert list(glossary_matches(GLOSSARY, "miensk")["id"]) == ["gl-minsk"]
    assert "gl-homiel" in set(glossary_matches(GLOSSARY, "Gomel")["id"])
    assert "gl-krychaw" in set(glossary_matches(GLOSSARY, "Кричев")["id"])
    assert "gl-lacinka" in set(glossary_matches(GLOSSARY, "LACINKA")["id"])
    assert "gl-mahiliou" in set(glossary_matches(GLOSSARY, "Mahiliou")["id"])
    assert len(glossary_matches(GLOSSARY, "  ")) == len(GLOSSARY)


def test_glossary_explorer_filters_live_and_falls_back_to_the_whole_table() -> None:
    explorer = glossary_explorer(GLOSSARY)
    fallback = explorer._repr_mimebundle_()["text/html"]
    assert fallback.count("<tr>") == len(GLOSSARY) + 1 and "Static version." in fallback
    (search,), out = explorer.controls, explorer.output
    search.value = "Grodno"
    (shown,) = out.outputs
    html = shown["data"]["text/html"]
    assert "Hrodna" in html and "Minsk" not in html
    search.value = "zzzz"
    assert "No entry mentions 'zzzz'" in out.outputs[0]["data"]["text/html"]


def test_identity_views_are_attributed_dated_and_not_repeated() -> None:
    views = identity_views(load_table("views"))
    assert set(views["topic"]) <= {"identity", "sovereignty"} and len(views) > 10
    assert list(views["date"]) == sorted(views["date"])
    assert not views.duplicated(["person", "date"]).any()
    assert views["person"].str.len().gt(0).all() and views["role"].str.len().gt(0).all()


def test_symbol_facts_table_has_one_row_per_fact() -> None:
    topics = ("white_red_white_flag", "flag_legal_status")
    page = symbol_facts_html(SYMBOLS, topics)
    assert page.count("<tr>") == SYMBOLS["topic"].isin(topics).sum() + 1


# --- Data -------------------------------------------------------------------------------------

def test_census_shares_are_percentages_and_each_census_has_native_and_home_rows() -> None:
    assert CENSUS["share_pct"].between(0, 100).all()
    assert set(CENSUS["figure"]) == {"official"}
    for year, rows in CENSUS.groupby("census_year"):
        assert set(rows["measure"]) == {"native_language", "home_language"}, f"census {year}"
    assert set(CENSUS["census_year"]) == {1999, 2009, 2019}


def test_census_shares_of_one_question_add_up_to_at_most_the_whole_population() -> None:
    totals = CENSUS.groupby(["census_year", "measure"])["share_pct"].sum()
    assert (totals <= 100).all(), totals[totals > 100]


def test_census_persons_agree_with_shares_where_both_are_given() -> None:
    # 2009 census: 9,503.8 thousand people (the figure in the rows' notes).
    rows = CENSUS[(CENSUS["census_year"] == 2009) & CENSUS["persons"].notna()]
    for _, row in rows.iterrows():
        assert row["persons"] / 9_503_800 * 100 == pytest.approx(row["share_pct"], abs=0.05), row["id"]


def test_schooling_percentages_are_percentages_and_years_are_readable() -> None:
    percent = SCHOOLING[SCHOOLING["unit"] == "percent"]
    assert percent["value"].between(0, 100).all()
    assert SCHOOLING["school_year"].map(lambda y: 1980 < int(y[:4]) < 2030).all()


def test_flag_design_rows_exist_for_every_drawn_flag() -> None:
    designs = SYMBOLS[SYMBOLS["topic"] == "flag_design"]
    assert set(FLAG_ROWS) <= set(designs["id"])


def test_glossary_has_the_name_variants_the_notebook_discusses() -> None:
    variants = {v for vs in GLOSSARY["variants"] for v in vs}
    assert {"Aliaksandr Lukashenka", "Alexander Lukashenko", "Minsk", "Miensk", "Łacinka"} <= variants
    assert GLOSSARY["variants"].map(len).gt(0).all()
