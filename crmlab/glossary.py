"""The kit's one English ↔ 中文 glossary (术语表): one term per concept.

Course concept: the course is taught in Chinese from five course texts; their terms are the terms
the kit uses. Every concept a chapter teaches has exactly one entry here: a stable key, the English
term, the 中文 term, the chapters that teach it, the rejected 中文 variants (``avoid``) and a one-line
note saying why this term was chosen.

Rules the entries follow (``tests/test_glossary.py`` checks them):

- one concept, one 中文 term and one English term: no two entries share either;
- the 中文 term is the course's term where the course has one; 客户 in general, 顾客 in the course's
  fixed terms (顾客让渡价值, 顾客保持率, 顾客忠诚 …);
- ``avoid`` lists variants the kit rejects that the course does not use (精力成本, 在网时长, 留存率,
  被动者, 潜在忠诚客户 …). A variant the course itself writes (客户终生价值 in text 004) is not
  avoided, so a "教材 vs 文献" remark may quote it; the note names it instead;
- no avoided variant is another entry's term or part of one, so :func:`find_avoided` never flags a
  correct text.

Term tables of the chapter modules (``{key: (english, chinese)}``) and the narrative of the 中文
edition use these terms; :func:`pair` gives a table entry straight from the glossary.

Examples
--------
>>> lookup("energy_cost", "zh")
'体力成本'
>>> find_avoided("顾客总成本包括货币成本、时间成本、精力成本和精神成本。")
[('精力成本', '体力成本')]
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Term", "GLOSSARY", "BY_KEY", "glossary_table", "lookup", "pair", "find_avoided"]

_LANGS = ("en", "zh")


@dataclass(frozen=True)
class Term:
    """One concept of the course in both languages.

    Attributes
    ----------
    key : str
        Stable English snake_case key (what code uses).
    english : str
        The English term.
    chinese : str
        The 中文 term (simplified characters; the course's term where it has one).
    chapters : tuple of str
        The chapters that teach it, as two-digit numbers (``"00"`` … ``"07"``), first the main one.
    avoid : tuple of str
        Rejected 中文 variants: they must not appear in any 中文 text of the kit.
    note : str
        One line: why this term (course text, literature, what it is kept apart from).
    """

    key: str
    english: str
    chinese: str
    chapters: tuple[str, ...]
    avoid: tuple[str, ...] = ()
    note: str = ""


def _t(key, english, chinese, chapters, note, avoid=()):
    chapters = (chapters,) if isinstance(chapters, str) else tuple(chapters)
    return Term(key, english, chinese, chapters, tuple(avoid), note)


#: Every concept the chapters teach, in chapter order.
GLOSSARY: tuple[Term, ...] = (
    # ---------------------------------------------------------------- 00 getting started, shared
    _t("crm", "Customer relationship management (CRM)", "客户关系管理", ("00",), "course texts 000–004"),
    _t("relationship_marketing", "Relationship marketing", "关系营销", ("00",), "course text 000/002"),
    _t("transaction_marketing", "Transaction marketing", "交易营销", ("00",),
       "course text 002: the opposite of relationship marketing"),
    _t("one_to_one_marketing", "One-to-one marketing", "一对一营销", ("00", "06"), "course text 002/004"),
    _t("transactions", "Transaction data", "交易数据", ("00",), "the canonical transactions frame"),
    _t("customers", "Customers", "客户数", ("00", "01", "05", "06"),
       "a count in tables and headlines; 客户 alone is the ladder's client rung"),
    _t("share_of_customers", "Share of customers", "客户占比", ("00", "01", "02"), "table column"),
    _t("revenue", "Revenue", "收入", ("00", "01", "02"), "table column and headline"),
    _t("share_of_revenue", "Share of revenue", "收入占比", ("00", "01", "02"), "table column"),
    _t("snapshot_date", "Snapshot date", "分析日期", ("00", "02"),
       "the date recency and lifecycle stages are measured from"),
    _t("segment", "Segment", "客户群", ("02", "00"), "a group of customers in a segmentation"),
    _t("customer_segmentation", "Customer segmentation", "客户细分", ("02", "00"),
       "course text 002/004"),
    # ---------------------------------------------------------------- 01 customer value and CLV
    _t("customer_value", "Customer value", "顾客价值", ("01",),
       "course text 000: what the customer gains minus what it costs him; kept apart from 客户价值"),
    _t("value_of_customer", "Value of a customer", "客户价值", ("01", "02"),
       "what a customer is worth to the firm (course text 000: 细分客户价值); not 顾客价值"),
    _t("perceived_value", "Customer perceived value", "客户感知价值", ("01", "04"), "course text 002"),
    _t("delivered_value", "Delivered value", "顾客让渡价值", ("01",),
       "Kotler's customer delivered value; course texts 002/004 (004 also writes 客户让渡价值)"),
    _t("total_value", "Total customer value", "顾客总价值", ("01",), "course text 004"),
    _t("total_cost", "Total customer cost", "顾客总成本", ("01",), "course text 004"),
    _t("product_value", "Product value", "产品价值", ("01",), "course text 002"),
    _t("service_value", "Service value", "服务价值", ("01",), "course text 002"),
    _t("personnel_value", "Personnel value", "人员价值", ("01",), "course text 002"),
    _t("image_value", "Image value", "形象价值", ("01",), "course text 002"),
    _t("monetary_cost", "Monetary cost", "货币成本", ("01",), "course text 002"),
    _t("time_cost", "Time cost", "时间成本", ("01",), "course text 002"),
    _t("energy_cost", "Energy cost", "体力成本", ("01",),
       "course text 004 (时间、精神、体力) and Kotler's Chinese edition", avoid=("精力成本",)),
    _t("psychic_cost", "Psychic cost", "精神成本", ("01",), "course text 002/004"),
    _t("post_purchase_cost", "Post-purchase cost", "购后成本", ("01",), "course text 000"),
    _t("lorenz_curve", "Lorenz curve", "洛伦兹曲线", ("01",), "how concentrated customer value is"),
    _t("gini", "Gini coefficient", "基尼系数", ("01",), "one number for the Lorenz curve"),
    _t("pareto", "Pareto principle (80/20 rule)", "二八法则", ("01",),
       "the usual Chinese name of the 80/20 rule"),
    _t("customer_tiering", "Customer tiering", "客户分级", ("01",), "course texts 002/003"),
    _t("key_customer", "Key customer", "关键客户", ("01", "07"), "course text 002: ABC tier A"),
    _t("ordinary_customer", "Ordinary customer", "普通客户", ("01",), "course text 002: ABC tier B"),
    _t("small_customer", "Small customer", "小客户", ("01",), "course text 002: ABC tier C"),
    _t("large_customer", "Large customer", "大客户", ("01", "07"), "course text 002: 大客户 ≠ 好客户"),
    _t("good_customer", "Good customer", "好客户", ("01", "07"), "course text 002: 大客户 ≠ 好客户"),
    _t("red_list", "Red list", "红名单", ("01",), "course text 003 (紅名單), the customers to keep"),
    _t("black_list", "Black list", "黑名单", ("01",), "course text 003 (黑名單)"),
    _t("customer_pyramid", "Customer pyramid", "客户金字塔", ("01",),
       "Zeithaml, Rust & Lemon; not the loyalty pyramid of chapter 05"),
    _t("platinum", "Platinum", "铂金客户", ("01",), "customer pyramid tier"),
    _t("gold", "Gold", "黄金客户", ("01",), "customer pyramid tier"),
    _t("iron", "Iron", "铁客户", ("01",), "customer pyramid tier"),
    _t("lead", "Lead", "铅客户", ("01",), "customer pyramid tier"),
    _t("clv", "Customer lifetime value (CLV)", "客户终身价值", ("01",),
       "the kit's term; course text 004 writes 客户终生价值", avoid=("顾客终身价值", "客户生命周期价值")),
    _t("margin", "Margin", "毛利", ("01",), "the margin per period m of the simple CLV formula"),
    _t("discount_rate", "Discount rate", "折现率", ("01",), "the d of the simple CLV formula"),
    _t("average_order_value", "Average order value", "客单价", ("01", "02"),
       "mean amount per order (what Gamma-Gamma models)"),
    _t("bg_nbd", "BG/NBD model", "BG/NBD 模型", ("01",), "Fader, Hardie & Lee (2005)"),
    _t("gamma_gamma", "Gamma-Gamma model", "Gamma-Gamma 模型", ("01",),
       "spend per purchase (客单价模型)"),
    _t("p_alive", "Probability customer is alive", "客户仍活跃的概率", ("01",), "BG/NBD P(alive)"),
    _t("expected_purchases", "Expected purchases", "预期购买次数", ("01",), "BG/NBD forecast"),
    _t("calibration_period", "Calibration period", "校准期", ("01",), "the period a model is fitted on"),
    _t("holdout_period", "Holdout period", "验证期", ("01",), "the period a model is checked on"),
    # ---------------------------------------------------------------- 02 RFM
    _t("rfm", "RFM analysis", "RFM 分析", ("02",), "course text 000"),
    _t("recency", "Recency", "最近一次消费", ("02", "00"), "course text 000: 最近一次消费 (Recency)"),
    _t("frequency", "Frequency", "消费频率", ("02", "00"), "course text 000: 消费频率 (Frequency)"),
    _t("monetary", "Monetary", "消费金额", ("02", "00"), "course text 000: 消费金额 (Monetary)"),
    _t("r_score", "R score", "R 得分", ("02",), "course text 000: RS, 5-point scale"),
    _t("f_score", "F score", "F 得分", ("02",), "course text 000: FS, 5-point scale"),
    _t("m_score", "M score", "M 得分", ("02",), "course text 000: MS, 5-point scale"),
    _t("rfm_score", "RFM total score", "RFM 总分", ("02",), "sum (or weighted sum) of R, F and M scores"),
    _t("rfm_cell", "RFM cell", "RFM 单元", ("02",), "course text 000: 5 × 5 × 5 = 125 cells"),
    _t("important_value", "Important value", "重要价值客户", ("02",), "mean split R↑F↑M↑ (course text 000)"),
    _t("important_development", "Important development", "重要发展客户", ("02",), "mean split R↑F↓M↑"),
    _t("important_retention", "Important retention", "重要保持客户", ("02",), "mean split R↓F↑M↑"),
    _t("important_win_back", "Important win-back", "重要挽留客户", ("02",), "mean split R↓F↓M↑"),
    _t("general_value", "General value", "一般价值客户", ("02",), "mean split R↑F↑M↓"),
    _t("general_development", "General development", "一般发展客户", ("02",), "mean split R↑F↓M↓"),
    _t("general_retention", "General retention", "一般保持客户", ("02",), "mean split R↓F↑M↓"),
    _t("general_win_back", "General win-back", "一般挽留客户", ("02",), "mean split R↓F↓M↓"),
    _t("champions", "Champions", "冠军客户", ("02",), "named RFM segment"),
    _t("loyal_customers", "Loyal Customers", "常客", ("02",),
       "named RFM segment; 忠诚客户 is reserved for the top of the loyalty ladder (chapter 05)"),
    _t("potential_loyalist", "Potential Loyalist", "准常客", ("02",),
       "named RFM segment; kept apart from 潜在忠诚 (latent loyalty) and 潜在客户 (prospect)",
       avoid=("潜在忠诚客户",)),
    _t("new_customers", "New Customers", "新客户", ("02",), "named RFM segment"),
    _t("promising", "Promising", "有潜力客户", ("02",), "named RFM segment"),
    _t("need_attention", "Need Attention", "需关注客户", ("02",), "named RFM segment"),
    _t("about_to_sleep", "About To Sleep", "即将沉睡客户", ("02",), "named RFM segment"),
    _t("at_risk", "At Risk", "有流失风险客户", ("02",), "named RFM segment"),
    _t("cant_lose_them", "Can't Lose Them", "不能失去的客户", ("02",), "named RFM segment"),
    _t("hibernating", "Hibernating", "休眠客户", ("02",), "named RFM segment"),
    _t("lost", "Lost", "已流失客户", ("02",), "named RFM segment"),
    _t("others", "Others", "其他客户", ("02",), "customers no rule of a scheme matches"),
    _t("k_means", "k-means clustering", "k-means 聚类", ("02",), "the data-driven alternative to rules"),
    _t("up_selling", "Up-selling", "向上销售", ("02", "03"), "selling a higher-value product"),
    # ---------------------------------------------------------------- 03 association rules
    _t("association_rule", "Association rule", "关联规则", ("03",), "if antecedent then consequent"),
    _t("basket", "Basket", "购物篮", ("03",), "one order's (or customer's) set of items"),
    _t("basket_matrix", "Basket matrix", "购物篮矩阵", ("03",), "baskets × items, true where bought"),
    _t("support", "Support", "支持度", ("03",), "course text 004 (counted over customers)"),
    _t("confidence", "Confidence", "置信度", ("03",), "course text 004"),
    _t("lift", "Lift", "提升度", ("03",), "confidence over the consequent's support"),
    _t("leverage", "Leverage", "杠杆度", ("03",), "support minus the support expected under independence"),
    _t("conviction", "Conviction", "确信度", ("03",), "Brin et al. (1997)"),
    _t("antecedent", "Antecedent", "前项", ("03",), "the 'if' side of a rule"),
    _t("consequent", "Consequent", "后项", ("03",), "the 'then' side of a rule"),
    _t("minimum_support", "Minimum support", "最小支持度", ("03",), "the threshold an itemset must reach"),
    _t("frequent_itemset", "Frequent itemset", "频繁项集", ("03",), "an itemset at or above minimum support"),
    _t("closed_itemset", "Closed frequent itemset", "闭频繁项集", ("03",),
       "no superset has the same support"),
    _t("maximal_itemset", "Maximal frequent itemset", "极大频繁项集", ("03",), "no superset is frequent"),
    _t("apriori", "Apriori algorithm", "Apriori 算法", ("03",), "Agrawal & Srikant (1994)"),
    _t("redundant_rule", "Redundant rule", "冗余规则", ("03",),
       "a rule a simpler rule already explains"),
    _t("cross_selling", "Cross-selling", "交叉销售", ("03", "02"), "selling related products"),
    # ---------------------------------------------------------------- 04 satisfaction and loyalty
    _t("satisfaction", "Satisfaction", "满意度", ("04",), "survey rating"),
    _t("customer_satisfaction", "Customer satisfaction", "客户满意", ("04",),
       "course text 002: a feeling after needs are met, against expectation"),
    _t("customer_expectation", "Customer expectation", "客户期望", ("04",), "course text 002"),
    _t("loyalty", "Loyalty", "忠诚度", ("04", "05"), "course text 001: 顾客忠诚度, the measured degree"),
    _t("repurchase_intent", "Repurchase intention", "再购意愿", ("04",), "survey item"),
    _t("recommend", "Likelihood to recommend", "推荐意愿", ("04", "05"), "the NPS question (0–10)"),
    _t("loyalist", "Loyalist", "忠诚者", ("04",), "Jones & Sasser (1995), course text 001"),
    _t("apostle", "Apostle", "传道者", ("04",), "Jones & Sasser (1995)"),
    _t("mercenary", "Mercenary", "图利者", ("04",), "Jones & Sasser (1995)"),
    _t("hostage", "Hostage", "人质", ("04",), "Jones & Sasser (1995)"),
    _t("defector", "Defector", "背叛者", ("04",), "Jones & Sasser (1995)"),
    _t("terrorist", "Terrorist", "恐怖分子", ("04",), "Jones & Sasser (1995)"),
    _t("zone_defection", "Zone of defection", "背离区", ("04",), "low satisfaction"),
    _t("zone_indifference", "Zone of indifference", "冷漠区", ("04",), "middle satisfaction"),
    _t("zone_affection", "Zone of affection", "情感区", ("04",), "high satisfaction"),
    _t("nps", "Net Promoter Score (NPS)", "净推荐值", ("04", "05"), "Reichheld (2003): promoters − detractors"),
    _t("promoters", "Promoters", "推荐者", ("04", "05"), "NPS 9–10"),
    _t("passives", "Passives", "中立者", ("04", "05"), "NPS 7–8; neither promotes nor detracts",
       avoid=("被动者",)),
    _t("detractors", "Detractors", "贬损者", ("04", "05"), "NPS 0–6"),
    _t("ipa", "Importance–performance analysis (IPA)", "重要性—表现分析", ("04",),
       "Martilla & James (1977)"),
    _t("importance", "Importance", "重要性", ("04",), "IPA axis"),
    _t("performance", "Performance", "表现", ("04",), "IPA axis: mean rating"),
    _t("keep_up", "Keep up the good work", "继续保持", ("04",), "IPA quadrant"),
    _t("concentrate", "Concentrate here", "重点改进", ("04",), "IPA quadrant"),
    _t("low_priority", "Low priority", "低优先级", ("04",), "IPA quadrant"),
    _t("overkill", "Possible overkill", "可能过度投入", ("04",), "IPA quadrant"),
    _t("driver_analysis", "Driver analysis", "驱动因素分析", ("04",),
       "which attributes move satisfaction; course text 001 lists loyalty drivers"),
    _t("scale_reliability", "Scale reliability", "信度", ("04",),
       "consistency of a multi-item scale; not the service attribute 可靠性"),
    _t("cronbach_alpha", "Cronbach's alpha", "Cronbach's α 系数", ("04",), "the usual reliability measure"),
    # ---------------------------------------------------------------- 05 loyalty measures and types
    _t("customer_loyalty", "Customer loyalty", "顾客忠诚", ("05", "04"), "course text 001"),
    _t("attitudinal_loyalty", "Attitudinal loyalty", "态度忠诚", ("05",), "course text 001: 心理依恋"),
    _t("behavioural_loyalty", "Behavioural loyalty", "行为忠诚", ("05",), "course text 001: 重复购买"),
    _t("attachment", "Attachment", "依恋", ("05",), "course text 001: 依恋 = 喜好程度 × 差异化程度"),
    _t("preference", "Preference", "喜好程度", ("05",), "course text 001"),
    _t("differentiation", "Perceived differentiation", "差异化程度", ("05",), "course text 001"),
    _t("relative_attitude", "Relative attitude", "相对态度", ("05",),
       "Dick & Basu (1994); the kit's measure of 依恋"),
    _t("repeat_patronage", "Repeat patronage", "重复购买", ("05",), "Dick & Basu (1994): the behaviour axis"),
    _t("true_loyalty", "True loyalty", "绝对忠诚", ("05",), "course text 001 (Dick & Basu's true loyalty)"),
    _t("latent_loyalty", "Latent loyalty", "潜在忠诚", ("05",),
       "course text 001: attitude high, behaviour low; also one of the seven types; never 潜在忠诚客户"),
    _t("spurious_loyalty", "Spurious loyalty", "惯性忠诚", ("05",), "course text 001 (Dick & Basu's spurious)"),
    _t("no_loyalty", "No loyalty", "非忠诚", ("05",), "course text 001"),
    _t("monopoly_loyalty", "Monopoly loyalty", "垄断忠诚", ("05",), "course text 001, seven types"),
    _t("inertia_loyalty", "Inertia loyalty", "惰性忠诚", ("05",), "course text 001, seven types"),
    _t("habitual_loyalty", "Habitual loyalty", "习惯性忠诚", ("05",), "course text 001, seven types"),
    _t("price_loyalty", "Price loyalty", "价格忠诚", ("05",), "course text 001, seven types"),
    _t("incentive_loyalty", "Incentive loyalty", "激励忠诚", ("05",), "course text 001, seven types"),
    _t("super_value_loyalty", "Super-value loyalty", "超值忠诚", ("05",), "course text 001, seven types"),
    _t("loyalty_type", "Loyalty type", "忠诚类型", ("05",), "course text 001"),
    _t("undivided_loyalty", "Undivided loyalty (AAAAAA)", "专一忠诚", ("05",), "Brown (1952)"),
    _t("divided_loyalty", "Divided loyalty (ABABAB)", "左右逢源", ("05",), "Brown (1952); course text 001"),
    _t("unstable_loyalty", "Unstable loyalty (AAABBB)", "移情别恋", ("05",),
       "Brown (1952); course text 001: 体验后变心, 选择另外品牌 (Kotler's Chinese edition: 转移)"),
    _t("no_brand_loyalty", "No loyalty (ABCDEF)", "无品牌忠诚", ("05",), "Brown (1952)"),
    _t("loyalty_ladder", "Loyalty ladder", "忠诚阶梯", ("05",),
       "Christopher, Payne & Ballantyne; course text 001 draws it as 顾客忠诚度金字塔"),
    _t("prospect", "Prospect", "潜在客户", ("05",), "bottom of the ladder; not 潜在忠诚"),
    _t("first_time_buyer", "First-time buyer", "普通购买者", ("05",), "course text 001, loyalty pyramid"),
    _t("client", "Client", "客户", ("05",), "course text 001, loyalty pyramid: a repeat buyer"),
    _t("supporter", "Supporter", "跟随者", ("05",), "course text 001, loyalty pyramid"),
    _t("advocate", "Advocate", "拥护者", ("05",), "course text 001, loyalty pyramid"),
    _t("loyal_customer", "Loyal customer", "忠诚客户", ("05",),
       "course text 001: top of the pyramid (partner); the RFM 'Loyal Customers' are 常客"),
    _t("repeat_purchase_rate", "Repeat purchase rate", "重复购买率", ("05",), "course text 001 (回头率)"),
    _t("repeat_purchases", "Repeat purchases", "重复购买次数", ("05", "01"), "course text 001"),
    _t("purchase_frequency", "Purchase frequency", "购买频率", ("05",), "purchases per customer and period"),
    _t("interpurchase_time", "Inter-purchase time", "购买间隔", ("05",), "days between two purchases"),
    _t("share_of_wallet", "Share of wallet", "钱包份额", ("05",), "course text 001"),
    _t("cross_buying", "Cross-buying", "交叉购买", ("05",), "course text 001: 交叉购买的数量"),
    _t("price_sensitivity", "Price sensitivity", "价格敏感度", ("05",), "course text 001: 对价格的敏感度"),
    _t("decision_time", "Decision time", "决策时间", ("05",), "course text 001: 决策时间的长短"),
    _t("attitude_to_competitors", "Attitude towards competitors", "对竞争者的态度", ("05",), "course text 001"),
    _t("attitude_to_defects", "Attitude towards defects", "对瑕疵品的态度", ("05",), "course text 001"),
    _t("switching_cost", "Switching cost", "转换成本", ("05",), "course text 001: external loyalty driver"),
    _t("word_of_mouth", "Word of mouth", "口碑", ("05", "04", "07"), "course text 001"),
    _t("loyalty_programme", "Loyalty programme", "客户忠诚计划", ("05",), "course text 001"),
    _t("retention_rate", "Retention rate", "顾客保持率", ("05", "06"),
       "course text 001; the same term in chapters 05 and 06", avoid=("留存率",)),
    _t("churn_rate", "Churn rate", "顾客流失率", ("05", "06"), "course text 001; 流失率 for short"),
    # ---------------------------------------------------------------- 06 lifecycle
    _t("customer_retention", "Customer retention", "客户保持", ("06", "05"), "course texts 002/004"),
    _t("customer_churn", "Customer churn", "客户流失", ("06", "05"), "course texts 002/004"),
    _t("customer_lifecycle", "Customer lifecycle", "客户生命周期", ("06",), "course text 002"),
    _t("lifecycle_stage", "Lifecycle stage", "生命周期阶段", ("06",), "course text 002"),
    _t("exploration", "Exploration", "考察期", ("06",), "course text 002: 客户关系孕育期"),
    _t("formation", "Formation", "形成期", ("06",), "course text 002: 关系发展阶段"),
    _t("stability", "Stability", "稳定期", ("06",), "course text 002: 客户关系发展的最高阶段"),
    _t("decline", "Decline", "退化期", ("06",), "course text 002: 逆转阶段"),
    _t("relationship_building", "Relationship building", "关系建立", ("06",), "course text 002, relationship phases"),
    _t("relationship_development", "Relationship development", "关系发展", ("06",), "course text 002"),
    _t("relationship_breakdown", "Relationship breakdown", "关系破裂", ("06",), "course text 002"),
    _t("relationship_recovery", "Relationship recovery", "关系恢复", ("06",),
       "course text 002 (关系回复 there, 关系恢复计划 later)"),
    _t("relationship_ending", "Relationship ending", "关系结束", ("06",), "course text 002"),
    _t("acquisition_cohort", "Acquisition cohort", "获客同期群", ("06",), "customers by month of first purchase"),
    _t("cohort_analysis", "Cohort analysis", "同期群分析", ("06",), "retention by acquisition cohort"),
    _t("tenure", "Tenure", "关系时长", ("06",),
       "time since the first purchase; telecom jargon avoided", avoid=("在网时长",)),
    # ---------------------------------------------------------------- 07 profitability and the economics of loyalty
    _t("customer_profit", "Customer profit", "客户利润", ("07",), "margin − cost to serve − acquisition cost"),
    _t("customer_profitability", "Customer profitability", "客户盈利能力", ("07",),
       "course text 000 (盈利能力); profit per customer, not revenue"),
    _t("cost_to_serve", "Cost to serve", "服务成本", ("07",),
       "course texts 001 §3.5 (节约服务成本), 002: 好客户 … 服务成本低"),
    _t("service_contact_cost", "Service contact cost", "服务接触成本", ("07",),
       "the part of cost to serve spent on inquiries and complaints"),
    _t("inquiries", "Inquiries", "咨询次数", ("07",), "course text 003: customers by service need, 咨询 vs 投诉"),
    _t("complaints", "Complaints", "投诉次数", ("07",), "course text 003: customers by service need, 咨询 vs 投诉"),
    _t("returns_cost", "Returns handling cost", "退货处理成本", ("07",), "part of cost to serve, tied to the returns"),
    _t("delivery_cost", "Delivery cost", "配送成本", ("07",), "part of cost to serve, tied to the orders delivered"),
    _t("discount_cost", "Discount cost", "折扣成本", ("07",),
       "part of cost to serve; course text 001 §3.5: loyal customers are less price sensitive"),
    _t("credit_cost", "Credit cost", "信用成本", ("07",), "bad debt written off plus the cost of money for days late"),
    _t("acquisition_cost", "Acquisition cost", "获客成本", ("07",),
       "course texts 001 §3.5 and 002 write 开发成本 / 开发客户的成本; 获客成本 is not read as R&D cost"),
    _t("acquisition_channel", "Acquisition channel", "获客渠道", ("07",), "where a customer was won"),
    _t("creditworthiness", "Creditworthiness", "信用度", ("07",),
       "course text 003: 客户资料库分析法 scores 忠诚度 × 消费 × 信用度; text 002: 付款及时、信誉良好"),
    _t("days_late", "Days late", "逾期天数", ("07",), "payment behaviour: days past the due date"),
    _t("default", "Default", "违约", ("07",), "a customer who does not pay; the unpaid amount is bad debt"),
    _t("referrals", "Referrals", "推荐人数", ("07",),
       "course text 001 §3.5: 客户推荐给他人 (word of mouth); new customers a customer brought"),
    _t("whale_curve", "Whale curve", "鲸鱼曲线", ("07",),
       "Kaplan & Cooper (1998): cumulative profit by customers ranked by profit, peaking above 100 %"),
    _t("retention_budget", "Retention budget", "客户保持预算", ("07",), "money spent to keep customers"),
    _t("response_curve", "Response curve", "响应曲线", ("07",), "churn probability as a function of the budget"),
)

#: The entries by key.
BY_KEY: dict[str, Term] = {entry.key: entry for entry in GLOSSARY}
if len(BY_KEY) != len(GLOSSARY):  # pragma: no cover - guarded by the tests
    raise RuntimeError("crmlab.glossary: duplicate keys")


def _check_lang(lang: str) -> str:
    if lang not in _LANGS:
        raise ValueError(f"lang={lang!r} is not one of {_LANGS}.")
    return lang


def lookup(key: str, lang: str) -> str:
    """The term for ``key`` in ``lang``.

    Parameters
    ----------
    key : str
        A glossary key (see :data:`GLOSSARY`).
    lang : {"en", "zh"}
        The language of the term.

    Returns
    -------
    str
        The English or the 中文 term.

    Raises
    ------
    KeyError
        If ``key`` is not in the glossary (the message names close keys).
    ValueError
        If ``lang`` is not ``"en"`` or ``"zh"``.

    Examples
    --------
    >>> lookup("passives", "zh")
    '中立者'
    >>> lookup("tenure", "en")
    'Tenure'
    """
    _check_lang(lang)
    try:
        entry = BY_KEY[key]
    except KeyError:
        import difflib

        close = difflib.get_close_matches(key, BY_KEY, n=3)
        hint = f"; did you mean {', '.join(map(repr, close))}?" if close else ""
        raise KeyError(f"{key!r} is not a glossary key{hint}") from None
    return entry.english if lang == "en" else entry.chinese


def pair(key: str) -> tuple[str, str]:
    """``(english, chinese)`` of ``key``: an entry for a chapter's term table.

    Parameters
    ----------
    key : str
        A glossary key.

    Returns
    -------
    tuple of str
        The English and the 中文 term.

    Examples
    --------
    >>> pair("retention_rate")
    ('Retention rate', '顾客保持率')
    """
    return lookup(key, "en"), lookup(key, "zh")


_HEADERS = {
    "en": {"key": "Key", "english": "English", "chinese": "中文", "chapters": "Chapters", "note": "Note"},
    "zh": {"key": "键", "english": "英文", "chinese": "中文", "chapters": "章节", "note": "说明"},
}


def glossary_table(lang: str | None = None):
    """The glossary as a table, sorted by chapter then key.

    Parameters
    ----------
    lang : {"en", "zh"}, optional
        ``None`` (default): the column names below, for code. ``"en"`` or ``"zh"``: the same table
        with column headers in that language, for display in a notebook.

    Returns
    -------
    DataFrame
        One row per concept, with columns ``key``, ``english``, ``chinese``, ``chapters`` (the
        chapters that teach it, e.g. ``"02, 03"``; rows sort by the first) and ``note``.

    Examples
    --------
    >>> table = glossary_table()
    >>> list(table.columns)
    ['key', 'english', 'chinese', 'chapters', 'note']
    >>> table.set_index("key").loc["energy_cost", "chinese"]
    '体力成本'
    """
    import pandas as pd

    rows = sorted(GLOSSARY, key=lambda e: (e.chapters[0], e.key))
    table = pd.DataFrame({
        "key": [e.key for e in rows],
        "english": [e.english for e in rows],
        "chinese": [e.chinese for e in rows],
        "chapters": [", ".join(e.chapters) for e in rows],
        "note": [e.note for e in rows],
    })
    if lang is None:
        return table
    return table.rename(columns=_HEADERS[_check_lang(lang)])


def find_avoided(text: str) -> list[tuple[str, str]]:
    """The rejected 中文 variants that occur in ``text``, each with the term to use instead.

    Parameters
    ----------
    text : str
        Any text (a 中文 markdown cell, a hint, a label, a notebook output).

    Returns
    -------
    list of (str, str)
        ``(avoided variant, preferred term)`` for every variant found, in order of its first
        occurrence in ``text``; empty when the text follows the glossary.

    Examples
    --------
    >>> find_avoided("NPS 把受访者分为推荐者、被动者和贬损者；在网时长越长……")
    [('被动者', '中立者'), ('在网时长', '关系时长')]
    >>> find_avoided("潜在忠诚：态度高、行为低。")
    []
    """
    found = []
    for entry in GLOSSARY:
        for variant in entry.avoid:
            position = text.find(variant)
            if position >= 0:
                found.append((position, variant, entry.chinese))
    return [(variant, preferred) for _, variant, preferred in sorted(found)]
