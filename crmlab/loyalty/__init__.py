"""Loyalty measures, attitude × behaviour, the seven loyalty types, Brown's brand patterns, the ladder.

Course concept: 顾客忠诚的衡量与类型 — how loyal customers are (repeat purchase, frequency,
retention, share of wallet, cross-buying), why they are loyal (Dick & Basu's attitude × behaviour;
the seven loyalty types by their source) and how it shows in purchase sequences (Brown 1952-53)
and on the loyalty ladder (忠诚阶梯).

Every function takes a frame first and keyword-only options with canonical column defaults,
returns a new frame (or Series) indexed by its natural key, and never modifies its input.

The chapter outgrew one file: :mod:`.measures` (how loyal), :mod:`.types` (why loyal: attitude ×
behaviour, the seven types, the ladder), :mod:`.brands` (Brown's patterns) and :mod:`.plots`;
every name is importable from ``crmlab.loyalty`` as before.
"""

from ._common import BROWN_PATTERNS, DICK_BASU, LADDER, LOYALTY_TYPE_RULES, TERMS
from .brands import PANEL_BRANDS, BrandPanelTruth, brand_pattern, brand_patterns, make_brand_panel
from .measures import (
    attitudinal_measures,
    cross_buying,
    interpurchase_times,
    purchase_frequency,
    purchase_occasions,
    repeat_purchase,
    retention_by_period,
    share_of_wallet,
    share_of_wallet_survey,
)
from .plots import plot_attitude_behaviour, plot_brand_patterns, plot_interpurchase_times, plot_loyalty_ladder
from .types import (
    LoyaltyTruth,
    attitude_behaviour,
    classify_loyalty_types,
    loyalty_ladder,
    make_loyalty_panel,
)

__all__ = [
    "TERMS", "LOYALTY_TYPE_RULES", "DICK_BASU", "BROWN_PATTERNS", "LADDER",
    "purchase_occasions", "repeat_purchase", "purchase_frequency", "interpurchase_times",
    "retention_by_period", "share_of_wallet", "share_of_wallet_survey", "cross_buying",
    "attitudinal_measures",
    "attitude_behaviour", "classify_loyalty_types", "brand_pattern", "brand_patterns",
    "loyalty_ladder", "make_loyalty_panel", "make_brand_panel", "LoyaltyTruth", "BrandPanelTruth", "PANEL_BRANDS",
    "plot_attitude_behaviour", "plot_brand_patterns", "plot_loyalty_ladder", "plot_interpurchase_times",
]
