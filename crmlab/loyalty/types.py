"""Why customers are loyal: Dick & Basu's attitude × behaviour, the seven loyalty types, the ladder.

Course concept: 顾客忠诚的类型 (态度与行为, 七种忠诚类型, 忠诚阶梯), with a generator of respondents
whose type is known.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .. import schema
from .._deprecate import renamed_keywords
from .._docstrings import fill_doc
from .._validate import require_columns
from ..errors import CrmlabWarning, DataError, format_examples
from ..labels import key_label, term
from ._common import DICK_BASU, LADDER, LOYALTY_TYPE_RULES, TERMS, draw_planted, numeric

__all__ = ["attitude_behaviour", "classify_loyalty_types", "loyalty_ladder", "make_loyalty_panel", "LoyaltyTruth"]


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
    lang : {"en", "zh"}
        Language of the ``segment`` labels (``segment_key`` does not change).

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
    att = numeric(data, attitude, "attitude")
    beh = numeric(data, behaviour, "behaviour")
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
    lang : {"en", "zh"}
        Language of the ``loyalty_type`` labels (``loyalty_type_key`` does not change).

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
    att_score = numeric(data, attitude, "attitude")
    rep_score = numeric(data, behaviour, "behaviour")
    att = np.where(att_score >= attitude_at, "high", "low").astype(object)
    rep = np.where(rep_score >= behaviour_at, "high", "low").astype(object)
    att[att_score.isna().to_numpy()] = np.nan
    rep[rep_score.isna().to_numpy()] = np.nan
    answered = (att_score.notna() & rep_score.notna() & drivers.notna()).to_numpy()
    lookup = {(a, r, d): t for t, a, r, d in zip(rules.index, rules["attachment"], rules["repeat"], rules["driver"])}
    keys = pd.Series([lookup.get((a, r, d), "unclassified") if ok else np.nan
                      for a, r, d, ok in zip(att, rep, drivers, answered)], index=data.index, dtype=object)
    n_un = int((keys == "unclassified").sum())
    if n_un:  # stacklevel 3: past the renamed_keywords wrapper, to the caller's line
        warnings.warn(f"{n_un} customers match no loyalty-type rule (their attachment/repeat levels do not fit "
                      "the driver they named); they are 'unclassified'.", CrmlabWarning, stacklevel=3)
    type_key, type_label = key_label(keys, lang, TERMS)
    return pd.DataFrame({"attachment_level": att, "repeat_level": rep, "driver": drivers.astype(object),
                         "loyalty_type_key": type_key, "loyalty_type": type_label}, index=data.index)


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

    Parameters
    ----------
    lang : {"en", "zh"}
        Language of the ``stage`` labels (``stage_key`` does not change).

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
    n = numeric(customers, purchases, "purchases").fillna(0)
    s = numeric(customers, recommend, "recommend") if recommend else pd.Series(np.nan, index=customers.index)
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


@fill_doc
def make_loyalty_panel(n_respondents: int = 500, *, seed: int = 0, type_shares: dict | None = None,
                       return_truth: bool = False):
    """Generate survey + behaviour answers of customers with a known loyalty type.

    Course concept: data whose loyalty types (七种忠诚类型) and Dick & Basu segments are known, to
    check the classifiers. Attachment is on a 1–7 scale (high ∈ [4.5, 7], low ∈ [1, 3.5]); repeat is
    the share of the customer's category purchases made at the firm (high ∈ [0.6, 1], low ∈ [0, 0.4]),
    so the default thresholds (4.0, 0.5) recover every type exactly.

    Parameters
    ----------
    {seed}

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
    rng = np.random.default_rng(seed)
    types = draw_planted(shares, LOYALTY_TYPE_RULES.index, n_respondents, rng, "loyalty types")
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


