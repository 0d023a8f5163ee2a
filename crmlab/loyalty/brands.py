"""How loyalty shows in purchase sequences: Brown's behavioural brand-loyalty patterns.

Course concept: 品牌忠诚的行为模式 (Brown 1952-53), with a generator of panels whose patterns are known.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from .. import schema
from .._docstrings import fill_doc
from .._validate import require_columns
from ..errors import DataError
from ..labels import key_label
from ._common import BROWN_PATTERNS, TERMS, draw_planted

__all__ = ["brand_pattern", "brand_patterns", "make_brand_panel", "BrandPanelTruth", "PANEL_BRANDS"]


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


@fill_doc
def brand_patterns(panel: pd.DataFrame, *, customer: str = schema.CUSTOMER, seq: str = schema.PURCHASE_SEQ,
                   brand: str = schema.BRAND, min_length: int = 3, min_repeat: int = 2, core_share: float = 0.5,
                   lang: str = "en") -> pd.DataFrame:
    """Brown's pattern for every customer of a brand panel (see :func:`brand_pattern` for the rules).

    Course concept: 品牌忠诚的行为模式 — undivided / divided (左右逢源) / unstable (转移) / no loyalty.

    Parameters
    ----------
    panel : DataFrame
        One row per purchase: customer, purchase order (``purchase_seq``, or a date) and brand.
    lang : {"en", "zh"}
        Language of the ``pattern`` labels (``pattern_key`` does not change).
    {customer}

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


@fill_doc
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
    {seed}
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
    rng = np.random.default_rng(seed)
    patterns = draw_planted(shares, BROWN_PATTERNS[:4], n_customers, rng, "patterns")
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
