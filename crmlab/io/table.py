"""Reading a file into raw text columns: encodings, separators, header lines, Excel sheets, Parquet.

Course concept: the first half of the data step — getting a company's export into a table before
any value is interpreted (numbers, dates and ids are :mod:`crmlab.io.values`' job).

Encodings are told apart by :mod:`crmlab._text` (UTF-8 with or without BOM, GB18030/GBK from
Chinese Excel, cp1252 from Western tools); separators by the line splits; the header line by the
mapped column names, so report titles above it are skipped and counted.
"""

from __future__ import annotations

import codecs
import csv
import io as _io
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

from .._text import gbk_read_as_utf8, looks_chinese, western_read_as_gbk
from ..errors import CrmlabWarning, DataError, missing_column_error
from .quality import SEPARATOR_NAMES, QualityReport

__all__ = ["read_table", "read_raw", "NA_STRINGS"]

#: Cell texts read as missing values.
NA_STRINGS = ["", "NA", "N/A", "NaN", "nan", "NULL", "null", "None", "none", "-", "#N/A", "空", "无"]
_EXCEL_SUFFIXES = {".xlsx", ".xlsm", ".xls"}
_PARQUET_SUFFIXES = {".parquet", ".pq"}


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


def read_raw(source, *, encoding=None, sep=None, sheet_name=0, header=0, wanted=None,
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
                                    skiprows=header_line, keep_default_na=False, na_values=NA_STRINGS,
                                    engine=engine, skipinitialspace=True, index_col=False)
        except pd.errors.ParserWarning:
            name = SEPARATOR_NAMES.get(report.separator, repr(report.separator))
            raise DataError(f"{path.name!r}: the lines after line {header_line + 1} have more {name}-separated "
                            f"fields than line {header_line + 1} ({lines[header_line][:60]!r}), which was taken "
                            "as the header. If the column names are on another line (a report title above "
                            "them), pass header= with its 0-based line number; otherwise check sep=.") from None
        except pd.errors.ParserError as exc:
            name = SEPARATOR_NAMES.get(report.separator, repr(report.separator))
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
    frame, report = read_raw(source, encoding=encoding, sep=sep, sheet_name=sheet_name,
                              header=0 if header is None else header)
    if not isinstance(source, pd.DataFrame):
        frame = frame.reset_index(drop=True)
    return frame, report
