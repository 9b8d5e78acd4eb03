"""Short self-check quizzes: interactive in JupyterLab, usable in the static site.

Questions live in ``data/quiz.csv`` (question, options, answer, explanation,
sources). In a live kernel each question is a set of radio buttons with a
"Check" button; in the static site the same questions show as a list whose
answers open with a click (an HTML <details>), no JavaScript or kernel needed.
"""

from __future__ import annotations

import html

import ipywidgets as widgets
import pandas as pd

from utils.widgets import WithStaticFallback


def quiz_for(quiz: pd.DataFrame, notebook: str) -> pd.DataFrame:
    """The questions of one notebook ('02'), in file order."""
    chosen: pd.DataFrame = quiz[quiz["notebook"] == notebook]
    if chosen.empty:
        raise KeyError(f"data/quiz.csv has no questions for notebook {notebook}")
    return chosen


def quiz_html(questions: pd.DataFrame) -> str:
    """Every question with its options; each answer folds open on click."""
    items = []
    for n, (_, q) in enumerate(questions.iterrows(), 1):
        options = "".join(f"<li>{html.escape(o)}</li>" for o in q["options"])
        items.append(
            f"<li class='use-quiz-question'><p><strong>{html.escape(str(q['question']))}</strong></p>"
            f"<ol type='a'>{options}</ol>"
            f"<details class='use-quiz-answer'><summary>Show the answer</summary>"
            f"<p><strong>{html.escape(str(q['answer']))}</strong>. {html.escape(str(q['explanation']))}</p>"
            "</details></li>"
        )
    return f"<ol class='use-quiz'>{''.join(items)}</ol>"


def _question_widget(q: pd.Series) -> widgets.VBox:
    choice = widgets.RadioButtons(options=list(q["options"]), value=None,
                                  layout=widgets.Layout(width="auto"))
    check = widgets.Button(description="Check", button_style="info")
    feedback = widgets.HTML()

    def on_check(_: object) -> None:
        if choice.value is None:
            feedback.value = "<em>Pick an answer first.</em>"
        elif choice.value == q["answer"]:
            feedback.value = f"✔ <strong>Right.</strong> {html.escape(str(q['explanation']))}"
        else:
            feedback.value = (f"✘ <strong>Not quite</strong>: the answer is <strong>{html.escape(str(q['answer']))}"
                              f"</strong>. {html.escape(str(q['explanation']))}")

    check.on_click(on_check)
    return widgets.VBox([widgets.HTML(f"<strong>{html.escape(str(q['question']))}</strong>"), choice,
                         widgets.HBox([check, feedback])])


def quiz_widget(quiz: pd.DataFrame, notebook: str) -> WithStaticFallback:
    """The quiz of one notebook as widgets, with the click-to-reveal list as its static form."""
    questions = quiz_for(quiz, notebook)
    return WithStaticFallback(
        widgets.VBox([_question_widget(q) for _, q in questions.iterrows()]),
        fallback_html=quiz_html(questions),
        note="Answer each question in your head (or on paper), then open its answer.",
    )
