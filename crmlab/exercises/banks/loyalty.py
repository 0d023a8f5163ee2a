"""Exercises of notebook 05 (loyalty types and measures).

Compute questions run on the student's own data — ``tx`` (the chapter's purchase log, e.g.
``"synthetic:<seed>"``), ``panel`` (the loyalty survey generated from ``seed``) and ``brand_panel``
(the brand purchase panel generated from ``seed``) — and ask for a number the notebook does not print.
Each known wrong answer gets its own message: rows counted instead of purchase occasions, the repeat
rate divided by all customers instead of the period's buyers, the course's second formula (repeat
purchases ÷ purchases), a percentage entered for a share, latent loyalty (潜在忠诚) confused with
spurious / inertia loyalty (惯性 / 惰性忠诚), a mean of ratios for the pooled share of wallet (需求比例) …
"""

from __future__ import annotations

import warnings

import pandas as pd

from ... import loyalty, schema
from ..mistakes import PERCENT_FOR_SHARE
from ..registry import Misconception, Option, exercise

C, D = schema.CUSTOMER, schema.DATE


def _m(key, en, zh, wrong):
    return Misconception(key, {"en": en, "zh": zh}, wrong=wrong)


def _quiet(function, *args, **kwargs):
    """``function(*args, **kwargs)`` without the period warning (the notebook already showed it)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return function(*args, **kwargs)


# ----------------------------------------------------------------------------------------------
# loyalty.1 — the repeat purchase rate of the last 365 days


def _last_year(data):
    """``(start, end)``: the last 365 calendar days of the data, both inclusive."""
    end = pd.to_datetime(data[D]).max().normalize()
    return end - pd.Timedelta(days=364), end


def _window_rate(data, by="day"):
    start, end = _last_year(data)
    return _quiet(loyalty.repeat_purchase, data, start=start, end=end, by=by)


@exercise(
    "loyalty.1", points=1,
    statement={
        "en": "What is the **repeat purchase rate** (重复购买率) of `tx` over its **last 365 days** (from the last "
              "purchase date back, both ends included)? Give a share between 0 and 1. A purchase occasion is one "
              "customer on one day; the notebook printed the rate of the whole data and of the first 30 days, "
              "not this one.",
        "zh": "`tx` 在**最后 365 天**（从最后一个购买日往前数，首尾两天都算）内的**重复购买率**是多少？请填 0 到 1 "
              "之间的比例。一次购买指一位客户在某一天的购买；上文算的是全部数据和前 30 天的重复购买率，不是这一个。"},
    hint="Pass the period to loyalty.repeat_purchase(tx, start=..., end=...): end = the last date of tx (its date part), "
         "start = end − 364 days; read 'repeat_rate' (repeat customers ÷ customers who bought in that period).",
    hint_zh="把观察期传给 loyalty.repeat_purchase(tx, start=..., end=...)：end 是 tx 最后一个购买日（只取日期部分），"
            "start = end − 364 天；读取 'repeat_rate'，即期内至少买了两次的客户数 ÷ 期内购买过的客户数。",
    misconceptions=[
        PERCENT_FOR_SHARE,
        _m("rows_for_occasions",
           "You counted rows (order lines) as purchases: several lines of one customer on one day are one purchase "
           "occasion, so a customer who bought once with two lines is not a repeat buyer.",
           "你把行数（订单行）当成了购买次数：一位客户同一天的几行记录只算一次购买，所以一次买了两行的客户并不是重复购买的客户。",
           lambda data, **_: float(_window_rate(data, by="row")["repeat_rate"])),
        _m("all_customers_denominator",
           "You divided the period's repeat buyers by all the customers in the data: the denominator is the "
           "customers who bought in the period — a customer who did not buy in it can neither repeat nor fail to.",
           "你用期内重复购买的客户数除以了数据中的全部客户：分母应是这段时期内购买过的客户——期内没有购买的客户，"
           "谈不上重复购买与否。",
           lambda data, **_: float(_window_rate(data)["repeat_customers"] / data[C].nunique())),
        _m("purchases_share",
           "You computed the share of the period's purchases that are repeat purchases (the course's second formula, "
           "counted in purchases): the repeat purchase rate asked for counts customers — repeat buyers ÷ buyers.",
           "你算的是期内购买次数中重复购买所占的比例（教材的第二种算法，按购买次数计）：题目要的重复购买率按客户计——"
           "重复购买的客户数 ÷ 购买过的客户数。",
           lambda data, **_: float(_window_rate(data)["repeat_purchases"]
                                   / (_window_rate(data)["repeat_purchases"] + _window_rate(data)["customers"]))),
        _m("whole_period",
           "That is the rate over the whole data: the question asks for the last 365 days only (pass start and end).",
           "这是全部数据上的重复购买率：题目只要最后 365 天（传入 start 和 end）。",
           lambda data, **_: float(_quiet(loyalty.repeat_purchase, data)["repeat_rate"])),
    ])
def _repeat_rate(data):
    return float(_window_rate(data)["repeat_rate"])


# ----------------------------------------------------------------------------------------------
# loyalty.2 — latent loyalty among the respondents whose attitude and behaviour disagree


def _segments(panel, attitude_at=4.0, behaviour_at=0.5):
    return loyalty.attitude_behaviour(panel, attitude_at=attitude_at, behaviour_at=behaviour_at)["segment_key"]


def _mixed_share(panel, key, attitude_at=4.0, behaviour_at=0.5, **_):
    seg = _segments(panel, attitude_at, behaviour_at)
    return float((seg == key).sum() / seg.isin(["latent", "spurious"]).sum())


@exercise(
    "loyalty.2", points=1,
    statement={
        "en": "In your `panel`, with the notebook's thresholds, take the respondents whose **attitude and behaviour "
              "disagree** (one high, the other low) — the customers that behaviour alone, or attitude alone, "
              "misjudges. What **share** of them are **latent-loyal** (潜在忠诚)? Give a share between 0 and 1.",
        "zh": "在你的 `panel` 中，按本笔记本的阈值，取**态度与行为不一致**（一高一低）的受访者——也就是只看行为或只看态度"
              "都会看错的客户。其中**潜在忠诚**的客户占多大**比例**？请填 0 到 1 之间的比例。"},
    hint="Use loyalty.attitude_behaviour(panel, attitude_at=attitude_threshold, behaviour_at=repeat_threshold) and "
         "its segment_key: the respondents who disagree are 'latent' and 'spurious'; divide the latent ones by both.",
    hint_zh="用 loyalty.attitude_behaviour(panel, attitude_at=attitude_threshold, behaviour_at=repeat_threshold) 的 "
            "segment_key：态度与行为不一致的是 'latent' 和 'spurious' 两类；用潜在忠诚的人数除以这两类的人数之和。",
    misconceptions=[
        PERCENT_FOR_SHARE,
        _m("spurious_for_latent",
           "You counted the spurious / inertia loyal (惯性忠诚: low attachment, high repeat — they buy without "
           "liking us). Latent loyalty (潜在忠诚) is the other way round: attached, but held back from buying.",
           "你数的是惯性忠诚（低依恋、高重复购买——买而不“爱”）。潜在忠诚正好相反：有依恋，却因为某些限制买得少。",
           lambda panel, **kw: _mixed_share(panel, "spurious", **kw)),
        _m("none_for_latent",
           "You counted the low-attachment, low-repeat respondents (非忠诚), as the course's list of seven types "
           "literally says of latent loyalty — but its own description (customers who want to buy, held back) and "
           "its attitude × behaviour matrix put latent loyalty at high attitude, low behaviour.",
           "你数的是低依恋、低重复购买的受访者（非忠诚），这是教材七种类型列表的字面说法；但教材自己的描述（客户想买，"
           "却受到限制）和态度 × 行为矩阵都把潜在忠诚放在“态度高、行为低”。",
           lambda panel, **kw: _mixed_share(panel, "none", **kw)),
        _m("all_respondents",
           "You divided by all respondents: the question asks for a share of the respondents whose attitude and "
           "behaviour disagree (latent and spurious together).",
           "你除以的是全部受访者：题目问的是在态度与行为不一致的受访者（潜在忠诚加惯性忠诚）中的比例。",
           lambda panel, attitude_at=4.0, behaviour_at=0.5, **_: float(
               (_segments(panel, attitude_at, behaviour_at) == "latent").mean())),
        _m("default_thresholds",
           "You classified with the default thresholds (4.0 and 0.5): use the notebook's attitude_threshold and "
           "repeat_threshold.",
           "你用的是默认阈值（4.0 和 0.5）：要用本笔记本的 attitude_threshold 和 repeat_threshold。",
           lambda panel, **_: _mixed_share(panel, "latent")),
    ])
def _latent_share(panel, attitude_at=4.0, behaviour_at=0.5):
    return _mixed_share(panel, "latent", attitude_at, behaviour_at)


# ----------------------------------------------------------------------------------------------
# loyalty.3 — brand A's pooled share of wallet (需求比例) among the divided-loyal customers


def _divided(brand_panel, min_length=3, core_share=0.5):
    patterns = loyalty.brand_patterns(brand_panel, min_length=min_length, core_share=core_share)["pattern_key"]
    return patterns.index[patterns == "divided"]


def _sow(brand_panel):
    return loyalty.share_of_wallet(brand_panel, focal="A")


@exercise(
    "loyalty.3", points=1,
    statement={
        "en": "Take the customers of `brand_panel` whose pattern is **divided** (左右逢源) with the notebook's "
              "`min_length` and `core_share`. What is brand `A`'s **share of wallet** (钱包份额, the course's 需求比例) "
              "in this group as a whole: their total spend on `A` ÷ their total spend in the category? Give a share "
              "between 0 and 1.",
        "zh": "按本笔记本的 `min_length` 和 `core_share`，取 `brand_panel` 中行为模式为**左右逢源**的客户。把这群客户"
              "作为一个整体，品牌 `A` 的**钱包份额**（教材称“需求比例”）是多少，即他们在 `A` 上的花费之和 ÷ 他们在该品类的"
              "花费之和？请填 0 到 1 之间的比例。"},
    hint="Find the divided customers with loyalty.brand_patterns(brand_panel, min_length=..., core_share=...) "
         "(pattern_key == 'divided'); in loyalty.share_of_wallet(brand_panel, focal='A') add up focal_spend and "
         "category_spend over them, then divide the two sums.",
    hint_zh="先用 loyalty.brand_patterns(brand_panel, min_length=..., core_share=...) 找出左右逢源的客户（pattern_key == "
            "'divided'）；再在 loyalty.share_of_wallet(brand_panel, focal='A') 中对这些客户分别加总 focal_spend 和 "
            "category_spend，最后两个合计相除。",
    misconceptions=[
        PERCENT_FOR_SHARE,
        _m("mean_of_ratios",
           "You averaged the customers' own shares of wallet, so a customer who spends little counts as much as "
           "a big spender: the group's share is total spend on A ÷ total category spend.",
           "你把每位客户各自的钱包份额做了平均，花钱少的客户和花钱多的客户分量一样；整个群体的份额是 A 的花费之和 ÷ 品类花费之和。",
           lambda brand_panel, min_length=3, core_share=0.5, **_: float(
               _sow(brand_panel).loc[_divided(brand_panel, min_length, core_share), "share_of_wallet"].mean())),
        _m("buyers_only_mean",
           "That is the mean share of wallet of the divided customers who bought A (the notebook's table): the "
           "question asks for the pooled share of the whole group, including those who never bought A.",
           "这是买过 A 的左右逢源客户的平均钱包份额（上文表格里的数）：题目要的是整个群体合并计算的份额，包括从没买过 A 的客户。",
           lambda brand_panel, min_length=3, core_share=0.5, **_: float(
               _sow(brand_panel).loc[_divided(brand_panel, min_length, core_share)].query("focal_spend > 0")
               ["share_of_wallet"].mean())),
        _m("purchases_for_spend",
           "You counted purchases of A ÷ all purchases: the question measures the share of wallet by spend (the "
           "amount column), not by number of purchases.",
           "你算的是 A 的购买次数 ÷ 全部购买次数：题目按花费（amount 列）衡量钱包份额，不按购买次数。",
           lambda brand_panel, min_length=3, core_share=0.5, **_: float(
               (brand_panel.loc[brand_panel[C].isin(_divided(brand_panel, min_length, core_share)), "brand"]
                == "A").mean())),
        _m("all_customers",
           "You pooled all the customers of the panel: the question asks for the divided-loyal (左右逢源) customers "
           "only.",
           "你把样本里的全部客户都合在了一起：题目只要左右逢源的客户。",
           lambda brand_panel, **_: float(_sow(brand_panel)["focal_spend"].sum()
                                          / _sow(brand_panel)["category_spend"].sum())),
        _m("firm_denominator",
           "You divided by the spend on A of all customers: that is the divided customers' share of our sales. "
           "需求比例 divides by the customers' own demand in the category (what they spend on every brand).",
           "你除以的是全部客户在 A 上的花费：这是左右逢源客户占本企业销售额的比例。需求比例的分母是这些客户自己在该品类的"
           "总需求（他们在所有品牌上的花费）。",
           lambda brand_panel, min_length=3, core_share=0.5, **_: float(
               _sow(brand_panel).loc[_divided(brand_panel, min_length, core_share), "focal_spend"].sum()
               / _sow(brand_panel)["focal_spend"].sum())),
    ])
def _divided_sow(brand_panel, min_length=3, core_share=0.5):
    group = _sow(brand_panel).loc[_divided(brand_panel, min_length, core_share)]
    return float(group["focal_spend"].sum() / group["category_spend"].sum())


# ----------------------------------------------------------------------------------------------
# Interpret


def _first_30_days(data):
    start = pd.to_datetime(data[D]).min().normalize()
    return float(_quiet(loyalty.repeat_purchase, data, start=start, end=start + pd.Timedelta(days=29))["repeat_rate"])


@exercise(
    "loyalty.4", kind="interpret", points=1,
    statement={
        "en": "Section 1 measured the repeat purchase rate of `tx` over the first 30 days and over the whole data. "
              "Which reading of the two numbers is right for **your** data?",
        "zh": "第 1 节分别用前 30 天和全部数据计算了 `tx` 的重复购买率。对**你的**数据来说，下面哪种解读是对的？"},
    hint="Compare the two rates, and the 30 days with the median inter-purchase time of section 1.",
    hint_zh="比较两个重复购买率的高低，再把 30 天和第 1 节的购买间隔中位数比一比。",
    options={
        "a": Option({"en": "Customers became more loyal over time: the longer they know us, the more they repeat.",
                     "zh": "客户随着时间变得更忠诚了：认识我们越久，重复购买越多。"},
                    why={"en": "Both numbers measure the same customers' behaviour, only over windows of different "
                               "length: in a short window a customer cannot be seen buying twice if their purchase "
                               "cycle is longer. The window, not loyalty, changed.",
                         "zh": "两个数衡量的是同一批客户的行为，只是观察期长短不同：观察期短于客户的购买周期时，根本看不到他买第二次。"
                               "变的是观察期，不是忠诚。"}),
        "b": Option({"en": "The short window understates loyalty: within 30 days many customers who do come back "
                           "have not had time to — the period must be longer than the purchase cycle.",
                     "zh": "短观察期低估了忠诚：30 天之内，许多会回来的客户还没来得及回来——观察期必须长于购买周期。"},
                    why={"en": "In your data the 30-day rate is not lower than the whole-data rate: the short window "
                               "did not hide repeat purchases here.",
                         "zh": "在你的数据里，前 30 天的重复购买率并不比全部数据的低：这里短观察期并没有掩盖重复购买。"}),
        "c": Option({"en": "The whole-data rate is inflated: it counts order lines, not purchase occasions.",
                     "zh": "全部数据上的重复购买率被夸大了：它数的是订单行，不是购买次数。"},
                    why={"en": "Both rates count purchase occasions (several lines of a customer on one day are one "
                               "purchase); the difference comes from the length of the period.",
                         "zh": "两个比率都按购买次数计算（同一客户同一天的几行只算一次购买）；差别来自观察期的长短。"}),
        "d": Option({"en": "The short window does not lower the rate here: customers come back within 30 days, so "
                           "even a short period sees their repeat purchases.",
                     "zh": "这里短观察期并没有压低重复购买率：客户在 30 天内就会回来，短观察期也能看到他们的重复购买。"},
                    why={"en": "In your data the 30-day rate is clearly lower than the whole-data rate: compare the two "
                               "numbers.",
                         "zh": "在你的数据里，前 30 天的重复购买率明显低于全部数据的：比一比这两个数。"}),
    })
def _window_reading(data):
    return "b" if _first_30_days(data) < float(_quiet(loyalty.repeat_purchase, data)["repeat_rate"]) else "d"


# ----------------------------------------------------------------------------------------------
# Decide (marked by the instructor with the rubric)


@exercise(
    "loyalty.5", kind="decide", points=2,
    statement={
        "en": "The firm can fund **one** loyalty programme this year. Which group of your `panel` do you target, and "
              "with what? Look at the sizes of the loyalty types (section 6) and their recommendation and price "
              "sensitivity, choose, and justify it in two or three sentences in a comment of the answer cell.",
        "zh": "企业今年只能资助**一项**忠诚计划。你针对 `panel` 中的哪一类客户、用什么办法？参考第 6 节各忠诚类型的人数、"
              "推荐意愿和价格敏感度，作出选择，并在答案单元格的注释里用两三句话说明理由。"},
    hint="Which group already has the attitude and lacks only the behaviour — and what holds it back?",
    hint_zh="哪一类客户已经有了态度（依恋），只缺行为？是什么限制了他们？",
    options={
        "a": {"en": "Latent loyalty (潜在忠诚): remove the barrier that holds them back (e.g. the free-delivery "
                    "threshold, availability)",
              "zh": "潜在忠诚：消除限制他们购买的障碍（如免费送货门槛、供货）"},
        "b": {"en": "Inertia / habitual loyalty (惰性 / 习惯性忠诚): a points programme that rewards every purchase",
              "zh": "惰性 / 习惯性忠诚：每次购买都积分的奖励计划"},
        "c": {"en": "Price loyalty (价格忠诚): permanent discounts", "zh": "价格忠诚：长期打折"},
        "d": {"en": "Super-value loyalty (超值忠诚): a referral reward for recommending us",
              "zh": "超值忠诚：推荐有奖"}},
    rubric={
        "en": "2 points: a, with both reasons — latent-loyal customers already like us (high attachment, high "
              "recommendation) so removing the barrier turns attitude into purchases at little cost, whereas rewards "
              "or discounts for low-attachment customers buy incentive or price loyalty that ends with the programme. "
              "1 point: a with one reason; or d argued from the panel (a large super-value group whose advocacy "
              "brings new customers) while noting they already buy. 0: c (the course: price-loyal customers cannot "
              "become loyal), or b without noting that rewards create incentive loyalty.",
        "zh": "2 分：选 a，并说出两点理由——潜在忠诚的客户已经喜欢我们（依恋高、推荐意愿高），消除障碍就能以很低的成本把态度变成购买；"
              "而给低依恋客户发奖励或打折，换来的只是激励忠诚或价格忠诚，计划一停就会消失。1 分：选 a 但只有一点理由；"
              "或选 d，并用样本数据论证（超值忠诚群体大，他们的推荐能带来新客户），同时指出他们本来就在购买。"
              "0 分：选 c（教材指出价格忠诚的客户不能发展成为忠诚客户），或选 b 却没有意识到奖励只会制造激励忠诚。"},
    model_answer={
        "en": "a. Latent-loyal customers have the attitude (high attachment, they recommend us) but not the behaviour, "
              "because something holds them back — in the course's example, free delivery only above 1,000 yuan. "
              "Removing that barrier converts existing attachment into repeat purchases, moving them towards "
              "super-value loyalty. A points programme for inertia or habitual buyers only adds incentive loyalty, "
              "which disappears when a competitor offers more; discounts attract price-loyal customers, whom the "
              "course says cannot become loyal; super-value customers already buy and recommend.",
        "zh": "选 a。潜在忠诚的客户有态度（依恋高、愿意推荐），却没有相应的行为，因为有东西限制了他们——就像教材的例子：只对消费额超过"
              "1000 元的顾客免费送货。消除这个障碍，就能把已有的依恋转化为重复购买，使他们向超值忠诚靠拢。给惰性或习惯性忠诚的客户"
              "做积分，只会叠加一层激励忠诚，竞争对手给得更多时就会消失；打折吸引的是价格忠诚的客户，教材说这类客户不能发展成为"
              "忠诚客户；超值忠诚的客户本来就在购买和推荐。"},
    )
def _programme_decision(**_):
    return "a"


# ----------------------------------------------------------------------------------------------
# Concept checks (判断题 / 选择题, in the style of the course texts' own questions)


@exercise(
    "loyalty.6", kind="concept", points=1,
    statement={
        "en": "True or false: a customer who likes a product very much (high preference, 喜好程度) is always "
              "strongly attached (依恋) to it, even if they see no difference between it and other brands.",
        "zh": "判断题：顾客对某产品的喜好程度很高，即使认为它和其他品牌没有什么差别，他对该产品的依恋程度也一定很强烈。"},
    hint="The course says attachment depends on two things: which two?",
    hint_zh="教材说，顾客对产品或服务的依恋程度取决于哪两个方面？",
    options={
        "true": Option({"en": "True", "zh": "对"},
                       why={"en": "Attachment = preference × perceived differentiation (依恋 = 喜好程度 × 差异化程度): "
                                  "with no perceived difference from other products, even a liked product does not win "
                                  "strong attachment — the customer can switch to an equal one.",
                            "zh": "依恋 = 喜好程度 × 差异化程度：顾客认为它与其他产品没有差别时，即使喜欢，也形成不了强烈的依恋——"
                                  "换一个差不多的产品对他来说无所谓。"}),
        "false": Option({"en": "False", "zh": "错"}),
    })
def _attachment():
    return "false"


_SEVEN = {
    "monopoly": {"en": "monopoly loyalty (垄断忠诚)", "zh": "垄断忠诚"},
    "inertia": {"en": "inertia loyalty (惰性忠诚)", "zh": "惰性忠诚"},
    "latent": {"en": "latent loyalty (潜在忠诚)", "zh": "潜在忠诚"},
    "incentive": {"en": "incentive loyalty (激励忠诚)", "zh": "激励忠诚"},
    "super_value": {"en": "super-value loyalty (超值忠诚)", "zh": "超值忠诚"},
}


@exercise(
    "loyalty.7", kind="concept", points=1,
    statement={
        "en": "Multiple choice: a customer likes your shop and would like to keep buying there, but the shop delivers "
              "free only on orders above 1,000 yuan, so they rarely buy. Which loyalty type is this?",
        "zh": "选择题：一位客户喜欢你的店，也希望继续购买，但店家只对消费额超过 1000 元的顾客免费送货，所以他很少来买。"
              "这属于哪种忠诚？"},
    hint="Is the attachment high or low, and is the repeat purchase high or low? What holds the customer back?",
    hint_zh="这位客户的依恋是高还是低？重复购买是多还是少？是什么限制了他？",
    options={
        "a": Option(_SEVEN["inertia"],
                    why={"en": "Inertia loyalty is the opposite case: customers who buy again and again without "
                               "attachment, only because searching for another supplier is a bother. This customer "
                               "is attached but buys little.",
                         "zh": "惰性忠诚正好相反：客户没有依恋，只是懒得另找供应商，所以一再重复购买。这位客户有依恋，却买得少。"}),
        "b": Option(_SEVEN["incentive"],
                    why={"en": "Incentive loyalty is buying for a reward, with low attachment; here there is no reward, "
                               "and the customer is attached — a rule keeps them from buying.",
                         "zh": "激励忠诚是冲着奖励购买，依恋低；这里没有奖励，客户也有依恋——是企业的规定让他买不了。"}),
        "c": Option(_SEVEN["latent"]),
        "d": Option(_SEVEN["super_value"],
                    why={"en": "Super-value loyalty needs high attachment and high repeat purchase; this customer rarely "
                               "buys.",
                         "zh": "超值忠诚要求依恋高、重复购买也多；这位客户很少购买。"}),
    })
def _free_delivery():
    return "c"


@exercise(
    "loyalty.8", kind="concept", points=1,
    statement={
        "en": "Multiple choice: a retailer has bought from the same wholesaler every week for years. Asked why, they "
              "say they are not satisfied with it, but looking for another wholesaler is too much trouble. Which "
              "loyalty type is this?",
        "zh": "选择题：一位零售商多年来每周都从同一家批发商进货。问他原因，他说对这家批发商并不满意，只是懒得去找别家。"
              "这属于哪种忠诚？"},
    hint="High or low attachment, high or low repeat purchase — and what does the customer give as the reason?",
    hint_zh="依恋是高是低？重复购买是多是少？客户自己说的购买原因是什么？",
    options={
        "a": Option(_SEVEN["monopoly"],
                    why={"en": "Monopoly loyalty means the customer has no choice; here other wholesalers exist — the "
                               "customer just does not look for them.",
                         "zh": "垄断忠诚是客户别无选择；这里有别的批发商，只是客户懒得去找。"}),
        "b": Option(_SEVEN["latent"],
                    why={"en": "Latent loyalty is attachment without purchases (held back by a rule or circumstances); "
                               "this customer buys all the time without attachment — spurious loyalty, here from "
                               "inertia. Confusing the two mistakes behaviour for attitude.",
                         "zh": "潜在忠诚是有依恋却买得少（受规定或环境限制）；这位客户没有依恋却一直在买——是惯性（虚假）忠诚，"
                               "这里的来源是惰性。把两者混为一谈，就是把行为当成了态度。"}),
        "c": Option(_SEVEN["super_value"],
                    why={"en": "Super-value loyalty rests on attachment — customers who praise and recommend us; this "
                               "one is not satisfied, and would be easily lured away.",
                         "zh": "超值忠诚建立在依恋之上——客户乐于宣传和推荐；这位客户并不满意，很容易被人挖走。"}),
        "d": Option(_SEVEN["inertia"]),
    })
def _inertia():
    return "d"


@exercise(
    "loyalty.9", kind="concept", points=1,
    statement={
        "en": "Multiple choice: the **repeat purchase rate** (重复购买率, 回头率) of a period is …",
        "zh": "选择题：某一时期的**重复购买率**（回头率）是指……"},
    hint="Who is in the denominator — every customer the firm has ever had, or only some of them?",
    hint_zh="分母里是谁——企业有过的全部客户，还是其中的一部分？",
    options={
        "a": Option({"en": "repeat buyers of the period ÷ all customers in the firm's database",
                     "zh": "期内重复购买的客户数 ÷ 企业客户库中的全部客户数"},
                    why={"en": "A customer who did not buy in the period can neither repeat nor fail to: the denominator "
                               "is the customers who bought in the period. Dividing by the whole database mixes "
                               "repeat purchase with activity.",
                         "zh": "期内没有购买的客户谈不上重复购买与否：分母是期内购买过的客户。除以整个客户库，就把重复购买和"
                               "客户是否活跃混在了一起。"}),
        "b": Option({"en": "the order lines of the period that belong to repeat buyers ÷ all order lines",
                     "zh": "期内属于重复购买客户的订单行数 ÷ 全部订单行数"},
                    why={"en": "Order lines are not purchases: one purchase occasion can have many lines, and the "
                               "rate counts customers, not rows.",
                         "zh": "订单行不等于购买：一次购买可能有很多行，而且重复购买率数的是客户，不是行。"}),
        "c": Option({"en": "the customers who bought at least twice in the period ÷ the customers who bought in the period",
                     "zh": "期内至少购买两次的客户数 ÷ 期内购买过的客户数"}),
        "d": Option({"en": "the customers who bought at least twice ÷ the customers who bought, over any period: a week "
                           "is as good as a year",
                     "zh": "至少购买两次的客户数 ÷ 购买过的客户数，观察期长短无所谓——一周和一年一样"},
                    why={"en": "The period must be longer than the purchase cycle, otherwise customers who do come back "
                               "are counted as one-time buyers.",
                         "zh": "观察期必须长于购买周期，否则会回来的客户也被当成只买一次的客户。"}),
    })
def _rate_definition():
    return "c"


@exercise(
    "loyalty.10", kind="concept", points=1,
    statement={
        "en": "True or false: the course's **需求比例** (share of wallet) is the customer's purchases from the firm as "
              "a share of the firm's total sales.",
        "zh": "判断题：教材中的**需求比例**是客户购买本企业产品的数量占本企业产品总销量的比例。"},
    hint="Whose total is in the denominator — the firm's, or the customer's?",
    hint_zh="分母是谁的总量——企业的，还是客户自己的？",
    options={
        "true": Option({"en": "True", "zh": "对"},
                       why={"en": "That is the customer's share of our sales (how big a customer is to us). 需求比例 "
                                  "divides by the customer's own total demand in the category — what they buy from us "
                                  "and from competitors — so it shows how much of the customer we have won.",
                            "zh": "那是客户占本企业销量的比例（客户对我们有多大）。需求比例的分母是客户自己在该类产品上的总需求量——"
                                  "包括他从竞争对手那里买的——它说明我们赢得了这位客户多少份额。"}),
        "false": Option({"en": "False", "zh": "错"}),
    })
def _share_of_wallet():
    return "false"
