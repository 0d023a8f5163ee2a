"""Exercises of notebook 02 (RFM segmentation): R, F, M, scores, the mean-split types, campaigns.

Compute questions run on the student's own ``tx`` (``"synthetic:<seed>"`` or any data set) and ask for a
number the notebook does not print; each lists the wrong answers a known misconception produces, so
``check`` names the mistake: recency counted from the wrong date (the last purchase day instead of the day
after it, or today), rows counted instead of orders, a percentage entered for a share and a share for a
percentage, recency scored the wrong way round, customers counted instead of revenue.
"""

from __future__ import annotations

import pandas as pd

from ... import schema
from ...rfm import rfm_scores, rfm_table, segments
from ..mistakes import COMPLEMENT, PERCENT_FOR_SHARE, SHARE_FOR_PERCENT
from ..registry import Misconception, Option, exercise

C = schema.CUSTOMER


def _m(key, en, zh, wrong):
    return Misconception(key, {"en": en, "zh": zh}, wrong=wrong)


def _rows_per_customer(data):
    """Rows of ``tx`` per customer: the frequency of someone who counts order lines."""
    return data.groupby(C).size()


ROWS_FOR_ORDERS = {
    "en": "You counted rows (order lines) per customer, not orders: one order has several lines. Frequency counts "
          "purchases — distinct orders, as rfm_table does.",
    "zh": "你数的是每位客户的行数（订单行），不是订单数：一笔订单可能有好几行。消费频率数的是购买次数——不同的订单，"
          "和 rfm_table 的做法一样。"}


# ----------------------------------------------------------------------------------------------
# Compute


@exercise(
    "rfm.1", points=1,
    statement={
        "en": "What **share** of the customers of `tx` bought **at least three times** (frequency F ≥ 3, counted in "
              "orders as `rfm_table` counts them)? Give a share between 0 and 1.",
        "zh": "`tx` 的客户中，**至少购买过三次**（消费频率 F ≥ 3，按 `rfm_table` 的口径数订单）的客户占多大**比例**？"
              "请填 0 到 1 之间的比例。"},
    hint="rfm_table(tx) has one row per customer and counts frequency in orders; take the customers with "
         "frequency >= 3 and divide by all customers.",
    hint_zh="rfm_table(tx) 每行是一位客户，frequency 按订单计数。选出 frequency >= 3 的客户，再除以客户总数；"
            "注意“至少三次”包括三次本身。",
    misconceptions=[
        PERCENT_FOR_SHARE,
        _m("rows_for_orders", ROWS_FOR_ORDERS["en"], ROWS_FOR_ORDERS["zh"],
           lambda data, **_: float((_rows_per_customer(data) >= 3).mean())),
        _m("more_than_three",
           "You took the customers with more than three purchases: “at least three” includes exactly three (>=, not >).",
           "你选的是购买超过三次的客户：“至少三次”包括正好三次（用 >=，不是 >）。",
           lambda data, **_: float((rfm_table(data)["frequency"] > 3).mean())),
        _m("count_for_share",
           "That is a number of customers: the question asks for their share of all customers (divide by the number "
           "of customers).",
           "你填的是客户人数：题目要的是他们占全部客户的比例（再除以客户总数）。",
           lambda data, **_: int((rfm_table(data)["frequency"] >= 3).sum())),
        COMPLEMENT,
    ])
def _three_or_more_share(data):
    return float((rfm_table(data)["frequency"] >= 3).mean())


def _top_customer(data):
    table = rfm_table(data)
    return table, table["revenue"].idxmax()


@exercise(
    "rfm.2", points=1,
    statement={
        "en": "Take the customer of `tx` with the **largest total revenue**. What is their **recency** R in days, "
              "counted to the default snapshot (the analysis date)? Give a whole number of days.",
        "zh": "找出 `tx` 中**累计收入最高**的那位客户。按默认的分析日期计算，他的**最近一次消费** R 是多少天？请填整数天数。"},
    hint="The default snapshot is the day after the last transaction in tx, not that last day and not today. "
         "Find the customer with the largest revenue in rfm_table(tx) and read their recency.",
    hint_zh="默认的分析日期是 tx 中最后一笔交易的次日——既不是最后交易日本身，也不是今天。在 rfm_table(tx) 里找出 "
            "revenue 最大的客户，读出他的 recency。",
    misconceptions=[
        _m("last_day_as_snapshot",
           "You counted recency to the last transaction day of tx: the default snapshot is the day after it, so a "
           "customer who bought on the last day is one day old, not zero days.",
           "你把 tx 的最后交易日当成了分析日期：默认的分析日期是它的次日，所以在最后一天购买的客户 R 是一天，而不是零天。",
           lambda data, **_: int(_top_customer(data)[0].loc[_top_customer(data)[1], "recency"]) - 1),
        _m("from_today",
           "You counted recency to today: the snapshot is a fixed date of the data (the day after the last "
           "transaction), so the result does not change with the day you run the notebook.",
           "你是从今天往回数的：分析日期是数据里一个固定的日子（最后一笔交易的次日），结果不应随你运行笔记本的日子而变。",
           lambda data, **_: int((pd.Timestamp.today().normalize()
                                  - _top_customer(data)[0].loc[_top_customer(data)[1], "last_purchase"]).days)),
        _m("first_purchase",
           "You counted from the customer's first purchase: recency is the time since the last (most recent) purchase.",
           "你是从这位客户的第一次购买算起的：最近一次消费 R 是距最后一次（最近一次）购买的时间。",
           lambda data, **_: int((pd.Timestamp(_top_customer(data)[0].attrs["snapshot"])
                                  - _top_customer(data)[0].loc[_top_customer(data)[1], "first_purchase"]).days)),
    ])
def _top_customer_recency(data):
    table, top = _top_customer(data)
    return int(table.loc[top, "recency"])


def _important_value(data):
    table = rfm_table(data)
    return table, segments(table)["segment_key"] == "Important value"


@exercise(
    "rfm.3", points=1, rel_tol=1e-6, abs_tol=0.006,
    statement={
        "en": "Split the customers of `tx` into the eight mean-split types (`rfm.segments(rfm.rfm_table(tx))`). What "
              "**percentage** of all **orders** (the sum of frequency F) do the 重要价值客户 (Important value) place? "
              "Answer in percent (`12.34` for 12.34 %), rounded to two decimals. The table in section 3 gives their "
              "share of customers and of revenue, not of orders.",
        "zh": "把 `tx` 的客户按均值划分为八类（`rfm.segments(rfm.rfm_table(tx))`）。重要价值客户的订单数（消费频率 F "
              "之和）占全部订单的**百分之几**？用百分数作答（12.34% 就填 `12.34`），保留两位小数。第 3 节的表给出的是"
              "他们的人数占比和收入占比，不是订单占比。"},
    hint="Sum the frequency of the customers whose segment_key is 'Important value', divide by the sum of frequency "
         "over all customers, times 100.",
    hint_zh="把 segment_key 为 'Important value' 的客户的 frequency 加总，除以全部客户 frequency 之和，再乘以 100。",
    misconceptions=[
        SHARE_FOR_PERCENT,
        _m("revenue_for_orders",
           "That is their share of revenue: the question asks for their share of orders (sum the frequency column).",
           "这是他们的收入占比：题目问的是订单占比（加总 frequency 列）。",
           lambda data, **_: 100 * float(_important_value(data)[0].loc[_important_value(data)[1], "revenue"].sum()
                                         / _important_value(data)[0]["revenue"].sum())),
        _m("customers_for_orders",
           "That is their share of customers: a customer of this type places several orders — weight each customer "
           "by their frequency.",
           "这是他们的人数占比：这类客户每人下过好几笔订单——要按每位客户的消费频率加权。",
           lambda data, **_: 100 * float(_important_value(data)[1].mean())),
        _m("rows_for_orders",
           "You counted rows (order lines) of tx, not orders: one order has several lines. Sum the frequency column "
           "of the RFM table.",
           "你数的是 tx 的行数（订单行），不是订单数：一笔订单可能有好几行。应加总 RFM 表的 frequency 列。",
           lambda data, **_: 100 * float(data[C].isin(
               _important_value(data)[0].index[_important_value(data)[1]]).mean())),
    ])
def _important_value_order_percent(data):
    table, mask = _important_value(data)
    return 100 * float(table.loc[mask, "frequency"].sum() / table["frequency"].sum())


def _scored(data):
    return rfm_scores(rfm_table(data))


@exercise(
    "rfm.4", points=1, rel_tol=1e-3, abs_tol=1e-4,
    statement={
        "en": "Score the customers of `tx` with the default scores (`rfm.rfm_scores(rfm.rfm_table(tx))`: five levels, "
              "quantile cuts). What **share** of total revenue comes from the customers with **R score 5**? Give a "
              "share between 0 and 1.",
        "zh": "用默认的打分方式给 `tx` 的客户打分（`rfm.rfm_scores(rfm.rfm_table(tx))`：5 分制，按分位数切分）。"
              "**R 得分为 5** 的客户贡献了全部收入的多大**比例**？请填 0 到 1 之间的比例。"},
    hint="Select the customers with r_score == 5, sum their revenue and divide by the revenue of all customers.",
    hint_zh="选出 r_score == 5 的客户，把他们的 revenue 加总，再除以全部客户的 revenue。先想清楚 R 得分 5 的客户是"
            "最近刚买过的，还是很久没买的。",
    misconceptions=[
        _m("recency_reversed",
           "You scored recency the wrong way round: you took the customers whose last purchase lies furthest back. "
           "R score 5 goes to the fewest days since the last purchase (the most recent customers).",
           "你把 R 的计分方向弄反了：你选的是最近一次消费离分析日期最远的客户。R 得分 5 给的是距上次购买天数最少"
           "（最近刚买过）的客户。",
           lambda data, **_: float(_scored(data).pipe(
               lambda s: s.loc[s["r_score"] == 1, "revenue"].sum() / s["revenue"].sum()))),
        _m("customers_for_revenue",
           "That is their share of customers: the question asks for their share of revenue (sum their revenue).",
           "这是他们的人数占比：题目问的是收入占比（把他们的 revenue 加总）。",
           lambda data, **_: float((_scored(data)["r_score"] == 5).mean())),
        PERCENT_FOR_SHARE,
    ])
def _recent_revenue_share(data):
    s = _scored(data)
    return float(s.loc[s["r_score"] == 5, "revenue"].sum() / s["revenue"].sum())


# ----------------------------------------------------------------------------------------------
# Interpret


def _m_high_share(data):
    table = rfm_table(data)
    return float((table["monetary"] > table["monetary"].mean()).mean())


@exercise(
    "rfm.5", kind="interpret", points=1,
    statement={
        "en": "The course's mean split calls a customer **M↑** when their monetary value is above the mean. Count the "
              "M↑ customers of **your** `tx` (from `rfm.rfm_table(tx)`). Which reading is right for your data?",
        "zh": "教材的均值划分把消费金额高于平均值的客户记为 **M↑**。数一数**你的** `tx` 中 M↑ 的客户有多少"
              "（用 `rfm.rfm_table(tx)`）。对你的数据来说，哪种解读是对的？"},
    hint="Compute the share of customers whose monetary is above the mean monetary, and compare it with one half.",
    hint_zh="算出 monetary 高于平均值的客户占全部客户的比例，再和二分之一比一比。",
    options={
        "a": Option({"en": "About half of the customers (40–60 %) are M↑: the mean splits them into two similar halves.",
                     "zh": "大约一半客户（40%–60%）是 M↑：均值把客户分成人数相近的两半。"},
                    why={"en": "That is what the median does, not the mean. In your data the share above the mean is "
                               "far from a half: count the M↑ customers.",
                         "zh": "那是中位数的性质，不是均值的。在你的数据里，高于均值的客户比例离一半很远：数一数 M↑ 的客户。"}),
        "b": Option({"en": "Fewer than 40 % are M↑: a few big spenders pull the mean up, so “high” is a minority and "
                           "the M↑ types are small.",
                     "zh": "M↑ 的客户不到 40%：少数大客户把均值拉高了，“高”只是少数，M↑ 的几类客户人数都不多。"},
                    why={"en": "In your data M↑ is not a minority: count the customers above the mean.",
                         "zh": "在你的数据里，M↑ 并不是少数：数一数高于均值的客户。"}),
        "c": Option({"en": "More than 60 % are M↑: many small spenders pull the mean down.",
                     "zh": "M↑ 的客户超过 60%：许多小客户把均值拉低了。"},
                    why={"en": "In your data M↑ is not the majority — spending is skewed to the right, a few big "
                               "spenders pull the mean up: count the customers above the mean.",
                         "zh": "在你的数据里，M↑ 不是多数——消费金额右偏，少数大客户把均值拉高了：数一数高于均值的客户。"}),
        "d": Option({"en": "Exactly the customers with M score 5, the top fifth.",
                     "zh": "正好就是 M 得分为 5 的客户，即消费金额最高的五分之一。"},
                    why={"en": "The mean split and the five-point score are different cuts: M score 5 is the top "
                               "fifth by quantile, M↑ is everyone above the mean, however many that is.",
                         "zh": "均值划分和 5 分制打分是两种不同的切分：M 得分 5 是按分位数取的前五分之一，M↑ 是所有高于均值的客户，"
                               "人数多少不定。"}),
    })
def _m_high_reading(data):
    share = _m_high_share(data)
    return "b" if share < 0.4 else "c" if share > 0.6 else "a"


@exercise(
    "rfm.6", kind="interpret", points=1,
    statement={
        "en": "With the default five-level scores, a customer's **RFM cell** is `155`. Which reading is right?",
        "zh": "在默认的 5 分制打分下，某位客户的 **RFM 单元**是 `155`。下列哪种解读是对的？"},
    hint="Read the digits in the order R, F, M, and recall which way each score runs.",
    hint_zh="三位数字依次是 R、F、M 的得分；回忆每个得分是哪个方向越高越好。",
    options={
        "a": Option({"en": "A very recent buyer who buys often and spends a lot: the best kind of customer.",
                     "zh": "最近刚买过、购买频繁、花钱很多：最好的那类客户。"},
                    why={"en": "That reads recency the wrong way round: R score 1 goes to the customers whose last "
                               "purchase lies furthest back; the most recent get 5.",
                         "zh": "这是把 R 的方向读反了：R 得分 1 给的是最近一次消费离分析日期最远的客户，最近刚买过的得 5 分。"}),
        "b": Option({"en": "A customer with a total score of 155 out of 555: about average.",
                     "zh": "总分 155（满分 555）的客户：大致处于中等水平。"},
                    why={"en": "The cell is three scores side by side, not a number: its total score is RS + FS + MS "
                               "= 11 of 15 with equal weights.",
                         "zh": "RFM 单元是三个得分并排写在一起，不是一个数：等权重时它的总分是 RS + FS + MS = 11（满分 15）。"}),
        "c": Option({"en": "A customer who used to buy often and spend a lot but has not bought for a long time: "
                           "valuable and slipping away — contact them before they are lost.",
                     "zh": "过去购买频繁、花钱很多，但已经很久没有再买：价值高、正在流失——要在失去他之前主动联系。"}),
        "d": Option({"en": "One of the 125 customers of the analysis.",
                     "zh": "分析中 125 位客户中的一位。"},
                    why={"en": "125 = 5 × 5 × 5 is the number of cells, not of customers: a cell holds any number of "
                               "customers, or none.",
                         "zh": "125 = 5 × 5 × 5 是 RFM 单元的个数，不是客户数：一个单元里可以有任意多位客户，也可以一位都没有。"}),
    })
def _cell_reading(**_):
    return "c"


# ----------------------------------------------------------------------------------------------
# Decide


@exercise(
    "rfm.7", kind="decide", points=2,
    statement={
        "en": "The shop has a **limited budget**: account managers can phone a few hundred customers this month, "
              "to bring back customers before they are lost. Which mean-split type gets the budget? Look at the "
              "sizes, revenue shares and mean R, F, M of the eight types of **your** `tx` in section 3, choose, and "
              "justify your choice in two or three sentences (in a markdown cell).",
        "zh": "本月预算**有限**：客户经理只能给几百位客户打电话，目的是在客户流失之前把他们拉回来。这笔预算应投给均值划分的"
              "哪一类客户？看看第 3 节中**你的** `tx` 八类客户的人数、收入占比和平均 R、F、M，做出选择，并在一个 markdown "
              "单元格里用两三句话说明理由。"},
    hint="Which type has bought often and spent a lot, yet has not bought recently?",
    hint_zh="哪一类客户过去买得多、花得多，但最近没有再来？",
    options={"a": {"en": "重要价值客户 Important value (R↑F↑M↑)", "zh": "重要价值客户（R↑F↑M↑）"},
             "b": {"en": "重要保持客户 Important retention (R↓F↑M↑)", "zh": "重要保持客户（R↓F↑M↑）"},
             "c": {"en": "重要挽留客户 Important win-back (R↓F↓M↑)", "zh": "重要挽留客户（R↓F↓M↑）"},
             "d": {"en": "一般挽留客户 General win-back (R↓F↓M↓)", "zh": "一般挽留客户（R↓F↓M↓）"}},
    rubric={
        "en": "2 points: b, with both reasons — these customers were valuable (F↑ and M↑: frequent, high spend) and are "
              "slipping away (R↓), so a personal call has the most value to save; and the choice refers to the "
              "student's own table (their size fits the budget, or their revenue share). 1 point: b with one reason, or "
              "c argued from high M and a remark that their lower frequency makes a return less likely. 0 points: a "
              "(they are still active and need care, not a win-back call) or d (little value to save).",
        "zh": "2 分：选 b，并说出两点理由——这类客户过去价值高（F↑、M↑：购买频繁、花钱多），而且正在流失（R↓），"
              "一对一的电话能挽回的价值最大；并结合自己数据的表格（人数与预算相称，或者收入占比）。1 分：选 b 但只有一点"
              "理由；或选 c，理由是 M 高，并指出其频率低、回头的可能性更小。0 分：选 a（他们仍然活跃，需要的是维护，不是挽回电话）"
              "或 d（能挽回的价值很小）。"},
    model_answer={
        "en": "b. 重要保持客户 bought often and spent much (F↑M↑) but their last purchase is longer ago than average "
              "(R↓): they are the valuable customers most at risk, and a personal call is the course's action for "
              "them (主动联系). Important value customers are still active (R↑) and need no win-back; general win-back "
              "customers have little value to save; important win-back customers spent much but bought seldom, so "
              "they come second if the budget allows. In my data, this type's size and revenue share in section 3 "
              "show whether a few hundred calls cover it.",
        "zh": "选 b。重要保持客户过去购买频繁、花钱多（F↑M↑），但最近一次消费比平均水平久远（R↓）：他们是价值高、流失风险"
              "也高的客户，教材对他们的策略就是主动联系。重要价值客户仍然活跃（R↑），不需要挽回；一般挽留客户能挽回的价值很小；"
              "重要挽留客户花钱多但购买少，预算有余时排第二。结合第 3 节表格中这一类的人数和收入占比，可以判断几百个电话"
              "能否覆盖他们。"},
    )
def _campaign_budget(**_):
    return "b"


# ----------------------------------------------------------------------------------------------
# Concept checks (判断题 / 选择题, in the style of the course texts' own review questions)


@exercise(
    "rfm.8", kind="concept", points=1,
    statement={
        "en": "True or false: in RFM analysis, the higher a customer's R score, the longer ago their last purchase.",
        "zh": "判断题：RFM 分析中，客户的 R 得分越高，说明他距离最近一次消费的时间越长。"},
    hint="The course text: RS is computed from the date of the last transaction — which way does the score run?",
    hint_zh="教材：RS 是基于最近一次交易日期计算的得分——距离当前日期越近，得分越高还是越低？",
    options={
        "true": Option({"en": "True", "zh": "对"},
                       why={"en": "That is recency scored the wrong way round: the course text says the closer the last "
                                  "transaction is to the analysis date, the higher RS — a high R score is a recent buyer.",
                            "zh": "这是把 R 的计分方向弄反了：教材说，最近一次交易距离当前日期越近，RS 得分越高——R 得分高的是"
                                  "最近刚买过的客户。"}),
        "false": Option({"en": "False", "zh": "错"}),
    })
def _r_direction():
    return "false"


@exercise(
    "rfm.9", kind="concept", points=1,
    statement={
        "en": "Multiple choice: when R, F and M are each scored on a five-point scale, how many RFM cells (细分市场) are "
              "there?",
        "zh": "选择题：R、F、M 各按 5 分制打分时，一共可以得到多少个 RFM 单元（细分市场）？"},
    hint="Each customer gets one of five R scores, one of five F scores and one of five M scores.",
    hint_zh="每位客户的 R、F、M 得分各有 5 种可能，组合起来有多少种？",
    options={
        "a": Option({"en": "15", "zh": "15 个"},
                    why={"en": "15 adds the levels (5 + 5 + 5), or is the top total score: cells combine the three "
                               "scores, so the counts multiply.",
                         "zh": "15 是把档数相加（5 + 5 + 5），也是等权重总分的最高分：单元是三个得分的组合，个数要相乘。"}),
        "b": Option({"en": "8", "zh": "8 个"},
                    why={"en": "8 = 2 × 2 × 2 are the mean-split types (high/low on each dimension), the course's "
                               "grouping of the cells, not the cells of a five-point scale.",
                         "zh": "8 = 2 × 2 × 2 是均值划分的八类客户（每个维度分高、低），是教材对单元的进一步归并，不是 5 分制的单元数。"}),
        "c": Option({"en": "243", "zh": "243 个"},
                    why={"en": "243 = 3⁵ swaps the roles: five levels on three dimensions give 5³.",
                         "zh": "243 = 3⁵ 把底数和指数弄反了：三个维度、每个 5 档，是 5³。"}),
        "d": Option({"en": "125", "zh": "125 个"}),
    })
def _cells():
    return "d"


@exercise(
    "rfm.10", kind="concept", points=1,
    statement={
        "en": "Multiple choice: in the course's mean split, a customer who bought **more recently** than average, "
              "**less often** than average and spent **more** than average (R↑F↓M↑) is a …",
        "zh": "选择题：按教材的均值划分，最近一次消费比平均更近、消费频率低于平均、消费金额高于平均（R↑F↓M↑）的客户属于"},
    hint="M↑ makes the type 重要…; then ask what the firm wants from a recent, big-spending customer who buys seldom.",
    hint_zh="M↑ 决定了是“重要”客户；再想想：对一位最近来过、花钱多但买得少的客户，企业最想做的是什么？",
    options={
        "a": Option({"en": "重要价值客户 (Important value)", "zh": "重要价值客户"},
                    why={"en": "Important value needs all three high (R↑F↑M↑); this customer buys less often than average.",
                         "zh": "重要价值客户要求三项都高（R↑F↑M↑）；这位客户的消费频率低于平均。"}),
        "b": Option({"en": "重要发展客户 (Important development)", "zh": "重要发展客户"}),
        "c": Option({"en": "重要保持客户 (Important retention)", "zh": "重要保持客户"},
                    why={"en": "Important retention is R↓F↑M↑: frequent buyers who have not come back lately — the "
                               "opposite R and F of this customer.",
                         "zh": "重要保持客户是 R↓F↑M↑：过去常买、最近没来——R 和 F 正好与这位客户相反。"}),
        "d": Option({"en": "一般发展客户 (General development)", "zh": "一般发展客户"},
                    why={"en": "“General” types have M↓; this customer spends more than average, so the type is "
                               "“important”.",
                         "zh": "“一般”类客户的 M 都是↓；这位客户的消费金额高于平均，属于“重要”类。"}),
    })
def _mean_split_type():
    return "b"


@exercise(
    "rfm.11", kind="concept", points=1,
    statement={
        "en": "True or false: the course text holds that for firms of different industries it is not fair to average "
              "each customer's R, F and M scores with equal weight to obtain the RFM segments.",
        "zh": "判断题：教材指出，针对不同行业的企业，如果仅把每位客户的 R、F、M 得分简单平均来得到 RFM 细分市场，并不公平。"},
    hint="Think of a grocery chain and a car dealer: does frequency matter as much to both?",
    hint_zh="想一想超市和汽车经销商：消费频率对两者同样重要吗？",
    options={
        "true": Option({"en": "True", "zh": "对"}),
        "false": Option({"en": "False", "zh": "错"},
                        why={"en": "The course text says exactly this: an equal-weight average is not fair across "
                                   "industries — a grocery chain may weight F, a car dealer M (the weights of "
                                   "rfm_scores).",
                             "zh": "教材正是这样说的：不分行业地简单平均并不公平——超市可能更看重 F，汽车经销商更看重 M"
                                   "（即 rfm_scores 的 weights 参数）。"}),
    })
def _weights():
    return "true"
