"""Load the curated tables in ``data/`` as typed DataFrames, validating them first.

The schema lives in ``data/datapackage.json`` (Frictionless Table Schema): types,
required fields, enums, patterns, unique and primary keys are checked by
frictionless. Two things the standard cannot express are checked here:
list fields whose items must exist in another table (``x-references``), and
duplicate rows across the whole table are reported with their line numbers.

Every problem names the file, the row (the line number in the CSV, header = 1)
and the column, so a contributor can go straight to the cell.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"
DESCRIPTOR = "datapackage.json"
# Stamps of data packages that passed validation, keyed by a hash of their files.
# Frictionless validates descriptors with jsonschema, whose import pulls in a
# grammar that takes ~2 s; a kernel loading unchanged data need not pay that.
VALIDATED_DIR = ROOT / "build" / "validated-data"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one cell (or row, or file) of a data file."""

    file: str
    row: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        where = [self.file]
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column:
            where.append(f"column '{self.column}'")
        return f"{', '.join(where)}: {self.message}"


class DataValidationError(ValueError):
    """Raised when a table in ``data/`` does not match its schema."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        lines = "\n".join(f"  - {p}" for p in problems[:50])
        more = f"\n  … and {len(problems) - 50} more" if len(problems) > 50 else ""
        super().__init__(f"{len(problems)} problem(s) in the data:\n{lines}{more}")


def read_descriptor(data_dir: Path = DATA_DIR) -> dict[str, Any]:
    with open(data_dir / DESCRIPTOR, encoding="utf-8") as handle:
        descriptor: dict[str, Any] = json.load(handle)
    return descriptor


def resource_descriptor(name: str, data_dir: Path = DATA_DIR) -> dict[str, Any]:
    for resource in read_descriptor(data_dir)["resources"]:
        if resource["name"] == name:
            return dict(resource)
    raise KeyError(f"{data_dir / DESCRIPTOR}: no table named '{name}'")


def source_columns(name: str, data_dir: Path = DATA_DIR) -> list[str]:
    """The columns of a table that cite sources (list fields referencing sources.id)."""
    fields = resource_descriptor(name, data_dir)["schema"]["fields"]
    return [f["name"] for f in fields if (f.get("x-references") or {}).get("resource") == "sources"]


def table_names(data_dir: Path = DATA_DIR) -> list[str]:
    return [r["name"] for r in read_descriptor(data_dir)["resources"]]


def _frictionless_problems(resource: dict[str, Any], data_dir: Path) -> list[Problem]:
    # Imported here: frictionless is only needed when a table is validated.
    from frictionless import Resource

    file = f"data/{resource['path']}"
    report = Resource(dict(resource), basepath=str(data_dir)).validate()
    problems = []
    for task in report.tasks:
        for error in task.errors:
            row = getattr(error, "row_number", None)
            column = getattr(error, "field_name", None)
            problems.append(Problem(file, row, column, _friendly(error)))
    return problems


_EXPECTED_FORMAT = {
    "date/default": "a date written YYYY-MM-DD",
    "boolean/default": "true or false",
    "string/uri": "a web address (http:// or https://…)",
}


PARTIAL_DATE_PATTERN = r"\d{4}(-\d{2}(-\d{2})?)?"
SOURCE_DATE_PATTERN = PARTIAL_DATE_PATTERN + "|undated"
_PATTERN_MEANING = {
    SOURCE_DATE_PATTERN: "a date written YYYY-MM-DD, YYYY-MM or YYYY, or 'undated'",
    PARTIAL_DATE_PATTERN: "a date written YYYY-MM-DD, YYYY-MM or YYYY",
}


def _friendly(error: Any) -> str:
    """Turn a frictionless error into a sentence a contributor can act on."""
    kind = error.type
    cell = getattr(error, "cell", None)
    note = str(getattr(error, "note", "")).strip()
    if kind == "type-error":
        # The note reads: type is "date/default" (type/format).
        type_format = note.split('"')[1] if '"' in note else "value/default"
        expected = _EXPECTED_FORMAT.get(type_format, f"a {type_format.split('/')[0]}")
        return f"'{cell}' is not {expected}"
    if kind == "constraint-error":
        if "required" in note:
            return "a value is required here but the cell is empty"
        for pattern, meaning in _PATTERN_MEANING.items():
            if f'"{pattern}"' in note:
                return f"'{cell}' is not {meaning}"
        return f"'{cell}' is not allowed here: {note}"
    if kind in ("unique-error", "primary-key"):
        return f"'{cell or ''}' is a duplicate: {note}".replace("'' is", "this row is")
    return f"{getattr(error, 'title', kind)}: {note}" if note else str(kind)


def _reference_problems(
    resource: dict[str, Any], frame: pd.DataFrame, data_dir: Path
) -> list[Problem]:
    """Check list fields whose items must be keys of another table (raw strings)."""
    problems = []
    file = f"data/{resource['path']}"
    for field in resource["schema"]["fields"]:
        ref = field.get("x-references")
        if not ref:
            continue
        target = _raw_table(ref["resource"], data_dir)
        known = set(target[ref["field"]].dropna())
        delimiter = field.get("delimiter", ",")
        for index, cell in frame[field["name"]].items():
            items = [] if pd.isna(cell) else [s.strip() for s in str(cell).split(delimiter)]
            for item in items:
                if item not in known:
                    problems.append(
                        Problem(
                            file,
                            _line(index),
                            field["name"],
                            f"unknown id '{item}': no row of data/{ref['resource']}.csv "
                            f"has {ref['field']} = '{item}'",
                        )
                    )
    return problems


def _line(index: Any) -> int:
    # DataFrame index 0 is the first data row, which is line 2 of the file.
    return int(index) + 2


def _raw_table(name: str, data_dir: Path) -> pd.DataFrame:
    resource = resource_descriptor(name, data_dir)
    return pd.read_csv(
        data_dir / resource["path"], dtype=str, keep_default_na=False, na_values=[""]
    )


def _typed(resource: dict[str, Any], raw: pd.DataFrame) -> pd.DataFrame:
    frame = raw.copy()
    for field in resource["schema"]["fields"]:
        name, kind = field["name"], field["type"]
        column = frame[name]
        if kind == "date":
            frame[name] = pd.to_datetime(column, format="%Y-%m-%d")
        elif kind == "integer":
            frame[name] = pd.to_numeric(column).astype("Int64")
        elif kind == "number":
            frame[name] = pd.to_numeric(column).astype("Float64")
        elif kind == "boolean":
            frame[name] = column.str.lower().map({"true": True, "false": False}).astype("boolean")
        elif kind == "list":
            delimiter = field.get("delimiter", ",")
            frame[name] = column.map(
                lambda cell, d=delimiter: [] if pd.isna(cell) else [s.strip() for s in cell.split(d)]
            )
        else:
            frame[name] = column.astype("string")
    return frame


def validate_table(name: str, data_dir: Path = DATA_DIR) -> list[Problem]:
    """All problems with one table (empty list when it is valid)."""
    resource = resource_descriptor(name, data_dir)
    problems = _frictionless_problems(resource, data_dir)
    return problems + _reference_problems(resource, _raw_table(name, data_dir), data_dir)


def validate_all(data_dir: Path = DATA_DIR) -> list[Problem]:
    return [p for name in table_names(data_dir) for p in validate_table(name, data_dir)]


def package_fingerprint(data_dir: Path = DATA_DIR) -> str:
    """A hash of the descriptor and every table file, by name and content."""
    digest = hashlib.sha256()
    paths = [DESCRIPTOR] + [r["path"] for r in read_descriptor(data_dir)["resources"]]
    for relative in paths:
        digest.update(relative.encode() + b"\0" + (data_dir / relative).read_bytes() + b"\0")
    return digest.hexdigest()


def ensure_valid(data_dir: Path = DATA_DIR) -> None:
    """Validate the whole package unless these exact files already passed."""
    stamp = VALIDATED_DIR / package_fingerprint(data_dir)
    if stamp.exists():
        return
    problems = validate_all(data_dir)
    if problems:
        raise DataValidationError(problems)
    stamp.parent.mkdir(parents=True, exist_ok=True)
    stamp.touch()


def load_table(name: str, data_dir: Path = DATA_DIR) -> pd.DataFrame:
    """Validate a table and return it with typed columns.

    Raises DataValidationError naming file, row and column of every problem.
    """
    return _load_cached(name, str(Path(data_dir).resolve())).copy()


@lru_cache(maxsize=None)
def _load_cached(name: str, data_dir: str) -> pd.DataFrame:
    path = Path(data_dir)
    ensure_valid(path)
    resource = resource_descriptor(name, path)
    frame = _typed(resource, _raw_table(name, path))
    frame.attrs["source_file"] = f"data/{resource['path']}"
    return frame


def load_events(data_dir: Path = DATA_DIR) -> pd.DataFrame:
    """The timeline, sorted by date."""
    events = load_table("events", data_dir)
    return events.sort_values(["date", "id"], kind="stable").reset_index(drop=True)


def load_events_by_id(data_dir: Path = DATA_DIR) -> pd.DataFrame:
    """The timeline, sorted by date and indexed by event id (``id`` stays a column too), so a
    notebook can pick events with ``events.loc[["id-1", "id-2"]]``."""
    return load_events(data_dir).set_index("id", drop=False)


def load_sources(data_dir: Path = DATA_DIR) -> pd.DataFrame:
    return load_table("sources", data_dir)


def describe_tables(data_dir: Path = DATA_DIR) -> pd.DataFrame:
    """One row per table in the data package: name, file, title and row count."""
    rows = []
    for resource in read_descriptor(data_dir)["resources"]:
        frame = load_table(resource["name"], data_dir)
        rows.append({"table": resource["name"], "file": f"data/{resource['path']}",
                     "rows": len(frame), "title": resource.get("title", "")})
    return pd.DataFrame(rows)
