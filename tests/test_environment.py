"""requirements.in, requirements.txt and environment.yml declare the same packages."""

from __future__ import annotations

import re

import yaml

from tests.conftest import ROOT


def pins(lines: list[str]) -> dict[str, str]:
    found = {}
    for line in lines:
        line = line.split("#")[0].strip()
        match = re.fullmatch(r"-?\s*([A-Za-z0-9_.\-]+)\s*==?\s*([A-Za-z0-9_.\-]+)", line)
        if match:
            found[match.group(1).lower().replace("_", "-")] = match.group(2)
    return found


def test_environment_yml_matches_requirements_in() -> None:
    top_level = pins((ROOT / "requirements.in").read_text().splitlines())
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    conda = pins([d for d in env["dependencies"] if isinstance(d, str)])
    pip_section = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict))
    conda.update(pins(pip_section))
    conda.pop("python")
    assert conda == top_level


def test_lock_pins_every_top_level_package_at_the_same_version() -> None:
    top_level = pins((ROOT / "requirements.in").read_text().splitlines())
    lock = pins((ROOT / "requirements.txt").read_text().splitlines())
    assert {name: lock.get(name) for name in top_level} == top_level


def test_fixed_user_packages_are_declared() -> None:
    top_level = pins((ROOT / "requirements.in").read_text().splitlines())
    for package in ("jupyterlab", "pandas", "plotly", "geopandas", "ipywidgets", "nbval"):
        assert package in top_level
