"""The fact-check lab: the source article's claims, their verdicts, a chart and an explorer.

Claims live in ``data/claims.csv``: each is paraphrased, has a verdict
(accurate, missing context, inaccurate, unverifiable), a corrected fact, the
origin of any error (none, the original article, or the machine rewording),
evidence sources and related events. In a live kernel the explorer shows one
claim at a time and keeps its verdict hidden until the reader asks for it; in
the static site every claim is listed with its verdict folded inside a
click-to-reveal ``<details>`` element.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

import ipywidgets as widgets
import pandas as pd
import plotly.graph_objects as go
from IPython.display import HTML

from utils.figures import finish_figure
from utils.labels import CLAIM_TOPIC, ERROR_ORIGIN, SOURCE_KIND, VERDICT
from utils.tables import cell
from utils.widgets import Explorer

YEAR = re.compile(r"\b(1[89][0-9]{2}|20[0-9]{2})\b")


def verdict_counts(claims: pd.DataFrame) -> pd.DataFrame:
    """Claims per verdict (rows) and error origin (columns), every category present, with totals."""
    table = pd.DataFrame.from_dict(_grid(claims), orient="index")
    table["total"] = table.sum(axis=1)
    table.index.name, table.columns.name = "verdict", "error_origin"
    return table


def claims_by_origin(claims: pd.DataFrame, origin: str) -> pd.DataFrame:
    """The claims whose error came from ``origin`` ('original' or 'rewording'), in file order."""
    ERROR_ORIGIN[origin]  # fails loudly on an unknown origin
    chosen: pd.DataFrame = claims[claims["error_origin"] == origin]
    return chosen


def year_flags(claims: pd.DataFrame, events: pd.DataFrame) -> pd.DataFrame:
    """Years named in a claim that none of its related events falls in.

    A red flag, not a verdict: a corrupted date shows up here, but so does a
    year used as a starting point ("since 1994"). Claims with no related events
    are skipped. ``events`` is indexed by event id.
    """
    rows = []
    for _, claim in claims.iterrows():
        related = list(claim["related_event_ids"])
        if not related:
            continue
        event_years = sorted({int(d.year) for d in events.loc[related, "date"]})
        for year in dict.fromkeys(int(y) for y in YEAR.findall(str(claim["claim"]))):
            if year not in event_years:
                rows.append({"id": claim["id"], "year_in_claim": year, "related_event_years": event_years,
                             "error_origin": claim["error_origin"]})
    return pd.DataFrame(rows, columns=["id", "year_in_claim", "related_event_years", "error_origin"])


def evidence_kinds(claims: pd.DataFrame, sources: pd.DataFrame) -> pd.Series:
    """Distinct evidence sources the claims cite, per kind (official, news, NGO …), most first."""
    cited = list(dict.fromkeys(s for ids in claims["evidence_source_ids"] for s in ids))
    kinds = sources.set_index("id").loc[cited, "kind"].astype(str)
    counts: pd.Series = kinds.value_counts().reindex(list(SOURCE_KIND), fill_value=0)
    counts = counts.rename(index=lambda kind: SOURCE_KIND[kind].lower).sort_values(ascending=False, kind="stable")
    counts.index.name, counts.name = "kind", "sources"
    return counts


def _grid(claims: pd.DataFrame) -> dict[str, dict[str, int]]:
    """verdict -> error origin -> number of claims, every category present."""
    pairs = Counter(zip(claims["verdict"].astype(str), claims["error_origin"].astype(str)))
    return {v: {o: pairs[(v, o)] for o in ERROR_ORIGIN} for v in VERDICT}


def verdict_figure(claims: pd.DataFrame, source_line: str) -> go.Figure:
    """Horizontal bars, one per verdict, split by where the error came from.

    The split is carried three ways: fill colour, bar pattern and, at the end of
    each bar, the same breakdown in words; every segment is labelled with its count.
    """
    grid = _grid(claims)
    totals = {v: sum(grid[v].values()) for v in VERDICT}
    labels = [f"{VERDICT[v].label} ({totals[v]})" for v in VERDICT]
    fig = go.Figure()
    for origin, style in ERROR_ORIGIN.items():
        colour, pattern, text_colour, name = style.colour, style.pattern, "#222222", style.lower
        values = [grid[v][origin] for v in VERDICT]
        fig.add_trace(go.Bar(
            x=values, y=labels, orientation="h", name=style.label,
            marker=dict(color=colour, line=dict(color="#444444", width=1),
                        pattern=dict(shape=pattern, fillmode="overlay", fgcolor="#444444", fgopacity=0.45,
                                     size=9)),
            text=[str(n) if n else "" for n in values], textposition="inside", insidetextanchor="middle",
            textfont=dict(size=15, color=text_colour),
            hovertext=[f"<b>{VERDICT[v].label}</b>: {n} claim{'s' if n != 1 else ''} with {name}"
                       for v, n in zip(VERDICT, values)],
            hoverinfo="text",
        ))
    for verdict, label in zip(VERDICT, labels):
        parts = [f"{grid[verdict][o]} {_beside_bar(o)}" for o in ERROR_ORIGIN if grid[verdict][o]]
        fig.add_annotation(x=totals[verdict], y=label, text="  " + ", ".join(parts),
                           xanchor="left", showarrow=False, font=dict(size=13, color="#333333"))
    total = sum(totals.values())
    fig.update_layout(barmode="stack", bargap=0.35,
                      legend=dict(orientation="h", yanchor="bottom", y=1.0, x=0, traceorder="normal"))
    fig.update_xaxes(range=[0, total], dtick=5)
    fig.update_yaxes(autorange="reversed", showgrid=False, ticks="", title_standoff=25)
    by_verdict = ", ".join(f"{totals[v]} {VERDICT[v].lower}" for v in VERDICT)
    original = sum(grid[v]["original"] for v in VERDICT)
    reworded = sum(grid[v]["rewording"] for v in VERDICT)
    return finish_figure(
        fig,
        title=f"Verdicts on the {total} checked claims of the source article",
        source=source_line,
        alt=(f"Horizontal bar chart of the {total} claims checked from the source article, by verdict: "
             f"{by_verdict}. Each bar is split by where the error came from: {original} errors were "
             f"already in the original article and {reworded} were added by the machine rewording; the "
             "breakdown is also written beside each bar."),
        x_label="Number of claims",
        y_label="Verdict",
        height=560,
    )


def _beside_bar(origin: str) -> str:
    """The words after a count beside a bar: '4 from the rewording', '2 with no error'."""
    return "with no error" if origin == "none" else f"from {ERROR_ORIGIN[origin].short}"


def _publisher_list(source_ids: list[str], sources: pd.DataFrame) -> str:
    indexed = sources.set_index("id")
    items = [f"{cell(indexed.loc[s, 'publisher'])}, {SOURCE_KIND[indexed.loc[s, 'kind']].lower} "
             f"(<code>{cell(s)}</code>)" for s in source_ids]
    return "; ".join(items)


def _event_list(event_ids: list[str], events: pd.DataFrame) -> str:
    if not event_ids:
        return "none in data/events.csv"
    chosen = events.loc[event_ids]
    dates = chosen["date"].dt.strftime("%d %b %Y")
    return "; ".join(f"{d}: {cell(t)} (<code>{cell(e)}</code>)"
                     for e, d, t in zip(event_ids, dates, chosen["title"]))


def claim_html(claim: pd.Series, compact: bool = False) -> str:
    """The claim itself, without its verdict (``compact``: on one line, for the static list)."""
    topic = cell(CLAIM_TOPIC.label(claim["topic"]))
    if compact:
        return (f"<p style='margin-bottom: 0.2em'><strong>{cell(claim['id'])}</strong> <em>({topic})</em> "
                f"{cell(claim['claim'])}</p>")
    return (f"<p><strong>Claim {cell(claim['id'])}</strong> · topic: {topic}</p>"
            f"<blockquote>{cell(claim['claim'])}</blockquote>")


def verdict_html(claim: pd.Series, sources: pd.DataFrame, events: pd.DataFrame) -> str:
    """Verdict, origin of the error, corrected fact, evidence, related events and how to check."""
    verdict = str(claim["verdict"])
    return (
        f"<p><strong>Verdict: {VERDICT[verdict].glyph} {VERDICT[verdict].label}</strong> "
        f"({cell(VERDICT[verdict].meaning)}). <strong>Origin:</strong> "
        f"{cell(ERROR_ORIGIN[claim['error_origin']].lower)}.</p>"
        f"<p><strong>What the evidence says.</strong> {cell(claim['corrected_fact'])}</p>"
        f"<p><strong>How to check.</strong> {cell(claim['how_to_check'])}</p>"
        f"<p><strong>Evidence.</strong> {_publisher_list(list(claim['evidence_source_ids']), sources)}</p>"
        f"<p><strong>Related events.</strong> {_event_list(list(claim['related_event_ids']), events)}</p>"
    )


def claims_html(claims: pd.DataFrame, sources: pd.DataFrame, events: pd.DataFrame) -> str:
    """Every claim in a list; each verdict folds open on click (one <details> per claim)."""
    items = "".join(
        f"<li class='use-claim'>{claim_html(c, compact=True)}"
        "<details class='use-claim-verdict' style='margin: 0 0 0.9em 0'>"
        "<summary style='cursor: pointer; color: #1d5a8c'>Reveal the verdict</summary>"
        f"{verdict_html(c, sources, events)}</details></li>"
        for _, c in claims.iterrows()
    )
    return f"<ol class='use-claims'>{items}</ol>"


def _shorten(text: str, width: int) -> str:
    return text if len(text) <= width else text[:width].rstrip() + "…"


@dataclass
class ClaimExplorer:
    """The controls of the live explorer, kept as attributes so tests can drive them."""

    pick: widgets.Dropdown
    previous: widgets.Button
    next: widgets.Button
    guess: widgets.ToggleButtons
    reveal: widgets.Button
    score: widgets.HTML
    explorer: Explorer | None = None
    guesses: dict[str, tuple[str, bool]] = field(default_factory=dict)

    @property
    def out(self) -> widgets.Output:
        assert self.explorer is not None
        return self.explorer.output


def build_claim_explorer(claims: pd.DataFrame, sources: pd.DataFrame, events: pd.DataFrame) -> ClaimExplorer:
    """One claim at a time: read it, choose your verdict, then reveal the evidence."""
    by_id = claims.set_index("id", drop=False)
    ids = [str(i) for i in claims["id"]]
    controls = ClaimExplorer(
        pick=widgets.Dropdown(options=[(f"{i}: {_shorten(str(by_id.loc[i, 'claim']), 70)}", i) for i in ids],
                              description="Claim", layout=widgets.Layout(width="100%")),
        previous=widgets.Button(description="◀ Previous"),
        next=widgets.Button(description="Next ▶"),
        guess=widgets.ToggleButtons(options=[(VERDICT[key].label, key) for key in VERDICT], value=None,
                                    description="Your verdict", style={"button_width": "auto"}),
        reveal=widgets.Button(description="Reveal verdict", button_style="info"),
        score=widgets.HTML(),
    )
    pick, guess = controls.pick, controls.guess

    def show_claim() -> list[object]:
        guess.value = None
        hint = "<p><em>Decide on a verdict first, then press “Reveal verdict”.</em></p>"
        return [HTML(claim_html(by_id.loc[pick.value]) + hint)]  # type: ignore[no-untyped-call]

    def show_verdict(_: object) -> None:
        claim = by_id.loc[pick.value]
        verdict = str(claim["verdict"])
        if guess.value is None:
            feedback = "<p><em>You revealed it without choosing a verdict.</em></p>"
        else:
            controls.guesses[str(pick.value)] = (str(guess.value), guess.value == verdict)
            feedback = (f"<p>You said <strong>{VERDICT[guess.value].label}</strong>: "
                        f"{'✔ agreed' if guess.value == verdict else '✘ the checkers disagree'}.</p>")
        agreed = sum(ok for _, ok in controls.guesses.values())
        controls.score.value = f"Checked {len(controls.guesses)} of {len(ids)}; agreed with {agreed}."
        explorer.show(HTML(claim_html(claim) + feedback +  # type: ignore[no-untyped-call]
                           verdict_html(claim, sources, events)))

    def step(offset: int) -> None:
        pick.value = ids[(ids.index(str(pick.value)) + offset) % len(ids)]

    explorer = Explorer(
        [pick, controls.previous, controls.next, guess, controls.reveal, controls.score], show_claim,
        watch=[pick],
        arrange=lambda out: widgets.VBox([pick, widgets.HBox([controls.previous, controls.next]), out, guess,
                                          widgets.HBox([controls.reveal, controls.score])]),
        fallback_html=claims_html(claims, sources, events),
        note=("In JupyterLab you step through the claims, choose a verdict and then reveal it. Here every "
              "claim is listed: decide on your verdict, then open it. The whole table is "
              "<code>data/claims.csv</code>, downloadable from the contents page."),
    )
    controls.explorer = explorer
    controls.previous.on_click(lambda _: step(-1))
    controls.next.on_click(lambda _: step(1))
    controls.reveal.on_click(show_verdict)
    return controls


def claim_explorer(claims: pd.DataFrame, sources: pd.DataFrame, events: pd.DataFrame) -> Explorer:
    """The explorer in JupyterLab; in the static site, every claim with a click-to-reveal verdict."""
    explorer = build_claim_explorer(claims, sources, events).explorer
    assert explorer is not None
    return explorer
