"""The project's vocabulary: what every coded value in data/ is called, means and looks like.

Each enum value of ``data/datapackage.json`` has one :class:`Label` here: the words a reader sees
(``label`` standing alone, ``short`` where space is tight), a one-line ``meaning`` and, where a
chart draws it, its style (colour, marker symbol, line dash, fill pattern, a text glyph). Figures,
tables and explorers take their words from here, so one value reads the same everywhere.

Why a Python module and not ``x-labels`` in datapackage.json: the styles are plotting choices
(colours from the project's palette, plotly marker names) that belong to the library, not to the
data's schema; here they are typed and checked by mypy. ``FIELD_VOCABULARIES`` ties each enum
field of the schema to its vocabulary, and one test checks that every enum value has a label.

A lookup of a value with no label raises :class:`UnknownLabelError` naming the vocabulary and the
value, rather than showing a raw code such as ``missing_context`` to a student.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

from utils.theme import MARKER_SYMBOLS, TOL_MUTED


class UnknownLabelError(KeyError):
    """A value has no entry in its vocabulary."""

    def __str__(self) -> str:  # KeyError would print the message with quotes around it
        return str(self.args[0])


@dataclass(frozen=True)
class Label:
    """How one coded value is shown: words first, style for charts second."""

    label: str  # standing alone: a legend entry, a table cell, a menu option
    short: str  # where space is tight: axis ticks, date marks, narrow table columns
    meaning: str  # one line a reader can check the label against
    colour: str = ""
    symbol: str = ""  # plotly marker symbol
    dash: str = ""  # plotly line dash
    pattern: str = ""  # plotly fill-pattern shape
    glyph: str = ""  # a character that repeats the label in text (never colour alone)

    @property
    def lower(self) -> str:
        """The label inside a sentence: its first letter in lower case ('Missing context' -> 'missing context')."""
        return self.label[:1].lower() + self.label[1:]


class Vocabulary(Mapping[str, Label]):
    """The labels of one coded field, in teaching order; lookups fail loudly on an unknown value."""

    def __init__(self, name: str, labels: Mapping[str, Label]):
        self.name = name
        self._labels = dict(labels)

    def __getitem__(self, value: object) -> Label:
        try:
            return self._labels[str(value)]
        except KeyError:
            raise UnknownLabelError(
                f"no label for {value!r} in the vocabulary '{self.name}' "
                f"(known: {', '.join(self._labels)}); add it to utils/labels.py") from None

    def __iter__(self) -> Iterator[str]:
        return iter(self._labels)

    def __len__(self) -> int:
        return len(self._labels)

    def label(self, value: object) -> str:
        return self[value].label

    def short(self, value: object) -> str:
        return self[value].short

    def present(self, values: Iterable[object]) -> list[str]:
        """The vocabulary's values that occur in ``values`` (a column), in vocabulary order."""
        seen = {str(v) for v in values}
        return [v for v in self if v in seen]


def _plain(name: str, **labels: tuple[str, str, str]) -> Vocabulary:
    """A vocabulary of words only: value=(label, short, meaning)."""
    return Vocabulary(name, {value: Label(*words) for value, words in labels.items()})


# --- Sources and evidence -----------------------------------------------------------------------

SOURCE_KIND = _plain(
    "source_kind",
    official=("Official document", "Official", "published by a state body, court or international organisation"),
    news=("News report", "News", "a news agency's, paper's or broadcaster's report"),
    ngo=("Human-rights monitor / NGO", "NGO", "a human-rights monitor's or other non-governmental report"),
    academic=("Academic work", "Academic", "peer-reviewed or university research"),
    analysis=("Think-tank or law-firm analysis", "Analysis", "a think tank's, law firm's or consultancy's "
              "analysis, or an expert blog"),
    reference=("Reference work", "Reference", "an encyclopedia, database or reference book"),
)

# Whose figure a number is. 'opposition' is kept apart from 'independent' and 'disputed'.
FIGURE = Vocabulary("figure", {
    "official": Label("Official", "Official", "published by a government body, statistics office or election "
                      "commission", TOL_MUTED[1], "circle", "solid"),
    "independent": Label("Independent", "Independent", "counted or estimated by independent monitors, "
                         "researchers or media", TOL_MUTED[0], "diamond", "dot"),
    "observer": Label("Observer", "Observer", "assessed by an election observation mission (OSCE/ODIHR, CIS)",
                      TOL_MUTED[6], "square", "dash"),
    "reference": Label("Reference", "Reference", "taken from a reference work such as the CIA World Factbook",
                       TOL_MUTED[8], "triangle-up", "longdash"),
    "disputed": Label("Disputed", "Disputed", "a figure one side gives and others reject", TOL_MUTED[7], "x",
                      "dashdot"),
    "opposition": Label("Opposition", "Opposition", "a figure or account published by the opposition or "
                        "democratic forces", TOL_MUTED[5], "star", "longdashdot"),
})

# How well a nuclear step or a reported site is established.
EVIDENCE = Vocabulary("evidence", {
    "confirmed": Label("Confirmed", "Confirmed", "acknowledged officially or shown by independent evidence "
                       "such as satellite imagery", TOL_MUTED[1], "circle"),
    "reported": Label("Reported by researchers or media", "Reported", "reported by independent researchers "
                      "or media, not acknowledged officially", TOL_MUTED[6], "diamond"),
    "claimed": Label("Claimed by one side only", "Claimed", "said by one side, not independently confirmed",
                     TOL_MUTED[0], "x"),
    "disputed": Label("Disputed", "Disputed", "sources contradict each other", TOL_MUTED[7], "square"),
})

# --- Events and dates ---------------------------------------------------------------------------

_THEMES = {
    "statehood": ("Statehood", "Statehood", "independence, borders and the state's founding acts"),
    "union_state": ("Union State", "Union State", "the integration treaties with Russia and their bodies"),
    "politics": ("Politics & elections", "Politics", "elections, referendums and the constitution"),
    "protests": ("Protest & repression", "Protest", "protests, arrests, prisoners and exile"),
    "military": ("Military", "Military", "armed forces, exercises and the war in Ukraine"),
    "nuclear": ("Nuclear weapons", "Nuclear", "nuclear weapons and their deployment"),
    "sanctions": ("Sanctions", "Sanctions", "sanctions on Belarus and their relief"),
    "economy": ("Economy & energy", "Economy", "trade, loans, oil and gas"),
    "identity": ("Identity & language", "Identity", "language, symbols and national identity"),
    "foreign_policy": ("Foreign policy", "Foreign policy", "relations with neighbours, the EU and others"),
}
# Colour and marker by position, as the timeline has always drawn them (the last palette entry is grey).
THEME = Vocabulary("theme", {
    value: Label(*words, colour=TOL_MUTED[n % (len(TOL_MUTED) - 1)], symbol=MARKER_SYMBOLS[n % len(MARKER_SYMBOLS)])
    for n, (value, words) in enumerate(_THEMES.items())
})

DATE_PRECISION = _plain(
    "date_precision",
    day=("Day", "Day", "the exact day is known"),
    month=("Month", "Month", "only the month is known; the date is its first day"),
    year=("Year", "Year", "only the year is known; the date is 1 January"),
)

# --- Geography ----------------------------------------------------------------------------------

BORDER_MEASURED_BY = _plain(
    "border_measured_by",
    cia_factbook=("CIA World Factbook", "CIA", "the US CIA's reference figure"),
    state_figures=("State figures", "State", "figures of Belarusian or neighbouring state bodies"),
)

# --- Union State --------------------------------------------------------------------------------

COMMITMENT_AREA = _plain(
    "commitment_area",
    currency=("Currency", "Currency", "a common currency or central bank"),
    customs_trade=("Customs and trade", "Trade", "customs union, common market and trade rules"),
    energy=("Energy", "Energy", "oil, gas and electricity markets and prices"),
    defence=("Defence", "Defence", "military and security integration"),
    institutions=("Institutions", "Institutions", "the Union State's own bodies"),
    law=("Law", "Law", "a common legal framework or constitutional act"),
    social=("Social rights", "Social", "equal rights of citizens, work, pensions, travel"),
    foreign_policy=("Foreign policy", "Foreign policy", "a coordinated foreign policy"),
    other=("Other", "Other", "commitments outside these areas"),
)
COMMITMENT_STATUS = Vocabulary("commitment_status", {
    "implemented": Label("Implemented", "Implemented", "done as agreed", TOL_MUTED[3], "circle"),
    "partly_implemented": Label("Partly implemented", "Partly", "some of it done, some not", TOL_MUTED[6],
                                "diamond"),
    "in_progress": Label("In progress", "In progress", "work under way, not finished", TOL_MUTED[2],
                         "triangle-up"),
    "not_implemented": Label("Not implemented", "Not implemented", "agreed but not done", TOL_MUTED[0], "x"),
})
INSTITUTION_STATUS = Vocabulary("institution_status", {
    "functioning": Label("Functioning", "Functioning", "the body exists and meets", dash="solid"),
    "planned_not_created": Label("Planned, never created", "Planned", "the 1999 treaty provides for it, but it "
                                 "was never set up", dash="dash"),
    # The Parliamentary Assembly works, but as a stand-in inherited from 1996, not the treaty's parliament.
    "other": Label("Works: stand-in from 1996", "Stand-in", "a body that works in place of the one the treaty "
                   "planned", dash="dot"),
})

# --- Power and protest --------------------------------------------------------------------------

VOTE_KIND = _plain(
    "vote_kind",
    presidential_election=("Presidential election", "Presidential", "an election of the president"),
    referendum=("Referendum", "Referendum", "a nationwide vote on questions put to the people"),
)
ELECTION_MEASURE = _plain(
    "election_measure",
    vote_share=("Vote share", "Share", "a candidate's share of the votes cast"),
    turnout=("Turnout", "Turnout", "the share of registered voters who voted"),
    yes_share=("Yes share", "Yes", "the share of voters who answered yes"),
    assessment=("Assessment", "Assessment", "an observer's or monitor's judgement in words"),
)
PRISONER_MEASURE = _plain(
    "prisoner_measure",
    held=("Held", "Held", "in custody that day, as counted by human-rights monitors"),
    pardoned=("Pardoned", "Pardoned", "released by one pardon decree (official)"),
)
VIEW_TOPIC = _plain(
    "view_topic",
    union_state=("Union State", "Union State", "views on integration with Russia"),
    sovereignty=("Sovereignty", "Sovereignty", "views on Belarus's independence"),
    identity=("Identity", "Identity", "views on language and national identity"),
    repression=("Repression", "Repression", "views on the crackdown and political prisoners"),
    referendum=("Referendum", "Referendum", "views on a referendum"),
    military=("Military", "Military", "views on military integration and the war"),
)
UNIT = _plain(
    "unit",
    percent=("Percent", "%", "a share out of 100"),
    usd_bn=("USD billion", "USD bn", "billions of US dollars"),
    pupils=("Pupils", "Pupils", "a number of pupils"),
    schools=("Schools", "Schools", "a number of schools"),
)

# --- Military and nuclear -----------------------------------------------------------------------
# nuclear_steps.status and reported_sites.confidence both use EVIDENCE (above).

# --- Sanctions and economy ----------------------------------------------------------------------

AUTHORITY = Vocabulary("authority", {
    "EU": Label("EU", "EU", "the European Union", TOL_MUTED[1], "circle"),
    "US": Label("US", "US", "the United States", TOL_MUTED[0], "square"),
    "UK": Label("UK", "UK", "the United Kingdom", TOL_MUTED[3], "diamond"),
    "Canada": Label("Canada", "Canada", "Canada", TOL_MUTED[5], "triangle-up"),
    "Switzerland": Label("Switzerland", "Switzerland", "Switzerland", TOL_MUTED[6], "triangle-down"),
    "Japan": Label("Japan", "Japan", "Japan", TOL_MUTED[8], "pentagon"),
    "Norway": Label("Norway", "Norway", "Norway", TOL_MUTED[7], "hexagon"),
    "Ukraine": Label("Ukraine", "Ukraine", "Ukraine", TOL_MUTED[4], "cross"),
})
MEASURE_TYPE = _plain(
    "measure_type",
    individual_listings=("Listings of people and entities", "Listings", "asset freezes and travel bans on named "
                         "people and organisations"),
    sectoral_trade=("Trade and sectoral measures", "Trade", "bans and limits on trade in goods and sectors"),
    aviation=("Aviation", "Aviation", "closing airspace and airports to Belarusian airlines"),
    financial=("Financial", "Financial", "limits on banks, payments, loans and investment"),
    relief=("Relief (lifted or eased)", "Relief", "a measure lifted or eased"),
)
TRIGGER = Vocabulary("trigger", {
    "election_2020": Label("2020 election and crackdown", "2020 election", "the disputed August 2020 "
                           "election and the crackdown on protests", TOL_MUTED[1], "circle"),
    "repression": Label("Continuing repression", "Repression", "arrests, trials and prisoners after 2020",
                        TOL_MUTED[5], "square"),
    "ryanair_2021": Label("Ryanair diversion (23 May 2021)", "Ryanair", "the forced landing of a "
                          "Ryanair flight in Minsk to arrest a journalist", TOL_MUTED[4], "triangle-up"),
    "border_crisis_2021": Label("2021 border crisis", "Border crisis", "migrants steered to the EU border in 2021",
                                TOL_MUTED[7], "diamond"),
    "invasion_2022": Label("Russia's 2022 invasion of Ukraine", "Invasion", "Belarus's support for "
                           "Russia's full-scale invasion", TOL_MUTED[0], "x"),
    "prisoner_release_2025": Label("Prisoner releases (2025)", "Prisoner releases", "political prisoners freed "
                                   "in 2025", TOL_MUTED[3], "star"),
    "other": Label("Other (renewals, new criteria)", "Other", "renewals and new listing criteria", "#777777",
                   "hexagon"),
})
TRADE_MEASURE = _plain(
    "trade_measure",
    russia_trade_turnover_usd_bn=("Trade turnover with Russia (USD bn)", "Turnover", "exports plus imports with "
                                  "Russia, in billions of US dollars"),
    share_of_total_trade_with_russia=("Share of all trade that is with Russia", "All trade", "Russia's share "
                                      "of Belarus's exports plus imports"),
    share_of_exports_to_russia=("Share of exports going to Russia", "Exports", "Russia's share of Belarus's "
                                "exports"),
    exports_to_russia_usd_bn=("Exports to Russia (USD bn)", "Exports (USD bn)", "goods sold to Russia"),
    imports_from_russia_usd_bn=("Imports from Russia (USD bn)", "Imports (USD bn)", "goods bought from Russia"),
    share_of_imports_from_russia=("Share of imports coming from Russia", "Imports", "Russia's share of "
                                  "Belarus's imports"),
    share_of_exports_dependent_on_russia_incl_transit=("Share of exports relying on Russia, incl. transit",
                                                       "Exports relying on Russia, incl. transit",
                                                       "exports sold to Russia or shipped through it"),
)
ECONOMY_TOPIC = _plain(
    "economy_topic",
    gas=("Gas", "Gas", "Russian gas supplies and prices"),
    oil_supply=("Oil supply", "Oil", "Russian crude oil supplies to Belarus's refineries"),
    tax_manoeuvre=("Russia's oil 'tax manoeuvre'", "Tax manoeuvre", "Russia's move of oil taxes from exports "
                   "to extraction, which raised Belarus's costs"),
    loans=("Loans", "Loans", "Russian state loans to Belarus"),
    nuclear_plant_loan=("Nuclear plant loan", "Nuclear plant", "the Russian loan for the Astravets plant"),
    food_embargo_2014=("2014 food embargo", "Food embargo", "Russia's 2014 ban on Western food and its "
                       "re-export through Belarus"),
)

# --- Identity and language ----------------------------------------------------------------------

LANGUAGE = Vocabulary("language", {
    "Belarusian": Label("Belarusian", "Belarusian", "the Belarusian language", TOL_MUTED[1], "circle"),
    "Russian": Label("Russian", "Russian", "the Russian language", TOL_MUTED[0], "square"),
})
CENSUS_MEASURE = Vocabulary("census_measure", {
    "native_language": Label("As native language", "native", "the language a person names as native "
                             "(in 2019: the language learned first)", dash="solid"),
    "home_language": Label("Spoken at home", "home", "the language a person usually speaks at home",
                           dash="dot"),
})
# schooling.measure is free text in the schema; these are the measures the data use.
SCHOOLING_MEASURE = _plain(
    "schooling_measure",
    share_pupils_belarusian_instruction=("Share of all pupils taught in Belarusian", "All pupils",
                                         "pupils in Belarusian-language classes, as a share of all pupils"),
    share_first_graders_belarusian=("Share of first-graders taught in Belarusian", "First-graders",
                                    "first-year pupils in Belarusian-language classes"),
    share_first_graders_belarusian_minsk=("Share of first-graders taught in Belarusian, Minsk", "First-graders, Minsk",
                                          "the same share in the capital only"),
    share_pupils_belarusian_instruction_minsk=("Share of pupils taught in Belarusian, Minsk", "Pupils, Minsk",
                                               "the same share in the capital only"),
    share_pupils_belarusian_language_schools=("Share of pupils in Belarusian-language schools", "Pupils in schools",
                                              "pupils in schools that teach in Belarusian"),
    share_schools_belarusian=("Share of schools teaching in Belarusian", "Schools",
                              "schools whose language of instruction is Belarusian"),
    pupils_belarusian_instruction=("Pupils taught in Belarusian", "Pupils", "a number of pupils"),
    belarusian_language_schools_urban=("Belarusian-language schools in towns", "Town schools",
                                       "a number of urban schools teaching in Belarusian"),
)
GLOSSARY_KIND = _plain(
    "glossary_kind",
    person=("Person", "Person", "a person"),
    place=("Place", "Place", "a place name"),
    script=("Script", "Script", "a way of writing Belarusian"),
    concept=("Concept", "Concept", "an idea or term"),
    symbol=("Symbol", "Symbol", "a flag, emblem or other national symbol"),
    institution=("Institution", "Institution", "a body or organisation"),
    event=("Event", "Event", "an agreement, exercise or other dated event"),
    weapon=("Weapon", "Weapon", "a weapon system"),
)

# --- The fact-check lab -------------------------------------------------------------------------

CLAIM_TOPIC = _plain(
    "claim_topic",
    politics=("Politics", "Politics", "elections, the constitution and power"),
    military=("Military", "Military", "armed forces and the war"),
    union_state=("Union State", "Union State", "integration with Russia"),
    protests=("Protests", "Protests", "the 2020 protests and repression"),
    identity=("Identity", "Identity", "language, symbols and identity"),
    nuclear=("Nuclear weapons", "Nuclear", "nuclear weapons in Belarus"),
    sanctions=("Sanctions", "Sanctions", "sanctions on Belarus"),
    economy=("Economy", "Economy", "trade, energy and loans"),
    geography=("Geography", "Geography", "borders, neighbours and places"),
)
# Verdicts in teaching order; the glyph repeats the label, so colour is never the only cue.
VERDICT = Vocabulary("verdict", {
    "accurate": Label("Accurate", "Accurate", "true as stated", glyph="✔"),
    "missing_context": Label("Missing context", "Missing context", "broadly true, but misleading as stated: "
                             "wrong order, framing or overstatement", glyph="◐"),
    "inaccurate": Label("Inaccurate", "Inaccurate", "false as stated", glyph="✘"),
    "unverifiable": Label("Unverifiable", "Unverifiable", "an opinion, or a figure no source can settle",
                          glyph="?"),
})
# Where a claim's error came from: bar fill (Paul Tol's muted palette) and a pattern as a second cue.
ERROR_ORIGIN = Vocabulary("error_origin", {
    "none": Label("No error", "no error", "the claim needs no correction", "#88CCEE"),
    "original": Label("Error in the original article", "the original article", "the April 2023 article was "
                      "already wrong", "#DDCC77", pattern="/"),
    "rewording": Label("Error added by the rewording", "the rewording", "the machine rewording introduced "
                       "the error", "#CC6677", pattern="x"),
    "unknown": Label("Error of unknown origin", "the original or the rewording (not known which)",
                     "the original's wording could not be read to tell where the error came from", "#DDDDDD",
                     pattern="."),
})

# --- Which vocabulary each enum field of data/datapackage.json uses -----------------------------

FIELD_VOCABULARIES: dict[tuple[str, str], Vocabulary] = {
    ("sources", "kind"): SOURCE_KIND,
    ("events", "date_precision"): DATE_PRECISION,
    ("events", "theme"): THEME,
    ("border_lengths", "measured_by"): BORDER_MEASURED_BY,
    ("border_lengths", "figure"): FIGURE,
    ("region_population", "figure"): FIGURE,
    ("country_facts", "area_figure"): FIGURE,
    ("country_facts", "population_figure"): FIGURE,
    ("union_state_commitments", "area"): COMMITMENT_AREA,
    ("union_state_commitments", "status"): COMMITMENT_STATUS,
    ("union_state_institutions", "status"): INSTITUTION_STATUS,
    ("elections", "vote_kind"): VOTE_KIND,
    ("elections", "measure"): ELECTION_MEASURE,
    ("elections", "unit"): UNIT,
    ("elections", "figure"): FIGURE,
    ("political_prisoners", "measure"): PRISONER_MEASURE,
    ("political_prisoners", "figure"): FIGURE,
    ("views", "topic"): VIEW_TOPIC,
    ("sanctions", "authority"): AUTHORITY,
    ("sanctions", "measure_type"): MEASURE_TYPE,
    ("sanctions", "trigger"): TRIGGER,
    ("trade", "measure"): TRADE_MEASURE,
    ("trade", "unit"): UNIT,
    ("trade", "figure"): FIGURE,
    ("economy_facts", "topic"): ECONOMY_TOPIC,
    ("economy_facts", "figure"): FIGURE,
    ("nuclear_steps", "status"): EVIDENCE,
    ("reported_sites", "confidence"): EVIDENCE,
    ("language_census", "measure"): CENSUS_MEASURE,
    ("language_census", "language"): LANGUAGE,
    ("language_census", "figure"): FIGURE,
    ("schooling", "unit"): UNIT,
    ("schooling", "figure"): FIGURE,
    ("glossary", "kind"): GLOSSARY_KIND,
    ("claims", "topic"): CLAIM_TOPIC,
    ("claims", "verdict"): VERDICT,
    ("claims", "error_origin"): ERROR_ORIGIN,
}


def vocabulary_of(table: str, field: str) -> Vocabulary:
    """The vocabulary of an enum field, e.g. ``vocabulary_of("claims", "verdict")``."""
    try:
        return FIELD_VOCABULARIES[(table, field)]
    except KeyError:
        raise UnknownLabelError(f"data/{table}.csv, column '{field}' has no vocabulary in "
                                "utils/labels.py FIELD_VOCABULARIES") from None
