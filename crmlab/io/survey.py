"""Survey data: read any survey export into the canonical survey frame.

Course concept: measuring customer satisfaction with a questionnaire (顾客满意度调查).

The canonical survey frame (DESIGN §3) has ``respondent_id`` first, then the known columns
``customer_id``, ``industry``, ``segment``, ``satisfaction``, ``repurchase_intent`` and
``recommend`` where present, then every other column (attribute ratings, items) under its own
name. Rated items are ``float64`` on their declared scale, with missing answers and
"not applicable" codes as ``NaN``; text columns are pandas ``string``.

The bundled surveys and the survey generator are in :mod:`crmlab.datasets`.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Mapping

import numpy as np
import pandas as pd

from .. import schema
from ..errors import DataError, format_examples, missing_column_error
from .columns import resolve_columns
from .quality import attach_report
from .table import read_table

__all__ = ["read_survey", "survey_columns", "SURVEY_COLUMNS"]

#: Canonical survey columns, in the order the reader puts them first.
SURVEY_COLUMNS: tuple[str, ...] = schema.SURVEY_COLUMNS
_TEXT_COLUMNS = (schema.RESPONDENT, schema.CUSTOMER, schema.INDUSTRY, schema.SEGMENT)


def survey_columns(columns=None, keep=None, mapping=None, *, caller: str = "read_survey",
                   stacklevel: int = 3) -> tuple[dict, list | None]:
    """The ``columns`` / ``keep`` a survey reader was given, old spellings turned into the new.

    ``columns`` is ``{role: your column}`` (the dialect of every reader). Until the next release the
    old spellings still work, with a :class:`DeprecationWarning`: ``mapping={canonical: column}``
    (merged into ``columns``) and a list passed as ``columns=`` (the columns to keep, now ``keep=``).

    Returns
    -------
    (dict, list or None)
        ``{role: column}`` (roles of :data:`crmlab.schema.SURVEY_ROLES`, or item names) and the
        columns to keep.
    """
    if columns is not None and not isinstance(columns, Mapping):
        if isinstance(columns, str):
            raise DataError(f"{caller}(columns={columns!r}): columns= is the mapping {{role: your column}}, "
                            f"e.g. {{'satisfaction': {columns!r}}}; to keep only some columns pass "
                            f"keep=[{columns!r}, ...].")
        warnings.warn(f"{caller}(columns=[...]) as the list of columns to keep is now keep=[...]; columns= is "
                      "the {role: your column} mapping, as in read_transactions and load_data. The list form "
                      "goes in the next release.", DeprecationWarning, stacklevel=stacklevel)
        if keep is not None:
            raise DataError(f"{caller}: pass the columns to keep once, as keep=[...] (columns= is the mapping).")
        columns, keep = None, list(columns)
    resolved = resolve_columns(columns, schema.SURVEY_ROLES, reader=caller, open_ended=True)
    if mapping is not None:
        warnings.warn(f"{caller}(mapping=...) is now columns=, the same {{role: your column}} dict as "
                      "read_transactions and load_data take (keys: respondent, satisfaction, recommend, … or "
                      "an item name). mapping= goes in the next release.", DeprecationWarning,
                      stacklevel=stacklevel)
        old = resolve_columns(mapping, schema.SURVEY_ROLES, reader=caller, open_ended=True)
        for role, user in old.items():
            if role in resolved and resolved[role] != user:
                raise DataError(f"{caller}: the {role} role is mapped twice, to {resolved[role]!r} by columns= "
                                f"and to {user!r} by mapping=; pass it once, in columns=.")
        resolved = {**old, **resolved}
    if keep is not None and (isinstance(keep, str) or not isinstance(keep, Iterable)):
        raise DataError(f"{caller}(keep={keep!r}): pass a list of column names, e.g. keep=[{keep!r}].")
    return resolved, (list(keep) if keep is not None else None)

def _as_codes(value, column: str) -> tuple:
    if value is None:
        return ()
    if isinstance(value, (int, float, str)):
        return (value,)
    return tuple(value)


def _per_column(option, columns: Iterable[str], name: str) -> dict:
    """Spread an option given once (for every column) or per column into a {column: value} dict."""
    if option is None:
        return {}
    if isinstance(option, Mapping):
        return dict(option)
    return {c: option for c in columns}


def _check_scale(column: str, scale) -> tuple[float, float]:
    try:
        low, high = (float(v) for v in scale)
    except (TypeError, ValueError):
        raise DataError(f"scale for column {column!r} must be a (low, high) pair such as (1, 5) "
                        f"or (0, 10); got {scale!r}.") from None
    if not low < high:
        raise DataError(f"scale for column {column!r} is {scale!r}: low must be below high, e.g. (1, 5).")
    return low, high


def read_survey(source, *, columns: Mapping[str, str] | None = None, respondent: str | None = None,
                keep: Iterable[str] | None = None, scales=None, not_applicable=None, reverse: Iterable[str] = (),
                recode: Mapping[str, Mapping] | None = None, encoding: str | None = None, sep: str | None = None,
                return_report: bool = False, mapping: Mapping[str, str] | None = None):
    """Read a survey export (CSV/Excel/Parquet or a DataFrame) into the canonical survey frame.

    Course concept: measuring customer satisfaction with a questionnaire (顾客满意度调查).

    Parameters
    ----------
    source : path or DataFrame
        The survey file or frame. Encoding and separator are detected (see
        :func:`crmlab.io.read_table`).
    columns : dict, optional
        ``{role: your column}``, the mapping every crmlab reader takes: roles ``respondent``,
        ``customer``, ``industry``, ``segment``, ``satisfaction``, ``repurchase_intent``,
        ``recommend`` (or their canonical names, ``respondent_id`` …), e.g. ``{"satisfaction":
        "sat1", "recommend": "推荐意愿", "industry": "行业"}``. Any other key names an item: the user
        column is renamed to it. Columns not mapped keep their own names.
    respondent : str, optional
        User column holding the respondent id (the same as ``columns={"respondent": ...}``). If
        neither gives one, respondents are numbered ``"1", "2", …`` in file order.
    keep : list of str, optional
        Keep only these columns (canonical names after mapping, or own names) besides
        ``respondent_id``.
    scales : (low, high) or dict, optional
        The declared answer scale. A pair such as ``(1, 5)`` applies to every column that is
        numeric; a dict ``{column: (low, high)}`` (canonical or own names after mapping)
        declares each column. Declared columns must hold numbers on the scale, otherwise a
        :class:`DataError` names the column and shows the bad values.
    not_applicable : value, tuple or dict, optional
        Codes meaning "not applicable / don't know" (e.g. ``0`` on an airline survey rated
        1–5). A value or tuple applies to every declared column; a dict gives codes per column.
        They become ``NaN`` and are counted in the quality report.
    reverse : list of str
        Reverse-coded items, turned round as ``low + high - x`` (they need a declared scale).
    recode : dict, optional
        ``{column: {answer: code}}`` applied first, for text answers (``{"loyal": {"Yes": 1,
        "No": 0}}``). Answers not in the dict are kept as they are.
    encoding, sep : str, optional
        Passed to :func:`crmlab.io.read_table` (detected when omitted).
    return_report : bool
        Also return the :class:`~crmlab.io.QualityReport` (see :mod:`crmlab.io.quality`).
    mapping : dict, optional
        Deprecated: ``{canonical name: user column}``, now ``columns=``. A list passed as
        ``columns=`` (the columns to keep) is deprecated for ``keep=``. Both still work, with a
        :class:`DeprecationWarning`, until the next release.

    Returns
    -------
    DataFrame or (DataFrame, QualityReport)
        One row per respondent, canonical columns first. The :class:`~crmlab.io.QualityReport`
        counts missing answers and not-applicable codes over the declared items and the
        reverse-coded items; its ``scales`` holds the ``{column: (low, high)}`` declared. For
        display the frame carries the report in ``.attrs["quality"]`` and the scales in
        ``.attrs["scales"]`` (display copies: pass ``scales=report.scales`` on rather than rely on them).

    Raises
    ------
    DataError
        If a mapped column is missing, a declared column holds text or values off its scale,
        a reverse-coded item has no scale, or respondent ids repeat.

    Examples
    --------
    >>> import pandas as pd
    >>> raw = pd.DataFrame({"id": ["a", "b", "c"], "sat": ["5", "4", ""], "nps": [10, 6, 0]})
    >>> s, report = read_survey(raw, columns={"respondent": "id", "satisfaction": "sat", "recommend": "nps"},
    ...                         scales={"satisfaction": (1, 5), "recommend": (0, 10)}, return_report=True)
    >>> s.columns.tolist()
    ['respondent_id', 'satisfaction', 'recommend']
    >>> s["satisfaction"].tolist()
    [5.0, 4.0, nan]
    >>> report.count("missing answers"), report.scales["recommend"]
    (1, (0.0, 10.0))
    """
    roles, keep = survey_columns(columns, keep, mapping)
    if respondent is not None:
        if roles.get("respondent", respondent) != respondent:
            raise DataError(f"the respondent id column is given twice: respondent={respondent!r} and "
                            f"columns={{'respondent': {roles['respondent']!r}}}; pass it once.")
        roles["respondent"] = respondent
    frame, report = read_table(source, encoding=encoding, sep=sep)
    from_file = not isinstance(source, pd.DataFrame)
    if isinstance(source, pd.DataFrame):
        frame = source.copy()
        frame.columns = [str(c) for c in frame.columns]
    report.rows_read = len(frame)
    mapping = {schema.SURVEY_ROLES.get(role, role): user for role, user in roles.items() if user is not None}
    for role, user in roles.items():
        if user is not None and user not in frame.columns:
            raise missing_column_error(user, keyword="respondent" if role == "respondent" and respondent is not None
                                       else f"columns[{role!r}]", available=frame.columns,
                                       role=schema.SURVEY_ROLES.get(role, role))
    rename = {user: canonical for canonical, user in mapping.items()}
    frame = frame.rename(columns=rename)

    def canon(column):  # options may name a mapped column by its own (user) name too
        return rename.get(column, column) if column not in frame.columns else column

    if isinstance(scales, Mapping):
        scales = {canon(c): v for c, v in scales.items()}
    if isinstance(not_applicable, Mapping):
        not_applicable = {canon(c): v for c, v in not_applicable.items()}
    recode = {canon(c): v for c, v in (recode or {}).items()}
    reverse = [canon(c) for c in reverse]
    if schema.RESPONDENT not in frame.columns:
        frame.insert(0, schema.RESPONDENT, [str(i + 1) for i in range(len(frame))])
    if keep is not None:
        keep = [schema.RESPONDENT] + [c for c in map(canon, keep) if c != schema.RESPONDENT]
        for c in keep:
            if c not in frame.columns:
                raise missing_column_error(c, keyword="keep", available=frame.columns, role="a kept column")
        frame = frame[keep]
    frame = frame.reset_index(drop=True)

    def rows(mask) -> list:
        positions = np.flatnonzero(np.asarray(mask))
        return [p + 2 if from_file else p for p in positions]

    # Recode text answers first.
    for column, table in recode.items():
        if column not in frame.columns:
            raise missing_column_error(column, keyword="recode", available=frame.columns, role="recoding")
        lookup = {str(k).strip().lower(): v for k, v in table.items()}
        frame[column] = [lookup.get(str(v).strip().lower(), v) if not _isna(v) else v for v in frame[column]]

    # Which columns carry a declared scale?
    text_like = set(_TEXT_COLUMNS)
    if scales is None:
        declared = {}
    elif isinstance(scales, Mapping):
        declared = {c: _check_scale(c, s) for c, s in scales.items()}
        for c in declared:
            if c not in frame.columns:
                raise missing_column_error(c, keyword="scales", available=frame.columns, role="a rated item")
    else:
        pair = _check_scale("(all)", scales)
        declared = {c: pair for c in frame.columns
                    if c not in text_like and _all_numeric(frame[c])}
    na_codes = {c: _as_codes(v, c) for c, v in _per_column(not_applicable, declared, "not_applicable").items()}
    for c in na_codes:
        if c not in frame.columns:
            raise missing_column_error(c, keyword="not_applicable", available=frame.columns, role="a rated item")
    reverse = list(reverse)
    for c in reverse:
        if c not in frame.columns:
            raise missing_column_error(c, keyword="reverse", available=frame.columns, role="a reverse-coded item")
        if c not in declared:
            raise DataError(f"column {c!r} is reverse-coded but has no declared scale. "
                            f"Pass scales={{{c!r}: (low, high)}} so it can be turned round as low + high - x.")

    n_missing = n_na = 0
    out = {}
    for c in frame.columns:
        values = frame[c]
        if c in declared or c in na_codes:
            numbers = pd.to_numeric(values.astype("string").str.strip(), errors="coerce") \
                if values.dtype == object or str(values.dtype).startswith("string") \
                else pd.to_numeric(values, errors="coerce")
            numbers = numbers.astype("float64")
            blank = values.isna().to_numpy() | values.astype("string").str.strip().fillna("").eq("").to_numpy()
            text = numbers.isna().to_numpy() & ~blank
            if text.any():
                raise DataError(
                    f"column {c!r} should hold numbers on its scale but has text: "
                    f"{format_examples(zip(rows(text), values[text]))}. Fix the cells, or map text answers "
                    f"to numbers with recode={{{c!r}: {{'<answer>': <number>, ...}}}}.")
            codes = [float(x) for x in na_codes.get(c, ())]
            is_na_code = numbers.isin(codes).to_numpy() if codes else np.zeros(len(numbers), bool)
            n_na += int(is_na_code.sum())
            n_missing += int(blank.sum())
            numbers = numbers.mask(is_na_code)
            if c in declared:
                low, high = declared[c]
                off = (numbers.notna() & ((numbers < low) | (numbers > high))).to_numpy()
                if off.any():
                    raise DataError(
                        f"column {c!r} has answers outside its declared scale {low:g}–{high:g}: "
                        f"{format_examples(zip(rows(off), numbers[off]))}. Declare the right scale with "
                        f"scales={{{c!r}: (low, high)}}" + (
                            f", or if {numbers[off].iloc[0]:g} is a code such as 'not applicable' pass "
                            f"not_applicable={{{c!r}: ({numbers[off].iloc[0]:g},)}}."
                            if numbers[off].nunique() == 1 else "."))
                if c in reverse:
                    numbers = low + high - numbers
            out[c] = numbers
        elif c in text_like:
            s = values.astype("string").str.strip()
            out[c] = s.mask(s.eq(""))
        else:
            out[c] = _infer(values)
    result = pd.DataFrame(out)
    ids = result[schema.RESPONDENT]
    if ids.isna().any():
        bad = ids.isna().to_numpy()
        raise DataError(f"column {schema.RESPONDENT!r} has missing respondent ids: "
                        f"{format_examples(zip(rows(bad), ids[bad]))}. Fill them, or leave respondent=None "
                        "to number respondents in file order.")
    dup = ids.duplicated(keep=False).to_numpy()
    if dup.any():
        raise DataError(f"column {schema.RESPONDENT!r} repeats respondent ids: "
                        f"{format_examples(zip(rows(dup), ids[dup]))}. Each row must be one respondent; "
                        "remove duplicate rows or leave respondent=None to number rows.")
    order = [c for c in SURVEY_COLUMNS if c in result.columns]
    result = result[order + [c for c in result.columns if c not in order]]
    report.add("missing answers", n_missing, "kept as NaN")
    report.add("not-applicable codes", n_na, "set to NaN")
    report.add("reverse-coded items", len(reverse), "turned round as low + high − x")
    report.add("items on a declared scale", len(declared), "checked against the scale")
    report.rows_kept = len(result)
    report.scales = {c: declared[c] for c in result.columns if c in declared}
    result.attrs["scales"] = dict(report.scales)
    return attach_report(result, report, return_report)


def _isna(value) -> bool:
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _all_numeric(values: pd.Series) -> bool:
    if pd.api.types.is_numeric_dtype(values) and not pd.api.types.is_bool_dtype(values):
        return True
    s = values.astype("string").str.strip()
    s = s[s.notna() & s.ne("")]
    return len(s) > 0 and pd.to_numeric(s, errors="coerce").notna().all()


def _infer(values: pd.Series) -> pd.Series:
    """Undeclared columns: numbers when every answer is a number, else text."""
    if pd.api.types.is_numeric_dtype(values) and not pd.api.types.is_bool_dtype(values):
        return values.astype("float64")
    if _all_numeric(values):
        s = values.astype("string").str.strip()
        return pd.to_numeric(s.mask(s.eq("")), errors="coerce").astype("float64")
    s = values.astype("string").str.strip()
    return s.mask(s.eq(""))
