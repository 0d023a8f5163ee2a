"""Exercises of notebook 06 (customer lifecycle): cohorts, stages, churn, retention curves.

Compute questions ask for a number the notebook does not print (the student computes it on their own
data); each lists the wrong answers a known misconception produces, computed by hand here, so
``check`` names the mistake: a percentage for a share, rows counted instead of purchase occasions,
churn counted from the wrong date, the retention of the wrong period, censored customers mishandled.
"""

from __future__ import annotations

import pandas as pd

from ... import lifecycle, schema
from ...loyalty import retention_by_period
from ..mistakes import COMPLEMENT, PERCENT_FOR_SHARE
from ..registry import Misconception, Option, exercise

C, D = schema.CUSTOMER, schema.DATE


def _until(data, snapshot=None):
    """The rows on or before ``snapshot`` (all rows without one)."""
    dates = pd.to_datetime(data[D])
    return data if snapshot is None else data[dates <= pd.Timestamp(snapshot)]


# ------------------------------------------------------------------------------------------
# lifecycle.1 — the next-period repeat share of all cohorts together
# ------------------------------------------------------------------------------------------

def _cohort_counts(data, freq):
    return lifecycle.cohort_table(data, freq=freq, normalize=False)


def _unweighted(data, freq="M", **_):
    return float(lifecycle.cohort_table(data, freq=freq)[1].mean())


def _unobserved_as_zero(data, freq="M", **_):
    counts = _cohort_counts(data, freq)
    return float(counts[1].fillna(0).sum() / counts[0].sum())


@exercise(
    "lifecycle.1",
    statement={
        "en": "Take all acquisition cohorts of `tx` together (periods of `cohort_freq`). Of the customers whose "
              "next period after acquisition lies within the data, what **share** bought again in that next "
              "period (column 1)? Give a share between 0 and 1; the notebook prints each cohort's share, not "
              "this pooled one.",
        "zh": "把 `tx` 的所有获客同期群合在一起（时期长度为 `cohort_freq`）。在获客后的下一期仍落在数据时间范围内"
              "的客户中，有多大**比例**在下一期（第 1 列）再次购买？请填 0 到 1 之间的比例；上文只列出了各同期群"
              "各自的比例，没有这个合并后的比例。"},
    hint="Use lifecycle.cohort_table(tx, freq=cohort_freq, normalize=False): customers, not shares. Add up "
         "column 1 and divide by the cohort sizes (column 0) of the same cohorts, leaving out the cohorts whose "
         "column 1 is empty.",
    hint_zh="用 lifecycle.cohort_table(tx, freq=cohort_freq, normalize=False) 得到人数而不是比例；把第 1 列的人数"
            "加总，再除以同一批同期群的规模（第 0 列）之和；第 1 列为空的同期群不要算进去。",
    misconceptions=[
        PERCENT_FOR_SHARE,
        Misconception("unweighted_mean",
                      {"en": "You averaged the cohorts' shares, so a cohort of ten customers counts as much as one of "
                             "a thousand: pool the customers (add the counts, then divide).",
                       "zh": "你把各同期群的比例直接做了平均，十个人的同期群和一千人的同期群分量一样；应当把人数合在一起"
                             "（先加总人数，再相除）。"},
                      wrong=_unweighted),
        Misconception("unobserved_as_zero",
                      {"en": "You counted cohorts whose next period lies beyond the end of the data as if none of "
                             "their customers bought again: an empty cell is not observed, not zero — leave those "
                             "cohorts out of the denominator.",
                       "zh": "你把下一期已超出数据时间范围的同期群也算了进去，当作没有人再次购买；空单元格表示还没观察到，"
                             "不是 0，这些同期群不应进入分母。"},
                      wrong=_unobserved_as_zero),
        Misconception("period_zero",
                      {"en": "That is period 0, the acquisition period itself, which is 100 % by definition: the "
                             "question asks for the next period (column 1).",
                       "zh": "这是第 0 期，也就是获客当期，按定义恒为 100%；题目问的是下一期（第 1 列）。"},
                      wrong=lambda **_: 1.0),
    ])
def _pooled_next_period(data, freq="M"):
    counts = _cohort_counts(data, freq)
    seen = counts[1].notna()
    return float(counts.loc[seen, 1].sum() / counts.loc[seen, 0].sum())


# ------------------------------------------------------------------------------------------
# lifecycle.2 — lapsed regulars: in decline after at least three purchase occasions
# ------------------------------------------------------------------------------------------

def _decline(data, params):
    stages = lifecycle.lifecycle_stages(data, **params)
    return stages.index[stages["stage_key"] == "decline"]


def _rows_not_occasions(data, expected=None, **params):
    rows = _until(data, params.get("snapshot")).groupby(C).size()
    return int((rows.reindex(_decline(data, params)) >= 3).sum())


@exercise(
    "lifecycle.2",
    statement={
        "en": "How many customers of `tx` are in decline (退化期, with the notebook's parameters `params`) **and** "
              "bought on at least 3 different days (purchase occasions, up to the day the stages are read)? They were regular customers "
              "once: a recovery plan (关系恢复计划) is worth most for them. Give a number of customers.",
        "zh": "按本章的参数 `params`，`tx` 中有多少位客户处于退化期，**并且**截至阶段判定日至少在 3 个不同的日子"
              "购买过（购买次数按购买日计）？他们曾经是常来的客户，关系恢复计划对他们最值得。请填客户人数。"},
    hint="Filter lifecycle.lifecycle_stages(tx, **params) to stage_key == 'decline' and count the customers whose "
         "n_purchases (purchase occasions: one per customer and day) is at least 3.",
    hint_zh="在 lifecycle.lifecycle_stages(tx, **params) 中筛出 stage_key 为 'decline' 的客户，再数 n_purchases"
            "（购买次数：同一客户同一天算一次）不少于 3 的人数。",
    misconceptions=[
        Misconception("rows_for_occasions",
                      {"en": "You counted rows (order lines), not purchase occasions: several lines bought on the "
                             "same day are one purchase.",
                       "zh": "你数的是订单行数，不是购买次数：同一天买的几行只算一次购买。"},
                      wrong=_rows_not_occasions),
        Misconception("all_declining",
                      {"en": "You counted every customer in decline: keep only those with at least 3 purchase "
                             "occasions.",
                       "zh": "你数的是所有处于退化期的客户；只应保留购买次数不少于 3 次的客户。"},
                      wrong=lambda data, expected=None, **params: int(len(_decline(data, params)))),
        Misconception("more_than_three",
                      {"en": "“At least 3” includes customers with exactly 3 purchase occasions (>= 3, not > 3).",
                       "zh": "“至少 3 次”包括正好 3 次的客户（是 >= 3，不是 > 3）。"},
                      wrong=lambda data, expected=None, **params: int((lifecycle.lifecycle_stages(data, **params)
                                                        .query("stage_key == 'decline'")["n_purchases"] > 3).sum())),
    ])
def _declining(data, **params):
    stages = lifecycle.lifecycle_stages(data, **params)
    return int(((stages["stage_key"] == "decline") & (stages["n_purchases"] >= 3)).sum())


# ------------------------------------------------------------------------------------------
# lifecycle.3 — Kaplan–Meier retention of month-to-month customers at 6 months
# ------------------------------------------------------------------------------------------

def _group_rows(subs, group, level, tenure, churn):
    part = subs[subs[group] == level]
    gone = part[churn].astype(str).str.strip().str.lower().isin(["yes", "true", "1", "churned"])
    return pd.to_numeric(part[tenure]), gone


def _km_at(subs, group, tenure, churn, level, months, column="survival"):
    curve = lifecycle.tenure_retention(subs, tenure=tenure, churn=churn, by=group)
    part = curve[(curve["group"] == level) & (curve["time"] <= months)]
    return float(part[column].iloc[-1])


@exercise(
    "lifecycle.3",
    statement={
        "en": "In `subs`, what share of month-to-month (`Month-to-month`) customers is still a customer **6 months** "
              "after signing up, estimated with Kaplan–Meier? Give a share between 0 and 1 (the notebook's table "
              "shows months 1, 12, 24 and 48, not 6).",
        "zh": "在 `subs` 中，按月合同（`Month-to-month`）的客户在签约 **6 个月**后仍是客户的比例是多少（用 "
              "Kaplan–Meier 估计）？请填 0 到 1 之间的比例（上文的表只列出第 1、12、24、48 个月，没有第 6 个月）。"},
    hint="Use lifecycle.tenure_retention(subs, by=<contract column>) and read 'survival' of the month-to-month "
         "group at the last time point not after 6.",
    hint_zh="用 lifecycle.tenure_retention(subs, by=<合同类型列>) 得到 Kaplan–Meier 曲线，读按月合同组在不超过第 6 "
            "个月的最后一个时间点上的 survival。",
    misconceptions=[
        PERCENT_FOR_SHARE,
        Misconception("ignores_censoring",
                      {"en": "You took the share of month-to-month customers who have not churned, whatever their "
                             "tenure: many were observed for less than 6 months (censored), and some who stayed 6 "
                             "months left later. Kaplan–Meier counts each customer for as long as they were observed.",
                       "zh": "你算的是按月合同客户中尚未流失的人数占比，没有考虑关系时长：很多客户被观察的时间不到 6 个月"
                             "（删失），也有客户留满 6 个月后才流失。Kaplan–Meier 只在观察到的时长内计入每位客户。"},
                      wrong=lambda subs, group="Contract", tenure="tenure", churn="Churn", level="Month-to-month",
                      **_: float(1 - _group_rows(subs, group, level, tenure, churn)[1].mean())),
        Misconception("censored_as_lost",
                      {"en": "You counted the customers observed for less than 6 months as lost: they are censored "
                             "(still customers when the data ends), not churned.",
                       "zh": "你把观察时间不到 6 个月的客户都算成了流失；他们是删失的（数据截止时仍是客户），并没有流失。"},
                      wrong=lambda subs, group="Contract", tenure="tenure", churn="Churn", level="Month-to-month",
                      **_: float((_group_rows(subs, group, level, tenure, churn)[0] > 6).mean())),
        Misconception("one_month_retention",
                      {"en": "You read one month's retention (period_retention: from month 5 to month 6); the share "
                             "still a customer after 6 months is the cumulative curve, survival.",
                       "zh": "你读的是单月的保持率（period_retention，从第 5 个月到第 6 个月）；签约 6 个月后仍是客户的"
                             "比例是累积的曲线 survival。"},
                      wrong=lambda subs, group="Contract", tenure="tenure", churn="Churn", level="Month-to-month",
                      **_: _km_at(subs, group, tenure, churn, level, 6, "period_retention")),
        Misconception("wrong_month",
                      {"en": "That is the curve at another month (the table's 12 months?): read it at 6 months.",
                       "zh": "这是曲线在另一个月份的值（是不是表里的第 12 个月？）；请读第 6 个月。"},
                      wrong=lambda subs, group="Contract", tenure="tenure", churn="Churn", level="Month-to-month",
                      **_: _km_at(subs, group, tenure, churn, level, 12)),
    ])
def _month_to_month_6(subs, group="Contract", tenure="tenure", churn="Churn", level="Month-to-month", months=6):
    return _km_at(subs, group, tenure, churn, level, months)


# ------------------------------------------------------------------------------------------
# lifecycle.4 — share of customers counted as churned at the end of the data
# ------------------------------------------------------------------------------------------

def _first_last(data):
    dates = pd.to_datetime(data[D])
    g = dates.groupby(data[C])
    return g.min(), g.max(), dates.max()


@exercise(
    "lifecycle.4",
    statement={
        "en": "In purchase data nobody cancels. With the notebook's rule — churned when the last purchase is more than "
              "`churn_after_days` days before the **last date in the data** — what **share** of the customers of "
              "`tx` count as churned? Give a share between 0 and 1.",
        "zh": "购买数据里没有人“退订”。按本章的规则——客户的最后一次购买早于**数据中最后一天** `churn_after_days` 天"
              "以上即算流失——`tx` 中有多大**比例**的客户算作流失？请填 0 到 1 之间的比例。"},
    hint="lifecycle.customer_lifetimes(tx, churn_after_days=churn_after_days) marks each customer's 'churned'; its "
         "mean is the share. By hand: the days from each customer's last purchase to the last date in tx.",
    hint_zh="lifecycle.customer_lifetimes(tx, churn_after_days=churn_after_days) 给每位客户标出 'churned'，它的均值"
            "就是所求比例；手算时，数一数每位客户的最后一次购买距 tx 中最后一天有多少天。",
    misconceptions=[
        PERCENT_FOR_SHARE,
        COMPLEMENT,
        Misconception("from_first_purchase",
                      {"en": "You counted the days from the customer's first purchase to their last (how long they "
                             "bought); churn is counted from the last purchase to the end of the data (how long the "
                             "customer has been silent).",
                       "zh": "你数的是从客户第一次购买到最后一次购买的天数（买了多久）；流失要从最后一次购买数到数据的最后"
                             "一天（客户已经沉寂了多久）。"},
                      wrong=lambda data, churn_after_days=180, **_: float(
                          ((_first_last(data)[1] - _first_last(data)[0]).dt.days > churn_after_days).mean())),
        Misconception("to_today",
                      {"en": "You counted the days to today; count them to the last date in the data, where the "
                             "observation ends.",
                       "zh": "你是数到今天的；应当数到数据中的最后一天，也就是观察截止的那一天。"},
                      wrong=lambda data, churn_after_days=180, **_: float(
                          ((pd.Timestamp.today().normalize() - _first_last(data)[1]).dt.days > churn_after_days).mean())),
        Misconception("count_not_share",
                      {"en": "That is a number of customers: the question asks for their share of all customers.",
                       "zh": "这是客户人数；题目问的是他们占全部客户的比例。"},
                      wrong=lambda data, churn_after_days=180, **_: int(
                          ((_first_last(data)[2] - _first_last(data)[1]).dt.days > churn_after_days).sum())),
    ])
def _churned_share(data, churn_after_days=180):
    return float(lifecycle.customer_lifetimes(data, churn_after_days=churn_after_days)["churned"].mean())


# ------------------------------------------------------------------------------------------
# lifecycle.5 — monthly retention rate of tx's third month
# ------------------------------------------------------------------------------------------

def _monthly(data):
    return retention_by_period(data, freq="M")


@exercise(
    "lifecycle.5",
    statement={
        "en": "What is the monthly retention rate (顾客保持率) of `tx` in the **third** month of the data: of the "
              "customers who bought in the second month, the share who bought again in the third? Give a share "
              "between 0 and 1 (the notebook shows retention by quarter, and for the synthetic retailer).",
        "zh": "`tx` 在数据的**第三个**月的月度顾客保持率是多少？即第二个月购买过的客户中，第三个月再次购买的比例。"
              "请填 0 到 1 之间的比例（上文给出的是按季度计算的保持率，而且是模拟零售商的）。"},
    hint="loyalty.retention_by_period(tx, freq='M'): the retention_rate of the third row (the first row has none). "
         "By hand: the customers buying in both the second and the third month, divided by the customers of the "
         "second month.",
    hint_zh="用 loyalty.retention_by_period(tx, freq='M')，读第三行的 retention_rate（第一行没有保持率）；手算时，用第二、"
            "第三个月都购买的客户数除以第二个月购买的客户数。",
    misconceptions=[
        PERCENT_FOR_SHARE,
        Misconception("churn_rate",
                      {"en": "That is the churn rate (顾客流失率), those who did not buy again: retention is the other "
                             "part.",
                       "zh": "这是顾客流失率，即没有再次购买的那部分；顾客保持率是另一部分。"},
                      wrong=lambda expected, **_: 1 - expected),
        Misconception("earlier_period",
                      {"en": "That is the retention of the month before (from the first month to the second): count "
                             "the rows of the table from the first month of the data, which has no retention rate.",
                       "zh": "这是前一个月的保持率（第一个月到第二个月）；表的第一行是数据的第一个月，它没有保持率，"
                             "请从那一行数起。"},
                      wrong=lambda data, **_: float(_monthly(data)["retention_rate"].iloc[1])),
        Misconception("later_period",
                      {"en": "That is the retention of the month after (from the third month to the fourth): the "
                             "question asks for the second month to the third.",
                       "zh": "这是后一个月的保持率（第三个月到第四个月）；题目问的是第二个月到第三个月。"},
                      wrong=lambda data, **_: float(_monthly(data)["retention_rate"].iloc[3])),
        Misconception("this_period_denominator",
                      {"en": "You divided by the customers of the third month; retention divides by last period's "
                             "customers, those who could be retained (|A_{t−1}|).",
                       "zh": "你除以的是第三个月的客户数；顾客保持率的分母是上一期的客户，也就是可能被保持住的那些客户"
                             "（|A_{t−1}|）。"},
                      wrong=lambda data, **_: float(_monthly(data).pipe(
                          lambda r: r["retained"].iloc[2] / r["active"].iloc[2]))),
    ])
def _third_month_retention(data):
    return float(_monthly(data)["retention_rate"].iloc[2])


# ------------------------------------------------------------------------------------------
# lifecycle.6 — interpret: what Kaplan–Meier survival at 12 months means
# ------------------------------------------------------------------------------------------

@exercise(
    "lifecycle.6", kind="interpret",
    statement={
        "en": "Section 4's table shows `survival` of the month-to-month customers at 12 months. What does that number "
              "say?",
        "zh": "第 4 节的表给出了按月合同客户在第 12 个月的 `survival`。这个数说的是什么？"},
    options={
        "a": Option({"en": "The share of month-to-month customers in `subs` who have not churned.",
                     "zh": "`subs` 中按月合同客户里尚未流失的客户占比。"},
                    why={"en": "That share mixes customers observed for one month with customers observed for years; "
                               "Kaplan–Meier estimates the share still there at 12 months, using each customer only "
                               "as long as they were observed.",
                         "zh": "这个占比把只观察了一个月的客户和观察了好几年的客户混在一起；Kaplan–Meier 估计的是 12 个月"
                               "时仍在的比例，每位客户只在被观察到的时长内计入。"}),
        "b": Option({"en": "The estimated share of month-to-month customers still subscribed 12 months after signing "
                           "up, counting customers who joined recently (censored) for as long as they were observed.",
                     "zh": "按月合同客户在签约 12 个月后仍在订阅的估计比例；近期才签约的客户（删失）在被观察到的时长内"
                           "计入。"}),
        "c": Option({"en": "The share of the customers present in month 11 who stay through month 12.",
                     "zh": "第 11 个月仍在的客户中，留到第 12 个月的比例。"},
                    why={"en": "That is one month's retention (period_retention); survival is cumulative: the product "
                               "of all monthly retentions up to 12 months.",
                         "zh": "这是单月的保持率（period_retention）；survival 是累积的，是到第 12 个月为止各月保持率的"
                               "乘积。"}),
        "d": Option({"en": "The share of month-to-month customers who will still be customers 12 months from today.",
                     "zh": "按月合同客户中，从今天算起 12 个月后仍是客户的比例。"},
                    why={"en": "The curve's time is tenure since signing up, not calendar time from today; customers "
                               "who have already stayed a while face a different future.",
                         "zh": "曲线的时间轴是自签约起的关系时长，不是从今天起的日历时间；已经留了一段时间的客户，未来的"
                               "情形并不一样。"}),
    },
    hint="Kaplan–Meier survival at t: the estimated share of customers still customers t months after they started.",
    hint_zh="Kaplan–Meier 的 survival(t)：客户开始之后第 t 个月仍是客户的估计比例。")
def _what_survival_means(**_):
    return "b"


# ------------------------------------------------------------------------------------------
# lifecycle.7 — decide: the churn threshold for tx
# ------------------------------------------------------------------------------------------

THRESHOLDS = {"a": 90, "b": 180, "c": 365}


@exercise(
    "lifecycle.7", kind="decide", points=2,
    statement={
        "en": "You must choose `churn_after_days` for `tx`: after how many days without a purchase does the firm call "
              "a customer churned and start a recovery plan? Choose an option, base it on the customers' purchase "
              "cycle (e.g. the median `lapse_days` of `stages`: three times each customer's usual gap between "
              "purchases, at least `exploration_days`), and write in a comment of the answer cell what a too short and a too long threshold "
              "would cost.",
        "zh": "请为 `tx` 选定 `churn_after_days`：客户多少天没有购买，企业就认定其流失、启动关系恢复计划？选择一个选项，"
              "依据客户的购买周期（例如 `stages` 中 `lapse_days` 的中位数，即每位客户平常购买间隔的 3 倍，且不少于 `exploration_days`）说明理由，"
              "并在答案单元格的注释里写出阈值太短和太长各有什么代价。"},
    options={key: {"en": f"{days} days", "zh": f"{days} 天"} for key, days in THRESHOLDS.items()},
    rubric={
        "en": "1 point: the choice follows from the purchase cycle of tx (a number computed from the data, such as the "
              "median lapse_days or inter-purchase gap), not a round guess. 1 point: names both costs — too short "
              "calls slow regular customers churned (wasted recovery offers, false alarms), too long reacts when "
              "the customer is already gone (recovery comes too late).",
        "zh": "1 分：选择依据 tx 的购买周期（由数据算出的数，如 lapse_days 或购买间隔的中位数），而不是随手取整。"
              "1 分：两种代价都说到——太短会把买得慢的常客误判为流失（白送挽回优惠、误报），太长则等客户早已离开才"
              "反应（关系恢复为时已晚）。"},
    model_answer={
        "en": "The option nearest the median lapse_days (three times the typical gap between a customer's purchases): "
              "a customer silent that long has clearly broken their own rhythm. Shorter would flag customers who "
              "are just between purchases and spend recovery offers on them; longer would start the recovery plan "
              "when the customer has already moved to a competitor.",
        "zh": "选最接近 lapse_days 中位数（客户平常购买间隔的 3 倍）的选项：沉寂这么久的客户显然打破了自己的购买节奏。"
              "更短会把只是处在两次购买之间的客户标为流失，把挽回优惠花在他们身上；更长则要等客户已经转向竞争对手"
              "才启动关系恢复计划。"},
    hint="Compare the options with how often the customers of tx usually buy.",
    hint_zh="把各选项与 tx 客户平常的购买频率比一比。")
def _threshold(data, **params):
    typical = lifecycle.lifecycle_stages(data, **params)["lapse_days"].median()
    return min(THRESHOLDS, key=lambda key: abs(THRESHOLDS[key] - typical))


# ------------------------------------------------------------------------------------------
# lifecycle.8, lifecycle.9 — concept checks in the style of the course's review questions
# ------------------------------------------------------------------------------------------

@exercise(
    "lifecycle.8", kind="concept",
    statement={
        "en": "True or false (判断题): in the exploration stage (考察期) the transaction volume is small and the firm "
              "starts to make a profit.",
        "zh": "判断题：考察期的交易量较小，企业开始盈利。"},
    options={
        "true": Option({"en": "True", "zh": "对"},
                       why={"en": "The firm starts to profit in the formation stage (形成期); exploration is the "
                                  "incubation of the relationship: small volume and the firm invests more.",
                            "zh": "企业开始盈利是形成期的特征；考察期是客户关系的孕育期，交易量较小，企业投入较多。"}),
        "false": Option({"en": "False", "zh": "错"}),
    },
    hint="Recall what the course says of the firm's investment and profit in each stage.",
    hint_zh="回忆教材对各阶段企业投入与盈利的描述。")
def _exploration_profit(**_):
    return "false"


@exercise(
    "lifecycle.9", kind="concept",
    statement={
        "en": "Multiple choice (选择题): a customer has entered the decline stage (退化期). What does the course ask the "
              "firm to do?",
        "zh": "选择题：客户进入了退化期，教材要求企业怎么做？"},
    options={
        "a": Option({"en": "Stop investing in the customer at once: the relationship is over.",
                     "zh": "立即停止对该客户的一切投入：关系已经结束了。"},
                    why={"en": "Decline is a reversal, not the end: the course's sequence includes relationship "
                               "recovery (关系恢复) before the end, and a customer worth keeping may be won back.",
                         "zh": "退化期是逆转阶段，不等于结束：教材说的关系演变在“关系结束”之前还有“关系恢复”，值得保持的"
                               "客户仍可能挽回。"}),
        "b": Option({"en": "Listen to the customer, find their real needs and why they leave, and plan to rebuild "
                           "trust (a relationship recovery plan).",
                     "zh": "倾听客户心声，了解客户真实需求，分析客户流失原因，制定重建信任的关系恢复计划。"}),
        "c": Option({"en": "Spend more on advertising to new customers to make up for the loss.",
                     "zh": "加大面向新客户的广告投入，以弥补流失。"},
                    why={"en": "That is acquisition, not retention: it leaves the reason for leaving unknown, and "
                               "winning new customers usually costs more than keeping existing ones.",
                         "zh": "这是开发新客户，不是客户保持：流失原因依然不明，而开发新客户的成本通常高于保持老客户。"}),
        "d": Option({"en": "Give every customer the same large discount.",
                     "zh": "给所有客户同样的大幅折扣。"},
                    why={"en": "A blanket discount ignores why this customer is leaving and spends on customers who "
                               "were not leaving; the course asks to analyse the causes first.",
                         "zh": "一刀切的折扣不管客户为什么流失，还把钱花在了本不会流失的客户身上；教材要求先分析流失原因。"}),
    },
    hint="The course names the measures for the decline stage right after describing it.",
    hint_zh="教材在描述退化期之后紧接着给出了应对措施。")
def _decline_action(**_):
    return "b"
