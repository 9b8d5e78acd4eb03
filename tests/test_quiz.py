"""Quiz answers are among their options and agree with data/ and geo/.

Each question in data/quiz.csv has a check here that works the answer out from
the project's own tables and layers; a question without a check fails.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable
from functools import cache

import pandas as pd
import pytest

from tests.conftest import ROOT
from utils.data import load_events, load_table
from utils.quiz import quiz_for, quiz_html, quiz_widget

QUIZ = load_table("quiz")


@cache
def events() -> pd.DataFrame:
    return load_events().set_index("id")


def event_date(event_id: str) -> pd.Timestamp:
    return pd.Timestamp(events().loc[event_id, "date"])


@cache
def layers():  # type: ignore[no-untyped-def]
    from utils.geo import load_layers

    return load_layers()


def neighbours() -> set[str]:
    from utils.geo import shared_borders

    return set(shared_borders(layers().countries, "BLR")["name"])


def currency_never_introduced() -> str:
    commitments = load_table("union_state_commitments")
    currency = commitments[commitments["area"] == "currency"]
    return "No" if (currency["status"] == "not_implemented").any() and not (currency["status"] == "implemented").any() else "?"


def options(question_id: str) -> list[str]:
    return list(QUIZ.set_index("id").at[question_id, "options"])


def only_option(question_id: str, fits: Callable[[str], bool]) -> str:
    """The one option that fits the data; '?' when none or several do (the test then fails)."""
    fitting = [o for o in options(question_id) if fits(o)]
    return fitting[0] if len(fitting) == 1 else "?"


def suwalki() -> str:
    """The option nearest the gap measured on our map."""
    from utils.geography import kaliningrad_gap_km

    gap = kaliningrad_gap_km(layers())
    return min(options("q02-suwalki-gap"), key=lambda o: abs(float(o.split()[1]) - gap))


# What each option of q01-day-of-unity refers to, as a row of data/events.csv.
DAY_OF_UNITY_OPTIONS = {
    "The 1999 Union State treaty": ("union-state-treaty-1999",),
    # Notebook 03: sources tie the holiday to the 1996 Community or the 1997 Union treaty.
    "The treaties of 2 April 1996 and 1997 (sources differ on which)": ("community-treaty-1996", "union-treaty-1997"),
    "The end of the USSR": ("ussr-dissolution-1991",),
    "The 2024 security treaty": ("security-guarantees-treaty-2024",),
}


def day_of_unity() -> str:
    """The option whose event fell on 2 April, the day the question names."""
    assert set(DAY_OF_UNITY_OPTIONS) == set(options("q01-day-of-unity"))
    return only_option("q01-day-of-unity",
                       lambda o: all(day_month(e) == "2 April" for e in DAY_OF_UNITY_OPTIONS[o]))


def created_on(date: str) -> str:
    """The option the event of that day names as created (its title says 'forming the …')."""
    title = str(events()[events()["date"] == pd.Timestamp(date)]["title"].iloc[0])
    return only_option("q03-community-1996", lambda o: f"forming {o.lower()}" in title.lower())


NUMBER_WORDS = dict(enumerate(["Zero", "One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine",
                               "Ten", "Eleven", "Twelve", "Thirteen", "Fourteen", "Fifteen"]))


def wagner_timing() -> str:
    days = (event_date("presidential-election-2020") - event_date("wagner-contractors-detained-2020")).days
    return f"{NUMBER_WORDS[days]} days before the vote" if 0 < days < len(NUMBER_WORDS) else "?"


def day_month(event_id: str) -> str:
    return f"{event_date(event_id):%-d %B}"


def nuclear_step(step_id: str) -> str:
    return str(load_table("nuclear_steps").set_index("id").at[step_id, "step"])


EXPECTED_05 = {
    "q05-referendum-date": lambda: f"{event_date('constitutional-referendum-2022'):%-d %B %Y}",
    "q05-putin-trigger": lambda: ("Britain's depleted-uranium tank rounds for Ukraine"
                                  if "depleted uranium" in nuclear_step("ns-2023-03-25-putin-announcement")
                                  and "Britain" in nuclear_step("ns-2023-03-25-putin-announcement") else "?"),
    "q05-union-resolve-estimate": lambda: (
        f"About {load_table('exercises').set_index('id').at['ex-union-resolve-2022', 'troops_estimate_other']:,}"
        if load_table("exercises").set_index("id")["troops_official"].isna()["ex-union-resolve-2022"] else "?"),
}


def sanctions_row(measure_id: str) -> pd.Series:
    return load_table("sanctions").set_index("id").loc[measure_id]


def parmesan() -> str:
    embargo = events().loc["russia-food-embargo-2014"]
    russian_ban = embargo["title"].startswith("Russia bans Western food")
    return "Russia's own ban on Western food" if russian_ban and "not Western sanctions" in embargo["article_note"] else "?"


def potash_relief() -> str:
    """The export the December 2025 relief measure names in its title."""
    relief = sanctions_row("us-2025-12-13-potash-relief")
    assert relief["measure_type"] == "relief"
    return only_option("q06-potash-relief", lambda o: o.lower() in str(relief["title"]).lower())


EXPECTED_06 = {
    "q06-first-eu-package": lambda: (f"{sanctions_row('eu-2020-10-02-first-package')['date']:%-d %B %Y}"
                                     if sanctions_row("eu-2020-10-02-first-package")["date"]
                                     == event_date("eu-first-sanctions-2020") else "?"),
    "q06-parmesan": parmesan,
    "q06-potash-relief": potash_relief,
}


def wrw_flag() -> str:
    """The 1991-1995 flag as the quiz words it, read from the drawing spec in data/."""
    from utils.identity import flag_specs

    spec = flag_specs(load_table("symbols_and_language"))["sy-1991-wrw-design"]
    colours = [stripe.colour for stripe in spec.stripes]
    equal = len({stripe.height for stripe in spec.stripes}) == 1
    return f"Three equal stripes: {', '.join(colours)}" if equal and len(colours) == 3 else "?"


EXPECTED_07 = {
    "q07-referendum-year": lambda: str(event_date("referendum-language-symbols-1995").year),
    "q07-home-language-2009": lambda: "About {:.0f}%".format(
        float(load_table("language_census").set_index("id").loc["lc-2009-home-belarusian", "share_pct"])),
    "q07-wrw-flag": wrw_flag,
}


def rewording_errors() -> str:
    claims = load_table("claims")
    return str(int((claims["error_origin"] == "rewording").sum()))


def commonest_verdict_of_original_errors() -> str:
    from utils.labels import VERDICT

    claims = load_table("claims")
    return VERDICT.label(claims[claims["error_origin"] == "original"]["verdict"].mode()[0])


EXPECTED_08 = {
    "q08-rewording-errors": rewording_errors,
    "q08-original-verdict": commonest_verdict_of_original_errors,
    "q08-wagner-timing": wagner_timing,
}


EXPECTED: dict[str, Callable[[], str]] = {
    "q01-union-state-treaty-year": lambda: str(event_date("union-state-treaty-1999").year),
    "q01-day-of-unity": day_of_unity,
    "q01-invasion-date": lambda: f"{event_date('russian-invasion-2022'):%-d %B %Y}",
    "q02-neighbour-count": lambda: str(len(neighbours())),
    "q02-missing-neighbour": lambda: ", ".join(sorted(neighbours() - {"Russia", "Ukraine", "Lithuania", "Poland"})),
    "q02-suwalki-gap": suwalki,
    "q03-community-1996": lambda: created_on("1996-04-02"),
    "q03-in-force": lambda: f"{event_date('union-state-treaty-in-force-2000'):%-d %B %Y}",
    "q03-currency": currency_never_introduced,
    "q04-first-elected": lambda: str(event_date("lukashenko-elected-president-1994").year),
    "q04-term-limits": lambda: str(event_date("referendum-term-limits-2004").year),
    "q04-antiwar-protests": lambda: day_month("antiwar-protests-2022"),
    **EXPECTED_08,
    **EXPECTED_07,
    **EXPECTED_06,
    **EXPECTED_05,
}


@pytest.mark.parametrize("question_id", list(QUIZ["id"]))
def test_answer_is_an_option_and_matches_the_data(question_id: str) -> None:
    row = QUIZ.set_index("id").loc[question_id]
    assert row["answer"] in row["options"], f"{question_id}: the answer is not one of the options"
    assert len(set(row["options"])) == len(row["options"]), f"{question_id}: repeated option"
    assert question_id in EXPECTED, f"{question_id}: add a check that derives its answer from data/"
    assert EXPECTED[question_id]() == row["answer"]


def test_every_content_notebook_has_a_quiz_cell() -> None:
    for path in sorted((ROOT / "notebooks").glob("[0-9]*.ipynb")):
        if path.stem.startswith("00"):
            continue
        number = path.stem[:2]
        source = "\n".join("".join(c["source"]) for c in json.loads(path.read_text(encoding="utf-8"))["cells"])
        assert f'quiz_widget(load_table("quiz"), "{number}")' in source, f"{path.name} has no quiz"
        assert len(quiz_for(QUIZ, number)) >= 3, f"{path.name}: fewer than three quiz questions"


def test_static_quiz_answers_are_not_in_the_page_text() -> None:
    """Find-in-page searches text (and opens <details>), not attributes: answers wait in attributes."""
    questions = quiz_for(QUIZ, "02")
    page = quiz_html(questions)
    assert page.count("use-quiz-question") == len(questions)
    assert page.count("class='use-quiz-reveal'") == len(questions)
    assert "<details" not in page
    visible = re.sub(r"<[^>]*>", " ", page)  # drops every tag with its attributes
    for _, q in questions.iterrows():
        assert str(q["explanation"])[:40] not in visible
        assert html.escape(str(q["explanation"]))[:40] in page  # held in data-explanation


def test_quiz_widget_says_right_or_wrong() -> None:
    shown = quiz_widget(QUIZ, "02").widget
    first = shown.children[0]
    question, choice, buttons = first.children
    check, feedback = buttons.children
    choice.value = "4"
    check.click()
    assert "Not quite" in feedback.value and "<strong>5</strong>" in feedback.value
    choice.value = "5"
    check.click()
    assert "Right" in feedback.value
