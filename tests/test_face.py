"""The package face: the data step at the top level, the chapters loaded on first use."""

from __future__ import annotations

import subprocess
import sys

import crmlab

FACE = ("read_transactions", "read_survey", "load_data", "load_survey", "list_datasets", "DataError",
        "CrmlabWarning", "__version__")
# Exports of earlier releases that keep working.
EARLIER = ("QualityReport", "quality_report", "read_table", "load_cdnow", "make_transactions", "datasets",
           "labels", "schema", "overview", "exercises", "value", "clv", "rfm", "basket", "satisfaction",
           "loyalty", "lifecycle", "report", "survey")
CHAPTERS = ("value", "clv", "rfm", "basket", "satisfaction", "loyalty", "lifecycle", "overview", "report",
            "exercises")


def test_the_face_and_the_earlier_exports_are_there():
    for name in FACE + EARLIER:
        assert hasattr(crmlab, name), name
        assert name in crmlab.__all__ or name == "__version__", name
    assert crmlab.read_survey is crmlab.io.read_survey and crmlab.load_survey is crmlab.datasets.load_survey
    assert crmlab.read_transactions is crmlab.io.read_transactions
    assert issubclass(crmlab.DataError, ValueError) and issubclass(crmlab.CrmlabWarning, UserWarning)
    assert set(dir(crmlab)) >= set(FACE + EARLIER)


def test_import_crmlab_loads_no_chapter():
    code = ("import sys, crmlab; print(' '.join(sorted(m for m in sys.modules if m.startswith('crmlab.')))); "
            "crmlab.rfm; print('crmlab.rfm' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split("\n")
    loaded = set(out[0].split())
    assert not loaded & {f"crmlab.{c}" for c in CHAPTERS + ("survey",)}, loaded
    assert out[1] == "True"
