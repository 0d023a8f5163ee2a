"""`pip install crmlab` is the whole kit: the wheel (built from the sdist) carries data, notebooks, templates."""

from __future__ import annotations

import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "crmlab"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("dist")
    # Default `python -m build`: the sdist first, then the wheel built from that sdist.
    subprocess.run([sys.executable, "-m", "build", "--outdir", str(out), str(ROOT)], check=True,
                   capture_output=True, text=True)
    (wheel,) = out.glob("crmlab-*.whl")
    (sdist,) = out.glob("crmlab-*.tar.gz")
    return wheel, sdist


def _shipped() -> set[str]:
    """What the kit needs at run time, listed from the checkout (not from the build configuration)."""
    wanted = set()
    for folder, pattern in (("data", "*"), ("notebooks", "*/[0-9][0-9]_*.ipynb"), ("report/templates", "**/*"),
                            ("fonts", "*")):
        wanted |= {p.relative_to(ROOT).as_posix() for p in (PACKAGE / folder).glob(pattern) if p.is_file()}
    wanted |= {p.relative_to(ROOT).as_posix() for p in PACKAGE.rglob("*.py")}
    return wanted


def test_the_wheel_holds_data_notebooks_templates_and_code(built):
    wheel, _ = built
    names = set(zipfile.ZipFile(wheel).namelist())
    missing = _shipped() - names
    assert not missing, f"the wheel lacks {sorted(missing)}"
    assert {"crmlab/data/cdnow_master.txt", "crmlab/notebooks/en/02_rfm_segmentation.ipynb",
            "crmlab/notebooks/zh/02_rfm_segmentation.ipynb", "crmlab/fonts/crmlabCJKSans-Regular.otf",
            "crmlab/fonts/OFL.txt"} <= names
    assert not any(n.startswith(("tests/", "benchmarks/", "notebooks/src")) for n in names)
    assert not any("/students/" in n or n.endswith(".pyc") for n in names)


def test_the_sdist_has_the_sources_the_wheel_was_built_from(built):
    _, sdist = built
    with tarfile.open(sdist) as archive:
        names = {n.split("/", 1)[1] for n in archive.getnames() if "/" in n}
    assert _shipped() <= names


def test_license_is_an_spdx_expression():
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["license"] == "MIT"


def test_installed_kit_finds_its_data_and_chapters_from_any_folder(tmp_path):
    # Run as a user would, in a folder far from the checkout.
    code = ("import crmlab, crmlab.report as r; tx = crmlab.load_data('cdnow'); "
            "print(len(r.list_notebooks()), len(r.list_notebooks(lang='zh')), tx['customer_id'].nunique())")
    result = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, check=True)
    chapters, chapters_zh, customers = map(int, result.stdout.split())
    assert chapters == chapters_zh == len(list((PACKAGE / "notebooks" / "en").glob("[0-9][0-9]_*.ipynb"))) >= 7
    assert customers == 23570  # Fader & Hardie's CDNOW master file: 23,570 customers


def test_the_readers_error_messages_name_are_on_the_package_face():
    import crmlab
    from crmlab import datasets, io

    assert crmlab.read_survey is io.read_survey and crmlab.load_survey is datasets.load_survey
    assert {"read_survey", "load_survey"} <= set(crmlab.__all__)
