"""Exercises of notebook 03 (association rules and cross-selling)."""

from __future__ import annotations

from ...basket import FIVE_BASKETS, frequent_itemsets, mine_rules
from ..registry import exercise


@exercise("basket.1", hint="Confidence of {milk, diapers} → beer = support of all three items / support of "
                           "{milk, diapers}: count the baskets holding all three and those holding milk and diapers.")
def _five_confidence(**_):
    rules = mine_rules(FIVE_BASKETS, min_support=0.2, min_confidence=0.0)
    hit = rules[(rules["antecedents"] == ("diapers", "milk")) & (rules["consequents"] == ("beer",))]
    return float(hit["confidence"].iloc[0])


@exercise("basket.2", hint="Lift = confidence / support of the consequent. diapers → beer has confidence 3/4; "
                           "beer is in 3 of the 5 baskets.")
def _five_lift(**_):
    rules = mine_rules(FIVE_BASKETS, min_support=0.2, min_confidence=0.0)
    hit = rules[(rules["antecedents"] == ("diapers",)) & (rules["consequents"] == ("beer",))]
    return float(hit["lift"].iloc[0])


@exercise("basket.3", hint="Call basket.frequent_itemsets(tx, min_support=min_support) and count the rows with "
                           "length == 2 (pairs of products bought together often enough).")
def _pairs(data, min_support=0.01):
    f = frequent_itemsets(data, min_support=min_support)
    return int((f["length"] == 2).sum())


@exercise("basket.4", hint="Mine single-consequent rules with the notebook's thresholds, then apply "
                           "basket.prune_redundant: how many rules are left?")
def _pruned_count(data, min_support, min_confidence, max_len=None):
    from ...basket import prune_redundant

    rules = mine_rules(data, min_support=min_support, min_confidence=min_confidence, max_len=max_len,
                       single_consequent=True)
    return int(len(prune_redundant(rules)))
