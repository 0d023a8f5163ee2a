"""Exercises of notebook 05 (loyalty types and measures)."""

from __future__ import annotations

import warnings

from ... import loyalty
from ..registry import exercise


@exercise("loyalty.1", hint="loyalty.repeat_purchase(data) returns a Series; read its 'repeat_rate' "
                            "(repeat customers ÷ customers who bought in the period).",
          hint_zh="重复购买率是“至少买了两次的客户数 ÷ 期内购买过的客户数”，是客户的比例，不是订单的比例；"
                  "同一天的多行记录只算一次购买。用 loyalty.repeat_purchase(tx) 的 'repeat_rate'，观察期取全部数据。")
def _repeat_rate(data):
    return float(loyalty.repeat_purchase(data)["repeat_rate"])


@exercise("loyalty.2", hint="Classify the panel with loyalty.classify_loyalty_types(panel) and count the rows whose "
                            "loyalty_type_key is 'super_value' (超值忠诚): high attachment, high repeat, emotional driver.",
          hint_zh="超值忠诚要同时满足三个条件：高依恋、高重复购买、驱动因素是情感依恋。只看依恋或只看重复购买都会数多；"
                  "分类时要用本笔记本的两个阈值，并比较 loyalty_type_key 而不是随语言变化的标签。")
def _super_value(panel, **thresholds):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the notebook already showed any 'unclassified' warning
        types = loyalty.classify_loyalty_types(panel, **thresholds)["loyalty_type_key"]
    return int((types == "super_value").sum())


@exercise("loyalty.3", hint="Run loyalty.brand_patterns(brand_panel) and take the share (0–1) of customers whose "
                            "pattern_key is 'divided' (左右逢源): value_counts(normalize=True).",
          hint_zh="答案是比例（0–1），不是人数，分母是品牌样本的全部客户（包括“购买次数不足”的客户）。"
                  "识别模式时要用本笔记本的 min_length 和 core_share，并比较 pattern_key。")
def _divided_share(brand_panel, **rules):
    patterns = loyalty.brand_patterns(brand_panel, **rules)["pattern_key"]
    return float((patterns == "divided").mean())
