"""Short self-check quizzes: interactive in JupyterLab, usable in the static site.

Questions live in ``data/quiz.csv`` (question, options, answer, explanation,
sources). In a live kernel each question is a set of radio buttons with a
"Check" button; in the static site the same questions show as a list whose
answers appear when a button is pressed (a one-line inline handler, no kernel needed).
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


# Find-in-page (Ctrl+F) searches text, and Chrome opens closed <details> to show a match, so the
# answer is held in data attributes, which find-in-page does not search, and a button writes it
# into the page when pressed. Inline handler: the static site loads no script of its own.
REVEAL = ("var p=this.nextElementSibling;p.querySelector('strong').textContent=this.dataset.answer;"
          "p.querySelector('span').textContent=' '+this.dataset.explanation;p.hidden=false;"
          "this.hidden=true")


def quiz_html(questions: pd.DataFrame) -> str:
    """Every question with its options; a button shows the answer, which the page text does not hold."""
    items = []
    for n, (_, q) in enumerate(questions.iterrows(), 1):
        options = "".join(f"<li>{html.escape(o)}</li>" for o in q["options"])
        items.append(
            f"<li class='use-quiz-question'><p><strong>{html.escape(str(q['question']))}</strong></p>"
            f"<ol type='a'>{options}</ol>"
            f"<button type='button' class='use-quiz-reveal' data-answer=\"{html.escape(str(q['answer']))}.\" "
            f"data-explanation=\"{html.escape(str(q['explanation']))}\" onclick=\"{REVEAL}\">Show the answer</button>"
            "<p class='use-quiz-answer' aria-live='polite' hidden><strong></strong><span></span></p></li>"
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
        note="Answer each question in your head (or on paper), then press its button to see the answer.",
    )
