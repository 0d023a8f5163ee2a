"""The one registry of every data set the kit ships and every generator it has.

Course concept: the real and synthetic customers every chapter computes on, listed in one place.

Adding a data set is one entry here: a shipped file (in ``crmlab/data/``, described in its
README, with the reader mapping that turns it into a canonical frame) or a generator (a seeded
``make_*`` function with known truth). :func:`list_datasets`, ``crmlab datasets``,
:func:`crmlab.datasets.load` and the notebooks' ``data`` parameter all read this table.

Instructors add data sets of their own without editing the package: a ``datasets.yaml`` in a folder
of theirs (the same folder as their exercise banks, see :func:`register_folder`), found through the
``CRMLAB_EXERCISES`` environment variable or :func:`crmlab.exercises.load_folder`.

Generators that state their truth in a chapter's own terms (loyalty types, Brown patterns,
contract churn, value components) are defined with their chapter; the registry names them by
``module:function`` and resolves them only when asked (:meth:`Dataset.generator`), so listing
data never imports a chapter.
"""

from __future__ import annotations

import importlib
import os
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .. import schema
from ..errors import DataError

__all__ = ["Dataset", "REGISTRY", "list_datasets", "get", "names", "register_folder"]


@dataclass(frozen=True)
class Dataset:
    """One shipped file or generator.

    Attributes
    ----------
    name : str
        What :func:`crmlab.datasets.load`, ``load_data`` / ``load_survey`` and the notebooks'
        ``data`` parameter call it (files), or the function name (generators).
    kind : {"file", "generator"}
    data : str
        What it holds: ``"transactions"``, ``"survey"`` (read into the canonical frames of
        :mod:`crmlab.schema`) or a chapter's own table (``"loyalty panel"``, ``"brand panel"``,
        ``"subscriptions"``, ``"delivered value"``, ``"customer economics"``).
    description : str
        One line: what, how many, where from.
    file : str
        The file in ``crmlab/data/`` (files only).
    columns : dict
        Reader mapping ``{role: column}`` of the file (see :mod:`crmlab.io.columns`).
    options : dict
        Further reader options (``scales=``, ``quantity=`` …).
    function : str
        ``"module:function"`` of the generator.
    load : str
        How to get it, as a line of code.
    folder : str
        For an instructor's data set: the folder its file is in (shipped files are in ``crmlab/data``).
    """

    name: str
    kind: str
    data: str
    description: str
    file: str = ""
    columns: dict = field(default_factory=dict)
    options: dict = field(default_factory=dict)
    function: str = ""
    load: str = ""
    folder: str = ""

    def generator(self):
        """The generator function (imported on first use)."""
        if self.kind != "generator":
            raise DataError(f"{self.name!r} is a shipped file, not a generator: load it with {self.load}.")
        module, _, attribute = self.function.partition(":")
        return getattr(importlib.import_module(module), attribute)

    def reader_options(self) -> dict:
        """Keyword arguments of the reader for this file: its mapping as keywords, then its options."""
        if self.data == "transactions":
            return {**self.columns, **self.options}
        return {"columns": dict(self.columns), **self.options}


_ENTRIES = (
    Dataset(
        "cdnow", "file", "transactions",
        "CDNOW master: 69,659 CD purchases by 23,570 customers, 1997-01..1998-06 (Fader & Hardie)",
        file="cdnow_master.txt",
        columns={"customer": "customer_id", "date": "date", "amount": "dollar_value", "quantity": "number_of_cds"},
        load="crmlab.load_data('cdnow')"),
    Dataset(
        "retail", "file", "transactions",
        "Synthetic retailer: 2,000 customers, products, categories, planted rules, returns (seed 2024)",
        file="retail_synthetic.csv",
        columns={"customer": "customer_id", "date": "order_date", "amount": "amount", "order": "order_id",
                 "product": "product", "category": "category", "quantity": "quantity", "channel": "channel",
                 "region": "region"},
        load="crmlab.load_data('retail')"),
    Dataset(
        "shop_orders", "file", "transactions",
        "Small Chinese shop export: GBK encoding, Chinese headers (客户编号, 下单日期, 金额 …)",
        file="shop_orders_gbk.csv",
        columns={"customer": "客户编号", "date": "下单日期", "amount": None, "order": "订单号", "product": "商品",
                 "quantity": "数量", "unit_price": "单价", "category": "品类"},
        load="crmlab.load_data('shop_orders')"),
    # ECSI: a customer satisfaction study of 250 customers of a Spanish credit institution on the
    # European Customer Satisfaction Index model (items 0–10: image, expectations, quality, value,
    # satisfaction sat1–sat4, loyalty loy1 choose again, loy2 propensity to switch, loy3 recommend,
    # loy4 sense of loyalty); the ``satisfaction`` data of the R package plspm (GPL-3, LIAM, UPC
    # Barcelona), shipped unedited with attribution.
    Dataset(
        "ecsi", "file", "survey",
        "ECSI bank survey: 250 customers of a Spanish bank, 27 items rated 0–10 (R package plspm)",
        file="ecsi_bank_survey.csv",
        columns={schema.SATISFACTION: "sat1", schema.REPURCHASE_INTENT: "loy1", schema.RECOMMEND: "loy3"},
        options={"scales": (0, 10)},
        load="crmlab.load_survey('ecsi')"),
    Dataset(
        "delivered_value", "file", "delivered value",
        "Customer delivered value example: 9 customers, 3 segments, 4 value and 4 cost ratings (0–10)",
        file="delivered_value_example.csv",
        load="crmlab.datasets.load('delivered_value')"),
    Dataset(
        "make_transactions", "generator", "transactions",
        "Synthetic retailer with MBG/NBD purchase timing, planted rules and known truth",
        function="crmlab.datasets.generators:make_transactions",
        load="crmlab.load_data('synthetic:<seed>') or make_transactions(n, seed=)"),
    Dataset(
        "make_survey", "generator", "survey",
        "Satisfaction–loyalty survey of Jones & Sasser's five industries with known curves",
        function="crmlab.datasets.generators:make_survey",
        load="crmlab.load_survey('synthetic:<seed>') or make_survey(n, seed=)"),
    Dataset(
        "make_loyalty_panel", "generator", "loyalty panel",
        "Attitude and repeat-purchase answers with known loyalty types and Dick & Basu segments",
        function="crmlab.loyalty:make_loyalty_panel",
        load="crmlab.datasets.make_loyalty_panel(n, seed=)"),
    Dataset(
        "make_brand_panel", "generator", "brand panel",
        "Brand-choice sequences with known Brown patterns (undivided, divided, unstable, none) and spend",
        function="crmlab.loyalty:make_brand_panel",
        load="crmlab.datasets.make_brand_panel(n, length, seed=)"),
    Dataset(
        "make_subscriptions", "generator", "subscriptions",
        "Telco-like subscriptions (tenure, churn, contract) with known monthly churn per contract",
        function="crmlab.lifecycle:make_subscriptions",
        load="crmlab.datasets.make_subscriptions(n, seed=)"),
    Dataset(
        "make_delivered_value", "generator", "delivered value",
        "Value and cost component ratings (0–10) with known segment differences",
        function="crmlab.value:make_delivered_value",
        load="crmlab.datasets.make_delivered_value(n, seed=)"),
    Dataset(
        "make_customer_economics", "generator", "customer economics",
        "The synthetic retailer's customers with cost to serve, acquisition, credit, loyalty and known profit",
        function="crmlab.profitability:make_customer_economics",
        load="crmlab.datasets.make_customer_economics(n, seed=)"),
)

#: Every shipped file and generator, by name (and an instructor's data sets, once registered).
REGISTRY: dict[str, Dataset] = {entry.name: entry for entry in _ENTRIES}

_DATA_KINDS = ("transactions", "survey")


def register_folder(folder: str | Path) -> list[str]:
    """Register the data sets an instructor lists in ``<folder>/datasets.yaml``; their names are returned.

    Each entry names a file in that folder, what it holds and how to read it, like the kit's own::

        shop_2025:
          file: orders_2025.csv
          data: transactions              # or survey
          description: Our shop, 2025 orders (GBK export)
          columns: {customer: 客户编号, date: 下单时间, amount: 实付金额, order: 订单号}
          options: {encoding: gbk}        # further reader options

    The chapters' ``data`` parameter, ``load_data`` / ``load_survey`` and ``crmlab datasets`` then
    know the name. A folder without ``datasets.yaml`` registers nothing.

    Raises
    ------
    DataError
        An entry without ``file``, a file that is not there, an unknown ``data`` kind, or a name the
        kit already uses.
    """
    import yaml

    from .._text import decode_user_text

    folder = Path(folder).expanduser().resolve()
    listing = folder / "datasets.yaml"
    if not listing.is_file():
        return []
    entries = yaml.safe_load(decode_user_text(listing.read_bytes(), listing.name, "data set list")[0]) or {}
    if not isinstance(entries, dict):
        raise DataError(f"{listing}: expected a mapping of data set names to their entries.")
    added = []
    for name, entry in entries.items():
        name = str(name)
        where = f"{listing.name}, data set {name!r}"
        if not isinstance(entry, dict) or not entry.get("file"):
            raise DataError(f"{where}: give its file (file: orders.csv), data (transactions or survey) and columns.")
        if name in REGISTRY and REGISTRY[name].folder != str(folder):
            raise DataError(f"{where}: the name is taken ({REGISTRY[name].description}); choose another.")
        data = entry.get("data", "transactions")
        if data not in _DATA_KINDS:
            raise DataError(f"{where}: data: {data!r} is not one of {_DATA_KINDS}.")
        if not (folder / entry["file"]).is_file():
            raise DataError(f"{where}: file {entry['file']!r} is not in {folder}.")
        loader = "load_data" if data == "transactions" else "load_survey"
        REGISTRY[name] = Dataset(name, "file", data, str(entry.get("description") or entry["file"]),
                                 file=str(entry["file"]), columns=dict(entry.get("columns") or {}),
                                 options=dict(entry.get("options") or {}), folder=str(folder),
                                 load=f"crmlab.{loader}({name!r})")
        added.append(name)
    return added


def _register_environment() -> None:
    for folder in filter(None, os.environ.get("CRMLAB_EXERCISES", "").split(os.pathsep)):
        if Path(folder).is_dir():
            register_folder(folder)


_register_environment()


def get(name: str) -> Dataset:
    """The registry entry called ``name``; a :class:`~crmlab.DataError` listing the names otherwise."""
    try:
        return REGISTRY[name]
    except (KeyError, TypeError):
        files = [n for n, e in REGISTRY.items() if e.kind == "file"]
        raise DataError(f"unknown data set {name!r}; bundled ones are {sorted(files)} (crmlab.list_datasets() "
                        "lists them with the generators). For your own file use crmlab.read_transactions(path, "
                        "customer=..., ...) or crmlab.read_survey(path, columns=...).") from None


def names(*, kind: str | None = None, data: str | None = None) -> list[str]:
    """Names in the registry, optionally of one ``kind`` (``"file"``, ``"generator"``) and ``data``."""
    return [n for n, e in REGISTRY.items() if (kind is None or e.kind == kind) and (data is None or e.data == data)]


def list_datasets() -> pd.DataFrame:
    """Every shipped data set and generator, one row each.

    Course concept: the data the chapters run on, real and synthetic.

    Returns
    -------
    DataFrame
        Indexed by ``name``: ``kind`` (``"file"`` or ``"generator"``), ``data`` (what it holds:
        transactions, survey, …), ``file`` (in ``crmlab/data/``, files only), ``load`` (how to get
        it) and ``description``.

    Examples
    --------
    >>> table = list_datasets()
    >>> table.loc["cdnow", "kind"], table.loc["make_survey", "data"]
    ('file', 'survey')
    """
    rows = [(e.name, e.kind, e.data, e.file, e.load, e.description) for e in REGISTRY.values()]
    return pd.DataFrame(rows, columns=["name", "kind", "data", "file", "load", "description"]).set_index("name")
