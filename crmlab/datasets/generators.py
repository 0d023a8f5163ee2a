"""Seeded generators with known truth: a retailer's order lines and a satisfaction survey.

Course concept: data whose "right answers" are known, so every chapter can check what it finds.

Each ``make_*`` takes ``seed=`` (the same seed gives the same frame, byte for byte) and, with
``return_truth=True``, returns what it planted beside the data. Every generator of the kit,
these and the chapters' own, is listed in :mod:`crmlab.datasets.registry`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from .. import schema
from ..errors import DataError
from ..io.quality import QualityReport, attach_report

__all__ = [
    "make_transactions", "TransactionTruth", "PRODUCTS", "PLANTED_RULES", "CUSTOMER_TYPES", "DEFAULT_BGNBD",
    "DEFAULT_GAMMA_GAMMA", "make_survey", "SurveyTruth", "INDUSTRIES", "ATTRIBUTES",
]


# --------------------------------------------------------------------------------------------
# Synthetic retailer
# --------------------------------------------------------------------------------------------

#: Product catalogue: product → (中文, category, 中文 category, unit price, popularity weight).
PRODUCTS: dict[str, tuple[str, str, str, float, float]] = {
    "pasta": ("意大利面", "grocery", "食品", 2.5, 3),
    "tomato sauce": ("番茄酱", "grocery", "食品", 1.8, 2),
    "rice": ("大米", "grocery", "食品", 6.0, 3),
    "cooking oil": ("食用油", "grocery", "食品", 8.5, 2),
    "bread": ("面包", "grocery", "食品", 2.2, 4),
    "eggs": ("鸡蛋", "grocery", "食品", 3.0, 4),
    "coffee beans": ("咖啡豆", "beverages", "饮料", 12.0, 2),
    "milk": ("牛奶", "beverages", "饮料", 1.5, 4),
    "green tea": ("绿茶", "beverages", "饮料", 7.0, 2),
    "juice": ("果汁", "beverages", "饮料", 3.5, 2),
    "wine": ("葡萄酒", "beverages", "饮料", 15.0, 2),
    "beer": ("啤酒", "beverages", "饮料", 5.0, 3),
    "cheese": ("奶酪", "deli", "熟食", 6.5, 2),
    "crackers": ("饼干", "deli", "熟食", 2.8, 2),
    "ham": ("火腿", "deli", "熟食", 7.5, 2),
    "olives": ("橄榄", "deli", "熟食", 4.0, 1),
    "detergent": ("洗衣液", "household", "家居", 9.0, 3),
    "paper towels": ("纸巾", "household", "家居", 4.5, 3),
    "dish soap": ("洗洁精", "household", "家居", 3.2, 2),
    "trash bags": ("垃圾袋", "household", "家居", 2.9, 2),
    "shampoo": ("洗发水", "personal care", "个护", 6.8, 2),
    "conditioner": ("护发素", "personal care", "个护", 7.2, 1),
    "toothpaste": ("牙膏", "personal care", "个护", 3.6, 3),
    "body wash": ("沐浴露", "personal care", "个护", 5.9, 2),
    "diapers": ("纸尿裤", "baby", "母婴", 18.0, 2),
    "baby wipes": ("婴儿湿巾", "baby", "母婴", 4.2, 1),
    "formula": ("奶粉", "baby", "母婴", 25.0, 1),
}

#: Planted co-purchase rules: (antecedent items, consequent item, probability the consequent is
#: added to a basket that contains every antecedent item).
PLANTED_RULES: tuple[tuple[tuple[str, ...], str, float], ...] = (
    (("pasta",), "tomato sauce", 0.75),
    (("diapers",), "baby wipes", 0.70),
    (("shampoo",), "conditioner", 0.65),
    (("cheese", "wine"), "crackers", 0.80),
    (("coffee beans",), "milk", 0.60),
)

#: Latent customer types: share of customers and category weights of their baskets.
CUSTOMER_TYPES: dict[str, tuple[float, dict[str, float]]] = {
    "family": (0.45, {"grocery": 4, "beverages": 2, "deli": 1, "household": 2, "personal care": 1, "baby": 2}),
    "gourmet": (0.25, {"grocery": 2, "beverages": 4, "deli": 4, "household": 1, "personal care": 1, "baby": 0.2}),
    "essentials": (0.30, {"grocery": 2, "beverages": 1, "deli": 0.5, "household": 4, "personal care": 4, "baby": 0.5}),
}

#: Ground-truth population parameters of the generator (MBG/NBD in weeks; Gamma-Gamma spend).
DEFAULT_BGNBD = {"r": 0.25, "alpha": 4.0, "a": 0.8, "b": 2.5}
DEFAULT_GAMMA_GAMMA = {"p": 6.0, "q": 4.0, "gamma": 15.0}

_REGIONS = ("North", "East", "South", "West")
_CHANNELS = ("store", "online")


@dataclass
class TransactionTruth:
    """What :func:`make_transactions` planted, for checks that recover it.

    Attributes
    ----------
    customers : DataFrame
        Per customer: ``type``, ``purchase_rate`` (λ per week), ``dropout_probability`` (p),
        ``mean_spend`` (Gamma-Gamma ν-based mean order value), ``first_purchase``,
        ``alive_at_end``, ``n_orders``.
    bgnbd, gamma_gamma : dict
        Population parameters the individual draws came from.
    planted_rules : DataFrame
        ``antecedents`` (tuple), ``consequent``, ``probability``.
    dirt : dict
        Counts of planted problems: ``missing_customer_id``, ``duplicate_rows``, ``return_rows``.
    start, end : Timestamp
        Observation window.
    """

    customers: pd.DataFrame
    bgnbd: dict
    gamma_gamma: dict
    planted_rules: pd.DataFrame
    dirt: dict = field(default_factory=dict)
    start: pd.Timestamp | None = None
    end: pd.Timestamp | None = None


def make_transactions(
    n_customers: int = 2000,
    *,
    seed: int = 0,
    start: str = "2023-01-01",
    weeks: int = 104,
    acquisition_weeks: int = 52,
    bgnbd: dict | None = None,
    gamma_gamma: dict | None = None,
    returns_rate: float = 0.03,
    dirty: bool = True,
    return_truth: bool = False,
):
    """Generate a synthetic retailer's order lines with known ground truth.

    Course concept: a data set whose "right answers" are known, so every chapter can check
    what it finds (customer value, CLV, RFM types, association rules, loyalty, lifecycle).

    Purchase timing follows the MBG/NBD variant of the BG/NBD story (Batislam, Denizel &
    Filiztekin 2007; Fader, Hardie & Lee 2005): each customer buys at rate λ ~ Gamma(r, α) per
    week while alive and drops out after each purchase, the first one included, with probability
    p ~ Beta(a, b) — so fit :class:`crmlab.clv.ModifiedBetaGeo` to recover ``truth.bgnbd``. Order values follow the Gamma-Gamma spend model. Customers join uniformly over
    the first ``acquisition_weeks`` and belong to latent types with different category mixes.
    Baskets contain products of the type's favourite categories plus the planted rules
    (:data:`PLANTED_RULES`). Some orders are partly returned later (cancellation invoices with
    ids ``"C<order>"`` and negative quantities); with ``dirty=True`` a few rows lose their
    customer id and a few are exported twice.

    Parameters
    ----------
    n_customers : int
        Number of customers.
    seed : int
        Random seed; the same seed gives the same frame, byte for byte.
    start : str
        First day of the observation window.
    weeks : int
        Length of the observation window in weeks.
    acquisition_weeks : int
        Customers make their first purchase during the first ``acquisition_weeks``.
    bgnbd, gamma_gamma : dict, optional
        Population parameters (defaults :data:`DEFAULT_BGNBD`, :data:`DEFAULT_GAMMA_GAMMA`).
    returns_rate : float
        Share of order lines returned later.
    dirty : bool
        Add missing customer ids (0.5% of rows) and exact duplicate rows (0.3%).
    return_truth : bool
        Also return a :class:`TransactionTruth`.

    Returns
    -------
    DataFrame or (DataFrame, TransactionTruth)
        Order lines in canonical column names (not yet cleaned: read them with
        :func:`crmlab.read_transactions` to drop returns and missing ids).

    Examples
    --------
    >>> raw, truth = make_transactions(200, seed=1, return_truth=True)
    >>> sorted(raw.columns)[:3]
    ['amount', 'category', 'channel']
    >>> truth.bgnbd["r"]
    0.25
    """
    if n_customers < 1:
        raise DataError(f"n_customers must be at least 1, got {n_customers}.")
    if not 0 < acquisition_weeks <= weeks:
        raise DataError("acquisition_weeks must be positive and at most weeks.")
    bg = {**DEFAULT_BGNBD, **(bgnbd or {})}
    gg = {**DEFAULT_GAMMA_GAMMA, **(gamma_gamma or {})}
    rng = np.random.default_rng(seed)
    start_ts = pd.Timestamp(start)
    end_ts = start_ts + pd.Timedelta(weeks=weeks) - pd.Timedelta(days=1)

    ids = np.array([f"C{i:05d}" for i in range(1, n_customers + 1)])
    type_names = list(CUSTOMER_TYPES)
    type_share = np.array([CUSTOMER_TYPES[t][0] for t in type_names])
    types = rng.choice(len(type_names), size=n_customers, p=type_share / type_share.sum())
    lam = rng.gamma(bg["r"], 1.0 / bg["alpha"], size=n_customers)
    p_drop = rng.beta(bg["a"], bg["b"], size=n_customers)
    nu = rng.gamma(gg["q"], 1.0 / gg["gamma"], size=n_customers)
    # First purchases on whole days, so that the weekly model sees the same birth as the dates.
    birth_day = rng.integers(0, acquisition_weeks * 7, size=n_customers)
    horizon_days = weeks * 7

    customer_of_order, day_of_order, alive = [], [], np.ones(n_customers, dtype=bool)
    n_orders = np.zeros(n_customers, dtype=int)
    for i in range(n_customers):
        t = birth_day[i] / 7.0
        days = [birth_day[i]]
        while True:
            if rng.random() < p_drop[i]:
                alive[i] = False
                break
            t += rng.exponential(1.0 / lam[i]) if lam[i] > 0 else np.inf
            if t >= weeks:
                break
            days.append(int(t * 7))
        n_orders[i] = len(days)
        customer_of_order.extend([i] * len(days))
        day_of_order.extend(days)
    customer_of_order = np.asarray(customer_of_order)
    day_of_order = np.minimum(np.asarray(day_of_order), horizon_days - 1)
    order_value = rng.gamma(gg["p"], 1.0 / nu[customer_of_order])

    products = list(PRODUCTS)
    categories = sorted({v[1] for v in PRODUCTS.values()})
    product_index = {name: k for k, name in enumerate(products)}
    popularity = np.array([PRODUCTS[p][4] for p in products], dtype=float)
    category_of = np.array([categories.index(PRODUCTS[p][1]) for p in products])
    weights_by_type = []
    for t in type_names:
        cat_w = CUSTOMER_TYPES[t][1]
        w = popularity * np.array([cat_w[categories[c]] for c in category_of])
        weights_by_type.append(w / w.sum())

    line_customer, line_order, line_product, line_value = [], [], [], []
    sizes = 1 + rng.poisson(2.0, size=len(customer_of_order))
    for k, (cust, size) in enumerate(zip(customer_of_order, sizes)):
        w = weights_by_type[types[cust]]
        basket = set(rng.choice(len(products), size=min(size, len(products)), replace=False, p=w).tolist())
        names = {products[j] for j in basket}
        for antecedents, consequent, prob in PLANTED_RULES:
            if set(antecedents) <= names and rng.random() < prob:
                names.add(consequent)
        chosen = sorted(product_index[n] for n in names)
        prices = np.array([PRODUCTS[products[j]][3] for j in chosen])
        shares = prices / prices.sum()
        for j, share in zip(chosen, shares):
            line_customer.append(cust)
            line_order.append(k)
            line_product.append(j)
            line_value.append(order_value[k] * share)

    line_customer = np.asarray(line_customer)
    line_order = np.asarray(line_order)
    line_product = np.asarray(line_product)
    line_value = np.round(np.asarray(line_value), 2)
    quantity = 1 + rng.poisson(0.6, size=len(line_value))
    region_of_customer = rng.integers(0, len(_REGIONS), size=n_customers)
    online_share = rng.beta(2, 3, size=n_customers)
    order_online = rng.random(len(customer_of_order)) < online_share[customer_of_order]
    order_day = day_of_order[line_order]
    # Time of day (shop hours) so the dates look like a real export.
    minutes = rng.integers(8 * 60, 21 * 60, size=len(customer_of_order))[line_order]

    frame = pd.DataFrame({
        schema.CUSTOMER: ids[line_customer],
        schema.DATE: start_ts + pd.to_timedelta(order_day, unit="D") + pd.to_timedelta(minutes, unit="min"),
        schema.AMOUNT: line_value,
        schema.ORDER: np.char.add("T", np.char.zfill(line_order.astype(str), 6)),
        schema.PRODUCT: np.array(products)[line_product],
        schema.CATEGORY: np.array([PRODUCTS[p][1] for p in products])[line_product],
        schema.QUANTITY: quantity.astype(float),
        schema.CHANNEL: np.where(order_online[line_order], _CHANNELS[1], _CHANNELS[0]),
        schema.REGION: np.array(_REGIONS)[region_of_customer[line_customer]],
    })

    # Returns: a later cancellation invoice for some lines, within the observation window.
    returned = np.flatnonzero(rng.random(len(frame)) < returns_rate)
    delay = rng.integers(1, 21, size=len(returned))
    keep_in_window = (order_day[returned] + delay) < horizon_days
    returned, delay = returned[keep_in_window], delay[keep_in_window]
    returns = frame.iloc[returned].copy()
    returns[schema.DATE] = returns[schema.DATE] + pd.to_timedelta(delay, unit="D")
    returns[schema.ORDER] = "C" + returns[schema.ORDER].str[1:]
    returns[schema.QUANTITY] = -returns[schema.QUANTITY]
    returns[schema.AMOUNT] = -returns[schema.AMOUNT]
    frame = pd.concat([frame, returns], ignore_index=True)

    dirt = {"return_rows": len(returns), "missing_customer_id": 0, "duplicate_rows": 0}
    if dirty:
        n_missing = int(round(0.005 * len(frame)))
        missing = rng.choice(len(frame), size=n_missing, replace=False)
        frame[schema.CUSTOMER] = frame[schema.CUSTOMER].astype(object)
        frame.loc[missing, schema.CUSTOMER] = None
        dirt["missing_customer_id"] = n_missing
        dirt["return_rows_without_id"] = int((frame.loc[missing, schema.AMOUNT] < 0).sum())
        n_dup = int(round(0.003 * len(frame)))
        candidates = np.flatnonzero(frame[schema.CUSTOMER].notna().to_numpy()
                                    & (frame[schema.AMOUNT] > 0).to_numpy())
        dup = rng.choice(candidates, size=n_dup, replace=False)
        frame = pd.concat([frame, frame.iloc[dup]], ignore_index=True)
        dirt["duplicate_rows"] = n_dup
    frame = frame.sort_values([schema.DATE, schema.ORDER, schema.PRODUCT], kind="stable").reset_index(drop=True)
    if not return_truth:
        return frame

    customers = pd.DataFrame({
        schema.CUSTOMER: ids,
        "type": np.array(type_names)[types],
        "purchase_rate": lam,
        "dropout_probability": p_drop,
        "mean_spend": gg["p"] / nu,
        "first_purchase": start_ts + pd.to_timedelta(birth_day, unit="D"),
        "alive_at_end": alive,
        "n_orders": n_orders,
        schema.REGION: np.array(_REGIONS)[region_of_customer],
    }).set_index(schema.CUSTOMER)
    rules = pd.DataFrame(
        [(tuple(sorted(a)), c, p) for a, c, p in PLANTED_RULES],
        columns=["antecedents", "consequent", "probability"],
    )
    truth = TransactionTruth(customers=customers, bgnbd=bg, gamma_gamma=gg, planted_rules=rules,
                             dirt=dirt, start=start_ts, end=end_ts)
    return frame, truth


# --------------------------------------------------------------------------------------------
# Satisfaction–loyalty survey
# --------------------------------------------------------------------------------------------

#: Jones & Sasser (1995) five industries: mean repurchase intention (1–5) at satisfaction 1..5,
#: and whether the market is competitive. In competitive markets (cars, business PCs) only the
#: completely satisfied are loyal, so the curve is flat and low, then jumps at 5; with little
#: competition (local telephone: monopoly; airlines: frequent-flyer programmes; hospitals:
#: few alternatives) loyalty stays high whatever the satisfaction. The numbers are stylised
#: from the shape of their Exhibit "How the competitive environment affects the
#: satisfaction-loyalty relationship", not read off it.
INDUSTRIES: dict[str, tuple[tuple[float, ...], bool]] = {
    "automobiles": ((1.3, 1.6, 2.0, 2.6, 4.6), True),
    "business PCs": ((1.2, 1.5, 1.8, 2.3, 4.5), True),
    "hospitals": ((2.4, 2.8, 3.3, 3.8, 4.5), False),
    "airlines": ((3.2, 3.5, 3.8, 4.1, 4.6), False),
    "local telephone": ((4.0, 4.1, 4.3, 4.4, 4.7), False),
}
#: Attributes rated 1–5 and their true weights in the latent satisfaction (importance),
#: with the mean rating (performance) they are drawn around.
ATTRIBUTES: dict[str, tuple[float, float]] = {
    "product_quality": (0.45, 3.9),
    "service": (0.30, 3.1),
    "reliability": (0.15, 4.2),
    "price": (0.10, 2.8),
    "convenience": (0.0, 3.6),
}
_SAT_SHARES = (0.06, 0.10, 0.22, 0.34, 0.28)


@dataclass
class SurveyTruth:
    """What :func:`make_survey` planted.

    Attributes
    ----------
    curves : DataFrame
        Mean repurchase intention (1–5), index industry, columns satisfaction 1..5.
    competitive : Series
        Per industry: True for a competitive market.
    driver_weights : Series
        Weight of each attribute rating in the latent satisfaction.
    satisfaction_shares : tuple
        Share of respondents at satisfaction 1..5 in every industry.
    """

    curves: pd.DataFrame
    competitive: pd.Series
    driver_weights: pd.Series
    satisfaction_shares: tuple


def make_survey(n: int = 2000, *, seed: int | None = 0, industries: Iterable[str] | None = None,
                return_truth: bool = False):
    """Generate a satisfaction–loyalty survey of the five Jones & Sasser industries.

    Course concept: satisfied customers are not necessarily loyal (满意 ≠ 忠诚); the
    satisfaction–loyalty curve depends on competition (竞争程度).

    Each respondent rates five attributes (1–5), overall satisfaction (1–5; a weighted sum of
    the attributes plus noise, cut into the shares ``0.06, 0.10, 0.22, 0.34, 0.28``), two more
    satisfaction items (``sat_expectation``, ``sat_ideal``, for Cronbach's alpha), repurchase
    intention (1–5, ``1 + Binomial(4, (m − 1)/4)`` so its mean at each satisfaction level is
    exactly the industry's curve value ``m``), likelihood to recommend (0–10), and
    ``switching_cost`` / ``alternatives`` items (1–5; high cost and few alternatives in
    non-competitive markets).

    Parameters
    ----------
    n : int
        Respondents in total, split evenly across industries.
    seed : int, optional
        Random seed.
    industries : list of str, optional
        A subset of :data:`INDUSTRIES` (default all five).
    return_truth : bool
        Also return a :class:`SurveyTruth`.

    Returns
    -------
    DataFrame or (DataFrame, SurveyTruth)
        A canonical survey frame (``respondent_id``, ``industry``, ``satisfaction``,
        ``repurchase_intent``, ``recommend``, …). For display it carries a
        :class:`~crmlab.io.QualityReport` (``crmlab.quality_report(s).scales``: recommend 0–10,
        the other items 1–5) and the scales in ``.attrs["scales"]``.

    Examples
    --------
    >>> s, truth = make_survey(500, seed=1, return_truth=True)
    >>> s["industry"].value_counts().sort_index().tolist()
    [100, 100, 100, 100, 100]
    >>> bool(truth.competitive["automobiles"])
    True
    """
    names = list(INDUSTRIES) if industries is None else list(industries)
    for name in names:
        if name not in INDUSTRIES:
            raise DataError(f"industry {name!r} is not one of {list(INDUSTRIES)}; pick from these.")
    if n < len(names):
        raise DataError(f"n={n} is fewer than one respondent per industry ({len(names)}); raise n.")
    rng = np.random.default_rng(seed)
    sizes = [n // len(names) + (1 if i < n % len(names) else 0) for i in range(len(names))]
    weights = np.array([w for w, _ in ATTRIBUTES.values()])
    means = np.array([m for _, m in ATTRIBUTES.values()])
    parts = []
    for name, size in zip(names, sizes):
        curve, competitive = INDUSTRIES[name]
        ratings = np.clip(np.rint(rng.normal(means, 0.9, size=(size, len(means)))), 1, 5)
        latent = ratings @ weights + rng.normal(0, 0.35, size)
        # Cut the latent score at its own quantiles so every industry has the same satisfaction mix.
        ranks = latent.argsort().argsort() / size
        sat = 1 + np.searchsorted(np.cumsum(_SAT_SHARES)[:-1], ranks, side="right")
        m = np.asarray(curve)[sat - 1]
        intent = 1 + rng.binomial(4, (m - 1) / 4)
        q = np.clip(0.45 * (sat - 1) / 4 + 0.5 * (intent - 1) / 4 + rng.normal(0.05, 0.06, size), 0, 1)
        recommend = rng.binomial(10, q)
        lift = 0.0 if competitive else 2.0
        frame = pd.DataFrame({
            schema.INDUSTRY: name,
            schema.SATISFACTION: sat.astype(float),
            "sat_expectation": np.clip(np.rint(sat + rng.normal(0, 0.7, size)), 1, 5),
            "sat_ideal": np.clip(np.rint(sat + rng.normal(-0.2, 0.8, size)), 1, 5),
            schema.REPURCHASE_INTENT: intent.astype(float),
            schema.RECOMMEND: recommend.astype(float),
            **{a: ratings[:, j] for j, a in enumerate(ATTRIBUTES)},
            "switching_cost": np.clip(np.rint(rng.normal(2.0 + lift, 0.8, size)), 1, 5),
            "alternatives": np.clip(np.rint(rng.normal(4.0 - lift, 0.8, size)), 1, 5),
        })
        parts.append(frame)
    survey = pd.concat(parts, ignore_index=True)
    survey.insert(0, schema.RESPONDENT, pd.array([f"R{i + 1:05d}" for i in range(len(survey))], dtype="string"))
    survey[schema.INDUSTRY] = survey[schema.INDUSTRY].astype("string")
    scales = {c: ((0.0, 10.0) if c == schema.RECOMMEND else (1.0, 5.0))
              for c in survey.columns if c not in (schema.RESPONDENT, schema.INDUSTRY)}
    survey.attrs["scales"] = dict(scales)
    attach_report(survey, QualityReport(source=f"make_survey(n={n}, seed={seed})", rows_read=len(survey),
                                        rows_kept=len(survey), scales=scales), False)
    if not return_truth:
        return survey
    truth = SurveyTruth(
        curves=pd.DataFrame([INDUSTRIES[k][0] for k in names], index=pd.Index(names, name=schema.INDUSTRY),
                            columns=pd.Index([1, 2, 3, 4, 5], name=schema.SATISFACTION)),
        competitive=pd.Series({k: INDUSTRIES[k][1] for k in names}, name="competitive"),
        driver_weights=pd.Series({a: w for a, (w, _) in ATTRIBUTES.items()}, name="weight"),
        satisfaction_shares=_SAT_SHARES,
    )
    return survey, truth
