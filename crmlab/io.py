"""Read any transaction export into the canonical frame, and say what was done to it.

Course concept: the data step every CRM analysis starts with — mapping a company's export
(any column names, encoding, separator, date style; returns and missing ids) onto one data model.
"""

from __future__ import annotations

import codecs
import csv
import io as _io
import re
import warnings
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from . import schema
from .errors import CrmlabWarning, DataError, format_examples, missing_column_error

__all__ = ["QualityReport", "read_transactions", "quality_report", "read_table"]

_NA_STRINGS = ["", "NA", "N/A", "NaN", "nan", "NULL", "null", "None", "none", "-", "#N/A", "空", "无"]
_TEXT_SUFFIXES = {".csv", ".tsv", ".txt", ".dat", ".tab", ""}
_EXCEL_SUFFIXES = {".xlsx", ".xlsm", ".xls"}
_PARQUET_SUFFIXES = {".parquet", ".pq"}
_RETURN_OPTIONS = ("drop", "keep", "net")
_SEPARATOR_NAMES = {",": "comma", ";": "semicolon", "\t": "tab", "|": "pipe", r"\s+": "whitespace"}


@dataclass
class QualityReport:
    """What a reader found and did, counted.

    Attributes
    ----------
    source : str
        File name (never a full machine path) or ``"DataFrame"``.
    rows_read, rows_kept : int
        Data rows before and after cleaning.
    encoding, separator, date_format : str or None
        What was detected or given.
    items : list of (issue, count, action)
        One entry per decision, in the order they were taken.
    """

    source: str
    rows_read: int = 0
    rows_kept: int = 0
    encoding: str | None = None
    separator: str | None = None
    date_format: str | None = None
    items: list[tuple[str, int, str]] = field(default_factory=list)

    def add(self, issue: str, count: int, action: str) -> None:
        """Record ``count`` rows (or values) with ``issue`` and what was done (zero counts too)."""
        self.items.append((issue, int(count), action))

    def count(self, issue: str) -> int:
        """Total count recorded for ``issue`` (0 if never recorded)."""
        return sum(n for name, n, _ in self.items if name == issue)

    def to_frame(self) -> pd.DataFrame:
        """The report as a table: one row per decision, plus rows read and kept."""
        rows = [("rows read", self.rows_read, "")]
        rows += self.items
        rows.append(("rows kept", self.rows_kept, ""))
        return pd.DataFrame(rows, columns=["issue", "count", "action"]).set_index("issue")

    def __str__(self) -> str:
        detected = [f"encoding {self.encoding}" if self.encoding else None,
                    f"separator {_SEPARATOR_NAMES.get(self.separator, repr(self.separator))}" if self.separator else None,
                    f"dates {self.date_format}" if self.date_format else None]
        detected = ", ".join(d for d in detected if d)
        header = (f"Data quality report for {self.source}: {self.rows_read:,} rows read, "
                  f"{self.rows_kept:,} kept" + (f" ({detected})" if detected else ""))
        lines = [header]
        for issue, count, action in self.items:
            if count:
                lines.append(f"  - {issue}: {count:,} → {action}")
        return "\n".join(lines)

    def _repr_html_(self) -> str:  # pragma: no cover - notebook display
        import html

        return f"<p>{html.escape(self.__str__().splitlines()[0])}</p>" + self.to_frame().to_html()


def quality_report(transactions: pd.DataFrame) -> QualityReport | None:
    """Return the :class:`QualityReport` a reader attached to ``transactions`` (or ``None``)."""
    return transactions.attrs.get("quality")


# --------------------------------------------------------------------------------------------
# Raw reading: encoding, separator, file type
# --------------------------------------------------------------------------------------------

def _check_encoding(encoding: str) -> str:
    try:
        return codecs.lookup(encoding).name
    except LookupError:
        raise DataError(
            f"unknown encoding {encoding!r}. Use a Python codec name such as 'utf-8', "
            "'utf-8-sig', 'gb18030' (Chinese Excel exports, a superset of GBK), 'cp1252' or 'latin-1'."
        ) from None


def _looks_chinese(text: str) -> bool:
    non_ascii = [ch for ch in text if ord(ch) > 127]
    if not non_ascii:
        return True
    cjk = sum(1 for ch in non_ascii if "\u4e00" <= ch <= "\u9fff" or "\u3000" <= ch <= "\u303f"
              or "\uff00" <= ch <= "\uffef")
    return cjk / len(non_ascii) >= 0.8


def _decode(raw: bytes, encoding: str | None) -> tuple[str, str]:
    """Decode bytes, detecting the encoding among the ones CRM exports actually use.

    General-purpose charset detectors guess poorly on short files with few non-ASCII bytes, and
    the candidates here are known (UTF-8 with or without BOM, GB18030/GBK from Chinese Excel,
    cp1252/latin-1 from Western tools), so the order below is tried explicitly.
    """
    if encoding is not None:
        name = _check_encoding(encoding)
        if name in ("utf-8",) and raw.startswith(codecs.BOM_UTF8):
            name = "utf-8-sig"
        try:
            return raw.decode(name), name
        except UnicodeDecodeError as exc:
            raise DataError(
                f"the file is not valid {encoding!r} (byte {exc.start}: {raw[exc.start:exc.start + 4]!r}). "
                "Leave encoding=None to detect it, or try 'gb18030' for Chinese exports, 'cp1252' for Western ones."
            ) from None
    if raw.startswith(codecs.BOM_UTF8):
        return raw[len(codecs.BOM_UTF8):].decode("utf-8", errors="strict"), "utf-8-sig"
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return raw.decode("utf-16"), "utf-16"
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        text = raw.decode("gb18030")
        if _looks_chinese(text):
            return text, "gb18030"
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return raw.decode("latin-1"), "latin-1"


def _sniff_separator(text: str) -> str:
    """Pick the delimiter that splits the first lines into the same number (>1) of fields."""
    lines = [ln for ln in text.splitlines()[:50] if ln.strip()]
    if not lines:
        return ","
    best, best_fields = None, 1
    for sep in ("\t", ";", ",", "|"):
        counts = {len(row) for row in csv.reader(lines, delimiter=sep)}
        if len(counts) == 1:
            (n_fields,) = counts
            if n_fields > best_fields:
                best, best_fields = sep, n_fields
    if best is not None:
        return best
    # Ragged lines: the delimiter that appears on every line, most often.
    for sep in ("\t", ";", ","):
        if all(sep in ln for ln in lines):
            return sep
    return r"\s+"


def read_table(source, *, encoding: str | None = None, sep: str | None = None,
               sheet_name=0, header: int | None = 0) -> tuple[pd.DataFrame, QualityReport]:
    """Read a CSV/TSV/whitespace text, Excel or Parquet file as text columns, undecided types.

    Returns the raw frame (every text column as strings, so ids keep their leading zeros) and a
    :class:`QualityReport` with the detected encoding and separator filled in.

    Raises
    ------
    DataError
        If the file does not exist, cannot be decoded, or is empty.
    """
    if isinstance(source, pd.DataFrame):
        return source.copy(), QualityReport(source="DataFrame")
    path = Path(source)
    report = QualityReport(source=path.name)
    if not path.exists():
        raise DataError(f"file not found: {path.name!r} (looked in {str(path.parent) or '.'}). "
                        "Check the path, or pass a DataFrame.")
    suffix = path.suffix.lower()
    if suffix in _EXCEL_SUFFIXES or suffix in _PARQUET_SUFFIXES:
        excel = suffix in _EXCEL_SUFFIXES
        try:
            frame = (pd.read_excel(path, sheet_name=sheet_name, dtype=object, header=header) if excel
                     else pd.read_parquet(path))
        except Exception as exc:  # noqa: BLE001 - corrupt file, missing sheet, missing optional reader
            kind = "an Excel" if excel else "a Parquet"
            reason = (str(exc).strip().splitlines() or [type(exc).__name__])[0].rstrip(".")
            raise DataError(f"{path.name!r} could not be read as {kind} file: {reason}. "
                            + ("Check sheet_name=, or save the sheet as .xlsx or CSV." if excel
                               else "Check that the file is complete, or export it as CSV.")) from None
        report.encoding, report.separator = ("xlsx" if excel else "parquet"), None
    else:
        raw = path.read_bytes()
        text, report.encoding = _decode(raw, encoding)
        if not text.strip():
            raise DataError(f"{path.name!r} is empty: no header and no rows.")
        report.separator = sep if sep is not None else _sniff_separator(text)
        engine = "python" if len(report.separator) > 1 else "c"
        try:
            frame = pd.read_csv(_io.StringIO(text), sep=report.separator, dtype=str, header=header,
                                keep_default_na=False, na_values=_NA_STRINGS, engine=engine,
                                skipinitialspace=True)
        except pd.errors.ParserError as exc:
            name = _SEPARATOR_NAMES.get(report.separator, repr(report.separator))
            reason = str(exc).strip().splitlines()[-1].replace("C error: ", "")
            raise DataError(f"{path.name!r} cannot be split into columns at the {name} separator: {reason}. "
                            "Fix that line (a stray separator or an unquoted text field), or pass sep= "
                            "(e.g. sep=';').") from None
    frame.columns = [str(c).strip() for c in frame.columns]
    # Leftover index columns ("Unnamed: 0", "") from a DataFrame saved with its index.
    frame = frame.loc[:, [not (c == "" or c.startswith("Unnamed: ")) for c in frame.columns]]
    return frame, report


# --------------------------------------------------------------------------------------------
# Values: numbers and dates
# --------------------------------------------------------------------------------------------

_CURRENCY = re.compile(r"[¥￥$€£\s元]")
# Number styles. Unambiguous forms decide a column's style; "1,234" and "1.234" alone could be either.
_EU_NUMBER = r"^[-+]?([1-9]\d{0,2}(\.\d{3})+(,\d*)?|\d+,(\d{1,2}|\d{4,})|0,\d+)$"  # 1.234,5 · 12,50 · 0,125
_US_NUMBER = r"^[-+]?([1-9]\d{0,2}(,\d{3})+(\.\d*)?|\d+\.(\d{1,2}|\d{4,})|0\.\d+)$"  # 1,234.5 · 12.50 · 0.125
_AMBIGUOUS_EU = r"^[-+]?[1-9]\d{0,2}\.\d{3}$"   # "1.234": 1234 in a decimal-comma column
_AMBIGUOUS_US = r"^[-+]?[1-9]\d{0,2},\d{3}$"     # "1,234": 1234 in a decimal-point column


def _row_labels(index: pd.Index, positions, *, from_file: bool) -> list:
    # Files: the line number a person sees in an editor (header is line 1).
    if from_file:
        return [int(index[p]) + 2 for p in positions]
    return [index[p] for p in positions]


def _to_number(values: pd.Series, column: str, keyword: str, report: QualityReport,
               *, from_file: bool) -> pd.Series:
    if pd.api.types.is_bool_dtype(values):
        values = values.astype(float)
    if pd.api.types.is_numeric_dtype(values):
        return values.astype("float64")
    text = values.astype("string").str.strip()
    cleaned = text.str.replace(_CURRENCY, "", regex=True)
    # (1.234,56) accounting negatives
    cleaned = cleaned.str.replace(r"^\((.*)\)$", r"-\1", regex=True)
    cleaned = _normalise_separators(cleaned, column, report)
    numbers = pd.to_numeric(cleaned, errors="coerce")
    bad = numbers.isna() & text.notna()
    if bad.any():
        positions = np.flatnonzero(bad.to_numpy())
        labels = _row_labels(values.index, positions, from_file=from_file)
        examples = format_examples(zip(labels, text.iloc[positions]), where="line" if from_file else "row")
        raise DataError(
            f"column {column!r} ({keyword}=) has {len(positions):,} value(s) that are not numbers: "
            f"{examples}. Fix or remove those rows, or map {keyword}= to the numeric column."
        )
    return numbers.astype("float64")


def _normalise_separators(cleaned: pd.Series, column: str, report: QualityReport) -> pd.Series:
    """Decimal commas and thousands separators, decided for the whole column, not value by value.

    A column whose unambiguous values use decimal commas ("12,50", "1.234,00") is read that way
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


def _parse_dates(values: pd.Series, column: str, date_format: str | None, report: QualityReport,
                 *, from_file: bool) -> pd.Series:
    """Parse dates given as datetimes, ISO strings, YYYYMMDD, dd/mm/yyyy or mm/dd/yyyy, Excel serials."""
    if pd.api.types.is_datetime64_any_dtype(values):
        parsed = values
        if getattr(parsed.dt, "tz", None) is not None:
            parsed = parsed.dt.tz_localize(None)
        report.date_format = report.date_format or "datetime"
        return parsed.astype("datetime64[ns]")
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
        positions = np.flatnonzero(bad.to_numpy())
        labels = _row_labels(values.index, positions, from_file=from_file)
        examples = format_examples(zip(labels, values.iloc[positions]), where="line" if from_file else "row")
        raise DataError(
            f"column {column!r} (date=) has {len(positions):,} value(s) that are not dates in the "
            f"format {fmt!r}: {examples}. Pass date_format= (e.g. '%d/%m/%Y' or '%Y%m%d'), or map "
            "date= to the order date column."
        )
    report.date_format = fmt
    return parsed.astype("datetime64[ns]")


def _clean_ids(values: pd.Series) -> pd.Series:
    ids = values.astype("string").str.strip()
    # Ids that went through a float column ("12583.0") get their integer form back.
    ids = ids.str.replace(r"^(\d+)\.0+$", r"\1", regex=True)
    return ids.mask(ids.isin(_NA_STRINGS))


# --------------------------------------------------------------------------------------------
# Returns
# --------------------------------------------------------------------------------------------

def _net_returns(frame: pd.DataFrame, is_return: pd.Series, report: QualityReport) -> pd.DataFrame:
    """Subtract each return from the customer's matching earlier purchases, latest first.

    A return matches purchases of the same customer (and product, when there is a product column)
    on or before the return date. Return value that finds no purchase is counted and dropped.
    """
    purchases = frame.loc[~is_return].copy()
    returns = frame.loc[is_return].sort_values(schema.DATE, kind="stable")
    keys = [schema.CUSTOMER] + ([schema.PRODUCT] if schema.PRODUCT in frame else [])
    remaining = purchases[schema.AMOUNT].to_numpy(dtype=float).copy()
    quantity = purchases[schema.QUANTITY].to_numpy(dtype=float).copy() if schema.QUANTITY in frame else None
    groups = purchases.groupby(keys, sort=False, dropna=False).indices
    unmatched_value, unmatched_rows = 0.0, 0
    dates = purchases[schema.DATE].to_numpy()
    for _, row in returns.iterrows():
        key = tuple(row[k] for k in keys) if len(keys) > 1 else row[keys[0]]
        to_take = abs(float(row[schema.AMOUNT]))
        qty_to_take = abs(float(row[schema.QUANTITY])) if quantity is not None and pd.notna(row[schema.QUANTITY]) else 0.0
        candidates = groups.get(key, np.array([], dtype=int))
        candidates = [i for i in candidates if dates[i] <= np.datetime64(row[schema.DATE]) and remaining[i] > 0]
        for i in sorted(candidates, key=lambda j: dates[j], reverse=True):
            if to_take <= 0:
                break
            taken = min(remaining[i], to_take)
            if quantity is not None and remaining[i] > 0:
                quantity[i] -= min(quantity[i], qty_to_take * taken / max(to_take, 1e-12))
            remaining[i] -= taken
            to_take -= taken
        if to_take > 1e-9:
            unmatched_value += to_take
            unmatched_rows += 1
    purchases[schema.AMOUNT] = remaining
    if quantity is not None:
        purchases[schema.QUANTITY] = quantity
    fully_returned = purchases[schema.AMOUNT] <= 1e-9
    report.add("returns netted against earlier purchases", int(is_return.sum()) - unmatched_rows,
               "subtracted from the customer's matching purchase lines")
    report.add("returns with no matching earlier purchase", unmatched_rows,
               f"dropped (value {unmatched_value:,.2f})")
    report.add("purchase lines fully returned", int(fully_returned.sum()), "removed")
    return purchases.loc[~fully_returned]


# --------------------------------------------------------------------------------------------
# The reader
# --------------------------------------------------------------------------------------------

def read_transactions(
    source,
    *,
    customer: str = schema.CUSTOMER,
    date: str = schema.DATE,
    amount: str | None = schema.AMOUNT,
    order: str | None = None,
    product: str | None = None,
    quantity: str | None = None,
    unit_price: str | None = None,
    category: str | None = None,
    channel: str | None = None,
    region: str | None = None,
    encoding: str | None = None,
    sep: str | None = None,
    date_format: str | None = None,
    returns: str = "drop",
    cancel_prefix: str | None = "C",
    duplicates: str = "keep",
    sheet_name=0,
) -> pd.DataFrame:
    """Read a transaction export into the canonical transaction frame.

    Course concept: preparing purchase records (交易数据) for RFM, CLV, baskets and loyalty.

    Parameters
    ----------
    source : str, path or DataFrame
        CSV, TSV, whitespace-separated text, Excel (``.xlsx``) or Parquet file, or a DataFrame.
        The file is only read, never modified.
    customer, date, amount : str
        The user's column names for customer id, order date and line/order amount.
        ``amount=None`` (or a missing default ``"amount"`` column) with ``quantity`` and
        ``unit_price`` given computes amount = quantity × unit price.
    order, product, quantity, unit_price, category, channel, region : str, optional
        The user's names for the optional columns.
    encoding : str, optional
        Text encoding; detected when ``None`` (UTF-8 with or without BOM, GB18030/GBK, cp1252).
    sep : str, optional
        Field separator; detected when ``None`` (comma, semicolon, tab, pipe or whitespace).
    date_format : str, optional
        strftime format of the dates; detected when ``None`` (ISO, ``YYYYMMDD``, ``dd/mm/yyyy``
        or ``mm/dd/yyyy`` when unambiguous, Excel serial numbers, ``2024年3月5日``).
    returns : {"drop", "keep", "net"}
        Rows with a negative amount or quantity, or an order id starting with ``cancel_prefix``:
        ``"drop"`` removes them; ``"keep"`` keeps them (negative amounts) with an ``is_return``
        column; ``"net"`` subtracts each from the customer's matching earlier purchase.
    cancel_prefix : str or None
        Order ids starting with this mark cancellations (UCI Online Retail uses ``"C"``).
    duplicates : {"keep", "drop"}
        Exact duplicate rows are always counted; ``"drop"`` also removes them.
    sheet_name : str or int
        Excel sheet.

    Returns
    -------
    DataFrame
        Canonical columns (see :mod:`crmlab.schema`), sorted by customer and date, with the
        :class:`QualityReport` in ``.attrs["quality"]`` (also :func:`quality_report`).

    Raises
    ------
    DataError
        Missing file or column, unknown encoding, unparseable dates, non-numeric amounts,
        or no rows left.

    Examples
    --------
    >>> import pandas as pd
    >>> raw = pd.DataFrame({"客户编号": ["A", "A", None], "下单时间": ["2024-01-05", "2024-02-01", "2024-02-02"],
    ...                     "金额": ["12.5", "-3", "8"]})
    >>> tx = read_transactions(raw, customer="客户编号", date="下单时间", amount="金额")
    >>> tx[["customer_id", "amount"]].values.tolist()
    [['A', 12.5]]
    >>> quality_report(tx).count("missing customer id")
    1
    """
    if returns not in _RETURN_OPTIONS:
        raise DataError(f"returns={returns!r} is not one of {_RETURN_OPTIONS}.")
    if duplicates not in ("keep", "drop"):
        raise DataError(f"duplicates={duplicates!r} is not 'keep' or 'drop'.")
    from_file = not isinstance(source, pd.DataFrame)
    raw, report = read_table(source, encoding=encoding, sep=sep, sheet_name=sheet_name)
    report.rows_read = len(raw)
    if raw.empty:
        raise DataError(f"{report.source} has a header but no data rows.")

    mapping = {schema.CUSTOMER: (customer, "customer"), schema.DATE: (date, "date")}
    compute_amount = amount is None or (amount == schema.AMOUNT and amount not in raw.columns
                                        and quantity is not None and unit_price is not None)
    if compute_amount:
        if quantity is None or unit_price is None:
            raise DataError("amount=None needs both quantity= and unit_price= to compute "
                            "amount = quantity × unit price.")
        mapping[schema.UNIT_PRICE] = (unit_price, "unit_price")
    else:
        mapping[schema.AMOUNT] = (amount, "amount")
    optional = {schema.ORDER: order, schema.PRODUCT: product, schema.QUANTITY: quantity,
                schema.CATEGORY: category, schema.CHANNEL: channel, schema.REGION: region}
    for canonical, user in optional.items():
        if user is not None:
            mapping[canonical] = (user, canonical.replace("_id", ""))
    for canonical, (user, keyword) in mapping.items():
        if user not in raw.columns:
            raise missing_column_error(user, keyword=keyword, available=raw.columns, role=canonical)

    frame = pd.DataFrame(index=raw.index)
    for canonical, (user, _) in mapping.items():
        frame[canonical] = raw[user]

    # Customer ids: missing ones cannot be attributed to anyone.
    frame[schema.CUSTOMER] = _clean_ids(frame[schema.CUSTOMER])
    missing_id = frame[schema.CUSTOMER].isna()
    report.add("missing customer id", int(missing_id.sum()), "dropped")
    frame = frame.loc[~missing_id]
    if frame.empty:
        raise DataError(f"every row of {report.source} lacks a customer id in column {customer!r}. "
                        "Map customer= to the column that holds customer ids.")

    frame[schema.DATE] = _parse_dates(frame[schema.DATE], date, date_format, report, from_file=from_file)
    missing_date = frame[schema.DATE].isna()
    report.add("missing order date", int(missing_date.sum()), "dropped")
    frame = frame.loc[~missing_date]
    if schema.QUANTITY in frame:
        frame[schema.QUANTITY] = _to_number(frame[schema.QUANTITY], quantity, "quantity", report,
                                            from_file=from_file)
    if compute_amount:
        price = _to_number(frame.pop(schema.UNIT_PRICE), unit_price, "unit_price", report, from_file=from_file)
        frame[schema.AMOUNT] = frame[schema.QUANTITY] * price
        report.add("amount computed as quantity × unit price", len(frame), "computed")
    else:
        frame[schema.AMOUNT] = _to_number(frame[schema.AMOUNT], amount, "amount", report, from_file=from_file)
    missing_amount = frame[schema.AMOUNT].isna()
    report.add("missing amount", int(missing_amount.sum()), "dropped")
    frame = frame.loc[~missing_amount]
    for column in (schema.ORDER, schema.PRODUCT, schema.CATEGORY, schema.CHANNEL, schema.REGION):
        if column in frame:
            frame[column] = _clean_ids(frame[column]) if column == schema.ORDER else \
                frame[column].astype("string").str.strip()

    # Returns and cancellations.
    is_return = frame[schema.AMOUNT] < 0
    if schema.QUANTITY in frame:
        is_return |= frame[schema.QUANTITY].fillna(0) < 0
    if schema.ORDER in frame and cancel_prefix:
        is_return |= frame[schema.ORDER].str.startswith(cancel_prefix).fillna(False).astype(bool)
    # A return carries a negative value whatever sign the export used.
    frame.loc[is_return, schema.AMOUNT] = -frame.loc[is_return, schema.AMOUNT].abs()
    if schema.QUANTITY in frame:
        frame.loc[is_return, schema.QUANTITY] = -frame.loc[is_return, schema.QUANTITY].abs()
    n_returns = int(is_return.sum())
    return_value = float(-frame.loc[is_return, schema.AMOUNT].sum()) + 0.0  # never "-0.00"
    if returns == "drop":
        report.add("returns and cancellations", n_returns, f"dropped (value {return_value:,.2f})")
        frame = frame.loc[~is_return]
    elif returns == "keep":
        report.add("returns and cancellations", n_returns,
                   f"kept as negative amounts, flagged in is_return (value {return_value:,.2f})")
        frame["is_return"] = is_return.to_numpy()
    else:
        report.add("returns and cancellations", n_returns, f"netted (value {return_value:,.2f})")
        frame = _net_returns(frame, is_return, report)

    zero = frame[schema.AMOUNT] == 0
    report.add("zero amount", int(zero.sum()), "kept")
    duplicated = frame.duplicated(keep="first")
    report.add("exact duplicate rows", int(duplicated.sum()),
               "dropped" if duplicates == "drop" else "kept (pass duplicates='drop' to remove)")
    if duplicates == "drop":
        frame = frame.loc[~duplicated]

    if frame.empty:
        raise DataError(f"no rows left in {report.source} after cleaning: "
                        + "; ".join(f"{name}: {n}" for name, n, _ in report.items if n)
                        + ". Check the column mapping and the returns= option.")
    frame = frame[schema.canonical_order(frame.columns)]
    frame = frame.sort_values([schema.CUSTOMER, schema.DATE], kind="stable").reset_index(drop=True)
    for column in (schema.CUSTOMER, schema.ORDER, schema.PRODUCT, schema.CATEGORY, schema.CHANNEL,
                   schema.REGION):
        if column in frame:
            frame[column] = frame[column].astype("string")
    report.rows_kept = len(frame)
    frame.attrs["quality"] = report
    return frame
