"""The chapter notebooks' parameters: type and range of each, declared once, checked before a kernel starts.

A parameter means the same in every chapter that declares it (``seed``, ``lang``, ``snapshot`` …), so
the declarations are keyed by name. :func:`check_value` validates one value and returns it in the
form papermill can pass to a kernel (dates become ISO text: papermill serialises parameters as JSON).
A notebook outside the kit may declare names not listed here; those are checked against the type of
their literal default only.
"""

from __future__ import annotations

import datetime as _dt
import math
from dataclasses import dataclass

from .errors import DataError

__all__ = ["Spec", "SPECS", "check_value", "describe"]


@dataclass(frozen=True)
class Spec:
    """What one parameter accepts.

    ``kind`` is one of ``"int"``, ``"number"``, ``"str"``, ``"choice"``, ``"date"``, ``"source"``
    (a bundled data set name or a file path), ``"mapping"`` (a dict), ``"pair"`` (two numbers, low <
    high), ``"names"`` (a non-empty list of strings). ``low``/``high`` bound numbers (inclusive unless
    ``open_low``); ``optional`` allows ``None``; ``or_mapping`` also accepts a dict (cut points).
    """

    kind: str
    low: float | None = None
    high: float | None = None
    choices: tuple = ()
    optional: bool = False
    open_low: bool = False
    or_mapping: bool = False
    help: str = ""


_DAYS = dict(low=1, high=3650)
SPECS: dict[str, Spec] = {
    # every chapter
    "data": Spec("source", help="a bundled data set (crmlab datasets), synthetic:<seed> or a file path"),
    "columns": Spec("mapping", help="column mapping and reader options, e.g. {customer: 客户编号}"),
    "lang": Spec("choice", choices=("en", "zh")),
    "seed": Spec("int", 0, 2**32 - 1, help="random seed"),
    # 01 customer value
    "calibration_end": Spec("date", optional=True),
    "horizon": Spec("int", 1, 520, help="weeks"),
    "discount_rate": Spec("number", 0, 1, help="per year, e.g. 0.10"),
    "margin": Spec("number", 0, 1, open_low=True, help="share of revenue, e.g. 0.30"),
    # 02 RFM
    "snapshot": Spec("date", optional=True),
    "bins": Spec("int", 2, 10, help="score levels"),
    "method": Spec("choice", choices=("quantile", "rank", "mean"), or_mapping=True),
    "scheme": Spec("choice", choices=("named", "mean_split")),
    "n_clusters": Spec("int", 2, 20, optional=True),
    # 03 association rules
    "min_support": Spec("number", 0, 1, open_low=True),
    "min_confidence": Spec("number", 0, 1),
    "max_len": Spec("int", 1, 10, optional=True),
    "top": Spec("int", 1, 500),
    # 04 satisfaction
    "scale": Spec("pair", optional=True),
    "not_applicable": Spec("number", optional=True),
    "satisfaction_items": Spec("names"),
    "attributes": Spec("names"),
    "satisfied_at": Spec("number", optional=True),
    "loyal_at": Spec("number", optional=True),
    "defection_below": Spec("number", optional=True),
    "affection_from": Spec("number", optional=True),
    "n_respondents": Spec("int", 10, 100_000),
    # 05 loyalty
    "freq": Spec("choice", choices=("M", "Q", "Y")),
    "attitude_threshold": Spec("number", 1, 7, help="on the 1-7 attachment scale"),
    "repeat_threshold": Spec("number", 0, 1),
    "min_length": Spec("int", 1, 100),
    "core_share": Spec("number", 0, 1, open_low=True),
    "panel_length": Spec("int", 2, 200),
    # 06 lifecycle
    "window_days": Spec("int", **_DAYS),
    "exploration_days": Spec("int", **_DAYS),
    "cohort_freq": Spec("choice", choices=("M", "Q", "W")),
    "churn_after_days": Spec("int", **_DAYS),
    "churn_data": Spec("source", optional=True),
    "tenure_col": Spec("str"),
    "churn_col": Spec("str"),
    "group_col": Spec("str"),
}


def describe(spec: Spec) -> str:
    """Short text of what a parameter accepts, e.g. ``"whole number 2 … 10"``."""
    if spec.kind == "choice":
        text = " or ".join(repr(c) for c in spec.choices) + (" or a mapping" if spec.or_mapping else "")
    elif spec.kind in ("int", "number"):
        text = "whole number" if spec.kind == "int" else "number"
        if spec.low is not None and spec.high is not None:
            text += f" {'above ' if spec.open_low else ''}{_num(spec.low)} … {_num(spec.high)}"
    else:
        text = {"date": "date like 2024-06-01", "source": "data set name or file path",
                "mapping": "mapping (key: value)", "pair": "pair of numbers [low, high]",
                "names": "list of column names", "str": "text"}[spec.kind]
    if spec.optional:
        text += " or null"
    return text + (f", {spec.help}" if spec.help and spec.kind not in ("source", "mapping") else "")


def _num(value) -> str:
    return f"{value:,}" if isinstance(value, int) else f"{value:g}"


def check_value(name: str, value, spec: Spec, where: str = ""):
    """Return ``value`` as the kernel should receive it, or raise :class:`DataError` in one line."""
    def bad(reason: str = ""):
        got = f"{type(value).__name__} {value!r}" if not isinstance(value, str) else repr(value)
        return DataError(f"{where}parameter {name!r} expects {describe(spec)}, got {got}"
                         + (f": {reason}" if reason else "") + ".")

    if value is None:
        if spec.optional:
            return None
        raise bad()
    if spec.or_mapping and isinstance(value, dict):
        return value
    kind = spec.kind
    if kind in ("int", "number"):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise bad()
        if kind == "int" and not (isinstance(value, int) or float(value).is_integer()):
            raise bad()
        if isinstance(value, float) and not math.isfinite(value):
            raise bad()
        low_ok = spec.low is None or (value > spec.low if spec.open_low else value >= spec.low)
        if not low_ok or (spec.high is not None and value > spec.high):
            raise bad("out of range")
        return int(value) if kind == "int" else value
    if kind == "choice":
        if value not in spec.choices:
            raise bad()
        return value
    if kind == "date":
        return _as_date_text(value, bad)
    if kind in ("str", "source"):
        if not isinstance(value, str) or not value.strip():
            raise bad()
        return value
    if kind == "mapping":
        if not isinstance(value, dict):
            raise bad()
        return value
    if kind == "pair":
        if (not isinstance(value, (list, tuple)) or len(value) != 2
                or not all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in value)):
            raise bad()
        if not value[0] < value[1]:
            raise bad("low must be below high")
        return list(value)
    if kind == "names":
        if (not isinstance(value, (list, tuple)) or not value
                or not all(isinstance(v, str) and v for v in value)):
            raise bad()
        return list(value)
    raise AssertionError(f"unknown parameter kind {kind!r}")  # pragma: no cover - a typo in SPECS


def _as_date_text(value, bad) -> str:
    """A date as ISO text (YAML turns ``2024-06-01`` into a ``datetime.date``; JSON cannot carry it)."""
    import pandas as pd

    if isinstance(value, (_dt.date, pd.Timestamp)):
        stamp = pd.Timestamp(value)
    elif isinstance(value, pd.Period):
        stamp = value.to_timestamp()
    elif isinstance(value, str) and value.strip():
        try:
            stamp = pd.Timestamp(value.strip())
        except (ValueError, TypeError, OverflowError):
            raise bad("not a date") from None
    else:
        raise bad()
    if pd.isna(stamp) or not 1900 <= stamp.year <= 2200:
        raise bad("not a plausible date")
    if stamp.tzinfo is not None:
        stamp = stamp.tz_convert(None)
    return stamp.isoformat() if (stamp.hour, stamp.minute, stamp.second) != (0, 0, 0) else f"{stamp:%Y-%m-%d}"
