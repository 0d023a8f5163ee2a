"""Exercises of notebook 05 (loyalty types and measures)."""

from __future__ import annotations

import warnings

from ... import loyalty
from ..registry import exercise


@exercise("loyalty.1", hint="loyalty.repeat_purchase(data) returns a Series; read its 'repeat_rate' "
                            "(repeat customers ÷ customers who bought in the period).")
def _repeat_rate(data):
    return float(loyalty.repeat_purchase(data)["repeat_rate"])


@exercise("loyalty.2", hint="Classify the panel with loyalty.classify_loyalty_types(panel) and count the rows whose "
                            "loyalty_type_key is 'super_value' (超值忠诚): high attachment, high repeat, emotional driver.")
def _super_value(panel, **thresholds):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the notebook already showed any 'unclassified' warning
        types = loyalty.classify_loyalty_types(panel, **thresholds)["loyalty_type_key"]
    return int((types == "super_value").sum())


@exercise("loyalty.3", hint="Run loyalty.brand_patterns(brand_panel) and take the share (0–1) of customers whose "
                            "pattern_key is 'divided' (左右逢源): value_counts(normalize=True).")
def _divided_share(brand_panel, **rules):
    patterns = loyalty.brand_patterns(brand_panel, **rules)["pattern_key"]
    return float((patterns == "divided").mean())
