"""crmlab: customer relationship management analysis and teaching kit.

The face of the package is the data step: the readers (:func:`read_transactions`,
:func:`read_survey`), the loaders of bundled and generated data (:func:`load_data`,
:func:`load_survey`, :func:`list_datasets`), the errors (:class:`DataError`,
:class:`CrmlabWarning`) and :func:`quality_report`. Chapter modules (``crmlab.value``,
``crmlab.clv``, ``crmlab.rfm``, ``crmlab.basket``, ``crmlab.satisfaction``, ``crmlab.loyalty``,
``crmlab.lifecycle``, ``crmlab.overview``) and the tools (``crmlab.report``, ``crmlab.exercises``)
load on first use.
"""

from __future__ import annotations

import importlib

from . import _fonts, datasets, io, labels, schema
from .datasets import list_datasets, load_cdnow, load_data, load_survey, make_survey, make_transactions
from .errors import CrmlabWarning, DataError
from .io import QualityReport, quality_report, read_survey, read_table, read_transactions

__version__ = "0.1.0"

_fonts.install()  # Chinese text renders in every figure once matplotlib is imported

_LAZY = ("value", "clv", "rfm", "basket", "satisfaction", "loyalty", "lifecycle", "overview", "profitability",
         "report", "exercises", "survey")

__all__ = [
    "read_transactions", "read_survey", "load_data", "load_survey", "list_datasets", "DataError",
    "CrmlabWarning", "__version__", "quality_report", "QualityReport", "read_table", "load_cdnow",
    "make_transactions", "make_survey", "datasets", "io", "labels", "schema", *_LAZY,
]


def __getattr__(name: str):
    if name in _LAZY:
        return importlib.import_module(f"{__name__}.{name}")
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))
