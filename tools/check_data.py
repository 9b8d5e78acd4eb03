"""Check data/ and geo/ before anything runs on them; print only what is wrong.

Usage: python tools/check_data.py   (make site, make test and make lab run it first)

Each problem is one line naming the file, row (or feature) and column. On bad data
the script exits with status 1 and prints nothing else: no traceback, and no Sphinx
banner because the site build never starts.
"""

from __future__ import annotations

import sys
from pathlib import Path

# This checkout's utils and data, even when another checkout's .pth is on the path
# (a copy of the repo run with the original's venv, as the bad-data test does).
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def data_problems() -> list[str]:
    from utils.data import DataValidationError, ensure_valid

    try:
        ensure_valid(ROOT / "data")  # skipped when these exact files already passed
    except DataValidationError as error:
        return [str(problem) for problem in error.problems]
    except (OSError, ValueError, KeyError) as error:  # unreadable CSV or descriptor
        return [f"data/: {error}"]
    return []


def geo_problems() -> list[str]:
    from utils.geo import LAYER_COLUMNS, GeoValidationError, load_layer

    problems = []
    for name in LAYER_COLUMNS:
        try:
            load_layer(name, ROOT / "geo")
        except GeoValidationError as error:
            problems += [str(problem) for problem in error.problems]
        except Exception as error:  # noqa: BLE001 (an unreadable file: say which, not how pyogrio failed)
            problems.append(f"geo/{name}.geojson: cannot be read: {error}")
    return problems


def main() -> int:
    problems = data_problems() + geo_problems()
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        print(f"{len(problems)} problem(s) in data/ or geo/: fix them and run the command again.",
              file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
