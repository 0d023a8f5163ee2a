"""Behavioural and attitudinal loyalty measures: repeat purchase, frequency, inter-purchase time,
retention per period, share of wallet, cross-buying, recommendation and price sensitivity.

Course concept: 顾客忠诚的衡量 — how loyal customers are.
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd

from .. import schema
from .._dates import as_day
from .._deprecate import renamed_keywords
from .._docstrings import fill_doc
from .._occasions import purchase_occasions
from .._validate import as_dates, check_cut, default_high, require_columns
from ..errors import CrmlabWarning, DataError, format_examples
from ._common import numeric

__all__ = ["purchase_occasions", "repeat_purchase", "purchase_frequency", "interpurchase_times",
           "retention_by_period", "share_of_wallet", "share_of_wallet_survey", "cross_buying",
           "attitudinal_measures"]


# ------------------------------------------------------------------------------------------
# behavioural measures
# ------------------------------------------------------------------------------------------

@fill_doc
def interpurchase_times(transactions: pd.DataFrame, *, customer: str = schema.CUSTOMER,
                        date: str = schema.DATE, by: str = "day") -> pd.Series:
    """Days between consecutive purchase occasions of each customer (购买间隔).

    Course concept: inter-purchase time (购买间隔) — the purchase cycle that a repeat-purchase
    period must be longer than.

    Parameters
    ----------
    {customer}
    {date}

    Returns
    -------
    Series
        One value per repeat purchase, indexed by customer id, named ``interpurchase_days``.

    Examples
    --------
    >>> tx = pd.DataFrame({"customer_id": ["a", "a", "a", "b"], "order_date": pd.to_datetime(
    ...     ["2024-01-01", "2024-01-11", "2024-01-31", "2024-01-05"]), "amount": 1.0})
    >>> interpurchase_times(tx).tolist()
    [10.0, 20.0]
    """
    occ = purchase_occasions(transactions, customer=customer, date=date, amount=None, by=by)
    gaps = occ.groupby(schema.CUSTOMER, sort=False)[schema.DATE].diff().dt.total_seconds() / 86400.0
    keep = gaps.notna()
    return pd.Series(gaps[keep].to_numpy(), index=pd.Index(occ.loc[keep, schema.CUSTOMER], name=schema.CUSTOMER),
                     name="interpurchase_days")


@fill_doc
def repeat_purchase(transactions: pd.DataFrame, *, start=None, end=None, customer: str = schema.CUSTOMER,
                    date: str = schema.DATE, by: str = "day") -> pd.Series:
    """Repeat purchase rate and repeat purchases per customer in a period (重复购买率).

    Course concept: 重复购买率 — among customers who bought in the period, the share who bought
    again (at least two purchase occasions), and the number of repeat purchases (occasions − 1)
    per customer. The period must be longer than the purchase cycle, otherwise even loyal
    customers look like one-time buyers: a :class:`~crmlab.CrmlabWarning` says so when the period is
    shorter than the median inter-purchase time.

    .. math:: \\text{repeat rate} = \\frac{\\#\\{i: n_i \\ge 2\\}}{\\#\\{i: n_i \\ge 1\\}},\\qquad
              \\text{repeat purchases per customer} = \\frac{\\sum_i (n_i - 1)}{\\#\\{i: n_i \\ge 1\\}}

    Parameters
    ----------
    transactions : DataFrame
        Canonical transactions.
    start, end : date-like, optional
        The period (inclusive); default the whole data. Dates, date strings or ``pd.Period``
        (``start`` its first day, ``end`` its last).
    by : {"day", "row"}
        What counts as one purchase (see :func:`purchase_occasions`).
    {customer}
    {date}

    Returns
    -------
    Series
        ``customers``, ``repeat_customers``, ``repeat_rate``, ``repeat_purchases``,
        ``repeat_purchases_per_customer``, ``median_interpurchase_days`` (over all the data; NaN
        when nobody bought on two different days), ``period_days``.

    Examples
    --------
    >>> tx = pd.DataFrame({"customer_id": ["a", "a", "b"], "order_date": pd.to_datetime(
    ...     ["2024-01-01", "2024-03-01", "2024-02-01"]), "amount": 1.0})
    >>> float(repeat_purchase(tx)["repeat_rate"])
    0.5
    """
    occ = purchase_occasions(transactions, customer=customer, date=date, amount=None, by=by)
    # The purchase cycle comes from all the data: inside a short window no long gap can be seen.
    gaps = occ.groupby(schema.CUSTOMER)[schema.DATE].diff().dt.days.dropna()
    lo = as_day(start, name="start", period_end=False) if start is not None else occ[schema.DATE].min()
    hi = as_day(end, name="end") if end is not None else occ[schema.DATE].max()
    occ = occ[(occ[schema.DATE] >= lo) & (occ[schema.DATE] <= hi)]
    if occ.empty:
        raise DataError(f"no purchases between {lo.date()} and {hi.date()}; choose start/end inside the data.")
    n = occ.groupby(schema.CUSTOMER).size()
    median_gap = float(gaps.median()) if len(gaps) else float("nan")
    period_days = float((hi - lo).days + 1)
    if np.isfinite(median_gap) and period_days <= median_gap:
        warnings.warn(f"the period ({period_days:.0f} days) is not longer than the median purchase cycle "
                      f"({median_gap:.0f} days): the repeat purchase rate understates loyalty; use a longer period.",
                      CrmlabWarning, stacklevel=2)
    result = pd.Series({
        "customers": float(len(n)),
        "repeat_customers": float((n >= 2).sum()),
        "repeat_rate": float((n >= 2).mean()),
        "repeat_purchases": float((n - 1).sum()),
        "repeat_purchases_per_customer": float((n - 1).mean()),
        "median_interpurchase_days": median_gap,
        "period_days": period_days,
    }, name="value")
    return result


@fill_doc
def purchase_frequency(transactions: pd.DataFrame, *, snapshot=None, customer: str = schema.CUSTOMER,
                       date: str = schema.DATE, amount: str = schema.AMOUNT, by: str = "day",
                       per_days: float = 30.0) -> pd.DataFrame:
    """Purchase count, frequency and inter-purchase time of each customer (购买频率与间隔).

    Course concept: 购买频率 — purchases per period since the customer's first purchase, and the
    customer's mean inter-purchase time.

    Parameters
    ----------
    snapshot : date-like, optional
        End of observation (default: last date in the data); later purchases are left out. A date,
        a date string or a ``pd.Period`` (its last day).
    per_days : float
        Length of the frequency period (30 → purchases per month).
    {customer}
    {date}
    {amount}

    Returns
    -------
    DataFrame
        Indexed by customer: ``n_purchases``, ``first_purchase``, ``last_purchase``,
        ``observed_days`` (first purchase → snapshot), ``frequency`` (purchases per ``per_days``),
        ``mean_interpurchase_days`` (NaN for one-time buyers), ``spend``.

    Examples
    --------
    >>> tx = pd.DataFrame({"customer_id": ["a", "a", "a"], "order_date": pd.to_datetime(
    ...     ["2024-01-01", "2024-01-11", "2024-01-31"]), "amount": 1.0})
    >>> purchase_frequency(tx).loc["a", "mean_interpurchase_days"]
    np.float64(15.0)
    """
    occ = purchase_occasions(transactions, customer=customer, date=date, amount=amount, by=by)
    snap = as_day(snapshot, name="snapshot") if snapshot is not None else occ[schema.DATE].max()
    occ = occ[occ[schema.DATE] <= snap]  # purchases after the snapshot are not yet observed
    if occ.empty:
        raise DataError(f"no purchases on or before the snapshot {snap.date()}; choose a later snapshot.")
    g = occ.groupby(schema.CUSTOMER)[schema.DATE]
    out = pd.DataFrame({"n_purchases": g.size(), "first_purchase": g.min(), "last_purchase": g.max()})
    out["observed_days"] = (snap - out["first_purchase"]).dt.days + 1
    out["frequency"] = out["n_purchases"] / out["observed_days"] * per_days
    span = (out["last_purchase"] - out["first_purchase"]).dt.days
    out["mean_interpurchase_days"] = (span / (out["n_purchases"] - 1)).where(out["n_purchases"] > 1)
    if schema.AMOUNT in occ:
        out["spend"] = occ.groupby(schema.CUSTOMER)[schema.AMOUNT].sum()
    out.index.name = schema.CUSTOMER
    return out


@fill_doc
def retention_by_period(transactions: pd.DataFrame, *, freq: str = "Q", customer: str = schema.CUSTOMER,
                        date: str = schema.DATE) -> pd.DataFrame:
    """Retention and churn rate per period (顾客保持率 / 流失率).

    Course concept: 顾客保持率 = customers active in period t−1 who buy again in period t, divided by
    customers active in t−1; 流失率 = 1 − 保持率.

    .. math:: r_t = \\frac{|A_{t-1} \\cap A_t|}{|A_{t-1}|}, \\qquad c_t = 1 - r_t

    Parameters
    ----------
    freq : str
        pandas period alias: ``"M"`` (month), ``"Q"`` (quarter), ``"Y"`` (year).
    {customer}
    {date}

    Returns
    -------
    DataFrame
        Indexed by period: ``active`` (customers buying in the period), ``new`` (first purchase in
        the period), ``retained`` (active in the previous period and this one), ``retention_rate``,
        ``churn_rate`` (NaN in the first period). Periods without any purchase are kept (zero active).

    Examples
    --------
    >>> tx = pd.DataFrame({"customer_id": ["a", "b", "a"], "order_date": pd.to_datetime(
    ...     ["2024-01-05", "2024-01-09", "2024-02-01"]), "amount": 1.0})
    >>> retention_by_period(tx, freq="M")["retention_rate"].tolist()
    [nan, 0.5]
    """
    require_columns(transactions, {"customer": customer, "date": date}, role="{keyword} in the data")
    dates = as_dates(transactions, date)
    frame = pd.DataFrame({"c": transactions[customer], "p": dates.dt.to_period(freq)}).dropna().drop_duplicates()
    periods = pd.period_range(frame["p"].min(), frame["p"].max(), freq=frame["p"].dt.freq)
    ordinal = frame["p"].array.asi8
    # A (customer, period) pair is retained when the same customer also bought in the period before.
    seen = pd.MultiIndex.from_arrays([frame["c"].to_numpy(), ordinal])
    retained = pd.MultiIndex.from_arrays([frame["c"].to_numpy(), ordinal - 1]).isin(seen)
    first = frame.groupby("c")["p"].min()
    out = pd.DataFrame({
        "active": frame["p"].value_counts().reindex(periods, fill_value=0),
        "new": first.value_counts().reindex(periods, fill_value=0),
        "retained": frame.loc[retained, "p"].value_counts().reindex(periods, fill_value=0),
    })
    prev_active = out["active"].shift(1)
    out["retention_rate"] = out["retained"] / prev_active.where(prev_active > 0)
    out["churn_rate"] = 1.0 - out["retention_rate"]
    out.index.name = "period"
    return out


@fill_doc
def share_of_wallet(panel: pd.DataFrame, *, focal, customer: str = schema.CUSTOMER, brand: str = schema.BRAND,
                    amount: str = schema.AMOUNT) -> pd.DataFrame:
    """Share of wallet from a purchase panel that includes competitors' brands (钱包份额).

    Course concept: 钱包份额 — the firm's share of the customer's spending in the category.

    .. math:: SOW_i = \\frac{\\text{spend}_{i,\\text{focal}}}{\\sum_b \\text{spend}_{i,b}}

    Parameters
    ----------
    panel : DataFrame
        One row per purchase with customer, brand and amount (e.g. :func:`make_brand_panel`).
    focal : str
        The firm's own brand.
    {customer}
    {amount}

    Returns
    -------
    DataFrame
        Indexed by customer: ``focal_spend``, ``category_spend``, ``share_of_wallet``.

    Examples
    --------
    >>> p = pd.DataFrame({"customer_id": ["a", "a", "b"], "brand": ["A", "B", "B"], "amount": [30.0, 10.0, 5.0]})
    >>> share_of_wallet(p, focal="A")["share_of_wallet"].tolist()
    [0.75, 0.0]
    """
    require_columns(panel, {"customer": customer, "brand": brand, "amount": amount}, role="{keyword} in the panel")
    spend = numeric(panel, amount, "amount")
    frame = pd.DataFrame({"c": panel[customer], "focal": spend.where(panel[brand] == focal, 0.0), "all": spend})
    out = frame.groupby("c").sum()
    out.columns = ["focal_spend", "category_spend"]
    out["share_of_wallet"] = out["focal_spend"] / out["category_spend"].where(out["category_spend"] > 0)
    out.index.name = customer
    return out


def share_of_wallet_survey(survey: pd.DataFrame, *, firm_spend: str = "firm_spend",
                           category_spend: str = "category_spend") -> pd.Series:
    """Share of wallet from survey answers: spend at the firm ÷ total category spend (钱包份额).

    Course concept: 钱包份额 measured by asking customers what they spend here and in total.
    Answers where the firm's spend exceeds the total are an error in the data.

    Examples
    --------
    >>> s = pd.DataFrame({"firm_spend": [20, 0], "category_spend": [80, 50]})
    >>> share_of_wallet_survey(s).tolist()
    [0.25, 0.0]
    """
    require_columns(survey, {"firm_spend": firm_spend, "category_spend": category_spend}, role="{keyword} in the survey")
    firm = numeric(survey, firm_spend, "firm_spend")
    total = numeric(survey, category_spend, "category_spend")
    bad = firm > total
    if bad.any():
        raise DataError(f"column {firm_spend!r} exceeds {category_spend!r} in some answers: "
                        f"{format_examples(zip(survey.index[bad], firm[bad]))}. "
                        "The category total must include the spend at the firm; check the survey coding.")
    return (firm / total.where(total > 0)).rename("share_of_wallet")


@fill_doc
def cross_buying(transactions: pd.DataFrame, *, customer: str = schema.CUSTOMER,
                 category: str = schema.CATEGORY) -> pd.Series:
    """Number of distinct categories each customer bought (交叉购买).

    Course concept: cross-buying (交叉购买) — loyal customers buy across more of the firm's range.

    Parameters
    ----------
    {customer}

    Examples
    --------
    >>> tx = pd.DataFrame({"customer_id": ["a", "a", "b"], "category": ["x", "y", "x"]})
    >>> cross_buying(tx).tolist()
    [2, 1]
    """
    require_columns(transactions, {"customer": customer, "category": category}, role="{keyword} in the data")
    return transactions.dropna(subset=[customer, category]).groupby(customer)[category].nunique().rename("n_categories")


# ------------------------------------------------------------------------------------------
# attitudinal measures from a survey
# ------------------------------------------------------------------------------------------

@renamed_keywords(price_sensitive_min="price_sensitive_at")
def attitudinal_measures(survey: pd.DataFrame, *, recommend: str | None = schema.RECOMMEND,
                         price_sensitivity: str | None = "price_sensitivity", by: str | None = None,
                         price_scale: tuple[float, float] = (1, 5),
                         price_sensitive_at: float | None = None) -> pd.DataFrame:
    """Recommendation likelihood, NPS and price sensitivity per group of respondents (推荐意愿与价格敏感度).

    Course concept: attitudinal loyalty measures (顾客忠诚的衡量) — loyal customers recommend the
    firm (推荐意愿, summarised as the Net Promoter Score 净推荐值) and care less about price
    (价格敏感度).

    Promoters answer 9–10 and detractors 0–6 on the 0–10 recommendation question; the NPS comes
    from :func:`crmlab.satisfaction.nps`. A respondent is price-sensitive when the price-sensitivity
    answer (higher = more sensitive) is at least ``price_sensitive_at``:

    .. math:: NPS = 100\\,(p_P - p_D), \\qquad
              \\text{price-sensitive share} = \\frac{\\#\\{i: s_i \\ge s_{\\min}\\}}{\\#\\{i: s_i \\text{ answered}\\}}

    Missing answers are left out of each item's means and shares and counted in its
    ``*_missing`` column; respondents with a missing ``by`` value are left out (with a warning).

    Parameters
    ----------
    survey : DataFrame
        One row per respondent (e.g. :func:`make_loyalty_panel` or :func:`crmlab.read_survey`).
    recommend : str or None
        Likelihood-to-recommend column, whole answers 0–10. ``None`` leaves the recommendation
        columns out; so does the default name when the survey has no such column.
    price_sensitivity : str or None
        Price-sensitivity column on ``price_scale`` (higher = more sensitive). ``None`` leaves the
        price columns out; so does the default name when the survey has no such column.
    by : str, optional
        Group column (e.g. the loyalty type): one row per group. Without it one row ``"all"``.
    price_scale : (low, high)
        Scale of the price-sensitivity answers; answers outside it are an error.
    price_sensitive_at : float, optional
        Answers at or above this are price-sensitive; default the smallest whole answer above the
        scale midpoint (4 on 1–5, 5 on 1–7: the top two boxes).

    Returns
    -------
    DataFrame
        Indexed by group (``by``) or ``"all"``: ``respondents``; with ``recommend``:
        ``recommend_missing``, ``recommend_mean``, ``promoters``, ``detractors`` (shares of the
        answers), ``nps`` (−100..100); with ``price_sensitivity``: ``price_sensitivity_missing``,
        ``price_sensitivity_mean``, ``price_sensitive_share``.

    Raises
    ------
    DataError
        If a named column is missing, neither item is in the survey, a recommendation answer is not
        a whole number 0–10, or a price-sensitivity answer is not a number on ``price_scale``.

    Examples
    --------
    >>> s = pd.DataFrame({"recommend": [10, 9, 6, 8], "price_sensitivity": [5, 2, 4, None]})
    >>> attitudinal_measures(s).loc["all", ["recommend_mean", "nps", "price_sensitive_share"]].tolist()
    [8.25, 25.0, 0.6666666666666666]
    """
    # One definition of promoters, detractors and NPS, and of "high" on a rating scale.
    from ..satisfaction import nps

    if not isinstance(survey, pd.DataFrame):
        raise DataError(f"expected a survey DataFrame, got {type(survey).__name__}.")
    defaults = {"recommend": schema.RECOMMEND, "price_sensitivity": "price_sensitivity"}
    items = {}
    for keyword, column in (("recommend", recommend), ("price_sensitivity", price_sensitivity)):
        if column is None or (column == defaults[keyword] and column not in survey.columns):
            continue  # not asked in this survey
        require_columns(survey, {keyword: column}, role="{keyword} in the survey")
        items[keyword] = column
    if not items:
        raise DataError("the survey has neither a recommendation nor a price-sensitivity column; pass "
                        "recommend='<column>' (0–10) and/or price_sensitivity='<column>' naming them. "
                        f"Columns: {', '.join(repr(c) for c in list(survey.columns)[:30])}.")
    require_columns(survey, {"by": by}, role="{keyword} in the survey")
    groups = survey[by] if by is not None else pd.Series("all", index=survey.index)
    n_lost = int(groups.isna().sum())
    if n_lost:
        warnings.warn(f"{n_lost} respondents have no value in {by!r}; they are left out.", CrmlabWarning,
                      stacklevel=2)
    frame = pd.DataFrame({"g": groups}, index=survey.index)
    if "price_sensitivity" in items:
        low, high = (float(v) for v in price_scale)
        cut = default_high(low, high) if price_sensitive_at is None else \
            check_cut("price_sensitive_at", float(price_sensitive_at), low, high, items["price_sensitivity"])
        s = numeric(survey, items["price_sensitivity"], "price_sensitivity")
        bad = s.notna() & ((s < low) | (s > high))
        if bad.any():
            raise DataError(f"column {items['price_sensitivity']!r} (price_sensitivity) must lie on the "
                            f"{low:g}–{high:g} scale, but has {format_examples(zip(survey.index[bad], s[bad]))}. "
                            "Pass price_scale=(low, high) if the survey used another scale, or recode the answers.")
        frame["s"], frame["sensitive"] = s, (s >= cut).astype(float).where(s.notna())
    g = frame.groupby("g", sort=True, observed=True)
    out = pd.DataFrame({"respondents": g.size()})
    if "recommend" in items:
        score = nps(survey, recommend=items["recommend"], by=by).reindex(out.index)
        r = numeric(survey, items["recommend"], "recommend").groupby(frame["g"], sort=True, observed=True)
        out["recommend_missing"] = out["respondents"] - r.count()
        out["recommend_mean"] = r.mean()
        out[["promoters", "detractors", "nps"]] = score[["promoters", "detractors", "nps"]].to_numpy()
    if "price_sensitivity" in items:
        out["price_sensitivity_missing"] = out["respondents"] - g["s"].count()
        out["price_sensitivity_mean"] = g["s"].mean()
        out["price_sensitive_share"] = g["sensitive"].mean()
    out.index.name = by
    return out
