"""Values in raw columns: number styles, currency marks, dates and ids, decided once per file.

Course concept: the second half of the data step — turning the text of an export into amounts,
dates and ids without guessing per value (``1.234,5`` or ``1,234.5`` is decided for the whole
file; ``dd/mm`` or ``mm/dd`` for the whole column; ids keep every digit).

Used by :func:`crmlab.io.read_transactions`; every decision is counted in the
:class:`~crmlab.io.QualityReport` it is given.
"""

from __future__ import annotations

import re
import warnings

import numpy as np
import pandas as pd

from .. import schema
from ..errors import CrmlabWarning, DataError, format_examples
from .quality import QualityReport
from .table import NA_STRINGS

__all__ = ["to_numbers", "parse_dates", "clean_ids", "row_labels"]

# Currency marks, and the currency each stands for. ¥/￥/元/RMB are all renminbi (the kit's users
# are mostly in China; a yen export should say JPY or 円). HK$ and US$ are matched before "$".
_CURRENCY_MARKS = [
    ("HKD", r"HK\$|HKD"), ("CNY", r"[¥￥元]|RMB|CNY"), ("USD", r"US\$|USD|\$"), ("EUR", r"€|EUR"),
    ("GBP", r"£|GBP"), ("JPY", r"円|JPY"), ("KRW", r"₩|KRW"), ("INR", r"₹|INR"), ("CHF", r"CHF"),
]
# A pattern string (not compiled) with an inline flag, so pandas can hand it to Arrow's regex engine.
_ANY_MARK = "(?i)" + "|".join(f"(?:{p})" for _, p in _CURRENCY_MARKS)
_CURRENCY = _ANY_MARK + r"|\s"
# Number styles. Unambiguous forms decide a file's style; "1,234" and "1.234" alone could be either.
_EU_NUMBER = r"^[-+]?([1-9]\d{0,2}(\.\d{3})+(,\d*)?|\d+,(\d{1,2}|\d{4,})|0,\d+)$"  # 1.234,5 · 12,50 · 0,125
_US_NUMBER = r"^[-+]?([1-9]\d{0,2}(,\d{3})+(\.\d*)?|\d+\.(\d{1,2}|\d{4,})|0\.\d+)$"  # 1,234.5 · 12.50 · 0.125
_AMBIGUOUS_EU = r"^[-+]?[1-9]\d{0,2}\.\d{3}$"   # "1.234": 1234 in a decimal-comma column
_AMBIGUOUS_US = r"^[-+]?[1-9]\d{0,2},\d{3}$"     # "1,234": 1234 in a decimal-point column


def row_labels(index: pd.Index, positions, *, from_file: bool) -> list:
    # Files: the index already holds the line number a person sees in an editor (header = line 1).
    return [index[p] for p in positions]


def bad_examples(shown: pd.Series, bad: pd.Series, *, from_file: bool) -> tuple[int, str]:
    """How many values are ``bad``, and up to five of them as "line 3: 'x'" text."""
    positions = np.flatnonzero(bad.to_numpy())
    labels = row_labels(shown.index, positions, from_file=from_file)
    return len(positions), format_examples(zip(labels, shown.iloc[positions]), where="line" if from_file else "row")


def _currencies(text: pd.Series) -> pd.Series:
    """The currency (ISO code) each value is marked with, or NA."""
    found = pd.Series(pd.NA, index=text.index, dtype="object")
    for code, pattern in _CURRENCY_MARKS:
        hit = text.str.contains("(?i)" + pattern, regex=True).fillna(False).astype(bool) & found.isna()
        found[hit.to_numpy()] = code
    return found


def _check_currencies(texts: dict[str, pd.Series], report: QualityReport, *, from_file: bool) -> None:
    """One currency per file: several in the money columns is an error, one is counted."""
    where = "line" if from_file else "row"
    for column, text in texts.items():
        if not text.str.contains(_ANY_MARK, regex=True).fillna(False).any():
            continue
        found = _currencies(text)
        marked = found.notna()
        if not marked.any():
            continue
        counts = found[marked].value_counts()
        if len(counts) > 1:
            parts = []
            for code, n in counts.items():
                positions = np.flatnonzero((found == code).fillna(False).to_numpy(dtype=bool))
                labels = row_labels(text.index, positions[:2], from_file=from_file)
                parts.append(f"{code} {n:,} row(s) ({format_examples(zip(labels, text.iloc[positions[:2]]), where=where)})")
            raise DataError(
                f"column {column!r} mixes currencies: {'; '.join(parts)}. Adding them up would mix "
                "currencies. Split the file by currency and read each part, or convert the amounts "
                "to one currency before reading (a currency column option comes later)."
            )
        report.add(f"currency marks in {column!r}", int(marked.sum()),
                   f"one currency ({counts.index[0]}): marks removed")


def _clean_number_text(values: pd.Series) -> tuple[pd.Series, pd.Series]:
    text = values.astype("string").str.strip()
    cleaned = text.str.replace(_CURRENCY, "", regex=True)
    # (1.234,56) accounting negatives
    cleaned = cleaned.str.replace(r"^\((.*)\)$", r"-\1", regex=True)
    return text, cleaned


def _file_number_style(cleaned: dict[str, pd.Series], report: QualityReport) -> str | None:
    """Decimal commas ("eu") or decimal points ("us") for the whole file, from every numeric column.

    SAP and other ERP exports write a quantity of 4 as "4,000" next to amounts "12,50": alone the
    quantity column is ambiguous, but the file's unambiguous values decide it. Returns None when
    the file gives no evidence or contradicting evidence (then each column decides for itself).
    """
    # Columns whose reading depends on the decision: they hold commas or "1.234" forms.
    affected = [c for c, v in cleaned.items()
                if (v.str.contains(",", regex=False) | v.str.match(_AMBIGUOUS_EU)).fillna(False).any()]
    if not affected:
        return None
    eu_cols, us_cols, n_eu, n_us = [], [], 0, 0
    for column, values in cleaned.items():
        eu = values.str.match(_EU_NUMBER).fillna(False).astype(bool)
        us = values.str.match(_US_NUMBER).fillna(False).astype(bool)
        ambiguous = (values.str.match(_AMBIGUOUS_US).fillna(False) | values.str.match(_AMBIGUOUS_EU).fillna(False)
                     ).astype(bool) & ~(eu & us)
        # Values matching both forms ("12.5" is US only, "1,234.5" US, "12,50" EU) carry no evidence.
        eu_only, us_only = eu & ~us & ~ambiguous, us & ~eu & ~ambiguous
        if eu_only.any():
            eu_cols.append(column)
            n_eu += int(eu_only.sum())
        if us_only.any():
            us_cols.append(column)
            n_us += int(us_only.sum())
    if bool(n_eu) == bool(n_us):
        return None
    style, columns, n = ("eu", eu_cols, n_eu) if n_eu else ("us", us_cols, n_us)
    if affected:
        report.add("number style of the file", n,
                   ("decimal commas (1.234,5)" if style == "eu" else "decimal points (1,234.5)")
                   + " decided from " + ", ".join(repr(c) for c in columns)
                   + ", applied to " + ", ".join(repr(c) for c in affected))
    return style


def _to_number(values: pd.Series, column: str, keyword: str, report: QualityReport,
               *, from_file: bool, style: str | None = None, texts: tuple | None = None) -> pd.Series:
    if pd.api.types.is_bool_dtype(values):
        values = values.astype(float)
    if pd.api.types.is_numeric_dtype(values):
        return values.astype("float64")
    text, cleaned = _clean_number_text(values) if texts is None else texts
    cleaned = _normalise_separators(cleaned, column, report, style=style)
    numbers = pd.to_numeric(cleaned, errors="coerce")
    bad = numbers.isna() & text.notna()
    if bad.any():
        count, examples = bad_examples(text, bad, from_file=from_file)
        raise DataError(
            f"column {column!r} ({keyword}=) has {count:,} value(s) that are not numbers: "
            f"{examples}. Fix or remove those rows, or map {keyword}= to the numeric column."
        )
    return numbers.astype("float64")


def to_numbers(frame: pd.DataFrame, specs: dict[str, tuple[str, str]], report: QualityReport,
                *, from_file: bool) -> dict[str, pd.Series]:
    """Parse the numeric columns ``{canonical: (user column, keyword)}`` with one number style."""
    texts, cleaned = {}, {}
    for canonical in specs:
        values = frame[canonical]
        if not (pd.api.types.is_numeric_dtype(values) or pd.api.types.is_bool_dtype(values)):
            texts[canonical], cleaned[canonical] = _clean_number_text(values)
    money = {specs[c][0]: t for c, t in texts.items() if c in (schema.AMOUNT, schema.UNIT_PRICE)}
    _check_currencies(money, report, from_file=from_file)
    style = _file_number_style({specs[c][0]: v for c, v in cleaned.items()}, report) if cleaned else None
    return {canonical: _to_number(frame[canonical], user, keyword, report, from_file=from_file,
                                  style=style, texts=(texts[canonical], cleaned[canonical])
                                  if canonical in cleaned else None)
            for canonical, (user, keyword) in specs.items()}


def _normalise_separators(cleaned: pd.Series, column: str, report: QualityReport,
                          *, style: str | None = None) -> pd.Series:
    """Decimal commas and thousands separators, decided for the whole file or column, never per value.

    ``style`` ("eu" or "us") is the file's decision (:func:`_file_number_style`). Without one, a
    column whose unambiguous values use decimal commas ("12,50", "1.234,00") is read that way
    throughout ("1.234" is then 1234); one that uses decimal points ("12.50", "1,234.50") has
    its commas read as thousands separators ("2,000" is 2000). A column of only ambiguous values
    ("1,234") follows the file: decimal commas in semicolon-separated files, thousands otherwise;
    that guess is counted in the report.
    """
    has_comma = cleaned.str.contains(",", regex=False).fillna(False)
    ambiguous_dot = cleaned.str.match(_AMBIGUOUS_EU).fillna(False)
    if not (has_comma.any() or ambiguous_dot.any()):
        return cleaned
    eu = cleaned.str.match(_EU_NUMBER).fillna(False)
    us = cleaned.str.match(_US_NUMBER).fillna(False)
    ambiguous = (cleaned.str.match(_AMBIGUOUS_US).fillna(False) | ambiguous_dot) & ~(eu & us)
    eu_evidence, us_evidence = (eu & ~ambiguous).any(), (us & ~ambiguous).any()
    if style is not None:
        eu_evidence, us_evidence = style == "eu", style == "us"
    if eu_evidence and not us_evidence:
        comma_decimal = cleaned.notna()
    elif us_evidence and not eu_evidence:
        comma_decimal = pd.Series(False, index=cleaned.index)
    elif eu_evidence and us_evidence:  # inconsistent column: each unambiguous value by its own form
        comma_decimal = eu & ~ambiguous
    else:
        guess_eu = report.separator == ";"
        comma_decimal = cleaned.notna() if guess_eu else pd.Series(False, index=cleaned.index)
        if ambiguous.any():
            report.add(f"ambiguous thousands/decimal separators in {column!r}", int(ambiguous.sum()),
                       "read as decimal commas (1,234 = 1.234; semicolon file)" if guess_eu else
                       "read as thousands separators (1,234 = 1234)")
    comma_decimal = comma_decimal.fillna(False).astype(bool)
    decimal_commas = comma_decimal & has_comma
    if decimal_commas.any():
        report.add(f"decimal commas in {column!r}", int(decimal_commas.sum()), "read as decimal points")
    as_eu = cleaned.str.replace(".", "", regex=False).str.replace(",", ".", regex=False)
    as_us = cleaned.str.replace(",", "", regex=False)
    return as_eu.where(comma_decimal, as_us)


_EXCEL_EPOCH = pd.Timestamp("1899-12-30")


def parse_dates(values: pd.Series, column: str, date_format: str | None, report: QualityReport,
                 *, from_file: bool) -> pd.Series:
    """Parse dates given as datetimes, ISO strings, YYYYMMDD, dd/mm/yyyy or mm/dd/yyyy, Excel serials."""
    if pd.api.types.is_datetime64_any_dtype(values):
        parsed = values
        if getattr(parsed.dt, "tz", None) is not None:
            parsed = parsed.dt.tz_localize(None)
        report.date_format = report.date_format or "datetime"
        return _as_ns(parsed)
    text = values.astype("string").str.strip()
    present = text.notna()
    if not present.any():
        raise DataError(f"column {column!r} (date=) has no values. Map date= to the order date column.")
    fmt = date_format
    parsed = None
    sample = text[present]
    if fmt is None:
        if sample.str.fullmatch(r"(19|20)\d{6}(\.0)?").all():
            fmt = "%Y%m%d"
            text = text.str.replace(r"\.0$", "", regex=True)
        elif sample.str.fullmatch(r"\d{5}(\.\d+)?").all():
            serial = pd.to_numeric(text, errors="coerce")
            if serial.between(20000, 80000).all() or serial[present].between(20000, 80000).all():
                parsed = _EXCEL_EPOCH + pd.to_timedelta(serial, unit="D")
                fmt = "Excel serial"
        elif sample.str.contains("年").any():
            text = (text.str.replace(r"\s*日", "", regex=True)
                        .str.replace(r"\s*[年月]\s*", "-", regex=True))
            fmt = "ISO8601"
        elif sample.str.match(r"^\d{1,2}[/.\-]\d{1,2}[/.\-]\d{2,4}").all():
            parts = sample.str.extract(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2,4})").astype(int)
            sep = sample.iloc[0][len(sample.iloc[0].split("/")[0])] if "/" in sample.iloc[0] else None
            sep = sep or re.search(r"[/.\-]", sample.iloc[0]).group(0)
            year = "%Y" if parts[2].max() >= 100 else "%y"
            has_time = sample.str.contains(r"\d:\d").any()
            if (parts[0] > 12).any():
                fmt = f"%d{sep}%m{sep}{year}"
            elif (parts[1] > 12).any():
                fmt = f"%m{sep}%d{sep}{year}"
            else:
                fmt = f"%d{sep}%m{sep}{year}"
                report.add(f"ambiguous day/month order in {column!r}", int(present.sum()),
                           "read as day/month (dd/mm); pass date_format='%m/%d/%Y' if it is month first")
                warnings.warn(f"dates in {column!r} could be dd/mm or mm/dd; read as dd/mm. "
                              "Pass date_format= to be explicit.", CrmlabWarning, stacklevel=4)
            if has_time:
                fmt = "mixed_dayfirst" if fmt.startswith("%d") else "mixed_monthfirst"
        else:
            fmt = "ISO8601"
    if parsed is None:
        try:
            if fmt == "mixed_dayfirst":
                parsed = pd.to_datetime(text, format="mixed", dayfirst=True, errors="coerce")
                fmt = "day/month/year with time"
            elif fmt == "mixed_monthfirst":
                parsed = pd.to_datetime(text, format="mixed", dayfirst=False, errors="coerce")
                fmt = "month/day/year with time"
            else:
                parsed = pd.to_datetime(text, format=fmt, errors="coerce")
        except (ValueError, TypeError) as exc:
            if "timezone" in str(exc).lower():
                # Some values carry a UTC offset ("…T10:00:00Z"), others none: read all as UTC.
                parsed = pd.to_datetime(text, format=fmt if fmt.startswith("%") or fmt == "ISO8601" else "mixed",
                                        errors="coerce", utc=True)
                report.add(f"dates with and without time zone in {column!r}", int(present.sum()),
                           "read as UTC, time zone removed")
            elif date_format is not None:
                raise DataError(f"date_format={date_format!r} is not a valid strftime format for column "
                                f"{column!r}: {exc}. Use codes such as '%d/%m/%Y' or '%Y%m%d'.") from None
            else:
                raise DataError(f"column {column!r} (date=) could not be read as dates: {exc}. "
                                "Pass date_format= (e.g. '%d/%m/%Y'), or map date= to the order date column.") from None
        if fmt == "ISO8601" and (parsed.isna() & present).any():
            # Slashed year-first dates ("2024/3/5") and other unambiguous forms.
            fallback = pd.to_datetime(text, format="mixed", errors="coerce")
            parsed = parsed.fillna(fallback)
    if getattr(parsed.dt, "tz", None) is not None:
        parsed = parsed.dt.tz_localize(None)
    bad = parsed.isna() & present
    if bad.any():
        count, examples = bad_examples(values, bad, from_file=from_file)
        raise DataError(
            f"column {column!r} (date=) has {count:,} value(s) that are not dates in the "
            f"format {fmt!r}: {examples}. Pass date_format= (e.g. '%d/%m/%Y' or '%Y%m%d'), or map "
            "date= to the order date column."
        )
    report.date_format = fmt
    return _as_ns(parsed)


def _as_ns(parsed: pd.Series) -> pd.Series:
    """Nanosecond datetimes (the canonical dtype) unless some dates lie beyond 2262 (placeholders
    such as 9999-12-31): those stay in their own unit until the date window drops them."""
    try:
        return parsed.astype("datetime64[ns]")
    except (OverflowError, pd.errors.OutOfBoundsDatetime):
        return parsed


# Doubles hold every integer exactly only below 2**53; Excel keeps 15 significant digits.
_EXACT_FLOAT_LIMIT = 2 ** 53
_EXCEL_DIGITS = 15
_SCIENTIFIC_ID = re.compile(r"^[-+]?\d(\.\d+)?[eE]\+?\d{2}$")


def _rounded_ids_error(column: str, keyword: str, labels, values, *, why: str, where: str) -> DataError:
    return DataError(
        f"column {column!r} ({keyword}=) holds ids that were rounded before crmlab saw them ({why}): "
        f"{format_examples(zip(labels, values), where=where)}. Different customers or orders may now "
        "share one id. Export the id column as text: in Excel format the column as Text before "
        "entering or importing the ids (or save from the source system as CSV); in pandas read it with "
        "dtype={'<column>': str}; in Spark/DuckDB cast it to VARCHAR/STRING (or keep it BIGINT) "
        "before writing."
    )


def clean_ids(values: pd.Series, column: str | None = None, keyword: str = "customer", *,
               excel: bool = False, from_file: bool = False) -> pd.Series:
    """Ids as exact text: integers keep every digit, never pass through a float.

    Integer-valued floats (a DataFrame read with plain ``pd.read_csv`` and missing values, Parquet
    without pandas metadata) get their integer form back when they are still exact (below 2**53);
    above that, and for Excel numbers of more than 15 digits, they were already rounded and a
    :class:`DataError` says how to export them as text.
    """
    column = values.name if column is None else column
    where = "line" if from_file else "row"

    def refuse(mask, shown, why):
        positions = np.flatnonzero(mask)
        return _rounded_ids_error(column, keyword, row_labels(values.index, positions, from_file=from_file),
                                  shown(positions), why=why, where=where)

    kind = pd.api.types.infer_dtype(values, skipna=True) if values.dtype == object else None
    if pd.api.types.is_float_dtype(values) or kind in ("floating", "mixed-integer-float", "mixed"):
        numbers = pd.to_numeric(values.where(values.map(lambda v: isinstance(v, (float, np.floating, int,
                                                                                   np.integer)))),
                                errors="coerce").astype("float64")
        big = (numbers.abs() >= _EXACT_FLOAT_LIMIT).to_numpy()
        if big.any():
            raise refuse(big, lambda at: [repr(float(x)) for x in numbers.iloc[at]],
                         "numbers at or above 2**53 stored as floating point lose digits")
        integral = (numbers.notna() & (numbers == np.floor(numbers))).to_numpy()
        as_text = values.astype("object").copy()
        as_text[integral] = [str(int(x)) for x in numbers[integral]]
        values = as_text
    if excel and values.dtype == object and kind not in ("string", "empty"):
        long = values.map(lambda v: isinstance(v, (int, np.integer, float, np.floating)) and not isinstance(v, bool)
                          and pd.notna(v) and len(str(abs(int(v)))) > _EXCEL_DIGITS).to_numpy(dtype=bool)
        if long.any():
            raise refuse(long, lambda at: list(values.iloc[at]), "Excel keeps 15 significant digits of a number")
    ids = values.astype("string").str.strip()
    # Ids that went through a float column ("12583.0") get their integer form back.
    ids = ids.str.replace(r"^(\d+)\.0+$", r"\1", regex=True)
    ids = ids.mask(ids.isin(NA_STRINGS))
    scientific = ids.str.match(_SCIENTIFIC_ID).fillna(False).to_numpy(dtype=bool)
    if scientific.any():
        raise refuse(scientific, lambda at: list(ids.iloc[at]),
                     "they are written in scientific notation, as Excel shows long numbers")
    return ids
