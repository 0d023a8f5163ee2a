"""Customer lifecycle stages, acquisition cohorts, retention curves and churn.

Course concept: 客户生命周期 — 考察期 (exploration), 形成期 (formation), 稳定期 (stability) and
退化期 (decline), read from each customer's purchase trajectory; cohort retention (同期群顾客保持率) by
acquisition month; survival-style retention curves (顾客保持率 over tenure) for transactional data
and for subscription data with a tenure / churn table (such as the IBM Telco file).
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import numpy as np
import pandas as pd
from matplotlib.axes import Axes

from . import schema
from ._dates import as_day
from ._docstrings import fill_doc
from ._occasions import purchase_occasions
from ._plotting import get_ax
from ._validate import as_dates, require_columns
from .errors import DataError, format_examples
from .labels import check_lang, plot_lang, term

__all__ = [
    "TERMS", "STAGES", "STAGE_ACTIONS", "stage_actions", "lifecycle_stages", "stage_summary", "cohort_table",
    "kaplan_meier", "customer_lifetimes", "retention_curve", "tenure_retention", "churn_rates",
    "make_subscriptions",
    "SubscriptionTruth", "plot_cohort_heatmap", "plot_retention_curve", "plot_lifecycle_stages",
]

TERMS: dict[str, tuple[str, str]] = {
    "exploration": ("Exploration", "考察期"),
    "formation": ("Formation", "形成期"),
    "stability": ("Stability", "稳定期"),
    "decline": ("Decline", "退化期"),
    "stage": ("Lifecycle stage", "生命周期阶段"),
    "cohort": ("Acquisition cohort", "获客同期群"),
    "periods_since": ("Periods since first purchase", "首购后期数"),
    "retention": ("Retention", "顾客保持率"),
    "survival": ("Share still a customer", "仍为客户的比例"),
    "tenure": ("Tenure", "关系时长"),
    "tenure_months": ("Tenure (months)", "关系时长（月）"),
    "months_since_first": ("Months since first purchase", "首购后月数"),
    "customers": ("Customers", "客户数"),
    "all": ("All customers", "全部客户"),
    # Contract types of the subscription table (make_subscriptions, the Telco file): data values, English keys.
    "Month-to-month": ("Month-to-month", "按月合同"),
    "One year": ("One year", "一年期合同"),
    "Two year": ("Two year", "两年期合同"),
}

#: Lifecycle stages in their natural order.
STAGES = ("exploration", "formation", "stability", "decline")

#: What a manager does in each stage (course: 客户生命周期各阶段的管理重点).
STAGE_ACTIONS = pd.DataFrame(
    [
        ("exploration", "考察期", "Customer tries the firm with small, infrequent purchases; the relationship is fragile.",
         "Make the first experiences flawless; welcome offers; learn needs; lower the risk of trying (guarantees)."),
        ("formation", "形成期", "Trust grows: purchases become more frequent and larger.",
         "Cross-sell and up-sell; personalise; start loyalty programme benefits; build switching value."),
        ("stability", "稳定期", "Purchases are high and steady; the customer is most profitable.",
         "Keep satisfaction high; reward loyalty; invite referrals (advocacy); deepen the relationship."),
        ("decline", "退化期", "Purchases fall or stop; the customer drifts away.",
         "Diagnose why (survey, complaints); win-back offer if still valuable; otherwise let go at low cost."),
    ],
    columns=["stage", "中文", "what happens", "what to do"],
).set_index("stage")

# The same in the course's words (text 002: 考察期 孕育期、交易量较小、企业投入较多; 形成期 需求扩大、企业开始盈利;
# 稳定期 关系发展的最高阶段、长期合作; 退化期 逆转阶段、购买水平与满意度下降 → 倾听心声、分析流失原因、关系恢复计划).
_STAGE_ACTIONS_ZH = {
    "exploration": ("客户关系的孕育期：客户试探性地少量购买，交易量较小，企业投入较多，关系还很脆弱。",
                    "让最初几次体验无可挑剔；提供欢迎优惠；了解客户需求；用保证、试用降低客户尝试的风险。"),
    "formation": ("关系发展阶段：信任增加，客户需求进一步扩大，购买更频繁、金额更大，企业开始盈利。",
                  "交叉销售和向上销售；提供个性化服务；启动忠诚计划的权益；积累让客户不愿转换的价值。"),
    "stability": ("客户关系发展的最高阶段：购买量高而稳定，双方长期合作，客户带来的利润最多。",
                  "保持高满意度；回报客户的忠诚；邀请客户推荐；深化合作关系。"),
    "decline": ("逆转阶段：客户购买水平下降，满意度下降，关系逐渐疏远。",
                "倾听客户心声，分析客户流失原因（调查、投诉）；仍有价值的客户，制定重建信任的关系恢复计划；否则以低成本放手。"),
}


def stage_actions(lang: str = "en") -> pd.DataFrame:
    """What happens in each lifecycle stage and what a manager does there, in ``lang``.

    Course concept: 客户生命周期各阶段的特征与管理重点 (course text 002).

    Parameters
    ----------
    lang : {"en", "zh"}
        Language of the stage labels and of the texts.

    Returns
    -------
    DataFrame
        Indexed by stage key (:data:`STAGES` order): ``stage`` (label in ``lang``), ``what happens``,
        ``what to do``.

    Examples
    --------
    >>> stage_actions("zh").loc["decline", "stage"]
    '退化期'
    """
    check_lang(lang)
    if lang == "zh":
        happens = [_STAGE_ACTIONS_ZH[k][0] for k in STAGES]
        todo = [_STAGE_ACTIONS_ZH[k][1] for k in STAGES]
    else:
        happens = STAGE_ACTIONS.loc[list(STAGES), "what happens"].tolist()
        todo = STAGE_ACTIONS.loc[list(STAGES), "what to do"].tolist()
    out = pd.DataFrame({"stage": _labels(STAGES, lang), "what happens": happens, "what to do": todo},
                       index=pd.Index(list(STAGES), name="stage_key"))
    return out



def _labels(keys, lang: str) -> list[str]:
    check_lang(lang)
    return [term(k, lang, TERMS) for k in keys]


# ------------------------------------------------------------------------------------------
# lifecycle stages
# ------------------------------------------------------------------------------------------

@fill_doc
def lifecycle_stages(transactions: pd.DataFrame, *, snapshot=None, window_days: int = 180,
                     exploration_days: int = 90,
                     lapse_factor: float = 3.0, decline_ratio: float = 0.67, growth_ratio: float = 1.33,
                     stable_min_purchases: int = 3, measure: str = "amount", customer: str = schema.CUSTOMER,
                     date: str = schema.DATE, amount: str = schema.AMOUNT, lang: str = "en") -> pd.DataFrame:
    """Assign each customer a lifecycle stage from their purchase trajectory (客户生命周期阶段).

    Course concept: 考察期 → 形成期 → 稳定期 → 退化期. The course draws the lifecycle as the customer's
    transaction volume over time: low and tentative, rising, high and level, falling.

    Each customer's *recent rate* is their spend (or purchases, ``measure="purchases"``) per day in the
    last ``window_days`` before the snapshot; the *earlier rate* is the same per day before that window
    (defined only when that earlier history is at least half a window long). Rules, in order:

    1. **decline** (退化期) — lapsed: no purchase for longer than ``lapse_factor`` × the customer's own
       median inter-purchase time (the population median for one-time buyers), and at least
       ``exploration_days``.
    2. **exploration** (考察期) — one purchase so far, or first purchase less than ``exploration_days``
       ago.
    3. **decline** — recent rate < ``decline_ratio`` × earlier rate.
    4. **formation** (形成期) — fewer than ``stable_min_purchases`` purchases, no earlier rate yet,
       or recent rate ≥ ``growth_ratio`` × earlier rate.
    5. **stability** (稳定期) — otherwise: regular purchases at a level rate.

    Parameters
    ----------
    transactions : DataFrame
        Canonical transactions (same-day rows count as one purchase).
    snapshot : date-like, optional
        The day the stages are read (default: last date in the data): a date, a date string or a
        ``pd.Period`` (its last day).
    window_days, exploration_days, lapse_factor, decline_ratio, growth_ratio, stable_min_purchases
        Rule parameters, as above. The window should span several purchase cycles, or a customer
        buying every two months looks "declining" whenever the window happens to hold one purchase.
    measure : {"amount", "purchases"}
        What the rates measure.
    lang : {"en", "zh"}
        Language of ``stage``.
    {customer}
    {date}
    {amount}

    Returns
    -------
    DataFrame
        Indexed by customer: ``n_purchases``, ``tenure_days``, ``recency_days``, ``lapse_days``,
        ``recent_rate``, ``earlier_rate`` (NaN without half a window of earlier history), ``stage_key``
        and ``stage`` (ordered categorical).

    Examples
    --------
    >>> d = pd.to_datetime(["2024-01-01", "2024-03-01", "2024-05-01", "2024-07-01", "2024-09-01",
    ...                     "2024-11-01", "2024-12-20"])
    >>> tx = pd.DataFrame({"customer_id": ["s"] * 6 + ["n"], "order_date": d, "amount": 10.0})
    >>> lifecycle_stages(tx)["stage_key"].to_dict()
    {'n': 'exploration', 's': 'stability'}
    """
    if measure not in ("amount", "purchases"):
        raise ValueError(f"measure={measure!r} must be 'amount' or 'purchases'.")
    if window_days < 1 or exploration_days < 0 or lapse_factor <= 0 or not 0 < decline_ratio < 1 or growth_ratio <= 1:
        raise ValueError("need window_days >= 1, lapse_factor > 0, 0 < decline_ratio < 1 and growth_ratio > 1.")
    if measure == "amount":
        require_columns(transactions, {"amount": amount}, role="{keyword} in the data")
    occ = purchase_occasions(transactions, customer=customer, date=date,
                             amount=amount if measure == "amount" else None)
    if occ.empty:
        raise DataError("no purchases with a customer id and a date: nothing to assign stages to.")
    snap = as_day(snapshot, name="snapshot") if snapshot is not None else occ[schema.DATE].max()
    occ = occ[occ[schema.DATE] <= snap]
    if occ.empty:
        raise DataError(f"no purchases on or before the snapshot {snap.date()}: choose a later snapshot.")
    value = occ[schema.AMOUNT] if measure == "amount" else pd.Series(1.0, index=occ.index)
    occ = occ.assign(_v=value.to_numpy(), _gap=occ.groupby(schema.CUSTOMER)[schema.DATE].diff().dt.days)
    g = occ.groupby(schema.CUSTOMER)
    out = pd.DataFrame({"n_purchases": g.size(),
                        "tenure_days": (snap - g[schema.DATE].min()).dt.days,
                        "recency_days": (snap - g[schema.DATE].max()).dt.days})
    own_gap = g["_gap"].median()
    typical = own_gap.fillna(occ["_gap"].median() if occ["_gap"].notna().any() else exploration_days)
    out["lapse_days"] = np.maximum(lapse_factor * typical, exploration_days)
    recent_start = snap - pd.Timedelta(days=window_days - 1)
    in_window = occ[schema.DATE] >= recent_start
    recent = occ[in_window].groupby(schema.CUSTOMER)["_v"].sum().reindex(out.index, fill_value=0.0)
    earlier = occ[~in_window].groupby(schema.CUSTOMER)["_v"].sum().reindex(out.index, fill_value=0.0)
    out["recent_rate"] = recent / window_days
    earlier_days = out["tenure_days"] + 1 - window_days
    out["earlier_rate"] = (earlier / earlier_days).where(earlier_days >= window_days / 2)

    lapsed = out["recency_days"] > out["lapse_days"]
    new = (out["n_purchases"] <= 1) | (out["tenure_days"] < exploration_days)
    falling = out["recent_rate"] < decline_ratio * out["earlier_rate"]
    rising = out["recent_rate"] >= growth_ratio * out["earlier_rate"]
    forming = (out["n_purchases"] < stable_min_purchases) | out["earlier_rate"].isna() | rising
    out["stage_key"] = np.select([lapsed, new, falling, forming],
                                 ["decline", "exploration", "decline", "formation"], default="stability")
    out["stage"] = pd.Categorical(_labels(out["stage_key"], lang), categories=_labels(STAGES, lang), ordered=True)
    out.index.name = schema.CUSTOMER
    return out


def stage_summary(stages: pd.DataFrame, *, lang: str = "en") -> pd.DataFrame:
    """Customers per lifecycle stage with their share and what to do (output of :func:`lifecycle_stages`).

    Course concept: 客户生命周期各阶段的管理重点.

    Parameters
    ----------
    lang : {"en", "zh"}
        Language of the stage labels in the index and of ``what to do``.

    Examples
    --------
    >>> s = pd.DataFrame({"stage_key": ["decline", "decline", "stability"]})
    >>> stage_summary(s)["customers"].tolist()
    [0, 0, 1, 2]
    """
    counts = pd.Series(stages["stage_key"]).value_counts().reindex(list(STAGES), fill_value=0)
    out = pd.DataFrame({"customers": counts.astype(int), "share": counts / max(counts.sum(), 1)})
    out["what to do"] = stage_actions(lang)["what to do"]
    out.index = pd.Index(_labels(STAGES, lang), name=term("stage", lang, TERMS))
    return out


# ------------------------------------------------------------------------------------------
# cohorts
# ------------------------------------------------------------------------------------------

@fill_doc
def cohort_table(transactions: pd.DataFrame, *, freq: str = "M", normalize: bool = True,
                 max_periods: int | None = None, customer: str = schema.CUSTOMER,
                 date: str = schema.DATE) -> pd.DataFrame:
    """Cohort retention table: share of each acquisition cohort buying k periods after its first purchase.

    Course concept: 同期群分析 (cohort analysis) — customers grouped by acquisition month; row = cohort,
    column k = periods since acquisition, cell = share of the cohort that bought in period k (period 0
    is 100%). Cells after the end of the data are NaN, not 0.

    Parameters
    ----------
    freq : str
        Period alias (``"M"`` month, ``"Q"`` quarter, ``"W"`` week).
    normalize : bool
        Shares of the cohort size (default) or customer counts.
    max_periods : int, optional
        Keep only columns 0…max_periods.
    {customer}
    {date}

    Returns
    -------
    DataFrame
        Indexed by cohort period; integer columns 0, 1, 2, …; ``.attrs["cohort_size"]`` holds sizes.

    Examples
    --------
    >>> tx = pd.DataFrame({"customer_id": ["a", "a", "b"], "order_date": pd.to_datetime(
    ...     ["2024-01-05", "2024-02-07", "2024-01-20"]), "amount": 1.0})
    >>> cohort_table(tx).iloc[0].tolist()
    [1.0, 0.5]
    """
    require_columns(transactions, {"customer": customer, "date": date}, role="{keyword} in the data")
    dates = as_dates(transactions, date)
    frame = pd.DataFrame({"c": transactions[customer], "p": dates.dt.to_period(freq)}).dropna().drop_duplicates()
    if frame.empty:
        raise DataError("no purchases with a customer id and a date: no cohorts to build.")
    if frame["p"].nunique() < 2:
        raise DataError(f"a cohort table follows customers from period to period, but every purchase is in "
                        f"{frame['p'].iloc[0]} (freq={freq!r}); it needs purchases in at least 2 periods: pass a "
                        "shorter freq (e.g. 'W') or data over a longer time.")
    frame["cohort"] = frame.groupby("c")["p"].transform("min")
    last = frame["p"].max()
    # Period ordinals: periods since acquisition by integer subtraction (no per-row Python objects).
    frame["k"] = frame["p"].array.asi8 - frame["cohort"].array.asi8
    counts = frame.groupby(["cohort", "k"])["c"].nunique().unstack("k", fill_value=0)
    counts = counts.reindex(columns=range(int(frame["k"].max()) + 1), fill_value=0)
    sizes = counts[0]
    # Periods that lie beyond the data for a cohort are unknown, not zero.
    horizon = pd.Series([(last - cohort).n for cohort in counts.index], index=counts.index)
    observed = np.arange(counts.shape[1])[None, :] <= horizon.to_numpy()[:, None]
    table = counts.astype(float).where(observed)
    if normalize:
        table = table.div(sizes, axis=0)
    if max_periods is not None:
        table = table.loc[:, : max_periods]
    table.index.name = "cohort"
    table.columns.name = "period"
    table.attrs["cohort_size"] = sizes.rename("cohort_size")
    return table


# ------------------------------------------------------------------------------------------
# survival-style retention
# ------------------------------------------------------------------------------------------

def kaplan_meier(durations, events, *, confidence_level: float = 0.95) -> pd.DataFrame:
    """Kaplan–Meier retention curve: the share of customers still customers after t periods.

    Course concept: 顾客保持率曲线 — retention as a survival curve. Customers still active at the end
    of observation are *censored* (we only know they lasted at least that long); dropping them or
    counting them as churned would bias retention down.

    .. math:: \\hat S(t) = \\prod_{t_j \\le t} \\left(1 - \\frac{d_j}{n_j}\\right)

    The estimate comes from :func:`scipy.stats.ecdf` on :class:`scipy.stats.CensoredData` (with
    Greenwood confidence intervals); a lighter choice than ``lifelines``, which would add a heavy
    dependency for one curve. The at-risk and event counts are added for reading the table.

    Parameters
    ----------
    durations : array-like
        Time each customer was observed (tenure), ≥ 0.
    events : array-like of bool
        True when the customer churned at that time, False when still a customer (censored).

    Returns
    -------
    DataFrame
        Indexed by distinct ``time`` (starting with 0): ``at_risk``, ``churned``, ``censored``,
        ``survival``, ``period_retention`` (1 − churned/at_risk: retention from the previous time),
        ``lower``, ``upper``.

    Examples
    --------
    >>> km = kaplan_meier([1, 2, 2, 3, 4, 5], [True, True, False, True, False, True])
    >>> km["survival"].round(3).tolist()
    [1.0, 0.833, 0.667, 0.444, 0.444, 0.0]
    """
    from scipy import stats

    t = np.asarray(durations, dtype=float)
    e = np.asarray(events, dtype=bool)
    if t.shape != e.shape or t.ndim != 1:
        raise DataError("durations and events must be one-dimensional and of the same length.")
    if len(t) == 0 or np.isnan(t).any() or (t < 0).any():
        raise DataError("durations must be non-negative numbers without missing values "
                        f"(found {format_examples(((i, v) for i, v in enumerate(t) if not v >= 0))}).")
    times = np.unique(np.concatenate([[0.0], t]))
    at_risk = len(t) - np.searchsorted(np.sort(t), times, side="left")
    churned = np.array([np.sum(e & (t == x)) for x in times]) if len(times) < 2000 else \
        pd.Series(e).groupby(t).sum().reindex(times, fill_value=0).to_numpy()
    censored = pd.Series(~e).groupby(t).sum().reindex(times, fill_value=0).to_numpy()
    out = pd.DataFrame({"at_risk": at_risk, "churned": churned.astype(int), "censored": censored.astype(int)},
                       index=pd.Index(times, name="time"))
    if e.any():
        result = stats.ecdf(stats.CensoredData(uncensored=t[e], right=t[~e]))
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)  # CI undefined where S(t) = 0: a property, not an error
            ci = result.sf.confidence_interval(confidence_level)
            # Evaluate just after each time point: S is right-continuous.
            out["survival"] = result.sf.evaluate(times)
            out["lower"] = ci.low.evaluate(times)
            out["upper"] = ci.high.evaluate(times)
    else:
        out["survival"], out["lower"], out["upper"] = 1.0, 1.0, 1.0
    out["period_retention"] = 1.0 - out["churned"] / out["at_risk"].where(out["at_risk"] > 0)
    return out[["at_risk", "churned", "censored", "survival", "period_retention", "lower", "upper"]]


@fill_doc
def customer_lifetimes(transactions: pd.DataFrame, *, snapshot=None, churn_after_days: float = 180,
                       unit_days: float = 30.0, customer: str = schema.CUSTOMER,
                       date: str = schema.DATE) -> pd.DataFrame:
    """Turn a purchase log into a tenure / churn table for retention curves.

    Course concept: 顾客流失 in non-contractual settings — nobody cancels, so churn is inferred: a
    customer without purchase for more than ``churn_after_days`` before the snapshot counts as churned
    at their last purchase; the others are still customers (censored at the snapshot). ``snapshot``
    (default: the last date in the data) is a date, a date string or a ``pd.Period`` (its last day).

    Parameters
    ----------
    {customer}
    {date}

    Returns
    -------
    DataFrame
        Indexed by customer: ``tenure`` (whole units of ``unit_days``, rounded down: last purchase − first
        purchase for churned customers, snapshot − first purchase otherwise), ``churned`` (bool), ``cohort``
        (acquisition month).

    Examples
    --------
    >>> tx = pd.DataFrame({"customer_id": ["a", "a", "b"], "order_date": pd.to_datetime(
    ...     ["2024-01-01", "2024-01-31", "2024-12-01"]), "amount": 1.0})
    >>> customer_lifetimes(tx, churn_after_days=90)[["tenure", "churned"]].values.tolist()
    [[1.0, True], [0.0, False]]
    """
    occ = purchase_occasions(transactions, customer=customer, date=date, amount=None)
    snap = as_day(snapshot, name="snapshot") if snapshot is not None else occ[schema.DATE].max()
    occ = occ[occ[schema.DATE] <= snap]
    if occ.empty:
        raise DataError(f"no purchases on or before the snapshot {snap.date()}: choose a later snapshot.")
    g = occ.groupby(schema.CUSTOMER)[schema.DATE]
    first, last = g.min(), g.max()
    churned = (snap - last).dt.days > churn_after_days
    end = last.where(churned, snap)
    out = pd.DataFrame({"tenure": np.floor((end - first).dt.days / unit_days), "churned": churned,
                        "cohort": first.dt.to_period("M")})
    out.index.name = schema.CUSTOMER
    return out


def retention_curve(table: pd.DataFrame, *, tenure: str = "tenure", churned: str = "churned",
                    by: str | None = None, lang: str = "en") -> pd.DataFrame:
    """Kaplan–Meier retention curve(s) from a tenure / churn table, overall or per group.

    Course concept: 顾客保持率 over tenure, compared between groups (contract type, cohort, channel).

    Parameters
    ----------
    lang : {"en", "zh"}
        Language of the group name used without ``by`` ("All customers").

    Returns
    -------
    DataFrame
        Long format: ``group``, ``time`` and the columns of :func:`kaplan_meier`.

    Examples
    --------
    >>> t = pd.DataFrame({"tenure": [1, 2, 3], "churned": [True, False, True]})
    >>> retention_curve(t)["survival"].round(3).tolist()
    [1.0, 0.667, 0.667, 0.0]
    """
    require_columns(table, {"tenure": tenure, "churned": churned, "by": by}, role="{keyword} in the tenure table")
    flag = table[churned]
    if flag.dtype != bool:
        raise DataError(f"column {churned!r} must be True/False; use tenure_retention(...) for Yes/No text.")
    parts = []
    groups = table.groupby(by, sort=True, observed=True) if by else [(term("all", lang, TERMS), table)]
    for name, part in groups:
        km = kaplan_meier(part[tenure].to_numpy(dtype=float), part[churned].to_numpy(dtype=bool))
        parts.append(km.reset_index().assign(group=str(name)))
    out = pd.concat(parts, ignore_index=True)
    return out[["group", "time"] + [c for c in out.columns if c not in ("group", "time")]]


def tenure_retention(table: pd.DataFrame, *, tenure: str = "tenure", churn: str = "Churn", by: str | None = None,
                     yes=("yes", "true", "1", "churned"), no=("no", "false", "0", "stayed"),
                     lang: str = "en") -> pd.DataFrame:
    """Retention curves from a subscription table with tenure and a churn flag (e.g. the Telco file).

    Course concept: 顾客保持率/流失率 in contractual settings — customers who left have a known
    tenure; those still subscribed are censored at their current tenure.

    Parameters
    ----------
    table : DataFrame
        One row per customer, e.g. IBM Telco: ``tenure`` (months), ``Churn`` (Yes/No), ``Contract``.
    churn : str
        Churn flag column: bool, 0/1, or text like Yes/No (matched case-insensitively).
    by : str, optional
        Group column, e.g. ``"Contract"``.
    lang : {"en", "zh"}
        As for :func:`retention_curve`.

    Returns
    -------
    DataFrame
        As :func:`retention_curve`.

    Examples
    --------
    >>> t = pd.DataFrame({"tenure": [1, 2, 3], "Churn": ["Yes", "No", "Yes"]})
    >>> tenure_retention(t)["survival"].round(3).tolist()
    [1.0, 0.667, 0.667, 0.0]
    """
    return retention_curve(_tenure_frame(table, tenure, churn, by, yes, no), by=by, lang=lang)


def _tenure_frame(table, tenure, churn, by, yes, no) -> pd.DataFrame:
    require_columns(table, {"tenure": tenure, "churn": churn, "by": by}, role="{keyword} in the tenure table")
    months = pd.to_numeric(table[tenure], errors="coerce")
    bad = months.isna() | (months < 0)
    if bad.any():
        raise DataError(f"column {tenure!r} must hold non-negative numbers; found "
                        f"{format_examples(zip(table.index[bad], table[tenure][bad]))}. Drop or fix those rows.")
    text = table[churn].astype("string").str.strip().str.lower().fillna("")
    flag = text.map(lambda v: True if v in yes else False if v in no else None)
    unknown = flag.isna()
    if unknown.any():
        raise DataError(f"column {churn!r} holds values that are neither churned {list(yes)} nor stayed "
                        f"{list(no)}: {format_examples(zip(table.index[unknown], table[churn][unknown]))}. "
                        "Pass yes=/no= with your codes.")
    frame = pd.DataFrame({"tenure": months.to_numpy(), "churned": flag.astype(bool).to_numpy()}, index=table.index)
    if by:
        frame[by] = table[by]
    return frame


def churn_rates(table: pd.DataFrame, *, tenure: str = "tenure", churn: str = "Churn", by: str | None = None,
                yes=("yes", "true", "1", "churned"), no=("no", "false", "0", "stayed"),
                lang: str = "en") -> pd.DataFrame:
    """Churn rate and retention rate per period from a tenure / churn table (顾客流失率 / 保持率).

    Course concept: 流失率 per period = customers lost ÷ customer-periods at risk; 保持率 = 1 − 流失率.
    Counting exposure (the sum of tenures) rather than customers keeps new and old customers comparable:
    with a constant monthly churn probability h this estimates h.

    .. math:: \\hat h = \\frac{\\#\\text{churned}}{\\sum_i \\text{tenure}_i}, \\qquad \\hat r = 1 - \\hat h

    Parameters
    ----------
    lang : {"en", "zh"}
        Language of the group name used without ``by`` ("All customers").

    Returns
    -------
    DataFrame
        Indexed by group (one row ``"All customers"`` without ``by``): ``customers``, ``churned``,
        ``churned_share`` (share of customers who left so far), ``exposure`` (customer-periods),
        ``churn_rate`` and ``retention_rate`` per period.

    Examples
    --------
    >>> t = pd.DataFrame({"tenure": [2, 5, 3], "Churn": ["Yes", "No", "No"]})
    >>> churn_rates(t)["churn_rate"].round(3).tolist()
    [0.1]
    """
    frame = _tenure_frame(table, tenure, churn, by, yes, no)
    key = frame[by] if by else pd.Series(term("all", lang, TERMS), index=frame.index)
    g = frame.groupby(key, sort=True, observed=True)
    out = pd.DataFrame({"customers": g.size(), "churned": g["churned"].sum().astype(int),
                        "exposure": g["tenure"].sum()})
    out.insert(2, "churned_share", out["churned"] / out["customers"])
    out["churn_rate"] = out["churned"] / out["exposure"].where(out["exposure"] > 0)
    out["retention_rate"] = 1.0 - out["churn_rate"]
    out.index.name = by or "group"
    return out


@dataclass
class SubscriptionTruth:
    """Ground truth of :func:`make_subscriptions`: monthly churn probability per contract."""

    monthly_churn: dict


DEFAULT_MONTHLY_CHURN = {"Month-to-month": 0.06, "One year": 0.02, "Two year": 0.006}


@fill_doc
def make_subscriptions(n_customers: int = 3000, *, seed: int = 0, monthly_churn: dict | None = None,
                       max_tenure: int = 72, return_truth: bool = False):
    """Generate a Telco-like subscription table (tenure in months, churn Yes/No, contract).

    Course concept: a contractual churn data set with known retention: with a constant monthly churn
    probability h, the true retention curve is S(t) = (1 − h)^t.

    Customers sign up uniformly over the last ``max_tenure`` months; each month a customer leaves with
    their contract's probability; those still subscribed today are censored at their tenure.

    Parameters
    ----------
    {seed}

    Returns
    -------
    DataFrame or (DataFrame, SubscriptionTruth)
        ``customer_id``, ``Contract``, ``tenure`` (whole months), ``Churn`` (``"Yes"``/``"No"``).

    Examples
    --------
    >>> subs = make_subscriptions(100, seed=1)
    >>> sorted(subs.columns)
    ['Churn', 'Contract', 'customer_id', 'tenure']
    """
    if n_customers < 1:
        raise DataError(f"n_customers must be at least 1, got {n_customers}.")
    hazards = dict(monthly_churn or DEFAULT_MONTHLY_CHURN)
    if not all(0 < h < 1 for h in hazards.values()):
        raise ValueError("monthly churn probabilities must lie strictly between 0 and 1.")
    rng = np.random.default_rng(seed)
    contracts = np.array(list(hazards))[rng.choice(len(hazards), size=n_customers, p=[0.5, 0.25, 0.25]
                                                   if len(hazards) == 3 else None)]
    h = np.array([hazards[c] for c in contracts])
    observed = rng.integers(0, max_tenure + 1, size=n_customers)  # months since sign-up
    lifetime = rng.geometric(h)  # months until leaving (1, 2, …)
    churned = lifetime <= observed
    tenure = np.where(churned, lifetime, observed)
    frame = pd.DataFrame({schema.CUSTOMER: [f"S{i:05d}" for i in range(1, n_customers + 1)], "Contract": contracts,
                          "tenure": tenure.astype(int), "Churn": np.where(churned, "Yes", "No")})
    if return_truth:
        return frame, SubscriptionTruth(monthly_churn=hazards)
    return frame


# ------------------------------------------------------------------------------------------
# plots
# ------------------------------------------------------------------------------------------

@fill_doc
def plot_cohort_heatmap(table: pd.DataFrame, *, ax: Axes | None = None, lang: str = "en", annot: bool | None = None, **kwargs) -> Axes:
    """Heatmap of a cohort retention table (output of :func:`cohort_table`).

    Course concept: 同期群顾客保持率热力图 — read down a column to compare cohorts at the same age.

    Parameters
    ----------
    {ax}
    {lang}
    """
    import seaborn as sns

    pl = plot_lang(lang)
    shown = table.copy()
    shown.index = [str(i) for i in shown.index]
    if annot is None:
        annot = shown.shape[1] <= 13 and shown.shape[0] <= 15
    ax = get_ax(ax, figsize=(max(7.0, 0.55 * shown.shape[1] + 2), max(3.5, 0.35 * shown.shape[0] + 1.5)))
    normalized = table.max().max() <= 1.0 if table.size else True
    if normalized and table.shape[1] > 1 and "vmax" not in kwargs:
        kwargs["vmax"] = table.iloc[:, 1:].max().max()  # period 0 is always 100%: let later periods use the colours
    sns.heatmap(shown, ax=ax, cmap=kwargs.pop("cmap", "Blues"), annot=annot,
                fmt=kwargs.pop("fmt", ".0%" if normalized else ".0f"), annot_kws={"size": 8},
                cbar=kwargs.pop("cbar", True), **kwargs)
    ax.set_xlabel(term("periods_since", pl, TERMS))
    ax.set_ylabel(term("cohort", pl, TERMS))
    return ax


@fill_doc
def plot_retention_curve(curve: pd.DataFrame, *, ax: Axes | None = None, lang: str = "en", ci: bool = True,
                         time: str = "tenure", **kwargs) -> Axes:
    """Step plot of Kaplan–Meier retention curves (output of :func:`retention_curve`).

    Course concept: 顾客保持率曲线.

    Parameters
    ----------
    time : str
        Term for the time axis, in ``lang``: ``"tenure"``, ``"tenure_months"`` or
        ``"months_since_first"`` (any key of :data:`TERMS`).
    {ax}
    {lang}
    """
    pl = plot_lang(lang)
    ax = get_ax(ax)
    for i, (name, part) in enumerate(curve.groupby("group", sort=False)):
        color = f"C{i % 10}"
        # Start every curve at (0, 100%) so a drop at time 0 (customers lost at once) stays visible.
        ax.step(np.r_[0.0, part["time"]], np.r_[1.0, part["survival"]], where="post", color=color,
                label=term(str(name), pl, TERMS), **kwargs)
        if ci:
            ax.fill_between(part["time"], part["lower"].fillna(0), part["upper"].fillna(1), step="post",
                            color=color, alpha=0.15, lw=0)
    ax.set_ylim(0, 1.02)
    if time not in TERMS:
        raise ValueError(f"time={time!r} is not a term of crmlab.lifecycle.TERMS; use e.g. 'tenure_months'.")
    ax.set_xlabel(term(time, pl, TERMS))
    ax.set_ylabel(term("survival", pl, TERMS))
    ax.legend(fontsize="small")
    return ax


@fill_doc
def plot_lifecycle_stages(stages: pd.DataFrame, *, ax: Axes | None = None, lang: str = "en", **kwargs) -> Axes:
    """Bar chart of customers per lifecycle stage (output of :func:`lifecycle_stages`).

    Course concept: 客户生命周期阶段分布.

    Parameters
    ----------
    {ax}
    {lang}
    """
    import seaborn as sns

    pl = plot_lang(lang)
    counts = pd.Series(stages["stage_key"]).value_counts().reindex(list(STAGES), fill_value=0)
    ax = get_ax(ax)
    sns.barplot(x=_labels(STAGES, pl), y=counts.to_numpy(), ax=ax, color=kwargs.pop("color", "C0"), **kwargs)
    ax.set_xlabel(term("stage", pl, TERMS))
    ax.set_ylabel(term("customers", pl, TERMS))
    return ax
