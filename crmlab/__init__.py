"""crmlab: customer relationship management analysis and teaching kit.

The top level re-exports the data step (readers, bundled data, generators); chapter modules
(``crmlab.value``, ``crmlab.clv``, ``crmlab.rfm``, ``crmlab.basket``, ``crmlab.satisfaction``,
``crmlab.loyalty``, ``crmlab.lifecycle``) load on first use.
"""

from __future__ import annotations

import importlib

from . import datasets, exercises, labels, overview, schema
from .datasets import list_datasets, load_cdnow, load_data, make_transactions
from .errors import CrmlabWarning, DataError
from .io import QualityReport, quality_report, read_table, read_transactions

__version__ = "0.1.0"

_CHAPTERS = ("value", "clv", "rfm", "basket", "survey", "satisfaction", "loyalty", "lifecycle", "report")

__all__ = [
    "CrmlabWarning", "DataError", "QualityReport", "quality_report", "read_table", "read_transactions",
    "list_datasets", "load_cdnow", "load_data", "make_transactions", "datasets", "exercises", "labels",
    "overview", "schema", "__version__", "read_survey", "load_survey", *_CHAPTERS,
]


_SURVEY_READERS = ("read_survey", "load_survey")  # error messages point students at these


def __getattr__(name: str):
    if name in _SURVEY_READERS:
        return getattr(importlib.import_module(f"{__name__}.survey"), name)
    if name in _CHAPTERS:
        return importlib.import_module(f"{__name__}.{name}")
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
