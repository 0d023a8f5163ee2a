"""environment.yml (conda) lists the same packages, at the same versions, as pyproject + constraints."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

tomllib = pytest.importorskip("tomllib", reason="tomllib is in the standard library from Python 3.11")

ROOT = Path(__file__).resolve().parents[1]


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~ ;\[]", requirement, maxsplit=1)[0].lower().replace("_", "-")


def test_environment_yml_matches_pyproject_and_pins():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = {_name(d) for d in project["dependencies"] + project["optional-dependencies"]["dev"]}
    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    conda = {}
    for dep in env["dependencies"]:
        if isinstance(dep, str) and dep not in ("pip",) and not dep.startswith("python="):
            name, _, version = dep.partition("=")
            conda[name.lower()] = version
    for dep in next(d for d in env["dependencies"] if isinstance(d, dict))["pip"]:
        if "==" in dep:  # a PyPI package conda-forge names otherwise, pinned like the rest
            name, _, version = dep.partition("==")
            conda[name.strip().lower()] = version.split("#")[0].strip()
    assert set(conda) == wanted, f"only in environment.yml: {set(conda) - wanted}; missing: {wanted - set(conda)}"
    pins = {}
    for line in (ROOT / "requirements" / "constraints.txt").read_text(encoding="utf-8").splitlines():
        match = re.match(r"([A-Za-z0-9_.\-]+)==([^ ;]+)", line)
        if match:
            pins[match.group(1).lower().replace("_", "-")] = match.group(2)
    for name, version in conda.items():
        assert pins.get(name) == version, f"{name}: environment.yml has {version}, constraints pin {pins.get(name)}"
    assert {"-e ."} <= set(next(d for d in env["dependencies"] if isinstance(d, dict))["pip"])
