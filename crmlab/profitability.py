"""Customer profitability, service tiering and the economics of loyalty (chapter 07): the data part.

Course concept: 大客户 ≠ 好客户 — a customer's profit is the margin on what they buy minus what it
costs to serve them (服务成本) and to win them (获客成本); loyal customers cost less to serve and
bring others (推荐, 口碑) (course texts 001 §3.5, 002, 003).

- :func:`make_customer_economics` — the synthetic retailer of
  :func:`crmlab.datasets.make_transactions`, extended per customer with cost to serve (service
  contacts, returns handling, delivery, discounts, credit), acquisition cost and channel, payment
  behaviour (days late, defaults), satisfaction and loyalty scores and referrals, with its truth
  (:class:`EconomicsTruth`: profit, the planted structure, each customer's response to a
  retention budget);
- :func:`customer_economics` — an analyst's own per-customer table, its column names mapped onto
  the canonical roles (:data:`ROLES`) and validated.

Real data rarely has these columns: order exports carry revenue and returns, but the cost of a
service contact, a delivery or a late payment sits in the service desk, the logistics invoices and
the finance ledger, and has to be allocated to customers (activity-based costing) before this
chapter can use it. The generator gives a table where the allocation is known.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from . import schema
from ._docstrings import fill_doc
from ._validate import as_numeric, require_columns
from .errors import DataError, format_examples

__all__ = [
    "TERMS", "ROLES", "COST_COMPONENTS", "MARGIN_RATES", "UNIT_COSTS", "ACQUISITION_CHANNELS",
    "EconomicsTruth", "make_customer_economics", "customer_economics",
]

#: Terms of the chapter's data (English, 中文 of the course texts 001 §3.5, 002, 003).
TERMS: dict[str, tuple[str, str]] = {
    "customer_profit": ("Customer profit", "客户利润"),
    "customer_profitability": ("Customer profitability", "客户盈利能力"),
    "revenue": ("Revenue", "收入"),
    "margin": ("Margin", "毛利"),
    "cost_to_serve": ("Cost to serve", "服务成本"),
    "service_cost": ("Service contact cost", "服务接触成本"),
    "inquiries": ("Inquiries", "咨询次数"),
    "complaints": ("Complaints", "投诉次数"),
    "returns_cost": ("Returns handling cost", "退货处理成本"),
    "delivery_cost": ("Delivery cost", "配送成本"),
    "discount_cost": ("Discount cost", "折扣成本"),
    "credit_cost": ("Credit cost", "信用成本"),
    "acquisition_cost": ("Acquisition cost", "获客成本"),
    "acquisition_channel": ("Acquisition channel", "获客渠道"),
    "creditworthiness": ("Creditworthiness", "信用度"),
    "days_late": ("Days late", "逾期天数"),
    "defaulted": ("Default", "违约"),
    "pays_later": ("Pays later", "赊购"),
    "satisfaction": ("Satisfaction", "满意度"),
    "loyalty": ("Loyalty", "忠诚度"),
    "referrals": ("Referrals", "推荐人数"),
    "tenure": ("Tenure", "关系时长"),
    "tenure_years": ("Tenure (years)", "关系时长（年）"),
    "whale_curve": ("Whale curve", "鲸鱼曲线"),
    "large_customer": ("Large customer", "大客户"),
    "retention_budget": ("Retention budget", "客户保持预算"),
    "response_curve": ("Response curve", "响应曲线"),
    # Acquisition channels (data values, English keys).
    "referral": ("Referred by a customer", "老客户推荐"),
    "search": ("Search ads", "搜索广告"),
    "social": ("Social media", "社交媒体"),
    "promotion": ("Promotion", "促销活动"),
}

#: The parts of cost to serve, in the order they are added (``cost_to_serve`` is their sum).
COST_COMPONENTS: tuple[str, ...] = ("service_cost", "returns_cost", "delivery_cost", "discount_cost", "credit_cost")

#: Gross margin rate per product category of the retailer (share of the net amount).
MARGIN_RATES: dict[str, float] = {
    "grocery": 0.25, "beverages": 0.32, "deli": 0.38, "household": 0.28, "personal care": 0.42, "baby": 0.22,
}

#: Unit costs (currency units) the generator allocates to customers (activity-based costing).
UNIT_COSTS: dict[str, float] = {
    "inquiry": 1.0,            # one 咨询 contact
    "complaint": 4.0,         # one 投诉 contact
    "delivery_per_order": 1.0,  # per online order, plus delivery_share × order value
    "delivery_share": 0.02,
    "return_per_line": 1.5,    # per returned order line, plus return_share × returned amount
    "return_share": 0.05,
    "late_daily_rate": 0.0005,  # cost of money per day late, as a share of revenue (≈ 18 % a year)
}

#: Acquisition channels: channel → (share of customers, mean acquisition cost).
ACQUISITION_CHANNELS: dict[str, tuple[float, float]] = {
    "referral": (0.20, 2.0), "search": (0.30, 6.0), "social": (0.25, 5.0), "promotion": (0.25, 8.0),
}

#: Canonical roles of a per-customer economics table: role (= output column) → what it holds.
#: ``"id"``: customer id; ``"money"``: a number; ``"cost"``, ``"count"``: a number ≥ 0; ``"score"``: a
#: rating; ``"flag"``: yes/no; ``"text"``: a label; ``"date"``: a date.
ROLES: dict[str, str] = {
    schema.CUSTOMER: "id", "acquisition_channel": "text", "first_purchase": "date", "last_purchase": "date",
    "tenure_years": "cost", "n_orders": "count", "online_orders": "count", "n_returns": "count",
    "revenue": "money", "margin": "money", "acquisition_cost": "cost", "inquiries": "count",
    "complaints": "count", "service_cost": "cost", "returns_cost": "cost", "delivery_cost": "cost",
    "discount_cost": "cost", "credit_cost": "cost", "cost_to_serve": "cost", "pays_later": "flag",
    "days_late": "cost", "defaulted": "flag", "satisfaction": "score", "loyalty": "score", "referrals": "count",
}


@dataclass
class EconomicsTruth:
    """What :func:`make_customer_economics` planted, for checks that recover it.

    Attributes
    ----------
    customers : DataFrame
        Per customer (index ``customer_id``): ``profit`` (margin − cost to serve − acquisition cost),
        ``high_maintenance`` (planted: a big-revenue customer made unprofitable by discounts,
        complaints and bad debt), ``satisfaction_latent``, ``discount_rate``, ``complaint_rate``,
        ``default_probability``, ``bad_debt``, ``referral_rate``, ``annual_profit`` (margin − cost to
        serve per year of observed relationship: what a kept customer earns next year), and the
        retention response: ``churn_baseline`` (next-year churn probability with no budget),
        ``churn_floor`` (the part no budget prevents) and ``response_scale`` (currency units: a budget
        ``b`` leaves ``exp(-b / response_scale)`` of the preventable churn).
    transactions : DataFrame
        The order lines the table was computed from (``make_transactions(n, seed=seed,
        dirty=False)``: returns included as ``C`` lines, no export dirt).
    retailer : TransactionTruth
        The truth of those order lines (types, purchase rates, dropout, first purchase).
    margin_rates, unit_costs, acquisition_channels : dict
        The parameters used (:data:`MARGIN_RATES`, :data:`UNIT_COSTS`, :data:`ACQUISITION_CHANNELS`).
    end : Timestamp
        Last day of the observation window (tenure and annual profit are measured to it).
    """

    customers: pd.DataFrame
    transactions: pd.DataFrame
    retailer: object
    margin_rates: dict = field(default_factory=dict)
    unit_costs: dict = field(default_factory=dict)
    acquisition_channels: dict = field(default_factory=dict)
    end: pd.Timestamp | None = None

    def _budget(self, budget) -> np.ndarray:
        index = self.customers.index
        if isinstance(budget, pd.Series):
            values = budget.reindex(index).fillna(0.0).to_numpy(dtype=float)
        else:
            values = np.broadcast_to(np.asarray(budget, dtype=float), (len(index),)).astype(float)
        if (values < 0).any():
            raise DataError("a retention budget cannot be negative; pass 0 for a customer who gets nothing.")
        return values

    def churn_probability(self, budget=0.0) -> pd.Series:
        """Next-year churn probability of every customer given a retention budget (the planted curve).

        ``p(b) = floor + (baseline − floor) · exp(−b / scale)``: decreasing and convex in ``b``,
        ``p(0)`` the baseline. ``budget`` is a number (the same for everyone), an array in the order of
        :attr:`customers`, or a Series by customer id (customers not in it get 0).
        """
        c = self.customers
        b = self._budget(budget)
        p = c["churn_floor"] + (c["churn_baseline"] - c["churn_floor"]) * np.exp(-b / c["response_scale"])
        return p.rename("churn_probability")

    def expected_profit(self, budget=0.0) -> pd.Series:
        """Expected next-year profit per customer: ``(1 − p(b)) · annual_profit − b``."""
        b = self._budget(budget)
        kept = 1.0 - self.churn_probability(b)
        return (kept * self.customers["annual_profit"] - b).rename("expected_profit")

    def optimal_budget(self) -> pd.Series:
        """Each customer's budget that maximises :meth:`expected_profit` (exact for the planted curve).

        Setting the derivative to zero gives ``b* = s · ln((baseline − floor) · annual_profit / s)``
        where that is positive, else 0 (a customer not worth a cent of retention spending).
        """
        c = self.customers
        gain = (c["churn_baseline"] - c["churn_floor"]) * c["annual_profit"].clip(lower=0)
        with np.errstate(divide="ignore"):
            best = c["response_scale"] * np.log(np.maximum(gain, 1e-300) / c["response_scale"])
        return best.clip(lower=0).where(gain > c["response_scale"], 0.0).rename("optimal_budget")


def _cut(latent: np.ndarray, shares=(0.06, 0.10, 0.22, 0.34, 0.28)) -> np.ndarray:
    """Ratings 1..5 from a latent score, by its quantiles at the cumulative ``shares``."""
    edges = np.quantile(latent, np.cumsum(shares)[:-1]) if len(latent) else []
    return (1 + np.searchsorted(edges, latent, side="right")).astype(int)


@fill_doc
def make_customer_economics(n_customers: int = 2000, *, seed: int = 0, weeks: int = 104,
                            acquisition_weeks: int = 52, high_maintenance_share: float = 0.3,
                            return_truth: bool = False):
    """Generate the synthetic retailer's customer economics: cost to serve, acquisition, credit, loyalty.

    Course concept: 客户盈利能力 — profit per customer = margin − 服务成本 − 获客成本; 大客户 ≠ 好客户
    (course text 002); the economics of loyalty (忠诚的经济学, text 001 §3.5; Reichheld 1996).

    The customers are those of :func:`crmlab.datasets.make_transactions` with the same
    ``n_customers``, ``seed``, ``weeks`` and ``acquisition_weeks`` (the order lines are in
    ``truth.transactions``). From each customer's own orders: net revenue (returns deducted),
    margin (net amount × the category's :data:`MARGIN_RATES`), orders, online orders, returned
    lines. Allocated to them (:data:`UNIT_COSTS`):

    - service contacts: inquiries (咨询: a few when new, fewer per order as tenure grows) and
      complaints (投诉: more when dissatisfied, and on average one for every two returned lines);
    - returns handling: per returned line plus a share of the returned amount (zero without returns);
    - delivery: per online order plus a share of its value (store orders: zero);
    - discounts: a discount rate on gross revenue, falling with tenure (loyal customers are less
      price sensitive), higher for customers won by promotion;
    - credit: customers who pay later have days late and may default; the cost is the bad debt
      written off plus the cost of money for the days late.

    ``cost_to_serve`` is the sum of these (:data:`COST_COMPONENTS`). Acquisition channel and cost
    follow :data:`ACQUISITION_CHANNELS`. Satisfaction and loyalty (1–5) and referrals rise with
    tenure (Reichheld).

    Planted structure: among the top decile by revenue, ``high_maintenance_share`` of the customers
    (at least one) are high-maintenance — deep discounts, many complaints, late payment and bad debt;
    their discounts take what their margin leaves after the other costs and 5–30 % of the margin
    more, so each of them has big revenue and negative profit; one-time buyers rarely earn back their acquisition
    cost, so the whale curve rises above 100 % of total profit before it falls back. Each customer
    responds to a retention budget along a known curve (:meth:`EconomicsTruth.churn_probability`).

    Parameters
    ----------
    n_customers : int
        Number of customers (as in :func:`~crmlab.datasets.make_transactions`).
    {seed}
        The same seed gives the same table, byte for byte, and the same customers as
        ``make_transactions(n_customers, seed=seed)``.
    weeks, acquisition_weeks : int
        Observation window and acquisition period of the retailer, in weeks.
    high_maintenance_share : float
        Share of the top revenue decile planted as high-maintenance (0 plants none).
    return_truth : bool
        Also return an :class:`EconomicsTruth`.

    Returns
    -------
    DataFrame or (DataFrame, EconomicsTruth)
        One row per customer, the columns of :data:`ROLES` (``customer_id`` first; money in
        currency units, rounded to cents). Profit is not a column: compute it as
        ``margin − cost_to_serve − acquisition_cost`` (it equals ``truth.customers["profit"]``).

    Raises
    ------
    DataError
        ``n_customers`` below 1 or a share outside 0–1.

    Examples
    --------
    >>> table, truth = make_customer_economics(300, seed=1, return_truth=True)
    >>> profit = table["margin"] - table["cost_to_serve"] - table["acquisition_cost"]
    >>> bool((profit.to_numpy() - truth.customers["profit"].to_numpy() < 1e-6).all())
    True
    >>> bool(truth.customers["high_maintenance"].any())
    True
    """
    from .datasets.generators import make_transactions

    if n_customers < 1:
        raise DataError(f"n_customers must be at least 1, got {n_customers}.")
    if not 0 <= high_maintenance_share <= 1:
        raise DataError(f"high_maintenance_share must lie between 0 and 1, got {high_maintenance_share}.")
    lines, retailer = make_transactions(n_customers, seed=seed, weeks=weeks, acquisition_weeks=acquisition_weeks,
                                        dirty=False, return_truth=True)
    # A stream of its own, so the economics never shift the retailer's draws.
    rng = np.random.default_rng([seed, 7])
    ids = retailer.customers.index
    end = retailer.end
    u = UNIT_COSTS

    amount = lines[schema.AMOUNT]
    is_return = lines[schema.ORDER].str.startswith("C")
    sale = lines[~is_return]
    orders = sale.groupby([schema.CUSTOMER, schema.ORDER], sort=False).agg(
        value=(schema.AMOUNT, "sum"), online=(schema.CHANNEL, lambda s: s.iloc[0] == "online"),
        date=(schema.DATE, "min"))
    by = orders.groupby(level=0)
    n_orders = by.size().reindex(ids, fill_value=0)
    online = orders[orders["online"]]
    online_orders = online.groupby(level=0).size().reindex(ids, fill_value=0)
    online_value = online.groupby(level=0)["value"].sum().reindex(ids, fill_value=0.0)
    gross = sale.groupby(schema.CUSTOMER)[schema.AMOUNT].sum().reindex(ids, fill_value=0.0)
    returned = (-lines.loc[is_return].groupby(schema.CUSTOMER)[schema.AMOUNT].sum()).reindex(ids, fill_value=0.0)
    n_returns = lines.loc[is_return].groupby(schema.CUSTOMER).size().reindex(ids, fill_value=0)
    rate = lines[schema.CATEGORY].map(MARGIN_RATES).to_numpy()
    margin = (amount * rate).groupby(lines[schema.CUSTOMER]).sum().reindex(ids, fill_value=0.0)
    first = by["date"].min().reindex(ids).dt.normalize()
    last = by["date"].max().reindex(ids).dt.normalize()
    tenure = ((last - first).dt.days / 365.25).to_numpy()
    observed_years = np.maximum(((end - first).dt.days + 1).to_numpy() / 365.25, 0.25)
    revenue = (gross - returned).to_numpy()
    n = len(ids)

    # Planted: high-maintenance customers among the top revenue decile.
    top = np.argsort(-revenue, kind="stable")[: max(1, int(round(0.1 * n)))]
    k = int(round(high_maintenance_share * len(top)))
    k = max(1, k) if high_maintenance_share > 0 else 0
    high = np.zeros(n, dtype=bool)
    high[rng.choice(top, size=k, replace=False)] = True

    channels = list(ACQUISITION_CHANNELS)
    shares = np.array([ACQUISITION_CHANNELS[c][0] for c in channels])
    channel = rng.choice(len(channels), size=n, p=shares / shares.sum())
    channel[high & (rng.random(n) < 0.7)] = channels.index("promotion")  # deal-seekers come through deals
    mean_cost = np.array([ACQUISITION_CHANNELS[c][1] for c in channels])[channel]
    acquisition_cost = np.round(rng.gamma(4.0, mean_cost / 4.0), 2)

    satisfaction_latent = rng.normal(0.0, 1.0, n) + 0.6 * tenure - 1.2 * high
    discount_rate = rng.beta(2.0, 38.0, n) * np.exp(-0.7 * tenure) * np.where(channel == channels.index("promotion"), 1.5, 1.0)
    discount_rate = np.where(high, rng.uniform(0.22, 0.32, n), discount_rate)
    inquiry_rate = 0.25 * np.exp(-1.0 * tenure)
    inquiries = rng.poisson(0.5 + inquiry_rate * n_orders.to_numpy())
    complaint_rate = 0.05 * np.exp(-0.6 * satisfaction_latent) + 0.8 * high
    complaints = rng.poisson(complaint_rate * n_orders.to_numpy() + 0.5 * n_returns.to_numpy())

    pays_later = rng.random(n) < np.where(high, 0.9, 0.25)
    days_late = np.where(pays_later, rng.gamma(2.0, (4.0 * np.exp(-0.5 * tenure) + 12.0 * high) / 2.0), 0.0)
    days_late = np.round(days_late, 1)
    default_probability = np.where(pays_later, 1.0 / (1.0 + np.exp(4.0 - 0.12 * days_late - 1.5 * high)), 0.0)
    defaulted = rng.random(n) < default_probability
    bad_debt = np.where(defaulted, rng.uniform(0.10, 0.40, n) * np.maximum(revenue, 0.0), 0.0)

    service_cost = u["inquiry"] * inquiries + u["complaint"] * complaints
    returns_cost = np.where(n_returns > 0, u["return_per_line"] * n_returns + u["return_share"] * returned, 0.0)
    delivery_cost = u["delivery_per_order"] * online_orders.to_numpy() + u["delivery_share"] * online_value.to_numpy()
    discount_cost = discount_rate * gross.to_numpy()
    credit_cost = bad_debt + u["late_daily_rate"] * days_late * np.maximum(revenue, 0.0)
    # A high-maintenance customer bargains until nothing is left: their discounts (coupons, negotiated
    # prices) take what the margin leaves after the other costs, and 5–30 % of the margin more.
    others = service_cost + returns_cost + delivery_cost + credit_cost + acquisition_cost
    wanted = margin.to_numpy() - others + rng.uniform(0.05, 0.30, n) * np.maximum(margin.to_numpy(), 1.0)
    discount_cost = np.where(high, np.maximum(discount_cost, wanted), discount_cost)
    discount_rate = np.where(gross.to_numpy() > 0, discount_cost / np.maximum(gross.to_numpy(), 1e-9), discount_rate)
    parts = {name: np.round(np.asarray(v, dtype=float), 2) for name, v in zip(
        COST_COMPONENTS, (service_cost, returns_cost, delivery_cost, discount_cost, credit_cost))}
    cost_to_serve = np.round(sum(parts.values()), 2)
    margin = np.round(margin.to_numpy(), 2)

    loyalty = _cut(0.7 * satisfaction_latent + 0.8 * tenure + rng.normal(0.0, 0.7, n))
    referral_rate = np.exp(-1.8 + 1.0 * tenure + 0.5 * satisfaction_latent) * np.where(high, 0.3, 1.0)
    referrals = rng.poisson(referral_rate)

    table = pd.DataFrame({
        schema.CUSTOMER: ids.to_numpy(),
        "acquisition_channel": np.array(channels)[channel],
        "first_purchase": first.to_numpy(), "last_purchase": last.to_numpy(),
        "tenure_years": np.round(tenure, 3),
        "n_orders": n_orders.to_numpy(), "online_orders": online_orders.to_numpy(), "n_returns": n_returns.to_numpy(),
        "revenue": np.round(revenue, 2), "margin": margin, "acquisition_cost": acquisition_cost,
        "inquiries": inquiries, "complaints": complaints, **parts, "cost_to_serve": cost_to_serve,
        "pays_later": pays_later, "days_late": days_late, "defaulted": defaulted,
        "satisfaction": _cut(satisfaction_latent + rng.normal(0.0, 0.5, n)), "loyalty": loyalty,
        "referrals": referrals,
    })
    if not return_truth:
        return table

    # The retention response: next-year churn from the retailer's own dropout story.
    rc = retailer.customers
    yearly_orders = np.maximum(rc["purchase_rate"].to_numpy() * 52.0, 1.0)
    baseline = 1.0 - (1.0 - rc["dropout_probability"].to_numpy()) ** yearly_orders
    baseline = np.where(rc["alive_at_end"].to_numpy(), np.clip(baseline, 0.02, 0.98), 1.0)
    floor = np.where(rc["alive_at_end"].to_numpy(), baseline * rng.beta(4.0, 4.0, n), 1.0)
    response_scale = rng.gamma(3.0, 1.0, n) * np.where(satisfaction_latent < 0, 2.0, 1.0) + 0.5
    profit = margin - cost_to_serve - acquisition_cost
    customers = pd.DataFrame({
        "profit": np.round(profit, 2), "high_maintenance": high, "satisfaction_latent": satisfaction_latent,
        "discount_rate": discount_rate, "complaint_rate": complaint_rate,
        "default_probability": default_probability, "bad_debt": np.round(bad_debt, 2),
        "referral_rate": referral_rate, "annual_profit": (margin - cost_to_serve) / observed_years,
        "churn_baseline": baseline, "churn_floor": floor, "response_scale": response_scale,
    }, index=pd.Index(ids, name=schema.CUSTOMER))
    truth = EconomicsTruth(customers=customers, transactions=lines, retailer=retailer,
                           margin_rates=dict(MARGIN_RATES), unit_costs=dict(UNIT_COSTS),
                           acquisition_channels=dict(ACQUISITION_CHANNELS), end=end)
    return table, truth


# ------------------------------------------------------------------------------------------
# an analyst's own table
# ------------------------------------------------------------------------------------------

_YES = {"1", "true", "yes", "y", "是", "有", "t"}
_NO = {"0", "false", "no", "n", "否", "无", "f", ""}


def _lines(values: pd.Series, bad) -> str:
    """Up to five offending values by their line in the table (line 1 is the header)."""
    mask = np.asarray(bad, dtype=bool)
    positions = np.flatnonzero(mask)[:5]
    return format_examples(((int(p) + 2, values.iloc[p]) for p in positions), where="line")


def _flag(values: pd.Series, column: str, role: str) -> pd.Series:
    if pd.api.types.is_bool_dtype(values):
        return values.astype(bool)
    text = values.astype("string").str.strip().str.lower()
    yes, no = text.isin(_YES), text.isin(_NO)
    bad = ~(yes | no) & values.notna()
    if bad.any():
        raise DataError(f"column {column!r} ({role}) must say yes or no; these values do not: "
                        f"{_lines(values, bad)} (line 1 is the header). Pass 1/0, yes/no, true/false or 是/否.")
    return pd.Series(np.where(yes, True, False), index=values.index).where(values.notna()).astype("boolean")


def customer_economics(frame: pd.DataFrame, *, columns: dict | None = None) -> pd.DataFrame:
    """An analyst's own per-customer table in the canonical roles of chapter 07, validated.

    Course concept: 客户盈利能力 needs per-customer costs (服务成本, 获客成本, 信用) next to revenue.
    Real data rarely has these columns: the order export gives revenue and returns, while service
    contacts, delivery, discounts, late payment and acquisition spending sit in other systems and
    must first be allocated to customers. Map what you have; every role but the customer id is
    optional, and :func:`make_customer_economics` gives a complete table to practise on.

    Parameters
    ----------
    frame : DataFrame
        One row per customer, with your own column names (any language).
    columns : dict, optional
        ``{role: your column}`` for the roles of :data:`ROLES` (``"customer_id"``, ``"revenue"``,
        ``"margin"``, ``"acquisition_cost"``, ``"cost_to_serve"`` or its parts
        :data:`COST_COMPONENTS`, ``"days_late"``, ``"defaulted"``, ``"satisfaction"``, ``"loyalty"``,
        ``"referrals"`` …); ``"customer"`` is accepted for ``"customer_id"``. A column already
        named like its role needs no entry.

    Returns
    -------
    DataFrame
        The mapped roles in the order of :data:`ROLES`, under their canonical names (other columns
        dropped; the input is not changed). Costs and counts are floats ≥ 0, flags booleans,
        ``customer_id`` strings. Without a ``cost_to_serve`` column but with some of its parts,
        ``cost_to_serve`` is their sum.

    Raises
    ------
    DataError
        An unknown role, a mapped column that is not there, no customer id, a missing or repeated
        customer id, a value that is not a number (or a negative cost or count) or not yes/no — named
        with its column and the table's lines, saying what to pass.

    Examples
    --------
    >>> mine = pd.DataFrame({"客户编号": ["A", "B"], "销售额": [1200, 300], "毛利": [360, 90],
    ...                      "服务成本": [400, 20], "获客成本": [30, 30]})
    >>> table = customer_economics(mine, columns={"customer": "客户编号", "revenue": "销售额", "margin": "毛利",
    ...                                          "cost_to_serve": "服务成本", "acquisition_cost": "获客成本"})
    >>> (table["margin"] - table["cost_to_serve"] - table["acquisition_cost"]).tolist()
    [-70.0, 40.0]
    """
    require_columns(frame, {}, kind="per-customer", hint="Pass a pandas DataFrame, one row per customer.")
    mapping = dict(columns or {})
    if "customer" in mapping:
        mapping[schema.CUSTOMER] = mapping.pop("customer")
    unknown = sorted(set(mapping) - set(ROLES))
    if unknown:
        raise DataError(f"unknown role(s) {unknown} in columns=; the roles are: {', '.join(ROLES)}.")
    for role in ROLES:
        if role not in mapping and role in frame.columns:
            mapping[role] = role
    if schema.CUSTOMER not in mapping:
        raise DataError("no customer id column: pass columns={'customer': '<your id column>'} "
                        f"(the columns that exist: {', '.join(map(str, frame.columns[:30]))}).")
    require_columns(frame, {f"columns['{role}']": column for role, column in mapping.items()},
                    role="the role {keyword}")
    data = frame.reset_index(drop=True)
    out = {}
    for role in ROLES:
        if role not in mapping:
            continue
        column, kind = mapping[role], ROLES[role]
        values = data[column]
        if kind == "id":
            missing = values.isna() | (values.astype("string").str.strip() == "")
            if missing.any():
                raise DataError(f"column {column!r} (customer id) has missing ids: {_lines(values, missing)} "
                                "(line 1 is the header). Drop those rows or fill in their ids.")
            ids = values.astype(str).str.strip()
            repeated = ids.duplicated(keep=False)
            if repeated.any():
                raise DataError(f"column {column!r} (customer id) repeats ids: {_lines(values, repeated)} "
                                "(line 1 is the header). This table needs one row per customer: "
                                "aggregate first (groupby the id and sum the money columns).")
            out[role] = ids
        elif kind in ("money", "cost", "count", "score"):
            try:
                numbers = as_numeric(data, column, keyword=role, what="numbers",
                                     fix="Pass plain numbers (no currency signs or units).")
            except DataError:
                parsed = pd.to_numeric(values, errors="coerce")
                bad = parsed.isna() & values.notna()
                raise DataError(f"column {column!r} ({role}) must hold numbers; these values are not: "
                                f"{_lines(values, bad)} (line 1 is the header). Pass plain numbers "
                                f"(no currency signs or units), or map another column to {role!r}.") from None
            if kind in ("cost", "count") and (numbers < 0).any():
                raise DataError(f"column {column!r} ({role}) cannot be negative: {_lines(values, numbers < 0)} "
                                f"(line 1 is the header). A {role} is a cost or count ≥ 0; "
                                "put refunds or credits in the margin instead.")
            out[role] = numbers
        elif kind == "flag":
            out[role] = _flag(values, column, role)
        elif kind == "date":
            parsed = pd.to_datetime(values, errors="coerce")
            bad = parsed.isna() & values.notna()
            if bad.any():
                raise DataError(f"column {column!r} ({role}) holds values that are not dates: "
                                f"{_lines(values, bad)} (line 1 is the header). Pass dates like 2024-03-01.")
            out[role] = parsed
        else:
            out[role] = values.astype("string").astype(object)
    if "cost_to_serve" not in out and any(part in out for part in COST_COMPONENTS):
        out["cost_to_serve"] = sum(out[part] for part in COST_COMPONENTS if part in out)
    return pd.DataFrame({role: out[role] for role in ROLES if role in out})
