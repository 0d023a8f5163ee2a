"""Exercises of notebook 03 (association rules and cross-selling)."""

from __future__ import annotations

from ...basket import FIVE_BASKETS, frequent_itemsets, mine_rules
from ..registry import exercise


@exercise("basket.1", hint="Confidence of {milk, diapers} → beer = support of all three items / support of "
                           "{milk, diapers}: count the baskets holding all three and those holding milk and diapers.",
          hint_zh="置信度 = 三种商品同时出现的购物篮数 ÷ 同时含有 milk 和 diapers 的购物篮数。分母是前项 "
                  "{milk, diapers} 的购物篮数，不是全部 5 个购物篮——除以 5 得到的是支持度。")
def _five_confidence(**_):
    rules = mine_rules(FIVE_BASKETS, min_support=0.2, min_confidence=0.0)
    hit = rules[(rules["antecedents"] == ("diapers", "milk")) & (rules["consequents"] == ("beer",))]
    return float(hit["confidence"].iloc[0])


@exercise("basket.2", hint="Lift = confidence / support of the consequent. diapers → beer has confidence 3/4; "
                           "beer is in 3 of the 5 baskets.",
          hint_zh="提升度 = 置信度 ÷ 后项的支持度。先求 diapers → beer 的置信度（含 diapers 的购物篮里有几个也含 "
                  "beer），再除以 beer 在全部购物篮中出现的比例；不要把置信度本身当作提升度。")
def _five_lift(**_):
    rules = mine_rules(FIVE_BASKETS, min_support=0.2, min_confidence=0.0)
    hit = rules[(rules["antecedents"] == ("diapers",)) & (rules["consequents"] == ("beer",))]
    return float(hit["lift"].iloc[0])


@exercise("basket.3", hint="Call basket.frequent_itemsets(tx, min_support=min_support) and count the rows with "
                           "length == 2 (pairs of products bought together often enough).",
          hint_zh="用 basket.frequent_itemsets(tx, min_support=min_support) 求频繁项集，只数 length == 2 的行"
                  "（两种商品的组合）；单个商品和三项及以上的项集都不算。")
def _pairs(data, min_support=0.01):
    f = frequent_itemsets(data, min_support=min_support)
    return int((f["length"] == 2).sum())


@exercise("basket.4", hint="Mine single-consequent rules with the notebook's thresholds, then apply "
                           "basket.prune_redundant: how many rules are left?",
          hint_zh="用本笔记本的 min_support、min_confidence 和 max_len 挖掘单后项规则（single_consequent=True），"
                  "再用 basket.prune_redundant 剪除冗余规则，数剩下的条数；剪枝之前的规则数不是答案。")
def _pruned_count(data, min_support, min_confidence, max_len=None):
    from ...basket import prune_redundant

    rules = mine_rules(data, min_support=min_support, min_confidence=min_confidence, max_len=max_len,
                       single_consequent=True)
    return int(len(prune_redundant(rules)))
