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
from ._text import gbk_read_as_utf8, looks_chinese, western_read_as_gbk
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
    sheets : dict
        Excel only: the sheets read, in order, and the rows read from each.
    """

    source: str
    rows_read: int = 0
    rows_kept: int = 0
    encoding: str | None = None
    separator: str | None = None
    date_format: str | None = None
    items: list[tuple[str, int, str]] = field(default_factory=list)
    sheets: dict[str, int] = field(default_factory=dict)

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
        text = raw.decode("utf-8")
        if not gbk_read_as_utf8(text, raw):
            return text, "utf-8"
        return raw.decode("gb18030"), "gb18030"
    except UnicodeDecodeError:
        pass
    try:
        chinese = raw.decode("gb18030")
    except UnicodeDecodeError:
        chinese = None
    if chinese is not None and looks_chinese(chinese) and not western_read_as_gbk(raw):
        return chinese, "gb18030"
    try:
        return raw.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        pass
    # Bytes cp1252 leaves undefined (0x81, 0x8D, ...) but valid GB18030, as "¥" is there: GB18030.
    if chinese is not None:
        return chinese, "gb18030"
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


_HEADER_SEARCH_ROWS = 50


def _split_line(line: str, sep: str) -> list[str]:
    if sep == r"\s+":
        return line.split()
    try:
        return [f.strip() for f in next(csv.reader([line], delimiter=sep), [])]
    except csv.Error:
        return []


def _find_header_line(lines: list[str], wanted, sep: str | None):
    """The first line (0-based) holding every name in ``wanted``, and the separator that splits it so.

    Returns ``(line, separator, fields)``; when no line holds them all, the line holding most of
    them, with ``separator`` None.
    """
    best = (0, 0, None, _split_line(lines[0], sep or ",") if lines else [])
    for number, line in enumerate(lines[:_HEADER_SEARCH_ROWS]):
        found = []
        for i, s in enumerate([sep] if sep else ["\t", ";", ",", "|", r"\s+"]):
            fields = _split_line(line, s)
            found.append((len(set(wanted) & set(fields)), len(fields), -i, s, fields))
        hits, _, _, s, fields = max(found)
        if hits == len(set(wanted)):
            return number, s, fields
        if hits > best[0]:
            best = (hits, number, None, fields)
    return best[1], None, best[3]


def _header_not_found(wanted: dict, fields, line: int, name: str, *, what: str = "line") -> DataError:
    """No header line: name the first mapped column missing from the closest line, and header=."""
    missing = next(u for u in wanted if u not in set(fields))
    keyword, role = wanted[missing]
    error = missing_column_error(missing, keyword=keyword, available=[f for f in fields if f], role=role)
    names = ", ".join(repr(u) for u in wanted)
    return DataError(f"{error} (The columns listed are those of {what} {line + 1} of {name}, the one holding "
                     f"most of the mapped names: no {what} among the first {_HEADER_SEARCH_ROWS} holds all of "
                     f"{names}.) If the header is further down, pass header= with its 0-based {what} number.")


def _check_header(header) -> None:
    if header is not None and (isinstance(header, bool) or not isinstance(header, (int, np.integer)) or header < 0):
        raise DataError(f"header={header!r} is not a line number: pass the 0-based number of the line "
                        "that holds the column names (0 = the first line), or leave header=None to detect it.")


def _excel_book(path: Path) -> dict:
    """Every sheet of a workbook, cells as Python objects, no header row taken yet."""
    book = pd.read_excel(path, sheet_name=None, dtype=object, header=None)
    return book


def _excel_sheets(book: dict, path: Path, sheet_name, header, wanted, report: QualityReport):
    """The sheets of a workbook to read, each with its header row found, as ``[(name, frame)]``.

    Every sheet is looked at, so that a second sheet with the same columns is never ignored in
    silence: ``sheet_name=None`` reads all sheets sharing the first sheet's header, otherwise the
    others are named in a warning and the report.
    """
    names = list(book)
    wanted_names = set(wanted) if wanted else None
    if not names:
        raise DataError(f"{path.name!r} has no sheets.")
    if not (sheet_name is None or isinstance(sheet_name, (str, int, np.integer))) or isinstance(sheet_name, bool):
        raise DataError(f"sheet_name={sheet_name!r}: pass a sheet name, a 0-based position, or None for "
                        f"every sheet with the same columns ({path.name!r} has "
                        f"{', '.join(repr(n) for n in names)}).")
    parsed, missing_header = {}, {}
    for name, raw in book.items():
        raw = raw.dropna(how="all", axis=1)
        row = None
        if header is not None:
            row = int(header)
        elif wanted:
            for i in range(min(len(raw), _HEADER_SEARCH_ROWS)):
                cells = {str(v).strip() for v in raw.iloc[i] if pd.notna(v)}
                if wanted_names <= cells:
                    row = i
                    break
        if row is None:
            row = 0
            if wanted:
                # No header row here: remember the closest one, for the error if this sheet is read.
                rows = [[str(v).strip() for v in raw.iloc[i] if pd.notna(v)]
                        for i in range(min(len(raw), _HEADER_SEARCH_ROWS))] or [[]]
                best = max(range(len(rows)), key=lambda i: (len(wanted_names & set(rows[i])), -i))
                missing_header[name] = _header_not_found(wanted, rows[best], best,
                                                         f"sheet {name!r} of {path.name!r}", what="row")
        if row >= len(raw):
            parsed[name] = (pd.DataFrame(), row + 2)
            continue
        columns, seen = [], {}
        for v in raw.iloc[row]:
            column = "" if pd.isna(v) else str(v).strip()
            if column in seen and column:
                seen[column] += 1
                column = f"{column}.{seen[column]}"
            else:
                seen.setdefault(column, 0)
            columns.append(column)
        body = raw.iloc[row + 1:].dropna(how="all")
        body.columns = columns
        # Excel rows are numbered from 1; pandas positions from 0.
        body.index = body.index + 1
        parsed[name] = (body, row + 1)
    if sheet_name is None:
        first = next((n for n in names if n not in missing_header), names[0])
    elif isinstance(sheet_name, (int, np.integer)):
        if not 0 <= sheet_name < len(names):
            raise DataError(f"sheet_name={sheet_name!r}: {path.name!r} has {len(names)} sheet(s) "
                            f"({', '.join(repr(n) for n in names)}). Pass one of those names, or sheet_name=None for all.")
        first = names[int(sheet_name)]
    else:
        if sheet_name not in parsed:
            raise DataError(f"sheet_name={sheet_name!r} is not a sheet of {path.name!r}: it has "
                            f"{', '.join(repr(n) for n in names)}. Pass one of those, or sheet_name=None for all.")
        first = sheet_name
    if first in missing_header:
        raise missing_header[first]
    columns = list(parsed[first][0].columns)
    same = [n for n in names if n != first and list(parsed[n][0].columns) == columns and len(parsed[n][0])]
    other = [n for n in names if n != first and n not in same]
    chosen = [first] + (same if sheet_name is None else [])
    if sheet_name is None:
        report.add("sheets with other columns", len(other),
                   "not read" + (f": {', '.join(repr(n) for n in other)}" if other else ""))
    else:
        report.add("other sheets with the same columns", len(same),
                   ("not read: " + ", ".join(repr(n) for n in same) + "; pass sheet_name=None to read all")
                   if same else "none")
        if same:
            warnings.warn(f"{path.name!r} has {len(same)} more sheet(s) with the same columns as {first!r} "
                          f"({', '.join(repr(n) for n in same)}); only {first!r} was read. "
                          "Pass sheet_name=None to read all of them.", CrmlabWarning, stacklevel=4)
    return [(n, parsed[n][0]) for n in chosen]


_INT_ARROW_TYPES = {"int8": pd.Int8Dtype(), "int16": pd.Int16Dtype(), "int32": pd.Int32Dtype(),
                    "int64": pd.Int64Dtype(), "uint8": pd.UInt8Dtype(), "uint16": pd.UInt16Dtype(),
                    "uint32": pd.UInt32Dtype(), "uint64": pd.UInt64Dtype()}


def _read_parquet(path: Path) -> pd.DataFrame:
    """Parquet with integer columns as pandas nullable integers.

    Files from Spark, DuckDB or pyarrow carry no pandas metadata; pyarrow then turns a 64-bit
    integer column with nulls into float64, which rounds ids above 2**53.
    """
    import pyarrow.parquet as pq

    table = pq.read_table(path)
    return table.to_pandas(types_mapper=lambda t: _INT_ARROW_TYPES.get(str(t)))


def _read_raw(source, *, encoding=None, sep=None, sheet_name=0, header=0, wanted=None,
              exact_ints=False) -> tuple[pd.DataFrame, QualityReport]:
    """Read a file as raw columns; the index holds each row's line number (text) or row (Excel).

    ``wanted`` (column names) makes ``header=None`` look for the first line holding them all.
    With several Excel sheets the index is ``"<row> (sheet '<name>')"``.
    """
    if isinstance(source, pd.DataFrame):
        return source.copy(), QualityReport(source="DataFrame")
    _check_header(header)
    path = Path(source)
    report = QualityReport(source=path.name)
    if not path.exists():
        raise DataError(f"file not found: {path.name!r} (looked in {str(path.parent) or '.'}). "
                        "Check the path, or pass a DataFrame.")
    suffix = path.suffix.lower()
    wanted = {str(w): v for w, v in wanted.items()} if isinstance(wanted, dict) else \
        {str(w): ("column", "column") for w in wanted} if wanted else None
    if suffix in _EXCEL_SUFFIXES or suffix in _PARQUET_SUFFIXES:
        excel = suffix in _EXCEL_SUFFIXES
        try:
            if excel:
                book = _excel_book(path)
            else:
                frame = _read_parquet(path) if exact_ints else pd.read_parquet(path)
        except DataError:
            raise
        except Exception as exc:  # noqa: BLE001 - corrupt file, missing sheet, missing optional reader
            kind = "an Excel" if excel else "a Parquet"
            reason = (str(exc).strip().splitlines() or [type(exc).__name__])[0].rstrip(".")
            raise DataError(f"{path.name!r} could not be read as {kind} file: {reason}. "
                            + ("Check sheet_name=, or save the sheet as .xlsx or CSV." if excel
                               else "Check that the file is complete, or export it as CSV.")) from None
        if excel:
            sheets = _excel_sheets(book, path, sheet_name, header, wanted, report)
            report.sheets = {name: len(body) for name, body in sheets}
            for name, body in sheets:
                report.add(f"rows from sheet {name!r}", len(body), "read")
            if len(sheets) > 1:
                parts = []
                for name, body in sheets:
                    body = body.copy()
                    body.index = [f"{i} (sheet {name!r})" for i in body.index]
                    parts.append(body)
                frame = pd.concat(parts)
            else:
                frame = sheets[0][1]
        report.encoding, report.separator = ("xlsx" if excel else "parquet"), None
    else:
        raw = path.read_bytes()
        text, report.encoding = _decode(raw, encoding)
        if not text.strip():
            raise DataError(f"{path.name!r} is empty: no header and no rows.")
        lines = text.splitlines()
        header_line = header
        found_sep = None
        if header_line is None:
            header_line = 0
            if wanted:
                header_line, found_sep, fields = _find_header_line(lines, wanted, sep)
                if found_sep is None:
                    raise _header_not_found(wanted, fields, header_line, repr(path.name))
        if header_line >= len(lines):
            raise DataError(f"header={header}: {path.name!r} has only {len(lines)} line(s).")
        if header_line:
            report.add("title lines above the header", header_line, f"skipped (header on line {header_line + 1})")
        if sep is not None:
            report.separator = sep
        else:
            report.separator = _sniff_separator("\n".join(lines[header_line:]))
            if found_sep and not set(wanted) <= set(_split_line(lines[header_line], report.separator)):
                report.separator = found_sep  # ragged data lines: trust the separator that splits the header
        engine = "python" if len(report.separator) > 1 else "c"
        try:
            with warnings.catch_warnings():
                # More fields on the data lines than on the header line: pandas would drop them.
                warnings.simplefilter("error", pd.errors.ParserWarning)
                frame = pd.read_csv(_io.StringIO(text), sep=report.separator, dtype=str, header=0,
                                    skiprows=header_line, keep_default_na=False, na_values=_NA_STRINGS,
                                    engine=engine, skipinitialspace=True, index_col=False)
        except pd.errors.ParserWarning:
            name = _SEPARATOR_NAMES.get(report.separator, repr(report.separator))
            raise DataError(f"{path.name!r}: the lines after line {header_line + 1} have more {name}-separated "
                            f"fields than line {header_line + 1} ({lines[header_line][:60]!r}), which was taken "
                            "as the header. If the column names are on another line (a report title above "
                            "them), pass header= with its 0-based line number; otherwise check sep=.") from None
        except pd.errors.ParserError as exc:
            name = _SEPARATOR_NAMES.get(report.separator, repr(report.separator))
            reason = str(exc).strip().splitlines()[-1].replace("C error: ", "")
            raise DataError(f"{path.name!r} cannot be split into columns at the {name} separator: {reason}. "
                            "Fix that line (a stray separator or an unquoted text field), or pass sep= "
                            "(e.g. sep=';').") from None
        # Line numbers as an editor shows them: the header is line header_line + 1.
        frame.index = frame.index + header_line + 2
    frame.columns = [str(c).strip() for c in frame.columns]
    # Leftover index columns ("Unnamed: 0", "") from a DataFrame saved with its index.
    frame = frame.loc[:, [not (c == "" or c.startswith("Unnamed: ")) for c in frame.columns]]
    return frame, report


def read_table(source, *, encoding: str | None = None, sep: str | None = None,
               sheet_name=0, header: int | None = 0) -> tuple[pd.DataFrame, QualityReport]:
    """Read a CSV/TSV/whitespace text, Excel or Parquet file as text columns, undecided types.

    Returns the raw frame (every text column as strings, so ids keep their leading zeros) and a
    :class:`QualityReport` with the detected encoding and separator filled in.

    Parameters
    ----------
    header : int
        0-based line (text) or row (Excel) holding the column names.

    Raises
    ------
    DataError
        If the file does not exist, cannot be decoded, or is empty.
    """
    frame, report = _read_raw(source, encoding=encoding, sep=sep, sheet_name=sheet_name,
                              header=0 if header is None else header)
    if not isinstance(source, pd.DataFrame):
        frame = frame.reset_index(drop=True)
    return frame, report


# --------------------------------------------------------------------------------------------
# Values: numbers and dates
# --------------------------------------------------------------------------------------------

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


def _row_labels(index: pd.Index, positions, *, from_file: bool) -> list:
    # Files: the index already holds the line number a person sees in an editor (header = line 1).
    return [index[p] for p in positions]


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
                labels = _row_labels(text.index, positions[:2], from_file=from_file)
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
        positions = np.flatnonzero(bad.to_numpy())
        labels = _row_labels(values.index, positions, from_file=from_file)
        examples = format_examples(zip(labels, text.iloc[positions]), where="line" if from_file else "row")
        raise DataError(
            f"column {column!r} ({keyword}=) has {len(positions):,} value(s) that are not numbers: "
            f"{examples}. Fix or remove those rows, or map {keyword}= to the numeric column."
        )
    return numbers.astype("float64")


def _to_numbers(frame: pd.DataFrame, specs: dict[str, tuple[str, str]], report: QualityReport,
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


def _parse_dates(values: pd.Series, column: str, date_format: str | None, report: QualityReport,
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
        positions = np.flatnonzero(bad.to_numpy())
        labels = _row_labels(values.index, positions, from_file=from_file)
        examples = format_examples(zip(labels, values.iloc[positions]), where="line" if from_file else "row")
        raise DataError(
            f"column {column!r} (date=) has {len(positions):,} value(s) that are not dates in the "
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


def _clean_ids(values: pd.Series, column: str | None = None, keyword: str = "customer", *,
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
        return _rounded_ids_error(column, keyword, _row_labels(values.index, positions, from_file=from_file),
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
    ids = ids.mask(ids.isin(_NA_STRINGS))
    scientific = ids.str.match(_SCIENTIFIC_ID).fillna(False).to_numpy(dtype=bool)
    if scientific.any():
        raise refuse(scientific, lambda at: list(ids.iloc[at]),
                     "they are written in scientific notation, as Excel shows long numbers")
    return ids


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
# Whole-file decisions: totals rows, cancellations, implausible dates
# --------------------------------------------------------------------------------------------

def _is_blank(value) -> bool:
    return value is None or (not isinstance(value, str) and pd.isna(value)) or str(value).strip() in _NA_STRINGS


def _totals_rows(frame: pd.DataFrame, value_column: str, specs: dict, blocks: list[int],
                 *, from_file: bool) -> list[int]:
    """Positions of totals rows: the last row of each block (sheet) when it lacks an id or a date
    and its value equals the sum of the rows above it, within the rounding of the shown values."""
    found, start = [], 0
    for size in blocks:
        stop = start + size
        if size >= 2:
            last = stop - 1
            no_id = _is_blank(frame[schema.CUSTOMER].iloc[last])
            date_value = frame[schema.DATE].iloc[last]
            no_date = _is_blank(date_value) or (isinstance(date_value, str) and not re.search(r"\d", date_value))
            if no_id or no_date:
                try:
                    block = frame.iloc[start:stop]
                    numbers = _to_numbers(block, {value_column: specs[value_column]},
                                          QualityReport(source="scratch"), from_file=from_file)[value_column]
                except DataError:
                    numbers = None
                if numbers is not None and pd.notna(numbers.iloc[-1]):
                    above = numbers.iloc[:-1]
                    n_above = int(above.notna().sum())
                    total = float(above.sum())
                    # Each shown value may be rounded to the cent: the sum may be off by half a cent each.
                    tolerance = max(0.01, 0.005 * n_above) + 1e-9 * abs(total)
                    if n_above and abs(float(numbers.iloc[-1]) - total) <= tolerance:
                        found.append(last)
        start = stop
    return found


_UCI_CANCELLATION = r"C\d+"


def _cancellations(orders: pd.Series, cancel_prefix, report: QualityReport, negative: pd.Series) -> pd.Series:
    """Which order ids mark cancellations, by the rule ``cancel_prefix`` names (counted).

    ``negative`` flags the rows that are returns anyway (negative amount or quantity).
    """
    present = orders.notna()
    if cancel_prefix is None:
        report.add("order ids marked as cancellations", 0, "none (cancel_prefix=None)")
        return pd.Series(False, index=orders.index)
    if cancel_prefix != "auto":
        marked = (orders.str.startswith(cancel_prefix).fillna(False)).astype(bool)
        report.add("order ids marked as cancellations", int(marked.sum()),
                   f"treated as cancellations (order id starts with {cancel_prefix!r})")
        return marked
    starts_c = orders.str.startswith("C").fillna(False).astype(bool)
    c_ids, others = orders[starts_c], orders[present & ~starts_c]
    other_digits = others.str.fullmatch(r"\d+").fillna(False).astype(bool)
    uci = (len(c_ids) > 0 and len(others) > 0
           and bool(c_ids.str.fullmatch(_UCI_CANCELLATION).fillna(False).all())
           # A stray adjustment id ("A563185" in UCI Online Retail) does not change the scheme.
           and float(other_digits.mean()) >= 0.99)
    if uci:
        lengths = others[other_digits].str.len()
        c_lengths = c_ids.str.len() - 1
        uci = bool(c_lengths.between(lengths.min(), lengths.max()).all())
    if uci:
        report.add("order ids marked as cancellations", int(starts_c.sum()),
                   "treated as cancellations ('C' + digits, the other order ids are digits: "
                   "UCI Online Retail convention)")
        return starts_c
    report.add("order ids marked as cancellations", 0,
               "none (order ids are not the UCI 'C' + digits scheme; pass cancel_prefix='C' to use it)")
    undecided = starts_c & ~negative.astype(bool)
    if undecided.any():
        report.add("order ids starting with 'C'", int(undecided.sum()),
                   "kept as ordinary orders: the other ids are not all digits, so 'C' is part of the "
                   "id scheme; pass cancel_prefix='C' if they are cancellations")
    return pd.Series(False, index=orders.index)


EARLIEST_PLAUSIBLE_DATE = pd.Timestamp("1970-01-01")
_PLAUSIBLE_GAP = pd.Timedelta(days=366)  # a calendar year, leap day included


def _latest_plausible_date(dates: pd.Series) -> pd.Timestamp | None:
    """The latest plausible order date of a file: the end of its dense run of dates from the median.

    Starting at the median date (of the dates from 1970 on), step to the next later date while
    it is at most 366 days away; the last date reached is the latest plausible one. Dates more
    than a year after it are implausible (a typo year 2100, a placeholder 9999-12-31). Unlike
    the maximum or a quantile, this holds while fewer than half of the rows are wrong, and
    unlike "today" it depends only on the file, so stored outputs stay stable.
    """
    values = dates[dates >= EARLIEST_PLAUSIBLE_DATE].dropna().to_numpy(dtype="datetime64[ns]")
    if len(values) == 0:
        return None
    values = np.sort(values)
    later = np.unique(values[values >= values[(len(values) - 1) // 2]])
    jumps = np.flatnonzero(np.diff(later) > _PLAUSIBLE_GAP.to_timedelta64())
    return pd.Timestamp(later[jumps[0]] if len(jumps) else later[-1])


def _date_window(dates: pd.Series, raw_dates: pd.Series, date_range, report: QualityReport,
                 *, from_file: bool) -> pd.Series:
    """Rows whose order date is kept: within ``date_range``, or plausible by default (counted)."""
    where = "line" if from_file else "row"
    if date_range is not None:
        try:
            start, end = date_range
            start = None if start is None else pd.Timestamp(start)
            end = None if end is None else pd.Timestamp(end)
        except (TypeError, ValueError) as exc:
            raise DataError(f"date_range={date_range!r} is not a (start, end) pair of dates ({exc}). "
                            "Pass e.g. date_range=('2015-01-01', '2024-12-31'); None leaves an end open.") from None
        if start is not None and end is not None and start > end:
            raise DataError(f"date_range={date_range!r} starts after it ends. Pass (start, end) with start <= end.")
        keep = pd.Series(True, index=dates.index)
        if start is not None:
            keep &= dates >= start
        if end is not None:
            # A bare end date includes that whole day.
            keep &= dates < end + pd.Timedelta(days=1) if end == end.normalize() else dates <= end
        rule = f"outside date_range=({start}, {end})"
        issue = "order dates outside date_range"
    else:
        latest = _latest_plausible_date(dates)
        if latest is None:
            keep = pd.Series(False, index=dates.index)
            cutoff = None
        else:
            cutoff = latest + _PLAUSIBLE_GAP
            keep = (dates >= EARLIEST_PLAUSIBLE_DATE) & (dates <= cutoff)
        rule = (f"before {EARLIEST_PLAUSIBLE_DATE:%Y-%m-%d}" +
                (f" or after {cutoff:%Y-%m-%d} (a year past the latest plausible date {latest:%Y-%m-%d})"
                 if cutoff is not None else ""))
        issue = "implausible order dates"
    dropped = ~keep
    positions = np.flatnonzero(dropped.to_numpy())
    examples = format_examples(zip(_row_labels(dates.index, positions, from_file=from_file),
                                   raw_dates.iloc[positions]), where=where)
    action = f"dropped ({rule}" + (f"; {examples}" if len(positions) else "") + ")"
    if date_range is None:
        action += "; pass date_range=(start, end) to choose the window"
    report.add(issue, len(positions), action)
    if len(positions):
        warnings.warn(f"{len(positions):,} row(s) with order dates {rule} were left out: {examples}. "
                      "Pass date_range=(start, end) to choose the window yourself.", CrmlabWarning, stacklevel=3)
    return keep


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
    cancel_prefix: str | None = "auto",
    duplicates: str = "keep",
    sheet_name=0,
    header: int | None = None,
    date_range: tuple | None = None,
) -> pd.DataFrame:
    """Read a transaction export into the canonical transaction frame.

    Course concept: preparing purchase records (交易数据) for RFM, CLV, baskets and loyalty.

    Every decision about the data (rows dropped, values converted, styles detected) is counted
    in the :class:`QualityReport`, zero counts included.

    Parameters
    ----------
    source : str, path or DataFrame
        CSV, TSV, whitespace-separated text, Excel (``.xlsx``) or Parquet file, or a DataFrame.
        The file is only read, never modified.
    customer, date, amount : str
        The user's column names for customer id, order date and line/order amount.
        ``amount=None`` (or a missing default ``"amount"`` column) with ``quantity`` and
        ``unit_price`` given computes amount = quantity × unit price. Amounts may carry one
        currency mark (``¥ ￥ 元 RMB CNY`` are all CNY; ``$ € £`` …); a column mixing
        currencies is refused.
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
        Rows with a negative amount or quantity, or a cancellation order id (``cancel_prefix``):
        ``"drop"`` removes them; ``"keep"`` keeps them (negative amounts) with an ``is_return``
        column; ``"net"`` subtracts each from the customer's matching earlier purchase.
    cancel_prefix : "auto", str or None
        Which order ids mark cancellations. ``"auto"`` (default) applies the UCI Online Retail
        convention — ``"C"`` + digits — only when it is evidently the file's scheme: every id
        starting with ``C`` is ``C`` + digits and the other order ids are digits (99 % or more)
        of the same lengths. Any other string marks the ids starting with it (``"C"`` forces the
        UCI rule); ``None`` marks none. Either way the count is in the report.
    duplicates : {"keep", "drop"}
        Exact duplicate rows are always counted; ``"drop"`` also removes them.
    sheet_name : str, int or None
        Excel sheet (name or 0-based position); ``None`` reads every sheet that has the first
        sheet's columns, one after the other (sheets with other columns are named in the report).
        Reading one sheet of a workbook whose other sheets share its columns warns.
    header : int, optional
        0-based line (text) or row (Excel) holding the column names. ``None`` (default) takes
        the first of the first 50 lines that holds every mapped column name, so report titles
        and date ranges above the header are skipped (and counted).
    date_range : (start, end), optional
        Keep the orders dated within ``start``..``end`` (inclusive; ``None`` leaves an end open)
        and drop the others, counted. By default implausible dates are dropped instead: before
        1970-01-01, or more than 365 days after the file's latest plausible date — the last date
        reached from the median order date by steps of at most 366 days (a rule of the file
        alone, never of today's date, so it holds while fewer than half of the dates are wrong).

    Returns
    -------
    DataFrame
        Canonical columns (see :mod:`crmlab.schema`), sorted by customer and date, with the
        :class:`QualityReport` in ``.attrs["quality"]`` (also :func:`quality_report`).
        ``customer_id`` and ``order_id`` are text holding every digit of integer ids.

    Raises
    ------
    DataError
        Missing file, column or header line, unknown encoding, unparseable dates, non-numeric
        amounts, several currencies in one amount column, ids rounded before they were read
        (floats of 2**53 or more, Excel numbers of more than 15 digits, ``1.76E+18``), or no
        rows left.

    Warns
    -----
    CrmlabWarning
        Other sheets with the same columns were not read; rows with implausible dates were
        left out; day/month order is ambiguous.

    Notes
    -----
    A totals row at the bottom (of the file, or of each sheet) is dropped and counted when it
    is one: it has no customer id or no date, and its amount (or quantity, when amounts are
    computed) equals the sum of the rows above it within half a cent per row. A customer
    named "Total" or "合计" with a date is an ordinary row. The decimal style (``1.234,5``
    or ``1,234.5``) is decided once for the file from the amount, quantity and unit price
    columns together, so an SAP quantity ``4,000`` in a decimal-comma file is 4.

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
    if cancel_prefix is not None and not (isinstance(cancel_prefix, str) and cancel_prefix):
        raise DataError(f"cancel_prefix={cancel_prefix!r}: pass 'auto' (the default), a prefix such as 'C', or None.")
    from_file = not isinstance(source, pd.DataFrame)
    optional = {schema.ORDER: order, schema.PRODUCT: product, schema.QUANTITY: quantity,
                schema.CATEGORY: category, schema.CHANNEL: channel, schema.REGION: region}
    amount_optional = amount is None or (amount == schema.AMOUNT and quantity is not None and unit_price is not None)
    wanted = {customer: ("customer", schema.CUSTOMER), date: ("date", schema.DATE)}
    if not amount_optional:
        wanted[amount] = ("amount", schema.AMOUNT)
    wanted.update({u: (c.replace("_id", ""), c) for c, u in optional.items() if u is not None})
    if amount_optional and unit_price is not None:
        wanted[unit_price] = ("unit_price", schema.UNIT_PRICE)
    raw, report = _read_raw(source, encoding=encoding, sep=sep, sheet_name=sheet_name, header=header,
                            wanted=wanted, exact_ints=True)
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
    for canonical, user in optional.items():
        if user is not None:
            mapping[canonical] = (user, canonical.replace("_id", ""))
    for canonical, (user, keyword) in mapping.items():
        if user not in raw.columns:
            error = missing_column_error(user, keyword=keyword, available=raw.columns, role=canonical)
            if from_file and (report.separator is not None or report.encoding == "xlsx"):
                error = DataError(f"{error} header={header!r} took line {int(header or 0) + 1} as the column "
                                  "names: pass the 0-based number of the line that holds them, or header=None "
                                  "to find it.")
            raise error

    frame = pd.DataFrame(index=raw.index)
    for canonical, (user, _) in mapping.items():
        frame[canonical] = raw[user]

    numeric = {c: mapping[c] for c in (schema.QUANTITY, schema.UNIT_PRICE, schema.AMOUNT) if c in mapping}
    value_column = schema.QUANTITY if compute_amount else schema.AMOUNT
    if value_column in frame:
        blocks = list(report.sheets.values()) if report.sheets else [len(frame)]
        totals = _totals_rows(frame, value_column, numeric, blocks, from_file=from_file)
        labels = _row_labels(frame.index, totals, from_file=from_file)
        where = "line" if from_file else "row"
        report.add("totals row at the bottom", len(totals),
                   f"dropped ({format_examples(zip(labels, frame[value_column].iloc[totals]), where=where)}: "
                   "no id or no date, and the sum of the rows above)" if totals else "none found")
        if totals:
            keep = np.ones(len(frame), dtype=bool)
            keep[totals] = False
            frame = frame.iloc[keep]

    # Customer ids: missing ones cannot be attributed to anyone.
    frame[schema.CUSTOMER] = _clean_ids(frame[schema.CUSTOMER], customer, "customer",
                                        excel=report.encoding == "xlsx", from_file=from_file)
    missing_id = frame[schema.CUSTOMER].isna()
    report.add("missing customer id", int(missing_id.sum()), "dropped")
    frame = frame.loc[~missing_id]
    if frame.empty:
        raise DataError(f"every row of {report.source} lacks a customer id in column {customer!r}. "
                        "Map customer= to the column that holds customer ids.")

    raw_dates = frame[schema.DATE]
    frame[schema.DATE] = _parse_dates(frame[schema.DATE], date, date_format, report, from_file=from_file)
    missing_date = frame[schema.DATE].isna()
    report.add("missing order date", int(missing_date.sum()), "dropped")
    frame = frame.loc[~missing_date]
    in_window = _date_window(frame[schema.DATE], raw_dates.loc[frame.index] if raw_dates.index.is_unique
                             else raw_dates[~missing_date.to_numpy()], date_range, report, from_file=from_file)
    frame = frame.loc[in_window.to_numpy()]
    try:
        frame[schema.DATE] = frame[schema.DATE].astype("datetime64[ns]")
    except (OverflowError, pd.errors.OutOfBoundsDatetime):
        raise DataError(f"column {date!r} (date=) holds dates after {pd.Timestamp.max:%Y-%m-%d}, which "
                        "cannot be analysed; pass a date_range= that ends before them.") from None

    numbers = _to_numbers(frame, numeric, report, from_file=from_file)
    if schema.QUANTITY in frame:
        frame[schema.QUANTITY] = numbers[schema.QUANTITY]
    if compute_amount:
        frame.pop(schema.UNIT_PRICE)
        frame[schema.AMOUNT] = frame[schema.QUANTITY] * numbers[schema.UNIT_PRICE]
        report.add("amount computed as quantity × unit price", len(frame), "computed")
    else:
        frame[schema.AMOUNT] = numbers[schema.AMOUNT]
    missing_amount = frame[schema.AMOUNT].isna()
    report.add("missing amount", int(missing_amount.sum()), "dropped")
    frame = frame.loc[~missing_amount]
    for column in (schema.ORDER, schema.PRODUCT, schema.CATEGORY, schema.CHANNEL, schema.REGION):
        if column in frame:
            frame[column] = _clean_ids(frame[column], order, "order", excel=report.encoding == "xlsx",
                                       from_file=from_file) if column == schema.ORDER else \
                frame[column].astype("string").str.strip()

    # Returns and cancellations.
    is_return = frame[schema.AMOUNT] < 0
    if schema.QUANTITY in frame:
        is_return |= frame[schema.QUANTITY].fillna(0) < 0
    if schema.ORDER in frame:
        is_return |= _cancellations(frame[schema.ORDER], cancel_prefix, report, is_return)
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
