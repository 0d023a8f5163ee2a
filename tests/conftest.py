"""Shared fixtures: the real public data beside the project (absent on a fresh machine)."""

from __future__ import annotations

import os
from pathlib import Path

import matplotlib
import pytest

matplotlib.use("Agg")

ROOT = Path(__file__).resolve().parents[1]
SHARED_DATA = Path(os.environ.get("CRMLAB_SHARED_DATA", ROOT.parent / "shared" / "data"))


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """Path of ../shared/data (real public files), or skip: it is not part of the product."""
    if not SHARED_DATA.exists():
        pytest.skip("../shared/data is not present; real-file checks run where it is")
    return SHARED_DATA


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    import matplotlib.pyplot as plt

    plt.close("all")
