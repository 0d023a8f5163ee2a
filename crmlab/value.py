"""Customer value: delivered value, value concentration (Pareto / Lorenz), tiers and simple CLV.

Course concept: customers differ in value (客户价值), so firms measure what each customer
receives (顾客让渡价值, customer delivered value) and what each customer is worth to the firm
(value concentration, 客户分级 tiers, the customer pyramid, customer lifetime value CLV/LTV).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd
from matplotlib.axes import Axes

from . import schema
from ._docstrings import fill_doc
from ._plotting import get_ax
from ._validate import as_dates, as_day, as_numeric, require_columns
from .errors import DataError, format_examples
from .labels import check_lang, key_label, plot_lang, term

_MISSING_DATES = "Drop those rows or read the file with crmlab.read_transactions, which drops and counts them."

__all__ = [
    "VALUE_COMPONENTS", "COST_COMPONENTS", "TERMS", "delivered_value", "make_delivered_value",
    "customer_values", "lorenz_curve", "gini", "top_share", "abc_tiers", "customer_pyramid",
    "tier_summary", "retention_clv", "finite_clv", "clv_sensitivity", "annual_margin", "historical_clv",
    "plot_lorenz", "plot_pyramid",
]

#: Total customer value components (顾客总价值): product, service, personnel, image value.
VALUE_COMPONENTS = ("product_value", "service_value", "personnel_value", "image_value")
#: Total customer cost components (顾客总成本): monetary, time, energy, psychic cost.
COST_COMPONENTS = ("monetary_cost", "time_cost", "energy_cost", "psychic_cost")

#: Chapter terms: key → (English, 中文).
TERMS: dict[str, tuple[str, str]] = {
    "product_value": ("Product value", "产品价值"),
    "service_value": ("Service value", "服务价值"),
    "personnel_value": ("Personnel value", "人员价值"),
    "image_value": ("Image value", "形象价值"),
    "monetary_cost": ("Monetary cost", "货币成本"),
    "time_cost": ("Time cost", "时间成本"),
    "energy_cost": ("Energy cost", "体力成本"),
    "psychic_cost": ("Psychic cost", "精神成本"),
    "total_value": ("Total customer value", "顾客总价值"),
    "total_cost": ("Total customer cost", "顾客总成本"),
    "delivered_value": ("Delivered value", "顾客让渡价值"),
    "lorenz": ("Lorenz curve of customer value", "客户价值洛伦兹曲线"),
    "equality": ("Perfect equality", "完全平均"),
    "cum_customers": ("Cumulative share of customers (highest value first)", "累计客户占比（按价值从高到低）"),
    "cum_value": ("Cumulative share of value", "累计价值占比"),
    "pyramid": ("Customer pyramid", "客户金字塔"),
    "of_customers": ("of customers", "客户"),
    "of_value": ("of value", "价值"),
    "A": ("A (key)", "A 类（关键客户）"),
    "B": ("B (ordinary)", "B 类（普通客户）"),
    "C": ("C (small)", "C 类（小客户）"),
    "Platinum": ("Platinum", "铂金客户"),
    "Gold": ("Gold", "黄金客户"),
    "Iron": ("Iron", "铁客户"),
    "Lead": ("Lead", "铅客户"),
}


def _require(frame: pd.DataFrame, columns, keyword: str, role: str) -> None:
    require_columns(frame, [(keyword, c) for c in columns], role=role)


# --------------------------------------------------------------------------- delivered value
def delivered_value(
    data: pd.DataFrame,
    *,
    value_columns: Sequence[str] = VALUE_COMPONENTS,
    cost_columns: Sequence[str] = COST_COMPONENTS,
    weights: Mapping[str, float] | None = None,
    by: str | None = None,
    customer: str = schema.CUSTOMER,
) -> pd.DataFrame:
    """Customer delivered value = total customer value − total customer cost.

    Course concept: 顾客让渡价值 (Kotler): total customer value (产品、服务、人员、形象价值)
    minus total customer cost (货币、时间、体力、精神成本).

    Parameters
    ----------
    data : DataFrame
        One row per customer (or respondent) with value and cost component columns on a common
        scale (e.g. ratings or currency).
    value_columns, cost_columns : sequence of str
        Components of total customer value and total customer cost.
    weights : mapping, optional
        Weight per component (default 1). Missing components get weight 1.
    by : str, optional
        Segment column: return the mean per segment (plus a ``customers`` count).
    customer : str
        Customer column used as index when present.

    Returns
    -------
    DataFrame
        ``total_value``, ``total_cost``, ``delivered_value`` (difference) and ``value_ratio``
        (value / cost), per customer (indexed by ``customer`` when the column exists) or per
        segment.

    Examples
    --------
    >>> df = pd.DataFrame({"customer_id": ["a"], "product_value": [8], "service_value": [6],
    ...                    "personnel_value": [5], "image_value": [5], "monetary_cost": [9],
    ...                    "time_cost": [3], "energy_cost": [2], "psychic_cost": [1]})
    >>> delivered_value(df)["delivered_value"].tolist()
    [9.0]
    """
    _require(data, list(value_columns) + list(cost_columns), "value_columns/cost_columns", "component")
    if by is not None:
        _require(data, [by], "by", "segment")
    weights = dict(weights or {})
    unknown = set(weights) - set(value_columns) - set(cost_columns)
    if unknown:
        raise DataError(f"weights name columns that are not components: {sorted(unknown)}.")

    def total(columns):
        out = pd.Series(0.0, index=data.index)
        for column in columns:
            out = out + weights.get(column, 1.0) * as_numeric(data, column)
        return out

    out = pd.DataFrame({"total_value": total(value_columns), "total_cost": total(cost_columns)})
    out["delivered_value"] = out["total_value"] - out["total_cost"]
    out["value_ratio"] = out["total_value"] / out["total_cost"].where(out["total_cost"] != 0)
    if by is not None:
        grouped = out.groupby(data[by], sort=True, observed=True)
        result = grouped.mean()
        result.insert(0, "customers", grouped.size())
        result.index.name = by
        return result
    if customer in data.columns:
        out.index = pd.Index(data[customer], name=customer)
    return out


@fill_doc
def make_delivered_value(n_customers: int = 300, *, seed: int = 0,
                         segments: Mapping[str, float] | None = None) -> pd.DataFrame:
    """Generate a survey-style table of value and cost components (0–10 ratings).

    Course concept: 顾客让渡价值 — a data set with known segment differences: "premium" customers
    get high product/image value at a high monetary cost, "convenience" customers value low time
    and energy costs, "price" customers have the lowest monetary cost.

    Parameters
    ----------
    n_customers : int
        Number of rows.
    {seed}
    segments : mapping, optional
        Segment name → share (defaults to premium 0.3, convenience 0.4, price 0.3).

    Returns
    -------
    DataFrame
        ``customer_id``, ``segment`` and the eight component columns, rounded to 0.1.

    Examples
    --------
    >>> make_delivered_value(5, seed=1).shape
    (5, 10)
    """
    if n_customers < 1:
        raise DataError(f"n_customers must be at least 1, got {n_customers}.")
    segments = dict(segments or {"premium": 0.3, "convenience": 0.4, "price": 0.3})
    # Segment means for the eight components (value first, then cost), on a 0–10 scale.
    means = {
        "premium": [8.5, 7.5, 7.5, 8.5, 8.0, 4.0, 4.0, 3.0],
        "convenience": [6.5, 7.0, 6.0, 5.5, 5.5, 2.0, 2.0, 3.0],
        "price": [5.5, 4.5, 4.5, 4.5, 3.0, 5.0, 5.0, 4.0],
    }
    rng = np.random.default_rng(seed)
    names = list(segments)
    share = np.array([segments[s] for s in names], dtype=float)
    seg = rng.choice(len(names), size=n_customers, p=share / share.sum())
    centre = np.array([means.get(names[k], [6.0] * 4 + [4.0] * 4) for k in seg])
    values = np.clip(np.round(centre + rng.normal(0, 1.0, size=centre.shape), 1), 0, 10)
    frame = pd.DataFrame(values, columns=list(VALUE_COMPONENTS + COST_COMPONENTS))
    frame.insert(0, "segment", np.array(names)[seg])
    frame.insert(0, schema.CUSTOMER, [f"C{i:04d}" for i in range(1, n_customers + 1)])
    return frame


# --------------------------------------------------------------------------- concentration
@fill_doc
def customer_values(data, *, customer: str = schema.CUSTOMER, amount: str = schema.AMOUNT) -> pd.Series:
    """Value per customer: a Series passes through, a transactions frame is summed per customer.

    Course concept: 客户价值 — the value each customer brings (revenue, margin or CLV).

    Parameters
    ----------
    {customer}
    {amount}

    Examples
    --------
    >>> tx = pd.DataFrame({"customer_id": ["a", "b", "a"], "amount": [1.0, 5.0, 2.0]})
    >>> customer_values(tx).to_dict()
    {'a': 3.0, 'b': 5.0}
    """
    if isinstance(data, pd.Series):
        values = pd.to_numeric(data, errors="coerce")
    elif isinstance(data, pd.DataFrame):
        _require(data, [customer, amount], "customer/amount", "customer/amount")
        values = as_numeric(data, amount).groupby(data[customer], sort=True, observed=True).sum()
        values.index.name = customer
    else:
        values = pd.Series(np.asarray(data, dtype=float))
    if values.isna().any():
        rows = np.flatnonzero(values.isna().to_numpy())
        raise DataError(f"Customer values contain missing entries at {format_examples((r, values.index[r]) for r in rows)}; "
                        "drop or fill them first.")
    if (values < 0).any():
        rows = np.flatnonzero((values < 0).to_numpy())
        raise DataError("Customer values must be non-negative for concentration measures; negative: "
                        f"{format_examples((values.index[r], values.iloc[r]) for r in rows)}. "
                        "Net out returns per customer or clip at 0.")
    return values.astype(float).rename("value")


@fill_doc
def lorenz_curve(data, *, customer: str = schema.CUSTOMER, amount: str = schema.AMOUNT,
                 descending: bool = True) -> pd.DataFrame:
    """Cumulative value share against cumulative customer share.

    Course concept: 帕累托 / 洛伦兹曲线 — how concentrated customer value is.

    Parameters
    ----------
    data : Series or DataFrame
        Value per customer, or transactions (summed per customer).
    descending : bool
        Rank customers from the most valuable (the "top x% give y%" reading, default) or from
        the least valuable (the economists' Lorenz curve).
    {customer}
    {amount}

    Returns
    -------
    DataFrame
        ``customer_share`` and ``value_share``, starting at (0, 0) and ending at (1, 1).

    Examples
    --------
    >>> lorenz_curve(pd.Series([1.0, 3.0]))["value_share"].tolist()
    [0.0, 0.75, 1.0]
    """
    values = np.sort(customer_values(data, customer=customer, amount=amount).to_numpy())
    if descending:
        values = values[::-1]
    total = values.sum()
    n = len(values)
    if n == 0 or total == 0:
        raise DataError("Lorenz curve needs at least one customer with positive value.")
    return pd.DataFrame({
        "customer_share": np.arange(n + 1) / n,
        "value_share": np.concatenate([[0.0], np.cumsum(values) / total]),
    })


@fill_doc
def gini(data, *, customer: str = schema.CUSTOMER, amount: str = schema.AMOUNT) -> float:
    """Gini coefficient of customer value (0 = all equal, → 1 = one customer has everything).

    Course concept: 客户价值集中度 — Gini = 1 − 2 × area under the (ascending) Lorenz curve.

    Parameters
    ----------
    {customer}
    {amount}

    Examples
    --------
    >>> gini(pd.Series([1.0, 2.0, 3.0, 4.0]))
    0.25
    """
    values = np.sort(customer_values(data, customer=customer, amount=amount).to_numpy())
    n = len(values)
    if n == 0 or values.sum() == 0:
        raise DataError("Gini needs at least one customer with positive value.")
    rank = np.arange(1, n + 1)
    return float(np.sum((2 * rank - n - 1) * values) / (n * values.sum()))


@fill_doc
def top_share(data, top: float = 0.2, *, customer: str = schema.CUSTOMER,
              amount: str = schema.AMOUNT) -> float:
    """Share of total value from the top ``top`` fraction of customers (Pareto 80/20 check).

    Course concept: 二八法则 (Pareto principle) — do 20% of customers bring 80% of value?
    Fractions of a customer are interpolated linearly along the Lorenz curve.

    Parameters
    ----------
    {customer}
    {amount}

    Examples
    --------
    >>> top_share(pd.Series([1.0, 1.0, 1.0, 7.0]), 0.25)
    0.7
    """
    if not 0 <= top <= 1:
        raise ValueError(f"top must be a fraction between 0 and 1, got {top}.")
    curve = lorenz_curve(data, customer=customer, amount=amount)
    return float(np.interp(top, curve["customer_share"], curve["value_share"]))


@fill_doc
def abc_tiers(data, *, cuts: tuple[float, float] = (0.8, 0.95), customer: str = schema.CUSTOMER,
              amount: str = schema.AMOUNT, lang: str = "en") -> pd.DataFrame:
    """ABC tiers by cumulative value share (key, ordinary and small customers).

    Course concept: 客户分级 / ABC 分类 — customers are ranked by value; those who together make
    up the first ``cuts[0]`` of value are A (key customers, 关键客户), up to ``cuts[1]`` B
    (普通客户), the rest C (小客户). A customer whose value crosses a cut belongs to the higher tier.

    Parameters
    ----------
    lang : {"en", "zh"}
        Language of the ``tier`` labels (``tier_key`` does not change).
    {customer}
    {amount}

    Returns
    -------
    DataFrame
        Indexed by customer, sorted by value (descending): ``value``, ``rank``, ``cum_share``
        (value share up to and including this customer), ``tier_key`` (``"A"``, ``"B"``, ``"C"``:
        what code compares) and ``tier`` (its label in ``lang``, e.g. ``"A (key)"``).

    Examples
    --------
    >>> abc_tiers(pd.Series([70.0, 20.0, 6.0, 4.0], index=list("wxyz")))["tier_key"].tolist()
    ['A', 'A', 'B', 'C']
    """
    check_lang(lang)
    lo, hi = cuts
    if not 0 < lo < hi <= 1:
        raise ValueError(f"cuts must satisfy 0 < a < b <= 1, got {cuts}.")
    values = customer_values(data, customer=customer, amount=amount)
    if len(values) == 0 or values.sum() <= 0:
        raise DataError(f"ABC tiers split the total value, which needs customers with positive value; "
                        f"this data has {len(values)} customers and a total value of {values.sum():g}.")
    ordered = values.sort_values(ascending=False, kind="stable")
    cum = ordered.cumsum() / ordered.sum()
    before = cum - ordered / ordered.sum()
    eps = 1e-12
    tier = np.where(before < lo - eps, "A", np.where(before < hi - eps, "B", "C"))
    keys, labels = key_label(pd.Series(tier, index=ordered.index), lang, TERMS, order=("A", "B", "C"))
    out = pd.DataFrame({"value": ordered, "rank": np.arange(1, len(ordered) + 1), "cum_share": cum,
                        "tier_key": keys.astype(str), "tier": labels.astype(str)})
    out.index.name = values.index.name or schema.CUSTOMER
    return out


@fill_doc
def customer_pyramid(data, *, thresholds: Sequence[float] = (0.05, 0.20, 0.60),
                     labels: Sequence[str] = ("Platinum", "Gold", "Iron", "Lead"),
                     kind: str = "rank", customer: str = schema.CUSTOMER, amount: str = schema.AMOUNT,
                     lang: str = "en") -> pd.DataFrame:
    """Customer pyramid (platinum / gold / iron / lead) with the thresholds as parameters.

    Course concept: 客户金字塔 (Zeithaml, Rust & Lemon 2001) — tiers by profitability.

    Parameters
    ----------
    data : Series or DataFrame
        Value (profit, revenue or CLV) per customer, or transactions.
    thresholds : sequence of float
        With ``kind="rank"`` (default): cumulative customer shares where each tier ends, ranked
        from the most valuable (0.05, 0.20, 0.60 = top 5% platinum, next 15% gold, next 40% iron,
        the rest lead). With ``kind="value"``: minimum value for each tier from the top, descending
        (e.g. (1000, 300, 50)).
    labels : sequence of str
        Tier names, top first; one more than thresholds.
    lang : {"en", "zh"}
        Language of the ``tier`` labels (the default names have both; other names are their own
        label).
    {customer}
    {amount}

    Returns
    -------
    DataFrame
        Indexed by customer (value descending): ``value``, ``rank_share``, ``tier_key`` (the
        name in ``labels``: what code compares) and ``tier`` (its label in ``lang``); both
        ordered categoricals, top tier first.

    Examples
    --------
    >>> p = customer_pyramid(pd.Series(range(1, 11), dtype=float), thresholds=(0.1, 0.3, 0.6))
    >>> p["tier"].value_counts(sort=False).tolist()
    [1, 2, 3, 4]
    """
    check_lang(lang)
    thresholds = list(thresholds)
    if len(labels) != len(thresholds) + 1:
        raise ValueError("labels must have exactly one more entry than thresholds.")
    values = customer_values(data, customer=customer, amount=amount)
    ordered = values.sort_values(ascending=False, kind="stable")
    n = len(ordered)
    rank_share = np.arange(1, n + 1) / n
    if kind == "rank":
        if sorted(thresholds) != thresholds or not all(0 < t <= 1 for t in thresholds):
            raise ValueError("rank thresholds must be increasing fractions in (0, 1].")
        code = np.searchsorted(np.asarray(thresholds) + 1e-12, rank_share, side="left")
    elif kind == "value":
        if sorted(thresholds, reverse=True) != thresholds:
            raise ValueError("value thresholds must be decreasing (top tier first).")
        code = np.array([sum(v < t for t in thresholds) for v in ordered.to_numpy()], dtype=int)
    else:
        raise ValueError(f"kind must be 'rank' or 'value', got {kind!r}.")
    keys, names = key_label(pd.Series(np.asarray(labels, dtype=object)[code], index=ordered.index), lang, TERMS,
                            order=list(labels))
    out = pd.DataFrame({"value": ordered, "rank_share": rank_share, "tier_key": keys, "tier": names})
    out.index.name = values.index.name or schema.CUSTOMER
    return out


def tier_summary(tiers: pd.DataFrame, *, tier: str = "tier", value: str = "value") -> pd.DataFrame:
    """Customers and value per tier, with shares (the table behind a pyramid or ABC chart).

    Course concept: 客户分级管理 — how many customers each tier has and how much value it brings.

    Examples
    --------
    >>> t = abc_tiers(pd.Series([70.0, 20.0, 6.0, 4.0], index=list("wxyz")))
    >>> tier_summary(t)["value_share"].round(2).tolist()
    [0.9, 0.06, 0.04]
    """
    _require(tiers, [tier, value], "tier/value", "tier/value")
    grouped = tiers.groupby(tier, sort=True, observed=False)[value]
    out = pd.DataFrame({"customers": grouped.size(), "value": grouped.sum()})
    out["customer_share"] = out["customers"] / out["customers"].sum()
    out["value_share"] = out["value"] / out["value"].sum()
    out["mean_value"] = out["value"] / out["customers"].where(out["customers"] > 0)
    return out


# --------------------------------------------------------------------------- simple CLV
def _check_rates(retention, discount):
    r = np.asarray(retention, dtype=float)
    d = np.asarray(discount, dtype=float)
    if np.any((r < 0) | (r > 1)):
        raise ValueError("retention must be between 0 and 1.")
    if np.any(d <= -1):
        raise ValueError("discount must be greater than -1.")
    return r, d


def retention_clv(margin, retention, discount):
    """Infinite-horizon CLV with constant margin and retention: m · r / (1 + d − r).

    Course concept: 客户终身价值 (Gupta & Lehmann 2003) — margins arrive at the end of each period
    the customer is still retained, discounted at rate d per period.

    Examples
    --------
    >>> round(retention_clv(100, 0.8, 0.1), 4)
    266.6667
    """
    r, d = _check_rates(retention, discount)
    out = np.asarray(margin, dtype=float) * r / (1 + d - r)
    return float(out) if out.ndim == 0 else out


def finite_clv(margin, retention, discount, periods: int):
    """Finite-horizon CLV: Σ_{t=1..T} m · r^t / (1 + d)^t.

    Course concept: 客户终身价值 over a planning horizon of T periods (tends to
    :func:`retention_clv` as T → ∞).

    Examples
    --------
    >>> round(finite_clv(100, 0.5, 0.0, 2), 4)
    75.0
    """
    r, d = _check_rates(retention, discount)
    if periods < 0:
        raise ValueError("periods must be non-negative.")
    q = r / (1 + d)
    t = np.arange(1, int(periods) + 1).reshape((-1,) + (1,) * np.ndim(q))
    out = np.asarray(margin, dtype=float) * np.sum(q ** t, axis=0)
    return float(out) if np.ndim(out) == 0 else out


def clv_sensitivity(margin: float, *, retention: Sequence[float] = (0.5, 0.6, 0.7, 0.8, 0.9),
                    discount: Sequence[float] = (0.05, 0.10, 0.15, 0.20),
                    periods: int | None = None) -> pd.DataFrame:
    """CLV over a grid of retention (rows) and discount rates (columns).

    Course concept: 客户终身价值敏感性 — how much CLV depends on keeping customers.

    Examples
    --------
    >>> clv_sensitivity(100, retention=[0.8], discount=[0.1]).iloc[0, 0].round(2)
    np.float64(266.67)
    """
    r = np.asarray(retention, dtype=float)[:, None]
    d = np.asarray(discount, dtype=float)[None, :]
    grid = retention_clv(margin, r, d) if periods is None else finite_clv(margin, r, d, periods)
    out = pd.DataFrame(np.asarray(grid), index=pd.Index(list(retention), name="retention"),
                       columns=pd.Index(list(discount), name="discount"))
    return out


@fill_doc
def annual_margin(transactions: pd.DataFrame, *, margin: float = 1.0, customer: str = schema.CUSTOMER,
                  date: str = schema.DATE, amount: str = schema.AMOUNT) -> float:
    """Average margin per customer and year: ``margin`` × revenue / customers / years of data.

    The years are the time from the first to the last purchase (days / 365.25): the :math:`m` of
    the retention CLV formula when the data are all one knows.

    Parameters
    ----------
    {customer}
    {date}
    {amount}

    Raises
    ------
    DataError
        No customers, or every purchase on one day (no time to spread the revenue over).

    Course concept: the margin per period :math:`m` in CLV (每期利润).

    Examples
    --------
    >>> tx = pd.DataFrame({"customer_id": ["a", "b"], "amount": [100.0, 300.0],
    ...                    "order_date": pd.to_datetime(["2023-01-01", "2025-01-01"])})
    >>> round(annual_margin(tx, margin=0.5), 2)
    49.97
    """
    _require(transactions, [customer, date, amount], "customer/date/amount", "transactions")
    when = as_dates(transactions, date, missing=_MISSING_DATES)
    customers = transactions[customer].nunique()
    if customers == 0:
        raise DataError("an annual margin per customer needs customers; this data has none.")
    days = (when.max().normalize() - when.min().normalize()).days
    if days <= 0:
        raise DataError(f"an annual margin spreads the revenue over the time the data cover, but every "
                        f"purchase is on one day ({when.min():%Y-%m-%d}); it needs purchases on at least 2 days.")
    return float(margin * as_numeric(transactions, amount).sum() / customers / (days / 365.25))


@fill_doc
def historical_clv(transactions: pd.DataFrame, *, margin: float = 1.0, discount_rate: float = 0.0,
                   snapshot=None, customer: str = schema.CUSTOMER, date: str = schema.DATE,
                   amount: str = schema.AMOUNT) -> pd.DataFrame:
    """Historical (past) customer value: margins earned so far, compounded to the snapshot.

    Course concept: 历史客户价值 — Σ margin × amount_t × (1 + d)^((snapshot − t) / 365.25),
    with ``discount_rate`` an annual rate (0 = plain sum of margins).

    Parameters
    ----------
    {customer}
    {date}
    {amount}

    Returns
    -------
    DataFrame
        Indexed by customer: ``orders`` (distinct purchase days), ``revenue``, ``first_purchase``,
        ``last_purchase``, ``tenure_days`` and ``historical_clv``.

    Examples
    --------
    >>> tx = pd.DataFrame({"customer_id": ["a", "a"], "amount": [10.0, 20.0],
    ...                    "order_date": pd.to_datetime(["2024-01-01", "2024-06-01"])})
    >>> historical_clv(tx, margin=0.5)["historical_clv"].tolist()
    [15.0]
    """
    _require(transactions, [customer, date, amount], "customer/date/amount", "transactions")
    when = as_dates(transactions, date, missing=_MISSING_DATES)
    money = as_numeric(transactions, amount)
    snap = when.max() if snapshot is None else as_day(snapshot, name="snapshot")
    years = (snap - when).dt.total_seconds() / (365.25 * 86400)
    compounded = margin * money * (1 + discount_rate) ** years
    key = transactions[customer]
    grouped = pd.DataFrame({"money": money, "when": when, "day": when.dt.normalize(),
                            "clv": compounded}).groupby(key, sort=True, observed=True)
    out = pd.DataFrame({
        "orders": grouped["day"].nunique(),
        "revenue": grouped["money"].sum(),
        "first_purchase": grouped["when"].min(),
        "last_purchase": grouped["when"].max(),
    })
    out["tenure_days"] = (snap - out["first_purchase"]).dt.days
    out["historical_clv"] = grouped["clv"].sum()
    out.index.name = customer
    return out


# --------------------------------------------------------------------------- plots
@fill_doc
def plot_lorenz(data, *, ax: Axes | None = None, lang: str = "en", customer: str = schema.CUSTOMER,
                amount: str = schema.AMOUNT, mark: float = 0.2, **kwargs) -> Axes:
    """Cumulative value share against cumulative customer share (most valuable first).

    Course concept: 二八法则 / 洛伦兹曲线.

    Parameters
    ----------
    {ax}
    {lang}
    {customer}
    {amount}

    Examples
    --------
    >>> ax = plot_lorenz(pd.Series([1.0, 2.0, 7.0]))
    """
    import seaborn as sns

    lang = plot_lang(lang)
    curve = lorenz_curve(data, customer=customer, amount=amount)
    ax = get_ax(ax)
    sns.lineplot(data=curve, x="customer_share", y="value_share", ax=ax, **kwargs)
    ax.plot([0, 1], [0, 1], ls="--", color="grey", label=term("equality", lang, TERMS))
    if mark:
        share = top_share(data, mark, customer=customer, amount=amount)
        ax.axvline(mark, color="grey", lw=0.8)
        ax.annotate(f"{mark:.0%} → {share:.0%}", (mark, share), xytext=(8, -14), textcoords="offset points")
    ax.set(xlabel=term("cum_customers", lang, TERMS), ylabel=term("cum_value", lang, TERMS),
           title=term("lorenz", lang, TERMS), xlim=(0, 1), ylim=(0, 1.02))
    return ax


@fill_doc
def plot_pyramid(tiers: pd.DataFrame, *, ax: Axes | None = None, lang: str = "en", tier: str = "tier",
                 value: str = "value", **kwargs) -> Axes:
    """Customer pyramid: horizontal bars of customer share per tier (top tier on top), labelled
    with each tier's value share.

    Course concept: 客户金字塔.

    Parameters
    ----------
    {ax}
    {lang}

    Examples
    --------
    >>> ax = plot_pyramid(customer_pyramid(pd.Series(range(1, 21), dtype=float)))
    """
    lang = plot_lang(lang)
    summary = tier_summary(tiers, tier=tier, value=value)
    ax = get_ax(ax)
    names = [str(i) for i in summary.index][::-1]
    widths = summary["customer_share"].to_numpy()[::-1]
    colors = kwargs.pop("color", ["#8c8c8c", "#6b6b6b", "#d4af37", "#b9c7d6"][-len(names):])
    ax.barh(names, widths, left=(1 - widths) / 2 if len(widths) else 0, color=colors, **kwargs)
    for y, (w, vs) in enumerate(zip(widths, summary["value_share"].to_numpy()[::-1])):
        ax.text(0.5, y, f"{w:.0%} {term('of_customers', lang, TERMS)} · {vs:.0%} {term('of_value', lang, TERMS)}",
                ha="center", va="center")
    ax.set(xlim=(0, 1), xticks=[], title=term("pyramid", lang, TERMS))
    ax.grid(False)
    return ax
