"""Loyalty measures, attitude × behaviour, the seven loyalty types, Brown's brand patterns, the ladder.

Course concept: 顾客忠诚的衡量与类型 — how loyal customers are (repeat purchase, frequency,
retention, share of wallet, cross-buying), why they are loyal (Dick & Basu's attitude × behaviour;
the seven loyalty types by their source) and how it shows in purchase sequences (Brown 1952-53)
and on the loyalty ladder (忠诚阶梯).

Every function takes a frame first and keyword-only options with canonical column defaults,
returns a new frame (or Series) indexed by its natural key, and never modifies its input.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import numpy as np
import pandas as pd
from matplotlib.axes import Axes

from . import schema
from ._dates import as_day
from ._deprecate import renamed_keywords
from ._occasions import purchase_occasions
from ._plotting import get_ax
from ._validate import as_dates, as_numeric, check_cut, default_high, require_columns
from .errors import CrmlabWarning, DataError, format_examples
from .labels import key_label, plot_lang, term

__all__ = [
    "TERMS", "LOYALTY_TYPE_RULES", "DICK_BASU", "BROWN_PATTERNS", "LADDER",
    "purchase_occasions", "repeat_purchase", "purchase_frequency", "interpurchase_times",
    "retention_by_period", "share_of_wallet", "share_of_wallet_survey", "cross_buying",
    "attitudinal_measures",
    "attitude_behaviour", "classify_loyalty_types", "brand_pattern", "brand_patterns",
    "loyalty_ladder", "make_loyalty_panel", "make_brand_panel", "LoyaltyTruth", "BrandPanelTruth",
    "plot_attitude_behaviour", "plot_brand_patterns", "plot_loyalty_ladder", "plot_interpurchase_times",
]

#: Terms of this chapter: key → (English, 中文).
TERMS: dict[str, tuple[str, str]] = {
    "customers": ("Customers", "客户数"),
    "repeat_customers": ("Repeat customers", "重复购买客户数"),
    "repeat_rate": ("Repeat purchase rate", "重复购买率"),
    "repeat_purchases": ("Repeat purchases", "重复购买次数"),
    "repeat_purchases_per_customer": ("Repeat purchases per customer", "客均重复购买次数"),
    "median_interpurchase_days": ("Median inter-purchase time (days)", "购买间隔中位数 (天)"),
    "interpurchase_hist": ("Days between purchases (longest {share:.0%} not shown)", "购买间隔天数（不含最长的 {share:.0%}）"),
    "interpurchase_title": ("Inter-purchase times", "购买间隔分布"),
    "period_days": ("Period (days)", "观察期 (天)"),
    "retention_rate": ("Retention rate", "顾客保持率"),
    "churn_rate": ("Churn rate", "顾客流失率"),
    "share_of_wallet": ("Share of wallet", "钱包份额"),
    "n_categories": ("Categories bought", "购买品类数"),
    "respondents": ("Respondents", "受访者数"),
    "recommend_missing": ("Recommendation not answered", "推荐意愿缺失"),
    "recommend_mean": ("Recommend (mean 0-10)", "推荐意愿 (均值 0-10)"),
    "promoters": ("Promoters", "推荐者"),
    "detractors": ("Detractors", "贬损者"),
    "nps": ("NPS", "净推荐值 NPS"),
    "price_sensitivity_missing": ("Price sensitivity not answered", "价格敏感度缺失"),
    "price_sensitivity_mean": ("Price sensitivity (mean)", "价格敏感度 (均值)"),
    "price_sensitive_share": ("Price-sensitive share", "价格敏感者占比"),
    "attitude": ("Relative attitude", "相对态度 (依恋)"),
    "behaviour": ("Repeat patronage", "重复购买"),
    # Dick & Basu
    "true": ("True loyalty", "绝对忠诚"),
    "latent": ("Latent loyalty", "潜在忠诚"),
    "spurious": ("Spurious (inertia) loyalty", "惯性忠诚"),
    "none": ("No loyalty", "非忠诚"),
    # Seven types
    "monopoly": ("Monopoly loyalty", "垄断忠诚"),
    "inertia": ("Inertia loyalty", "惰性忠诚"),
    "latent_type": ("Latent loyalty", "潜在忠诚"),
    "habitual": ("Habitual (convenience) loyalty", "习惯性忠诚"),
    "price": ("Price loyalty", "价格忠诚"),
    "incentive": ("Incentive loyalty", "激励忠诚"),
    "super_value": ("Super-value loyalty", "超值忠诚"),
    "unclassified": ("Unclassified", "未分类"),
    # Brown
    "undivided": ("Undivided loyalty (AAAAAA)", "专一忠诚"),
    "divided": ("Divided loyalty (ABABAB)", "左右逢源"),
    "unstable": ("Unstable loyalty (AAABBB)", "转移型忠诚"),
    "no_loyalty": ("No loyalty (ABCDEF)", "无品牌忠诚"),
    "insufficient": ("Too few purchases", "购买次数不足"),
    # Ladder
    "prospect": ("Prospect", "潜在客户"),
    "first_time": ("First-time buyer", "普通购买者"),
    "client": ("Client (repeat buyer)", "客户"),
    "supporter": ("Supporter", "跟随者"),
    "advocate": ("Advocate", "拥护者"),
    "loyal": ("Loyal customer (partner)", "忠诚客户"),
    "stage": ("Stage", "阶段"),
    "pattern": ("Pattern", "模式"),
    "loyalty_type": ("Loyalty type", "忠诚类型"),
}

#: Dick & Basu (1994): relative attitude (high/low) × repeat patronage (high/low) → segment key.
DICK_BASU: dict[tuple[bool, bool], str] = {
    (True, True): "true", (True, False): "latent", (False, True): "spurious", (False, False): "none",
}

#: The seven loyalty types by their source (Griffin 1995, as taught in Chinese CRM textbooks).
#: Each row is one rule: attachment (依恋) level × repeat-purchase level × driver → type.
#: Edit a copy and pass it as ``rules=`` to :func:`classify_loyalty_types` to use another textbook's table.
LOYALTY_TYPE_RULES = pd.DataFrame(
    [
        ("monopoly", "low", "high", "no_alternative",
         "Buys again because there is no alternative (a monopoly supplier); 低依恋、高重复购买."),
        ("inertia", "low", "high", "inertia",
         "Buys again out of inertia, not preference — searching costs effort; 低依恋、高重复购买."),
        ("latent_type", "high", "low", "barriers",
         "Wants to buy more but barriers (rules, distance, budget) stop it; 高依恋、低重复购买."),
        ("habitual", "low", "high", "convenience",
         "Buys where it is convenient (location, habit); leaves when something handier appears; 低依恋、高重复购买."),
        ("price", "low", "low", "lowest_price",
         "Follows the lowest price; loyal to the price, not the firm; 低依恋、低重复购买."),
        ("incentive", "low", "high", "rewards",
         "Comes for points and rewards; leaves when the programme ends; 低依恋、高重复购买."),
        ("super_value", "high", "high", "emotional_attachment",
         "Emotionally attached, buys again and recommends — the most valuable; 高依恋、高重复购买."),
    ],
    columns=["loyalty_type", "attachment", "repeat", "driver", "definition"],
).set_index("loyalty_type")

#: Brown's behavioural brand-loyalty patterns, in display order.
BROWN_PATTERNS = ("undivided", "divided", "unstable", "no_loyalty", "insufficient")

#: Rungs of the loyalty ladder, bottom to top.
LADDER = ("prospect", "first_time", "client", "supporter", "advocate", "loyal")


# ------------------------------------------------------------------------------------------
# helpers
# ------------------------------------------------------------------------------------------


def _numeric(frame: pd.DataFrame, column: str, keyword: str) -> pd.Series:
    return as_numeric(frame, column, keyword=keyword, fix="Recode the answers as numbers (e.g. a 1-7 scale).")


# ------------------------------------------------------------------------------------------
# behavioural measures
# ------------------------------------------------------------------------------------------

def interpurchase_times(transactions: pd.DataFrame, *, customer: str = schema.CUSTOMER,
                        date: str = schema.DATE, by: str = "day") -> pd.Series:
    """Days between consecutive purchase occasions of each customer (购买间隔).

    Course concept: inter-purchase time (购买间隔) — the purchase cycle that a repeat-purchase
    period must be longer than.

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
    spend = _numeric(panel, amount, "amount")
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
    firm = _numeric(survey, firm_spend, "firm_spend")
    total = _numeric(survey, category_spend, "category_spend")
    bad = firm > total
    if bad.any():
        raise DataError(f"column {firm_spend!r} exceeds {category_spend!r} in some answers: "
                        f"{format_examples(zip(survey.index[bad], firm[bad]))}. "
                        "The category total must include the spend at the firm; check the survey coding.")
    return (firm / total.where(total > 0)).rename("share_of_wallet")


def cross_buying(transactions: pd.DataFrame, *, customer: str = schema.CUSTOMER,
                 category: str = schema.CATEGORY) -> pd.Series:
    """Number of distinct categories each customer bought (交叉购买).

    Course concept: cross-buying (交叉购买) — loyal customers buy across more of the firm's range.

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
    from .satisfaction import nps

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
        s = _numeric(survey, items["price_sensitivity"], "price_sensitivity")
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
        r = _numeric(survey, items["recommend"], "recommend").groupby(frame["g"], sort=True, observed=True)
        out["recommend_missing"] = out["respondents"] - r.count()
        out["recommend_mean"] = r.mean()
        out[["promoters", "detractors", "nps"]] = score[["promoters", "detractors", "nps"]].to_numpy()
    if "price_sensitivity" in items:
        out["price_sensitivity_missing"] = out["respondents"] - g["s"].count()
        out["price_sensitivity_mean"] = g["s"].mean()
        out["price_sensitive_share"] = g["sensitive"].mean()
    out.index.name = by
    return out


# ------------------------------------------------------------------------------------------
# attitude × behaviour; the seven types
# ------------------------------------------------------------------------------------------

@renamed_keywords(attitude_threshold="attitude_at", behaviour_threshold="behaviour_at")
def attitude_behaviour(data: pd.DataFrame, *, attitude: str = "attachment", behaviour: str = "repeat",
                       attitude_at: float = 4.0, behaviour_at: float = 0.5,
                       lang: str = "en") -> pd.DataFrame:
    """Dick & Basu's loyalty segments from relative attitude × repeat patronage.

    Course concept: 态度与行为 — 绝对忠诚 (true: high attitude, high repeat), 潜在忠诚 (latent: high,
    low), 惯性忠诚 (spurious / inertia: low, high), 非忠诚 (none: low, low). A value equal to a
    threshold counts as high.

    Parameters
    ----------
    data : DataFrame
        One row per respondent/customer.
    attitude : str
        Relative attitude / attachment column (e.g. 1–7 scale).
    behaviour : str
        Repeat patronage column (e.g. share of category purchases at the firm, or a count).
    attitude_at, behaviour_at : float
        Cut points: at or above is "high" (defaults suit a 1–7 scale and a 0–1 share).
        ``attitude_threshold``/``behaviour_threshold`` are their deprecated old names.

    Returns
    -------
    DataFrame
        Same index: ``attitude_high``, ``behaviour_high``, ``segment_key`` (``"true"``,
        ``"latent"``, ``"spurious"``, ``"none"``: what code compares) and ``segment`` (its label in
        ``lang``).

    Examples
    --------
    >>> d = pd.DataFrame({"attachment": [6, 6, 2, 2], "repeat": [0.9, 0.1, 0.9, 0.1]})
    >>> attitude_behaviour(d)["segment_key"].tolist()
    ['true', 'latent', 'spurious', 'none']
    >>> attitude_behaviour(d)["segment"].tolist()[0]
    'True loyalty'
    """
    require_columns(data, {"attitude": attitude, "behaviour": behaviour}, role="{keyword} in the data")
    att = _numeric(data, attitude, "attitude")
    beh = _numeric(data, behaviour, "behaviour")
    out = pd.DataFrame({"attitude_high": att >= attitude_at, "behaviour_high": beh >= behaviour_at},
                       index=data.index)
    keys = pd.Series([DICK_BASU[(a, b)] for a, b in zip(out["attitude_high"], out["behaviour_high"])],
                     index=data.index, dtype=object)
    keys[att.isna() | beh.isna()] = np.nan
    out["segment_key"], out["segment"] = key_label(keys, lang, TERMS)
    return out


@renamed_keywords(attachment="attitude", repeat="behaviour", attachment_threshold="attitude_at",
                  repeat_threshold="behaviour_at")
def classify_loyalty_types(data: pd.DataFrame, *, attitude: str = "attachment", behaviour: str = "repeat",
                           driver: str = "driver", attitude_at: float = 4.0,
                           behaviour_at: float = 0.5, rules: pd.DataFrame | None = None,
                           lang: str = "en") -> pd.DataFrame:
    """Classify customers into the seven loyalty types with a rule table (七种忠诚类型).

    Course concept: 忠诚的类型 — 垄断忠诚, 惰性忠诚, 潜在忠诚, 习惯性忠诚, 价格忠诚, 激励忠诚, 超值忠诚,
    each defined by attachment (依恋, high/low) × repeat purchase (重复购买, high/low) and the
    driver the customer gives for buying (no alternative, inertia, barriers, convenience, lowest price,
    rewards, emotional attachment). The rules are data: see :data:`LOYALTY_TYPE_RULES`.

    A customer whose (attachment, repeat, driver) matches no rule is ``"unclassified"`` (with a
    warning counting them): e.g. someone citing rewards who rarely buys. A customer with a missing
    attachment, repeat or driver answer gets no type (NaN) — a missing score is not a "low" one.

    Parameters
    ----------
    data : DataFrame
        One row per respondent with an attachment score, a repeat-purchase measure and a driver.
    attitude, behaviour, driver : str
        Columns of the attachment (relative attitude) score, the repeat-purchase measure and the
        driver, as in :func:`attitude_behaviour` (``attachment=``/``repeat=`` are their
        deprecated old names).
    attitude_at, behaviour_at : float
        Cut points: at or above is "high" (old names ``attachment_threshold``/``repeat_threshold``,
        deprecated).
    rules : DataFrame, optional
        Indexed by type key with columns ``attachment``, ``repeat`` (``"high"``/``"low"``) and
        ``driver``; default :data:`LOYALTY_TYPE_RULES`.

    Returns
    -------
    DataFrame
        Same index: ``attachment_level``, ``repeat_level``, ``driver``, ``loyalty_type_key`` (the
        rule's key, e.g. ``"super_value"``) and ``loyalty_type`` (its label in ``lang``).

    Examples
    --------
    >>> d = pd.DataFrame({"attachment": [6.5, 2.0], "repeat": [0.9, 0.1], "driver": ["emotional_attachment", "lowest_price"]})
    >>> classify_loyalty_types(d)["loyalty_type_key"].tolist()
    ['super_value', 'price']
    """
    rules = LOYALTY_TYPE_RULES if rules is None else rules
    require_columns(data, {"attitude": attitude, "behaviour": behaviour, "driver": driver}, role="{keyword} in the data")
    missing = {"attachment", "repeat", "driver"} - set(rules.columns)
    if missing:
        raise ValueError(f"rules need columns attachment, repeat, driver; missing {sorted(missing)}.")
    if rules[["attachment", "repeat", "driver"]].duplicated().any():
        raise ValueError("two rules share the same (attachment, repeat, driver): the classification would be ambiguous.")
    known = set(rules["driver"])
    drivers = data[driver].astype("string").str.strip().str.lower().str.replace(" ", "_")
    unknown = drivers.notna() & ~drivers.isin(known)
    if unknown.any():
        raise DataError(f"column {driver!r} holds drivers no rule knows: "
                        f"{format_examples(zip(data.index[unknown], data[driver][unknown]))}. "
                        f"Recode them to one of {sorted(known)} or add rules.")
    att_score = _numeric(data, attitude, "attitude")
    rep_score = _numeric(data, behaviour, "behaviour")
    att = np.where(att_score >= attitude_at, "high", "low").astype(object)
    rep = np.where(rep_score >= behaviour_at, "high", "low").astype(object)
    att[att_score.isna().to_numpy()] = np.nan
    rep[rep_score.isna().to_numpy()] = np.nan
    answered = (att_score.notna() & rep_score.notna() & drivers.notna()).to_numpy()
    lookup = {(a, r, d): t for t, a, r, d in zip(rules.index, rules["attachment"], rules["repeat"], rules["driver"])}
    keys = pd.Series([lookup.get((a, r, d), "unclassified") if ok else np.nan
                      for a, r, d, ok in zip(att, rep, drivers, answered)], index=data.index, dtype=object)
    n_un = int((keys == "unclassified").sum())
    if n_un:
        warnings.warn(f"{n_un} customers match no loyalty-type rule (their attachment/repeat levels do not fit "
                      "the driver they named); they are 'unclassified'.", CrmlabWarning, stacklevel=2)
    type_key, type_label = key_label(keys, lang, TERMS)
    return pd.DataFrame({"attachment_level": att, "repeat_level": rep, "driver": drivers.astype(object),
                         "loyalty_type_key": type_key, "loyalty_type": type_label}, index=data.index)


# ------------------------------------------------------------------------------------------
# Brown's patterns
# ------------------------------------------------------------------------------------------

def brand_pattern(sequence, *, min_length: int = 3, min_repeat: int = 2, core_share: float = 0.5) -> dict:
    """Brown's brand-loyalty pattern of one purchase sequence (e.g. ``"AAABBB"`` or a list of brands).

    Course concept: 品牌忠诚的行为模式 (Brown 1952-53) — undivided ``AAAAAA`` (专一), divided
    ``ABABAB`` (左右逢源, loyal to several brands), unstable ``AAABBB`` (转移 / 移情别恋), no
    loyalty ``ABCDEF``.

    Rules, applied in order (``n`` = purchases; a *core* brand is bought at least ``min_repeat``
    times; one-off brands are treated as trials and ignored for the pattern):

    1. ``n < min_length`` → ``"insufficient"`` (too few purchases to tell a pattern).
    2. Core brands take less than ``core_share`` of purchases (or there are none) → ``"no_loyalty"``.
    3. One core brand → ``"undivided"``.
    4. Two or more core brands: drop the one-off brands; if each core brand forms one unbroken run
       (the customer never goes back to a brand once left, e.g. ``AAABBB``, ``AABBCC``) →
       ``"unstable"``; otherwise (``ABABAB``, ``AABBAA``) → ``"divided"``.

    Ties: ``main_brand`` is the most bought brand; among brands bought equally often, the one
    bought most recently (its latest purchase is the current preference). Thresholds are
    inclusive (a share equal to ``core_share`` is enough).

    Returns
    -------
    dict
        ``pattern``, ``n_purchases``, ``n_brands``, ``main_brand``, ``main_share``, ``switches``
        (brand changes between consecutive purchases), ``from_brand`` and ``to_brand`` (first and
        last brand bought).

    Examples
    --------
    >>> [brand_pattern(s)["pattern"] for s in ["AAAAAA", "ABABAB", "AAABBB", "ABCDEF", "AB"]]
    ['undivided', 'divided', 'unstable', 'no_loyalty', 'insufficient']
    >>> brand_pattern("AABB")["main_brand"]
    'B'
    """
    seq = [str(b) for b in sequence if not pd.isna(b)]
    n = len(seq)
    info = {"pattern": "insufficient", "n_purchases": n, "n_brands": len(set(seq)), "main_brand": None,
            "main_share": float("nan"), "switches": sum(a != b for a, b in zip(seq, seq[1:])),
            "from_brand": seq[0] if seq else None, "to_brand": seq[-1] if seq else None}
    if n == 0:
        return info
    counts: dict[str, int] = {}
    last_seen: dict[str, int] = {}
    for i, b in enumerate(seq):
        counts[b] = counts.get(b, 0) + 1
        last_seen[b] = i
    main = max(counts, key=lambda b: (counts[b], last_seen[b]))
    info.update(main_brand=main, main_share=counts[main] / n)
    if n < min_length:
        return info
    core = {b for b, c in counts.items() if c >= min_repeat}
    if not core or sum(counts[b] for b in core) / n < core_share:
        info["pattern"] = "no_loyalty"
    elif len(core) == 1:
        info["pattern"] = "undivided"
    else:
        kept = [b for b in seq if b in core]
        runs = 1 + sum(a != b for a, b in zip(kept, kept[1:]))
        info["pattern"] = "unstable" if runs == len(core) else "divided"
    return info


def brand_patterns(panel: pd.DataFrame, *, customer: str = schema.CUSTOMER, seq: str = schema.PURCHASE_SEQ,
                   brand: str = schema.BRAND, min_length: int = 3, min_repeat: int = 2, core_share: float = 0.5,
                   lang: str = "en") -> pd.DataFrame:
    """Brown's pattern for every customer of a brand panel (see :func:`brand_pattern` for the rules).

    Course concept: 品牌忠诚的行为模式 — undivided / divided (左右逢源) / unstable (转移) / no loyalty.

    Parameters
    ----------
    panel : DataFrame
        One row per purchase: customer, purchase order (``purchase_seq``, or a date) and brand.

    Returns
    -------
    DataFrame
        Indexed by customer: ``sequence`` (brands joined by ``-``), ``pattern_key`` (as
        :func:`brand_pattern` gives it), ``pattern`` (its label in ``lang``) and the other fields of
        :func:`brand_pattern`.

    Examples
    --------
    >>> p = pd.DataFrame({"customer_id": list("xxxxyyyy"), "purchase_seq": [1, 2, 3, 4] * 2,
    ...                   "brand": list("AAAAABAB")})
    >>> brand_patterns(p)["pattern_key"].tolist()
    ['undivided', 'divided']
    """
    require_columns(panel, {"customer": customer, "seq": seq, "brand": brand}, role="{keyword} in the brand panel")
    ordered = panel[[customer, seq, brand]].dropna(subset=[customer, brand]).sort_values([customer, seq], kind="stable")
    rows = {}
    for cid, brands in ordered.groupby(customer, sort=True)[brand]:
        values = brands.astype(str).tolist()
        rows[cid] = {"sequence": "-".join(values),
                     **brand_pattern(values, min_length=min_length, min_repeat=min_repeat, core_share=core_share)}
    out = pd.DataFrame.from_dict(rows, orient="index")
    out.index.name = customer
    keys, labels = key_label(out.pop("pattern"), lang, TERMS)
    out.insert(1, "pattern_key", keys)
    out.insert(2, "pattern", labels)
    return out


# ------------------------------------------------------------------------------------------
# loyalty ladder
# ------------------------------------------------------------------------------------------

def loyalty_ladder(customers: pd.DataFrame, *, purchases: str = "n_purchases", recommend: str | None = None,
                   client_min: int = 2, supporter_min: int = 4, advocate_min: float = 9,
                   loyal_min: int = 8, lang: str = "en") -> pd.DataFrame:
    """Place each customer on the loyalty ladder from purchases and advocacy (忠诚阶梯).

    Course concept: 客户忠诚阶梯 — 潜在客户 (prospect) → 普通购买者 (first-time buyer) → 客户
    (client, buys again) → 跟随者 (supporter, buys regularly) → 拥护者 (advocate, recommends) →
    忠诚客户 (loyal partner).

    Rules (purchases ``n``, recommendation score ``s`` on 0–10):
    ``n = 0`` prospect; ``n = 1`` first-time; ``client_min ≤ n < supporter_min`` client;
    ``n ≥ supporter_min`` supporter; a supporter with ``s ≥ advocate_min`` is an advocate; an advocate
    with ``n ≥ loyal_min`` is loyal. Without a ``recommend`` column advocacy is unknown and the top
    two rungs cannot be reached (behaviour alone does not show advocacy).

    Returns
    -------
    DataFrame
        Same index: ``stage_key`` and ``stage`` (ordered categorical, label in ``lang``).

    Examples
    --------
    >>> c = pd.DataFrame({"n_purchases": [0, 1, 2, 5, 5, 9], "recommend": [0, 0, 10, 3, 10, 10]})
    >>> loyalty_ladder(c, recommend="recommend")["stage_key"].tolist()
    ['prospect', 'first_time', 'client', 'supporter', 'advocate', 'loyal']
    """
    if not 1 < client_min <= supporter_min <= loyal_min:
        raise ValueError("thresholds must satisfy 1 < client_min <= supporter_min <= loyal_min.")
    require_columns(customers, {"purchases": purchases, "recommend": recommend}, role="{keyword} in the data")
    n = _numeric(customers, purchases, "purchases").fillna(0)
    s = _numeric(customers, recommend, "recommend") if recommend else pd.Series(np.nan, index=customers.index)
    advocate = (n >= supporter_min) & (s >= advocate_min)
    key = np.select(
        [n <= 0, n < client_min, n < supporter_min, advocate & (n >= loyal_min), advocate],
        ["prospect", "first_time", "client", "loyal", "advocate"], default="supporter")
    labels = [term(k, lang, TERMS) for k in LADDER]
    stage = pd.Categorical([term(k, lang, TERMS) for k in key], categories=labels, ordered=True)
    return pd.DataFrame({"stage_key": key, "stage": stage}, index=customers.index)


# ------------------------------------------------------------------------------------------
# generators with known truth
# ------------------------------------------------------------------------------------------

@dataclass
class LoyaltyTruth:
    """Ground truth of :func:`make_loyalty_panel`: the type and Dick & Basu segment of each respondent."""

    types: pd.Series
    segments: pd.Series
    attachment_threshold: float = 4.0
    repeat_threshold: float = 0.5


_DEFAULT_TYPE_SHARES = {"monopoly": 0.08, "inertia": 0.15, "latent_type": 0.12, "habitual": 0.17,
                        "price": 0.18, "incentive": 0.12, "super_value": 0.18}


def make_loyalty_panel(n_respondents: int = 500, *, seed: int = 0, type_shares: dict | None = None,
                       return_truth: bool = False):
    """Generate survey + behaviour answers of customers with a known loyalty type.

    Course concept: data whose loyalty types (七种忠诚类型) and Dick & Basu segments are known, to
    check the classifiers. Attachment is on a 1–7 scale (high ∈ [4.5, 7], low ∈ [1, 3.5]); repeat is
    the share of the customer's category purchases made at the firm (high ∈ [0.6, 1], low ∈ [0, 0.4]),
    so the default thresholds (4.0, 0.5) recover every type exactly.

    Returns
    -------
    DataFrame or (DataFrame, LoyaltyTruth)
        Indexed by ``customer_id``: ``attachment``, ``repeat``, ``driver``, ``n_purchases`` (last
        year), ``recommend`` (0–10), ``price_sensitivity`` (1–5), ``firm_spend``, ``category_spend``.

    Examples
    --------
    >>> panel, truth = make_loyalty_panel(50, seed=1, return_truth=True)
    >>> (classify_loyalty_types(panel)["loyalty_type_key"] == truth.types).all()
    np.True_
    """
    if n_respondents < 1:
        raise DataError(f"n_respondents must be at least 1, got {n_respondents}.")
    shares = {**_DEFAULT_TYPE_SHARES, **(type_shares or {})}
    unknown = set(shares) - set(LOYALTY_TYPE_RULES.index)
    if unknown:
        raise ValueError(f"unknown loyalty types {sorted(unknown)}; known: {list(LOYALTY_TYPE_RULES.index)}.")
    rng = np.random.default_rng(seed)
    names = list(shares)
    p = np.array([shares[t] for t in names], dtype=float)
    types = np.array(names)[rng.choice(len(names), size=n_respondents, p=p / p.sum())]
    rules = LOYALTY_TYPE_RULES.loc[types]
    high_att = (rules["attachment"] == "high").to_numpy()
    high_rep = (rules["repeat"] == "high").to_numpy()
    attachment = np.where(high_att, rng.uniform(4.5, 7, n_respondents), rng.uniform(1, 3.5, n_respondents)).round(1)
    repeat = np.where(high_rep, rng.uniform(0.6, 1, n_respondents), rng.uniform(0, 0.4, n_respondents)).round(2)
    category_purchases = rng.integers(4, 16, n_respondents)
    n_purchases = np.round(repeat * category_purchases).astype(int)
    recommend = np.where(high_att, rng.integers(7, 11, n_respondents), rng.integers(0, 8, n_respondents))
    price_sens = np.where(types == "price", rng.integers(4, 6, n_respondents), rng.integers(1, 5, n_respondents))
    category_spend = (category_purchases * rng.gamma(4.0, 12.5, n_respondents)).round(2)
    firm_spend = (category_spend * repeat).round(2)
    ids = pd.Index([f"R{i:04d}" for i in range(1, n_respondents + 1)], name=schema.CUSTOMER)
    panel = pd.DataFrame({"attachment": attachment, "repeat": repeat, "driver": rules["driver"].to_numpy(),
                          "n_purchases": n_purchases, "recommend": recommend, "price_sensitivity": price_sens,
                          "firm_spend": firm_spend, "category_spend": category_spend}, index=ids)
    if not return_truth:
        return panel
    segments = pd.Series([DICK_BASU[(a, r)] for a, r in zip(high_att, high_rep)], index=ids, name="segment")
    return panel, LoyaltyTruth(types=pd.Series(types, index=ids, name="loyalty_type"), segments=segments)


@dataclass
class BrandPanelTruth:
    """Ground truth of :func:`make_brand_panel`: each customer's Brown pattern and main brand."""

    patterns: pd.Series
    brands: tuple


#: Brand names of the generated panel; "A" is the focal firm's brand.
PANEL_BRANDS = tuple("ABCDEFGHIJKL")
_DEFAULT_PATTERN_SHARES = {"undivided": 0.3, "divided": 0.25, "unstable": 0.25, "no_loyalty": 0.2}


def _pattern_sequence(pattern: str, length: int, rng: np.random.Generator) -> list[str]:
    brands = np.array(PANEL_BRANDS)
    weights = np.linspace(2.0, 1.0, len(brands))  # the focal brand A is a little more popular
    weights /= weights.sum()
    if pattern == "undivided":
        return [str(rng.choice(brands, p=weights))] * length
    if pattern == "no_loyalty":
        return [str(b) for b in rng.choice(brands, size=length, replace=False, p=weights)]
    x, y = (str(b) for b in rng.choice(brands, size=2, replace=False, p=weights))
    if pattern == "unstable":
        cut = int(rng.integers(2, length - 1))
        return [x] * cut + [y] * (length - cut)
    while True:  # divided: both brands bought at least twice, and the customer goes back at least once
        seq = [x if u else y for u in rng.random(length) < 0.5]
        if min(seq.count(x), seq.count(y)) >= 2 and 1 + sum(a != b for a, b in zip(seq, seq[1:])) > 2:
            return seq


def make_brand_panel(n_customers: int = 300, length: int = 8, *, seed: int = 0, pattern_shares: dict | None = None,
                     return_truth: bool = False):
    """Generate brand-choice sequences with known Brown patterns (a consumer panel with competitors).

    Course concept: 品牌忠诚的行为模式 with known answers — undivided ``AAAAAA``, divided ``ABABAB``,
    unstable ``AAABBB``, no loyalty ``ABCDEF`` — and the spend per purchase, for share of wallet.

    Parameters
    ----------
    n_customers : int
    length : int
        Purchases per customer, 4 to 12.
    seed : int
    pattern_shares : dict, optional
        Share of each pattern (default 30% undivided, 25% divided, 25% unstable, 20% no loyalty).
    return_truth : bool
        Also return a :class:`BrandPanelTruth`.

    Returns
    -------
    DataFrame or (DataFrame, BrandPanelTruth)
        ``customer_id``, ``purchase_seq`` (1…length), ``brand`` (``"A"`` is the focal firm),
        ``amount``.

    Examples
    --------
    >>> panel, truth = make_brand_panel(40, 6, seed=2, return_truth=True)
    >>> (brand_patterns(panel)["pattern_key"] == truth.patterns).all()
    np.True_
    """
    if not 4 <= length <= len(PANEL_BRANDS):
        raise DataError(f"length must be between 4 and {len(PANEL_BRANDS)} purchases, got {length}.")
    if n_customers < 1:
        raise DataError(f"n_customers must be at least 1, got {n_customers}.")
    shares = {**_DEFAULT_PATTERN_SHARES, **(pattern_shares or {})}
    unknown = set(shares) - set(BROWN_PATTERNS[:4])
    if unknown:
        raise ValueError(f"unknown patterns {sorted(unknown)}; known: {list(BROWN_PATTERNS[:4])}.")
    rng = np.random.default_rng(seed)
    names = list(shares)
    p = np.array([shares[k] for k in names], dtype=float)
    patterns = np.array(names)[rng.choice(len(names), size=n_customers, p=p / p.sum())]
    price = dict(zip(PANEL_BRANDS, rng.uniform(8, 20, len(PANEL_BRANDS)).round(2)))
    ids = [f"P{i:04d}" for i in range(1, n_customers + 1)]
    seqs = [_pattern_sequence(pat, length, rng) for pat in patterns]
    brand_col = [b for s in seqs for b in s]
    panel = pd.DataFrame({
        schema.CUSTOMER: np.repeat(ids, length),
        schema.PURCHASE_SEQ: np.tile(np.arange(1, length + 1), n_customers),
        schema.BRAND: brand_col,
    })
    panel[schema.AMOUNT] = (panel[schema.BRAND].map(price) * rng.lognormal(0, 0.2, len(panel))).round(2)
    if not return_truth:
        return panel
    truth = BrandPanelTruth(patterns=pd.Series(patterns, index=pd.Index(ids, name=schema.CUSTOMER), name="pattern"),
                            brands=PANEL_BRANDS)
    return panel, truth


# ------------------------------------------------------------------------------------------
# plots
# ------------------------------------------------------------------------------------------

@renamed_keywords(attitude_threshold="attitude_at", behaviour_threshold="behaviour_at")
def plot_attitude_behaviour(data: pd.DataFrame, *, attitude: str = "attachment", behaviour: str = "repeat",
                            attitude_at: float = 4.0, behaviour_at: float = 0.5,
                            ax: Axes | None = None, lang: str = "en", **kwargs) -> Axes:
    """Scatter of attitude × behaviour coloured by Dick & Basu segment, with the threshold lines.

    Course concept: 态度与行为矩阵 (Dick & Basu 1994).
    """
    import seaborn as sns

    pl = plot_lang(lang)
    seg = attitude_behaviour(data, attitude=attitude, behaviour=behaviour, attitude_at=attitude_at,
                             behaviour_at=behaviour_at)["segment_key"].map(lambda k: term(k, pl, TERMS))
    ax = get_ax(ax)
    frame = pd.DataFrame({"x": data[behaviour].to_numpy(), "y": data[attitude].to_numpy(),
                          term("segment", pl, TERMS): seg.to_numpy()})
    order = [term(k, pl, TERMS) for k in ("true", "latent", "spurious", "none")]
    sns.scatterplot(data=frame, x="x", y="y", hue=term("segment", pl, TERMS), hue_order=order, ax=ax,
                    s=kwargs.pop("s", 20), alpha=kwargs.pop("alpha", 0.7), **kwargs)
    ax.axvline(behaviour_at, color="grey", ls="--", lw=1)
    ax.axhline(attitude_at, color="grey", ls="--", lw=1)
    ax.set_xlabel(term("behaviour", pl, TERMS))
    ax.set_ylabel(term("attitude", pl, TERMS))
    ax.legend(loc="center left", bbox_to_anchor=(1.0, 0.5), fontsize="small")
    return ax


def plot_interpurchase_times(transactions: pd.DataFrame, *, longest: float = 0.05, bins: int = 30,
                             customer: str = schema.CUSTOMER, date: str = schema.DATE,
                             ax: Axes | None = None, lang: str = "en", **kwargs) -> Axes:
    """Histogram of the days between purchases (output of :func:`interpurchase_times`).

    Course concept: 购买间隔 — the purchase cycle a repeat-purchase period must be longer than.

    Parameters
    ----------
    longest : float
        Share of the longest gaps left out of the picture (their long tail would squash the rest);
        0 shows every gap.
    """
    import seaborn as sns

    pl = plot_lang(lang)
    gaps = interpurchase_times(transactions, customer=customer, date=date)
    shown = gaps[gaps <= gaps.quantile(1 - longest)] if longest > 0 else gaps
    ax = get_ax(ax)
    sns.histplot(shown, bins=bins, ax=ax, **kwargs)
    ax.set_xlabel(term("interpurchase_hist", pl, TERMS).format(share=longest))
    ax.set_ylabel(term("count", pl, TERMS))
    ax.set_title(term("interpurchase_title", pl, TERMS))
    return ax


def plot_brand_patterns(patterns: pd.DataFrame, *, ax: Axes | None = None, lang: str = "en", **kwargs) -> Axes:
    """Bar chart of the number of customers per Brown pattern (output of :func:`brand_patterns`).

    Course concept: 品牌忠诚的行为模式.
    """
    import seaborn as sns

    pl = plot_lang(lang)
    if "pattern_key" in patterns.columns:
        keys = pd.Series(patterns["pattern_key"])
    else:  # a frame from before the key column: translate the labels back, one release more
        warnings.warn("plot_brand_patterns reads the 'pattern_key' column of brand_patterns(...); a frame with "
                      "only 'pattern' labels is deprecated and will stop working in the next release.",
                      DeprecationWarning, stacklevel=2)
        reverse = {term(k, code, TERMS): k for k in BROWN_PATTERNS for code in ("en", "zh")} | {k: k for k in BROWN_PATTERNS}
        keys = pd.Series(patterns["pattern"]).map(reverse)
    counts = keys.value_counts().reindex(list(BROWN_PATTERNS), fill_value=0)
    counts = counts[counts > 0]
    ax = get_ax(ax)
    sns.barplot(x=counts.to_numpy(), y=[term(k, pl, TERMS) for k in counts.index], ax=ax,
                color=kwargs.pop("color", "C0"), **kwargs)
    ax.set_xlabel(term("customers", pl, TERMS))
    ax.set_ylabel(term("pattern", pl, TERMS))
    return ax


def plot_loyalty_ladder(ladder: pd.DataFrame, *, ax: Axes | None = None, lang: str = "en", **kwargs) -> Axes:
    """Horizontal bars of customers per rung, bottom rung at the bottom (output of :func:`loyalty_ladder`).

    Course concept: 客户忠诚阶梯.
    """
    import seaborn as sns

    pl = plot_lang(lang)
    counts = pd.Series(ladder["stage_key"]).value_counts().reindex(list(LADDER), fill_value=0)[::-1]
    ax = get_ax(ax)
    sns.barplot(x=counts.to_numpy(), y=[term(k, pl, TERMS) for k in counts.index], ax=ax,
                color=kwargs.pop("color", "C2"), **kwargs)
    ax.set_xlabel(term("customers", pl, TERMS))
    ax.set_ylabel(term("stage", pl, TERMS))
    return ax
