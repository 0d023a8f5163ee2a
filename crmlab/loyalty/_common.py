"""What the loyalty modules share: the chapter's terms and rule tables, and the numeric check."""

from __future__ import annotations

import numpy as np
import pandas as pd

from .._validate import as_numeric
from ..errors import DataError

__all__ = ["TERMS", "DICK_BASU", "LOYALTY_TYPE_RULES", "BROWN_PATTERNS", "LADDER", "numeric", "draw_planted"]

#: Terms of this chapter: key → (English, 中文).
TERMS: dict[str, tuple[str, str]] = {
    "customers": ("Customers", "客户数"),
    "repeat_customers": ("Repeat customers", "重复购买客户数"),
    "repeat_rate": ("Repeat purchase rate", "重复购买率"),
    "repeat_purchases": ("Repeat purchases", "重复购买次数"),
    "repeat_purchases_per_customer": ("Repeat purchases per customer", "客均重复购买次数"),
    "median_interpurchase_days": ("Median inter-purchase time (days)", "购买间隔中位数 (天)"),
    "interpurchase_hist": ("Days between purchases (longest {share:.0%} not shown)", "购买间隔天数（不含最长的 {share:.0%}）"),
    "interpurchase_title": ("Inter-purchase times", "购买间隔分布"),
    "period_days": ("Period (days)", "观察期 (天)"),
    "whole_data": ("Whole data", "全部数据"),
    "first_30_days": ("First 30 days", "前 30 天"),
    "n_purchases": ("Purchases", "购买次数"),
    "frequency": ("Purchases per month", "月均购买次数"),
    "mean_interpurchase_days": ("Mean inter-purchase time (days)", "平均购买间隔 (天)"),
    "spend": ("Spend", "消费金额"),
    "period": ("Period", "时期"),
    "active": ("Active customers", "活跃客户数"),
    "new": ("New customers", "新客户数"),
    "retained": ("Retained customers", "保持客户数"),
    "focal_spend": ("Spend with us", "本企业消费额"),
    "category_spend": ("Category spend", "品类总消费额"),
    "mean_spend": ("Mean spend", "平均消费金额"),
    "retention_rate": ("Retention rate", "顾客保持率"),
    "churn_rate": ("Churn rate", "顾客流失率"),
    "share_of_wallet": ("Share of wallet", "钱包份额"),
    "n_categories": ("Categories bought", "购买品类数"),
    "respondents": ("Respondents", "受访者数"),
    "recommend_missing": ("Recommendation not answered", "推荐意愿缺失"),
    "recommend_mean": ("Recommend (mean 0-10)", "推荐意愿 (均值 0-10)"),
    "promoters": ("Promoters", "推荐者"),
    "detractors": ("Detractors", "贬损者"),
    "nps": ("NPS", "净推荐值 NPS"),
    "price_sensitivity_missing": ("Price sensitivity not answered", "价格敏感度缺失"),
    "price_sensitivity_mean": ("Price sensitivity (mean)", "价格敏感度 (均值)"),
    "price_sensitive_share": ("Price-sensitive share", "价格敏感者占比"),
    "attitude": ("Relative attitude", "相对态度 (依恋)"),
    "behaviour": ("Repeat patronage", "重复购买"),
    # Dick & Basu
    "true": ("True loyalty", "绝对忠诚"),
    "latent": ("Latent loyalty", "潜在忠诚"),
    "spurious": ("Spurious (inertia) loyalty", "惯性忠诚"),
    "none": ("No loyalty", "非忠诚"),
    # Seven types
    "monopoly": ("Monopoly loyalty", "垄断忠诚"),
    "inertia": ("Inertia loyalty", "惰性忠诚"),
    "latent_type": ("Latent loyalty", "潜在忠诚"),
    "habitual": ("Habitual (convenience) loyalty", "习惯性忠诚"),
    "price": ("Price loyalty", "价格忠诚"),
    "incentive": ("Incentive loyalty", "激励忠诚"),
    "super_value": ("Super-value loyalty", "超值忠诚"),
    "unclassified": ("Unclassified", "未分类"),
    "attachment": ("Attachment", "依恋"),
    "repeat": ("Repeat purchase", "重复购买"),
    "driver": ("Driver", "驱动因素"),
    "high": ("high", "高"),
    "low": ("low", "低"),
    # drivers of the seven types (prefixed: "inertia" and "price" are also type keys)
    "driver:no_alternative": ("No alternative", "别无选择"),
    "driver:inertia": ("Inertia", "惰性（懒得另找）"),
    "driver:barriers": ("Barriers", "购买受限"),
    "driver:convenience": ("Convenience", "地点方便"),
    "driver:lowest_price": ("Lowest price", "价格最低"),
    "driver:rewards": ("Rewards", "奖励"),
    "driver:emotional_attachment": ("Emotional attachment", "情感依恋"),
    # Brown
    "undivided": ("Undivided loyalty (AAAAAA)", "专一忠诚"),
    "divided": ("Divided loyalty (ABABAB)", "左右逢源"),
    "unstable": ("Unstable loyalty (AAABBB)", "移情别恋"),
    "no_loyalty": ("No loyalty (ABCDEF)", "无品牌忠诚"),
    "insufficient": ("Too few purchases", "购买次数不足"),
    "sequence": ("Brand sequence", "购买序列"),
    "main_brand": ("Main brand", "主要品牌"),
    "switches": ("Brand switches", "换牌次数"),
    "pattern_rules": ("Pattern (rules)", "规则识别的模式"),
    "pattern_planted": ("Pattern (planted)", "生成时设定的模式"),
    "All": ("All", "合计"),
    # Ladder
    "prospect": ("Prospect", "潜在客户"),
    "first_time": ("First-time buyer", "普通购买者"),
    "client": ("Client (repeat buyer)", "客户"),
    "supporter": ("Supporter", "跟随者"),
    "advocate": ("Advocate", "拥护者"),
    "loyal": ("Loyal customer (partner)", "忠诚客户"),
    "stage": ("Stage", "阶段"),
    "pattern": ("Pattern", "模式"),
    "loyalty_type": ("Loyalty type", "忠诚类型"),
}

#: Dick & Basu (1994): relative attitude (high/low) × repeat patronage (high/low) → segment key.
DICK_BASU: dict[tuple[bool, bool], str] = {
    (True, True): "true", (True, False): "latent", (False, True): "spurious", (False, False): "none",
}

#: The seven loyalty types by their source (Griffin 1995, as taught in Chinese CRM textbooks).
#: Each row is one rule: attachment (依恋) level × repeat-purchase level × driver → type.
#: Edit a copy and pass it as ``rules=`` to :func:`classify_loyalty_types` to use another textbook's table.
LOYALTY_TYPE_RULES = pd.DataFrame(
    [
        ("monopoly", "low", "high", "no_alternative",
         "Buys again because there is no alternative (a monopoly supplier); 低依恋、高重复购买."),
        ("inertia", "low", "high", "inertia",
         "Buys again out of inertia, not preference — searching costs effort; 低依恋、高重复购买."),
        ("latent_type", "high", "low", "barriers",
         "Wants to buy more but barriers (rules, distance, budget) stop it; 高依恋、低重复购买."),
        ("habitual", "low", "high", "convenience",
         "Buys where it is convenient (location, habit); leaves when something handier appears; 低依恋、高重复购买."),
        ("price", "low", "low", "lowest_price",
         "Follows the lowest price; loyal to the price, not the firm; 低依恋、低重复购买."),
        ("incentive", "low", "high", "rewards",
         "Comes for points and rewards; leaves when the programme ends; 低依恋、高重复购买."),
        ("super_value", "high", "high", "emotional_attachment",
         "Emotionally attached, buys again and recommends — the most valuable; 高依恋、高重复购买."),
    ],
    columns=["loyalty_type", "attachment", "repeat", "driver", "definition"],
).set_index("loyalty_type")

#: Brown's behavioural brand-loyalty patterns, in display order.
BROWN_PATTERNS = ("undivided", "divided", "unstable", "no_loyalty", "insufficient")

#: Rungs of the loyalty ladder, bottom to top.
LADDER = ("prospect", "first_time", "client", "supporter", "advocate", "loyal")


def numeric(frame: pd.DataFrame, column: str, keyword: str) -> pd.Series:
    """Column ``column`` as float64, answers that are not numbers named (:func:`crmlab._validate.as_numeric`)."""
    return as_numeric(frame, column, keyword=keyword, fix="Recode the answers as numbers (e.g. a 1-7 scale).")


def draw_planted(shares: dict, known, n: int, rng: np.random.Generator, what: str) -> np.ndarray:
    """Draw ``n`` planted categories (loyalty types, Brown patterns) in proportion to ``shares``."""
    unknown = set(shares) - set(known)
    if unknown:
        raise DataError(f"unknown {what} {sorted(unknown)}; known: {list(known)}.")
    names = list(shares)
    p = np.array([shares[k] for k in names], dtype=float)
    return np.array(names)[rng.choice(len(names), size=n, p=p / p.sum())]
