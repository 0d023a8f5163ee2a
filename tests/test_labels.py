"""Bilingual terms (the fonts that draw them are tested in test_glyphs.py)."""

from __future__ import annotations

import warnings

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

from crmlab import CrmlabWarning, labels
from crmlab.labels import term


def test_terms_in_both_languages():
    assert labels.term("revenue", "en") == "Revenue"
    assert labels.term("revenue", "zh") == "收入"
    assert labels.term("pasta", "zh") == "pasta"  # data values pass through
    assert labels.both("customers") == "Customers (客户数)"
    with pytest.raises(ValueError, match="lang='fr'"):
        labels.term("revenue", "fr")


# ------------------------------------------------------------------ one rule for translated categories
def _categorical_outputs():
    from crmlab import lifecycle, loyalty, satisfaction, value
    from crmlab.datasets import make_survey, make_transactions

    panel = loyalty.make_loyalty_panel(120, seed=1)
    brand = loyalty.make_brand_panel(60, 6, seed=1)
    survey = make_survey(300, seed=2)
    tx = make_transactions(60, seed=3)
    tiers = pd.Series(np.arange(1.0, 21.0), index=[f"c{i}" for i in range(20)])
    return [
        ("segment", loyalty.TERMS, lambda lang: loyalty.attitude_behaviour(panel, lang=lang)),
        ("loyalty_type", loyalty.TERMS, lambda lang: loyalty.classify_loyalty_types(panel, lang=lang)),
        ("pattern", loyalty.TERMS, lambda lang: loyalty.brand_patterns(brand, lang=lang)),
        ("stage", loyalty.TERMS, lambda lang: loyalty.loyalty_ladder(
            pd.DataFrame({"n_purchases": [0, 1, 2, 5, 9], "recommend": [1, 5, 8, 9, 10]}), lang=lang)),
        ("stage", lifecycle.TERMS, lambda lang: lifecycle.lifecycle_stages(tx, lang=lang)),
        ("type", satisfaction.TERMS, lambda lang: satisfaction.customer_types(survey, lang=lang)),
        ("quadrant", satisfaction.TERMS, lambda lang: satisfaction.customer_types(survey, lang=lang)),
        ("quadrant", satisfaction.TERMS, lambda lang: satisfaction.driver_analysis(
            survey, ["product_quality", "service", "price"], lang=lang)),
        ("tier", value.TERMS, lambda lang: value.abc_tiers(tiers, lang=lang)),
        ("tier", value.TERMS, lambda lang: value.customer_pyramid(tiers, lang=lang)),
    ]


@pytest.mark.parametrize("case", range(10))
def test_translated_categories_come_as_key_and_label(case):
    import warnings

    name, table, make = _categorical_outputs()[case]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        en, zh = make("en"), make("zh")
    key = f"{name}_key"
    assert key in en.columns and name in en.columns
    # the key does not depend on the language; the label is the key's term in that language
    def listed(series):
        return [None if pd.isna(v) else v for v in series.astype(object)]

    keys = listed(en[key])
    assert listed(zh[key]) == keys and list(en.index) == list(zh.index)
    assert listed(en[name]) == [None if k is None else term(k, "en", table) for k in keys]
    assert listed(zh[name]) == [None if k is None else term(k, "zh", table) for k in keys]
    known = [k for k in set(keys) - {None} if k in table]
    assert known and any(term(k, "zh", table) != k for k in known)  # zh labels really are translated
