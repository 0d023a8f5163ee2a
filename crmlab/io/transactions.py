"""Read any transaction export into the canonical transaction frame, and say what was done to it.

Course concept: the data step every CRM analysis starts with — mapping a company's export
(any column names, encoding, separator, date style; returns and missing ids) onto one data model.

Whole-file decisions live here (totals rows, cancellations, implausible dates, returns); reading
the file is :mod:`crmlab.io.table`'s job and reading its values :mod:`crmlab.io.values`'.
"""

from __future__ import annotations

import re
import warnings

import numpy as np
import pandas as pd

from .. import schema
from ..errors import CrmlabWarning, DataError, format_examples, missing_column_error
from .columns import resolve_columns
from .quality import QualityReport, attach_report
from .table import NA_STRINGS, read_raw
from .values import clean_ids, parse_dates, row_labels, to_numbers

__all__ = ["read_transactions", "EARLIEST_PLAUSIBLE_DATE"]

_RETURN_OPTIONS = ("drop", "keep", "net")


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
    return value is None or (not isinstance(value, str) and pd.isna(value)) or str(value).strip() in NA_STRINGS


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
                    numbers = to_numbers(block, {value_column: specs[value_column]},
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
    examples = format_examples(zip(row_labels(dates.index, positions, from_file=from_file),
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

_ROLE_DEFAULTS = {"customer": schema.CUSTOMER, "date": schema.DATE, "amount": schema.AMOUNT, "order": None,
                  "product": None, "quantity": None, "unit_price": None, "category": None, "channel": None,
                  "region": None}


def read_transactions(
    source,
    *,
    columns: dict | None = None,
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
    return_report: bool = False,
):
    """Read a transaction export into the canonical transaction frame.

    Course concept: preparing purchase records (交易数据) for RFM, CLV, baskets and loyalty.

    Every decision about the data (rows dropped, values converted, styles detected) is counted
    in the :class:`QualityReport`, zero counts included.

    Parameters
    ----------
    source : str, path or DataFrame
        CSV, TSV, whitespace-separated text, Excel (``.xlsx``) or Parquet file, or a DataFrame.
        The file is only read, never modified.
    columns : dict, optional
        The column mapping as one dict ``{role: your column}``, the dialect every crmlab reader
        takes (``{"customer": "客户编号", "date": "下单时间", "amount": "金额"}``): roles are the
        keyword names below (or the canonical columns, ``"customer_id"`` …). The same as passing
        the keywords; a role given both ways with different columns is an error.
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
    return_report : bool
        Also return the :class:`QualityReport` (see :mod:`crmlab.io.quality` for why).

    Returns
    -------
    DataFrame or (DataFrame, QualityReport)
        Canonical columns (see :mod:`crmlab.schema`), sorted by customer and date.
        ``customer_id`` and ``order_id`` are text holding every digit of integer ids. The
        :class:`QualityReport` comes beside the frame with ``return_report=True``; for display
        the frame also carries it in ``.attrs["quality"]`` (:func:`quality_report`).

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
    >>> tx, report = read_transactions(raw, columns={"customer": "客户编号", "date": "下单时间", "amount": "金额"},
    ...                                return_report=True)
    >>> report.count("missing customer id")
    1
    """
    if columns is not None:
        given = {"customer": customer, "date": date, "amount": amount, "order": order, "product": product,
                 "quantity": quantity, "unit_price": unit_price, "category": category, "channel": channel,
                 "region": region}
        for role, user in resolve_columns(columns, schema.TRANSACTION_ROLES, reader="read_transactions").items():
            if given[role] not in (_ROLE_DEFAULTS[role], user):
                raise DataError(f"the {role} column is given twice: {role}={given[role]!r} and "
                                f"columns={{{role!r}: {user!r}}}; pass it once.")
            given[role] = user
        customer, date, amount, order, product = (given[k] for k in ("customer", "date", "amount", "order", "product"))
        quantity, unit_price, category, channel, region = (given[k] for k in ("quantity", "unit_price", "category",
                                                                               "channel", "region"))
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
    raw, report = read_raw(source, encoding=encoding, sep=sep, sheet_name=sheet_name, header=header,
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
        labels = row_labels(frame.index, totals, from_file=from_file)
        where = "line" if from_file else "row"
        report.add("totals row at the bottom", len(totals),
                   f"dropped ({format_examples(zip(labels, frame[value_column].iloc[totals]), where=where)}: "
                   "no id or no date, and the sum of the rows above)" if totals else "none found")
        if totals:
            keep = np.ones(len(frame), dtype=bool)
            keep[totals] = False
            frame = frame.iloc[keep]

    # Customer ids: missing ones cannot be attributed to anyone.
    frame[schema.CUSTOMER] = clean_ids(frame[schema.CUSTOMER], customer, "customer",
                                        excel=report.encoding == "xlsx", from_file=from_file)
    missing_id = frame[schema.CUSTOMER].isna()
    report.add("missing customer id", int(missing_id.sum()), "dropped")
    frame = frame.loc[~missing_id]
    if frame.empty:
        raise DataError(f"every row of {report.source} lacks a customer id in column {customer!r}. "
                        "Map customer= to the column that holds customer ids.")

    raw_dates = frame[schema.DATE]
    frame[schema.DATE] = parse_dates(frame[schema.DATE], date, date_format, report, from_file=from_file)
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

    numbers = to_numbers(frame, numeric, report, from_file=from_file)
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
            frame[column] = clean_ids(frame[column], order, "order", excel=report.encoding == "xlsx",
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
    return attach_report(frame, report, return_report)
