"""A first look at a transaction frame: size, period, revenue, and revenue over time.

Course concept: knowing your customer data (客户数据概览) before any analysis.
"""

from __future__ import annotations

import pandas as pd
from matplotlib.axes import Axes

from . import schema
from ._docstrings import fill_doc
from ._plotting import get_ax
from ._validate import as_dates, as_numeric, require_columns
from .labels import plot_lang, term

#: Terms of this chapter: key → (English, 中文).
TERMS: dict[str, tuple[str, str]] = {
    "rows": ("Order lines", "订单行数"),
    "orders": ("Orders", "订单数"),
    "first_date": ("First order", "首次下单"),
    "last_date": ("Last order", "最后下单"),
    "revenue_per_customer": ("Revenue per customer", "客均收入"),
    "orders_per_customer": ("Orders per customer", "客均订单数"),
    "revenue_over_time": ("Revenue over time", "收入趋势"),
    "month": ("Month", "月份"),
    "week": ("Week", "周"),
    "day": ("Day", "日期"),
    "quarter": ("Quarter", "季度"),
    "year": ("Year", "年份"),
    "period": ("Period", "时期"),
}

# The x label says what one point stands for ("MS" and "ME" are months, "W-SUN" a week …).
_PERIOD_OF_FREQ = (("W", "week"), ("M", "month"), ("Q", "quarter"), ("Y", "year"), ("A", "year"), ("D", "day"))


@fill_doc
def summarize(transactions: pd.DataFrame, *, customer: str = schema.CUSTOMER, date: str = schema.DATE,
              amount: str = schema.AMOUNT, order: str | None = None, lang: str = "en") -> pd.DataFrame:
    """Key facts of a transaction frame as a two-column table (metric, value).

    Course concept: 客户数据概览 — how many customers, orders and how much revenue, over which period.

    Parameters
    ----------
    transactions : DataFrame
        Canonical transactions (or any frame, with the column keywords).
    order : str, optional
        Order id column; default ``"order_id"`` when present, else each row counts as an order.
    lang : {"en", "zh"}
        Language of the metric names.
    {customer}
    {date}
    {amount}

    Returns
    -------
    DataFrame
        Indexed by metric name, one column ``value``.

    Examples
    --------
    >>> tx = pd.DataFrame({"customer_id": ["a", "a", "b"], "order_date": pd.to_datetime(
    ...     ["2024-01-01", "2024-02-01", "2024-01-15"]), "amount": [10.0, 20.0, 30.0]})
    >>> summarize(tx).loc["Revenue", "value"]
    60.0
    """
    if order is None and schema.ORDER in transactions:
        order = schema.ORDER
    require_columns(transactions, {"customer": customer, "date": date, "amount": amount, "order": order})
    dates = as_dates(transactions, date)
    n_orders = transactions[order].nunique() if order else len(transactions)
    n_customers = transactions[customer].nunique()
    revenue = float(as_numeric(transactions, amount, keyword="amount").sum())
    rows = [
        ("rows", len(transactions)),
        ("orders", int(n_orders)),
        ("customers", int(n_customers)),
        ("revenue", round(revenue, 2)),
        ("first_date", dates.min().date().isoformat()),
        ("last_date", dates.max().date().isoformat()),
        ("revenue_per_customer", round(revenue / n_customers, 2)),
        ("orders_per_customer", round(n_orders / n_customers, 2)),
    ]
    index = [term(key, lang, TERMS) for key, _ in rows]
    return pd.DataFrame({"value": [value for _, value in rows]}, index=pd.Index(index, name="metric"))


@fill_doc
def revenue_by_period(transactions: pd.DataFrame, *, freq: str = "MS", date: str = schema.DATE,
                      amount: str = schema.AMOUNT) -> pd.Series:
    """Revenue per calendar period (``freq`` a pandas offset alias, default month start).

    Parameters
    ----------
    {date}
    {amount}
    """
    require_columns(transactions, {"date": date, "amount": amount})
    amounts = as_numeric(transactions, amount, keyword="amount")
    return pd.Series(amounts.to_numpy(), index=pd.DatetimeIndex(as_dates(transactions, date), name=date)) \
        .resample(freq).sum().rename("revenue")


@fill_doc
def plot_revenue_over_time(transactions: pd.DataFrame, *, freq: str = "MS", ax: Axes | None = None, lang: str = "en",
                           date: str = schema.DATE, amount: str = schema.AMOUNT) -> Axes:
    """Line plot of revenue per period; returns the Axes.

    Parameters
    ----------
    {ax}
    {lang}
    {date}
    {amount}
    """
    lang = plot_lang(lang)
    series = revenue_by_period(transactions, freq=freq, date=date, amount=amount)
    ax = get_ax(ax)
    ax.plot(series.index, series.to_numpy(), marker="o", markersize=3)
    ax.set_title(term("revenue_over_time", lang, TERMS))
    unit = next((key for code, key in _PERIOD_OF_FREQ if str(freq).upper().startswith(code)), "period")
    ax.set_xlabel(term(unit, lang, TERMS))
    ax.set_ylabel(term("revenue", lang))
    ax.figure.autofmt_xdate()
    return ax
