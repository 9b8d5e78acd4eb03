"""Bad data stops `make site` with one line per problem and nothing else.

A copy of the repository has its data broken five ways at once; `make site` runs on the
copy (with this checkout's .venv). The data check runs before Sphinx, so the test is
cheap: it asserts that every file/row/column message reaches the terminal, that the
command fails, and that no Sphinx banner or Python traceback appears.
"""

from __future__ import annotations

import csv
import json
import shutil
import subprocess
from pathlib import Path

from tests.conftest import ROOT

LEFT_OUT = shutil.ignore_patterns(".venv", ".git", "site", "teacher-site", "build", "jupyter_execute",
                                  "screenshots", "__pycache__", ".ipynb_checkpoints")


def break_events(path: Path) -> None:
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    fields = list(rows[0])
    rows[0]["date"] = "2020-13-45"                         # file row 2: not a date
    rows[1]["source_ids"] = "no-such-source-2020"          # row 3: unknown source id
    rows[3]["id"] = rows[2]["id"]                          # row 5: duplicate id
    rows[4]["source_ids"] = ""                             # row 6: no source at all
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def break_geometry(path: Path) -> None:
    layer = json.loads(path.read_text(encoding="utf-8"))
    # A bow tie: the ring crosses itself, which shapely reports as a self-intersection.
    layer["features"][1]["geometry"] = {
        "type": "Polygon", "coordinates": [[[20, 50], [22, 52], [22, 50], [20, 52], [20, 50]]],
    }
    path.write_text(json.dumps(layer), encoding="utf-8")


def test_make_site_on_bad_data_prints_only_the_problems(tmp_path: Path) -> None:
    copy = tmp_path / "repo"
    shutil.copytree(ROOT, copy, ignore=LEFT_OUT, symlinks=True)  # copy2 keeps mtimes: no venv rebuild
    break_events(copy / "data" / "events.csv")
    break_geometry(copy / "geo" / "countries.geojson")

    venv = ROOT / ".venv"
    # -o: never remake the venv from the copy (its set-up step would point the venv at the copy).
    result = subprocess.run(["make", "--no-print-directory", "-o", f"{venv}/.installed", "site", f"VENV={venv}"],
                            cwd=copy, capture_output=True, text=True, timeout=300)
    terminal = result.stdout + result.stderr

    assert result.returncode != 0, terminal
    expected = [
        "data/events.csv, row 2, column 'date': '2020-13-45' is not a date",
        "data/events.csv, row 3, column 'source_ids': unknown id 'no-such-source-2020'",
        "data/events.csv, row 5, column 'id':",
        "data/events.csv, row 6, column 'source_ids': a value is required",
        "geo/countries.geojson, feature 1, column 'geometry': invalid geometry: Self-intersection",
    ]
    missing = [line for line in expected if line not in terminal]
    assert missing == [], f"messages missing from the terminal:\n{missing}\n--- terminal ---\n{terminal}"
    for noise in ("Sphinx", "Traceback", "sphinx-err", "Running "):
        assert noise not in terminal, f"{noise!r} reached the terminal:\n{terminal}"
    assert not (copy / "site").exists(), "the site build started despite bad data"
