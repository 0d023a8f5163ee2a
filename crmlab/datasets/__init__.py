"""Bundled data sets (``load_*``) and seeded generators with known truth (``make_*``), in one registry.

Course concept: the real and synthetic customers every chapter computes on.

- :mod:`~crmlab.datasets.registry` — every shipped file and generator, one entry each
  (:func:`list_datasets`, ``crmlab datasets``);
- :mod:`~crmlab.datasets.loaders` — :func:`load_data` (transactions), :func:`load_survey`
  (surveys), :func:`load` (any shipped file by name), :func:`data_path`;
- :mod:`~crmlab.datasets.generators` — :func:`make_transactions`, :func:`make_survey`; the
  chapters' own generators (``make_loyalty_panel``, ``make_brand_panel``, ``make_subscriptions``,
  ``make_delivered_value``, ``make_customer_economics``) are reached here too, by the registry, on first use;
- :mod:`~crmlab.datasets.shipped` — :func:`regenerate`: the synthetic files in ``crmlab/data/``
  rebuilt byte for byte (``python -m crmlab.datasets regenerate``; a test checks this).

Shipped files live in the package's ``data/`` folder (package data: a wheel carries them), each
described in ``crmlab/data/README.md``.
"""

from __future__ import annotations

from .generators import (
    ATTRIBUTES,
    CUSTOMER_TYPES,
    DEFAULT_BGNBD,
    DEFAULT_GAMMA_GAMMA,
    INDUSTRIES,
    PLANTED_RULES,
    PRODUCTS,
    SurveyTruth,
    TransactionTruth,
    make_survey,
    make_transactions,
)
from .loaders import (
    DATA_DIR,
    data_path,
    load,
    load_cdnow,
    load_data,
    load_retail,
    load_shop_orders,
    load_survey,
    reader_options,
)
from .registry import REGISTRY, Dataset, list_datasets, names
from .shipped import regenerate

__all__ = [
    "DATA_DIR", "REGISTRY", "Dataset", "list_datasets", "names", "data_path", "reader_options", "load",
    "load_cdnow", "load_retail", "load_shop_orders", "load_data", "load_survey", "regenerate",
    "make_transactions", "TransactionTruth", "PRODUCTS", "PLANTED_RULES", "CUSTOMER_TYPES", "DEFAULT_BGNBD",
    "DEFAULT_GAMMA_GAMMA", "make_survey", "SurveyTruth", "INDUSTRIES", "ATTRIBUTES",
]

#: Compatibility view (the survey module's old registry): name → (file, reader options with
#: ``mapping``). Use :data:`REGISTRY`; this goes in the next release.
BUNDLED_SURVEYS: dict[str, tuple[str, dict]] = {
    name: (REGISTRY[name].file, {"mapping": dict(REGISTRY[name].columns), **REGISTRY[name].options})
    for name in names(kind="file", data="survey")
}
# Compatibility view for crmlab.report (name → (file, description, reader keywords)) until it reads
# REGISTRY / names(); goes in the next release.
_BUNDLED: dict[str, tuple[str, str, dict]] = {
    name: (REGISTRY[name].file, REGISTRY[name].description, REGISTRY[name].reader_options())
    for name in names(kind="file", data="transactions")
}


def __getattr__(name: str):
    # The chapters' generators, through the registry (imported on first use, not with the data layer).
    entry = REGISTRY.get(name)
    if entry is not None and entry.kind == "generator":
        return entry.generator()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(names(kind="generator")))
