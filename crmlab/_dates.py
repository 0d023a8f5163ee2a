"""Date-like arguments (snapshot, calibration_end, start, end …) as one calendar day."""

from __future__ import annotations

import datetime as _dt

import numpy as np
import pandas as pd

from .errors import DataError


def as_day(value, *, name: str, period_end: bool = True) -> pd.Timestamp:
    """``value`` as a tz-naive midnight Timestamp.

    Accepts a Timestamp, ``datetime``/``date``, ``numpy.datetime64``, a date string
    (``"2024-06-30"``) or a ``pd.Period``: a period stands for its last day (``period_end``,
    e.g. ``Period("2024-06")`` → 2024-06-30, as for a snapshot or a period end) or its first.
    Anything else stops with a DataError naming the argument.
    """
    if isinstance(value, pd.Period):
        stamp = value.end_time if period_end else value.start_time
    elif isinstance(value, (pd.Timestamp, _dt.date, np.datetime64, str)):
        try:
            stamp = pd.Timestamp(value)
        except (ValueError, TypeError):
            stamp = pd.NaT
    else:
        raise DataError(f"{name}={value!r} is not a date: pass a date such as '2024-06-30', "
                        "pd.Timestamp('2024-06-30') or pd.Period('2024-06').")
    if stamp is pd.NaT or pd.isna(stamp):
        raise DataError(f"{name}={value!r} is not a date: pass a date such as '2024-06-30', "
                        "pd.Timestamp('2024-06-30') or pd.Period('2024-06').")
    if stamp.tzinfo is not None:
        stamp = stamp.tz_localize(None)
    return stamp.normalize()
