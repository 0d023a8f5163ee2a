"""Loading bundled data, generated data or a user's file by one name: what notebooks call.

Course concept: one line from "which data?" to a canonical frame — a bundled name (``"cdnow"``,
``"ecsi"``), ``"synthetic:<seed>"`` (a fresh generated data set, e.g. one per student) or a path.

Shipped files live in the package's ``data/`` folder (package data: a wheel carries them), or in
the folder ``CRMLAB_DATA`` names; each is an entry of :mod:`crmlab.datasets.registry`.
"""

from __future__ import annotations

import inspect
import os
from pathlib import Path

import pandas as pd

from .. import schema
from ..errors import CrmlabWarning, DataError
from ..io import read_survey, read_transactions
from ..io.columns import resolve_columns
from ..io.quality import QualityReport, attach_report, quality_report
from ..io.survey import survey_columns
from .generators import make_survey, make_transactions
from .registry import REGISTRY, get, names

__all__ = ["DATA_DIR", "data_path", "reader_options", "load", "load_cdnow", "load_retail", "load_shop_orders",
           "load_data", "load_survey"]


def _find_data_dir() -> Path:
    env = os.environ.get("CRMLAB_DATA")
    if env:
        return Path(env)
    return Path(__file__).resolve().parent.parent / "data"


#: The folder of the shipped files (``CRMLAB_DATA`` if set).
DATA_DIR = _find_data_dir()

_SYNTHETIC_COLUMNS = {"order": schema.ORDER, "product": schema.PRODUCT, "category": schema.CATEGORY,
                      "quantity": schema.QUANTITY, "channel": schema.CHANNEL, "region": schema.REGION}


def data_path(name: str) -> Path:
    """Path of a bundled file (``"cdnow_master.txt"``) or data set name (``"cdnow"``)."""
    entry = REGISTRY.get(name)
    file = entry.file if entry is not None and entry.kind == "file" else name
    path = (Path(entry.folder) if entry is not None and entry.folder else DATA_DIR) / file
    if not path.exists():
        raise DataError(f"bundled file {file!r} is missing from {DATA_DIR.name}/. Reinstall crmlab, "
                        "or set CRMLAB_DATA to the folder holding the datasets.")
    return path


def reader_options(name: str) -> dict:
    """The reader keyword arguments (column mapping and options) of a bundled file."""
    return get(name).reader_options()


def _synthetic_seed(source: str) -> int:
    seed_text = source.partition(":")[2] or "0"
    if not seed_text.isdigit():
        raise DataError(f"data source {source!r}: the seed after 'synthetic:' must be a whole number, "
                        "e.g. 'synthetic:7'.")
    return int(seed_text)


def load(name: str, *, columns: dict | None = None, return_report: bool = False, **options):
    """Load a bundled file by name (see :func:`~crmlab.datasets.list_datasets`).

    Transactions files come back as canonical transactions (:func:`~crmlab.io.read_transactions`),
    surveys as canonical surveys (:func:`load_survey`), the other tables as shipped.

    Parameters
    ----------
    name : str
        A file entry of the registry: ``"cdnow"``, ``"retail"``, ``"shop_orders"``, ``"ecsi"``,
        ``"delivered_value"``.
    columns : dict, optional
        ``{role: your column}`` added to (and overriding) the file's own mapping.
    return_report : bool
        Also return the :class:`~crmlab.io.QualityReport`.
    **options
        Further reader options (``returns="net"`` …).
    """
    entry = get(name)
    if entry.kind != "file":
        raise DataError(f"{name!r} is a generator, not a shipped file: call {entry.load}.")
    if entry.data == "survey":
        return load_survey(name, columns=columns, return_report=return_report, **options)
    path = data_path(name)
    if entry.data == "transactions":
        kwargs = entry.reader_options()
        kwargs.update(resolve_columns(columns, schema.TRANSACTION_ROLES, reader="load"))
        kwargs.update(options)
        return read_transactions(path, return_report=return_report, **kwargs)
    if columns or options:
        raise DataError(f"{name!r} is a small example table, read as shipped: it takes no column mapping or "
                        f"options (got {sorted([*(columns or {}), *options])}).")
    frame = pd.read_csv(path)
    report = QualityReport(source=path.name, rows_read=len(frame), rows_kept=len(frame), encoding="utf-8",
                           separator=",")
    return attach_report(frame, report, return_report)


def load_cdnow(**options) -> pd.DataFrame:
    """The CDNOW master data set (69,659 purchases, 23,570 customers, 1997-01-01..1998-06-30).

    Course concept: real repeat-purchase data for RFM, CLV and loyalty measures.

    Returns
    -------
    DataFrame
        Canonical transactions: ``customer_id``, ``order_date``, ``amount`` (dollars),
        ``quantity`` (number of CDs); ``return_report=True`` adds the quality report.

    Examples
    --------
    >>> tx = load_cdnow()
    >>> len(tx), tx["customer_id"].nunique(), float(round(tx["amount"].sum(), 2))
    (69659, 23570, 2500315.63)
    """
    return load("cdnow", **options)


def load_retail(**options) -> pd.DataFrame:
    """The shipped synthetic retailer (``make_transactions(n_customers=2000, seed=2024)``), read and cleaned."""
    return load("retail", **options)


def load_shop_orders(**options) -> pd.DataFrame:
    """The small Chinese GBK shop export, read through its column mapping."""
    return load("shop_orders", **options)


def _split_columns(columns) -> tuple[dict, dict]:
    """A notebook's ``columns`` parameter: the role mapping, and reader options carried along with it."""
    if not columns:
        return {}, {}
    if not isinstance(columns, dict):
        raise DataError(f"columns={columns!r}: pass a dict {{role: your column}}, e.g. {{'customer': '客户编号'}}.")
    roles = set(schema.TRANSACTION_ROLES) | set(schema.TRANSACTION_ROLES.values())
    options = [p for p in inspect.signature(read_transactions).parameters
               if p not in ("source", "columns", "return_report")]
    mapping = {k: v for k, v in columns.items() if k in roles}
    extra = {k: v for k, v in columns.items() if k not in roles}
    for key in extra:
        if key not in options:
            import difflib

            close = difflib.get_close_matches(str(key), sorted(roles) + options, n=1, cutoff=0.5)
            hint = f" Did you mean {close[0]!r}?" if close else ""
            raise DataError(f"columns: {key!r} is neither a role nor a reader option.{hint} Roles are "
                            f"{', '.join(schema.TRANSACTION_ROLES)}; values are your column names.")
    return mapping, extra


def load_data(source="cdnow", columns: dict | None = None, *, return_report: bool = False, **options):
    """Load transactions from a bundled name, a synthetic seed or a file: what notebooks call.

    Course concept: the data step in one line (数据读取).

    Parameters
    ----------
    source : str, path or DataFrame
        A bundled data set name (``"cdnow"``, ``"retail"``, ``"shop_orders"``), ``"synthetic"``
        or ``"synthetic:<seed>"`` (a fresh :func:`make_transactions` data set, e.g. one per
        student), or a path to your own export.
    columns : dict, optional
        Column mapping ``{role: your column}`` (``{"customer": "客户编号", ...}``), the dialect of
        :func:`~crmlab.io.read_transactions` and :func:`~crmlab.io.read_survey`; for bundled data it
        overrides the bundled mapping. Reader options (``"returns"``, ``"encoding"`` …) may ride
        along in the same dict, as the notebooks' ``columns`` parameter allows.
    return_report : bool
        Also return the :class:`~crmlab.io.QualityReport`.
    **options
        Further reader options (``returns="net"``, ``encoding=`` …).

    Returns
    -------
    DataFrame or (DataFrame, QualityReport)
        Canonical transactions (the report also on display in ``.attrs["quality"]``).

    Examples
    --------
    >>> tx, report = load_data("shop_orders", return_report=True)
    >>> report.encoding, report.count("missing customer id")
    ('gb18030', 1)
    """
    mapping, extra = _split_columns(columns)
    kwargs = {**extra, **options}
    if isinstance(source, str) and source in names(kind="file", data="transactions"):
        return load(source, columns=mapping, return_report=return_report, **kwargs)
    if isinstance(source, str) and source in names(kind="file"):
        raise DataError(f"{source!r} is not a transactions data set: load it with {get(source).load}.")
    if isinstance(source, str) and (source == "synthetic" or source.startswith("synthetic:")):
        raw = make_transactions(seed=_synthetic_seed(source))
        given = resolve_columns(mapping, schema.TRANSACTION_ROLES, reader="load_data")
        frame, report = read_transactions(raw, columns={**_SYNTHETIC_COLUMNS, **given}, return_report=True,
                                          **kwargs)
        report.source = source
        return (frame, report) if return_report else frame
    return read_transactions(source, columns=mapping or None, return_report=return_report, **kwargs)


def load_survey(source: str = "ecsi", *, columns: dict | None = None, keep=None, return_report: bool = False,
                mapping: dict | None = None, **options):
    """Load a survey for a notebook: a bundled name, ``"synthetic:<seed>"`` or a file path.

    Course concept: the survey data behind satisfaction and loyalty analysis (顾客满意度调查数据).

    Parameters
    ----------
    source : str
        ``"ecsi"`` (bundled ECSI bank-customer survey, 0–10 items, with its mapping),
        ``"synthetic:<seed>"`` (:func:`make_survey` with 2,000 respondents) or a path.
    columns : dict, optional
        ``{role: your column}`` as in :func:`~crmlab.io.read_survey`; for a bundled name it adds
        to (and overrides) the bundled mapping.
    keep : list of str, optional
        Keep only these columns besides ``respondent_id``.
    return_report : bool
        Also return the :class:`~crmlab.io.QualityReport`.
    mapping : dict, optional
        Deprecated spelling of ``columns=`` (a :class:`DeprecationWarning` until the next release).
    **options
        Passed to :func:`~crmlab.io.read_survey` (``scales``, ``not_applicable``, …); for a
        bundled name they replace its defaults, and ``None`` means "the bundled default".

    Returns
    -------
    DataFrame or (DataFrame, QualityReport)

    Examples
    --------
    >>> load_survey("ecsi").shape
    (250, 29)
    >>> load_survey("synthetic:3")["industry"].nunique()
    5
    """
    roles, keep = survey_columns(columns, keep, mapping, caller="load_survey", stacklevel=3)
    source = str(source)
    if source.startswith("synthetic:"):
        try:
            seed = int(source.split(":", 1)[1])
        except ValueError:
            raise DataError(f"{source!r}: write synthetic:<seed> with a whole-number seed, e.g. 'synthetic:7'.") from None
        given = sorted([k for k, v in options.items() if v is not None] + (["columns"] if roles else [])
                       + (["keep"] if keep is not None else []))
        if given:
            import warnings

            warnings.warn(f"{source!r} is generated with canonical columns and 1–5 / 0–10 scales; "
                          f"{', '.join(given)} not used.", CrmlabWarning, stacklevel=2)
        frame = make_survey(2000, seed=seed)
        return (frame, quality_report(frame)) if return_report else frame
    if source in names(kind="file", data="survey"):
        entry = get(source)
        # None means "the bundled default"; 0 (e.g. not_applicable=0) is a real value. A mapping
        # adds to the bundled one.
        chosen = {k: v for k, v in options.items() if v is not None}
        bundled = resolve_columns(entry.columns, schema.SURVEY_ROLES, reader="load_survey", open_ended=True)
        return read_survey(data_path(source), columns={**bundled, **roles}, keep=keep, return_report=return_report,
                           **{**entry.options, **chosen})
    if source in names(kind="file"):
        raise DataError(f"{source!r} is not a survey: load it with {get(source).load}.")
    return read_survey(source, columns=roles or None, keep=keep, return_report=return_report, **options)
