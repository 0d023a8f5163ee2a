"""The only column, number and date checkers of the chapter modules.

Every chapter function checks its input the same way: a missing column names the keyword to pass
and the columns that exist; a value that is not a number or not a date stops with a
:class:`~crmlab.DataError` showing up to five offending values with their rows and saying what
to do instead. Scalar date arguments (``snapshot=`` …) go through :func:`crmlab._dates.as_day`.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping

import pandas as pd

from ._dates import as_day
from .errors import DataError, format_examples, missing_column_error

__all__ = ["require_columns", "as_numeric", "as_dates", "as_day", "bad_rows", "check_cut", "default_high"]

_DATE_FIX = "Read the file with crmlab.read_transactions(..., date=...) first."


def bad_rows(values: pd.Series, bad, *, limit: int = 5) -> list[tuple[object, object]]:
    """Up to ``limit`` ``(row label, value)`` pairs of ``values`` where ``bad`` is true.

    Rows are the index labels of ``values`` (line numbers for a frame with the default index),
    ready for :func:`crmlab.errors.format_examples`.
    """
    mask = pd.Series(bad, index=values.index).to_numpy(dtype=bool)
    picked = values[mask].head(limit)
    return list(zip(picked.index, picked.tolist()))


def require_columns(frame, columns: Mapping[str, str | None] | Iterable[tuple[str, str | None]], *,
                    role: str = "{keyword}", kind: str | None = None, hint: str = "") -> None:
    """Stop with a DataError unless every named column is in ``frame``.

    Parameters
    ----------
    frame : DataFrame
        The data to check.
    columns : mapping or iterable of pairs
        ``keyword → column``: the keyword the caller passes the column with (named in the
        message as the fix) and the column it names. ``None`` columns (an optional role not
        used) are skipped. Pairs may repeat a keyword (``[("value_columns", "a"), …]``).
    role : str
        What the column is for, in the message; ``{keyword}`` stands for the keyword.
    kind : str, optional
        When given, ``frame`` must be a DataFrame: a ``kind`` DataFrame (e.g. ``"survey"``),
        else a DataError ending with ``hint``.
    """
    if kind is not None and not isinstance(frame, pd.DataFrame):
        raise DataError(f"expected a {kind} DataFrame, got {type(frame).__name__}. {hint}".rstrip())
    pairs = columns.items() if isinstance(columns, Mapping) else columns
    for keyword, column in pairs:
        if column is not None and column not in frame.columns:
            raise missing_column_error(column, keyword=keyword, available=frame.columns,
                                       role=role.format(keyword=keyword))


def as_numeric(frame: pd.DataFrame, column: str, *, keyword: str | None = None, what: str = "numeric",
               fix: str = "Clean or map the column to numbers first.") -> pd.Series:
    """Column ``column`` of ``frame`` as float64; text that is not a number stops with a DataError.

    Missing values stay NaN (callers decide what a gap means); a value present but not a number
    is named with its row. ``what`` words the requirement (``"numeric"``, ``"numbers (ratings)"``)
    and ``fix`` says what to do.
    """
    values = frame[column]
    if pd.api.types.is_numeric_dtype(values) and not pd.api.types.is_bool_dtype(values):
        return values.astype("float64")
    numbers = pd.to_numeric(values, errors="coerce")
    bad = numbers.isna() & values.notna()
    if bad.any():
        label = f" ({keyword})" if keyword and keyword != column else ""
        raise DataError(f"column {column!r}{label} must be {what}; these values are not: "
                        f"{format_examples(bad_rows(values, bad))}. {fix}")
    return numbers.astype("float64")


def as_dates(frame: pd.DataFrame, column: str, *, keyword: str = "date", fix: str = _DATE_FIX,
             missing: str | None = None) -> pd.Series:
    """Column ``column`` as tz-naive datetime64: date strings are parsed, anything else is refused.

    A datetime column passes through (a time zone is dropped, keeping the local calendar day).
    Text is parsed with :func:`pandas.to_datetime`; values that do not parse are named with their
    rows. Numbers are refused rather than read as nanoseconds since 1970. With ``missing``, a
    missing date also stops, and ``missing`` is the advice given.
    """
    values = frame[column]
    label = f" ({keyword})" if keyword and keyword != column else ""
    if pd.api.types.is_datetime64_any_dtype(values):
        parsed = values
    elif pd.api.types.is_numeric_dtype(values) or pd.api.types.is_bool_dtype(values):
        raise DataError(f"column {column!r}{label} holds {values.dtype} values, not dates: "
                        f"{format_examples(bad_rows(values, values.notna()))}. {fix}")
    else:
        try:
            parsed = pd.to_datetime(values, errors="coerce")  # one format, inferred from the first value
            retry = parsed.isna() & values.notna()
            if retry.any():  # other layouts of a date ("2024-01-21 18:00" after "2024-01-01"): one by one
                parsed = parsed.astype("datetime64[ns]")
                parsed[retry] = pd.to_datetime(values[retry], errors="coerce", format="mixed").astype("datetime64[ns]")
        except (ValueError, TypeError) as error:  # e.g. mixed time-zone offsets
            raise DataError(f"column {column!r}{label} holds dates pandas cannot read together ({error}). "
                            f"{fix}") from error
        bad = parsed.isna() & values.notna()
        if bad.any():
            raise DataError(f"column {column!r}{label} holds values that are not dates: "
                            f"{format_examples(bad_rows(values, bad))}. {fix}")
    if getattr(parsed.dt, "tz", None) is not None:
        parsed = parsed.dt.tz_localize(None)
    if missing is not None and parsed.isna().any():
        raise DataError(f"column {column!r}{label} has missing dates: "
                        f"{format_examples(bad_rows(values, parsed.isna()))}. {missing}")
    return parsed


def check_cut(name: str, value: float, low: float, high: float, column: str) -> float:
    """``value`` if it is a usable cut point on the ``low``–``high`` scale of ``column``, else a DataError."""
    # A cut point at or below the bottom of the scale puts everyone above it, one beyond the top
    # nobody: both silently turn the analysis into one group (e.g. 8 on a 1–5 scale).
    if not low < value <= high:
        raise DataError(f"{name}={value:g} is outside the scale of column {column!r} ({low:g}–{high:g}), "
                        f"so every respondent falls on one side. Pass a value above {low:g} and at most "
                        f"{high:g}, or declare the right scale.")
    return value


def default_high(low: float, high: float) -> float:
    """The default "high" cut point of a rating scale."""
    # Smallest whole answer above the scale midpoint: 4 on 1–5, 6 on 0–10, 5 on 1–7.
    return float(math.floor((low + high) / 2) + 1)
