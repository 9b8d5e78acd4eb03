"""The one vocabulary (utils.labels): every enum value of the schema has a label, lookups fail loudly."""

from __future__ import annotations

import pytest

from utils.data import read_descriptor
from utils.labels import FIELD_VOCABULARIES, FIGURE, VERDICT, UnknownLabelError, vocabulary_of

# Values labelled before the data use them, so another branch's data change merges cleanly.
# Each entry says why; a value listed here may be used or not.
AHEAD_OF_THE_DATA = {
    ("figure", "opposition"): "figures published by the opposition / democratic forces (sources branch)",
}


def enum_fields() -> list[tuple[str, str, list[str]]]:
    return [(resource["name"], field["name"], list(field["constraints"]["enum"]))
            for resource in read_descriptor()["resources"]
            for field in resource["schema"]["fields"] if "enum" in field.get("constraints", {})]


def test_every_enum_value_of_the_schema_has_a_label_and_every_label_a_value() -> None:
    fields = enum_fields()
    assert fields, "the schema declares enums"
    assert {(t, f) for t, f, _ in fields} == set(FIELD_VOCABULARIES), "every enum field has a vocabulary"
    used: dict[str, set[str]] = {}
    for table, field, values in fields:
        vocabulary = vocabulary_of(table, field)
        missing = [v for v in values if v not in vocabulary]
        assert not missing, f"data/{table}.csv, column '{field}': no label for {missing} in '{vocabulary.name}'"
        used.setdefault(vocabulary.name, set()).update(values)
    for vocabulary in {id(v): v for v in FIELD_VOCABULARIES.values()}.values():
        unused = [v for v in vocabulary if v not in used[vocabulary.name]
                  and (vocabulary.name, v) not in AHEAD_OF_THE_DATA]
        assert not unused, f"vocabulary '{vocabulary.name}' labels values no field allows: {unused}"
        for value, label in vocabulary.items():
            assert label.label and label.short and len(label.meaning) >= 5, (vocabulary.name, value)


def test_labels_are_distinct_within_each_vocabulary() -> None:
    for vocabulary in FIELD_VOCABULARIES.values():
        labels = [label.label for label in vocabulary.values()]
        assert len(set(labels)) == len(labels), vocabulary.name


def test_a_value_with_no_label_fails_loudly_naming_vocabulary_and_value() -> None:
    with pytest.raises(UnknownLabelError, match=r"no label for 'needs_context' in the vocabulary 'verdict'"):
        VERDICT["needs_context"]
    with pytest.raises(UnknownLabelError, match=r"data/claims.csv, column 'colour'"):
        vocabulary_of("claims", "colour")


def test_lower_keeps_the_rest_of_a_label() -> None:
    assert VERDICT["missing_context"].lower == "missing context"
    assert FIGURE["official"].lower == "official"
    assert FIGURE.present(["disputed", "official", "official"]) == ["official", "disputed"]


def test_every_schooling_measure_in_the_data_has_a_label() -> None:
    """schooling.measure is free text in the schema, so its vocabulary is checked against the rows."""
    from utils.data import load_table
    from utils.labels import SCHOOLING_MEASURE

    used = set(load_table("schooling")["measure"])
    assert used == set(SCHOOLING_MEASURE), used ^ set(SCHOOLING_MEASURE)
