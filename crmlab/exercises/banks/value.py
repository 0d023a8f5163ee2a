"""Exercises of notebook 01 (customer value, concentration and tiers, CLV).

Compute questions run on the student's own data ``tx`` (e.g. ``"synthetic:<seed>"``) and on the
chapter's parameters (``margin``, ``discount_rate``, ``calibration_end``), and ask for numbers the
chapter does not print (the top 10 %, not the top 20 %; 60 % of revenue, not 50 % or 80 %; a
retention rate outside the sensitivity table). Each known wrong answer gets its own message: a
percentage entered as a share (and the reverse), revenue share taken for customer share, customers
ranked from the least valuable, order lines ranked instead of customers, the other CLV timing
conventions m(1+d)/(1+d−r) and m/(1+d−r), no discounting, rates typed as percentages, revenue for
margin, P(alive) averaged over repeat buyers only or fitted on all the data.
"""

from __future__ import annotations

import numpy as np

from ...clv import BetaGeo, customer_summary
from ...value import annual_margin, lorenz_curve, top_share
from ..mistakes import PERCENT_FOR_SHARE, SHARE_FOR_PERCENT
from ..registry import Misconception, Option, exercise


def _m(key, en, zh, wrong):
    return Misconception(key, {"en": en, "zh": zh}, wrong=wrong)


def _top_lines_share(data, top):
    """Share of revenue of the largest ``top`` fraction of order lines."""
    amounts = np.sort(data["amount"].to_numpy(dtype=float))[::-1]
    cum = np.concatenate([[0.0], np.cumsum(amounts) / amounts.sum()])
    return float(np.interp(top, np.arange(len(amounts) + 1) / len(amounts), cum))


def _needed(values, level):
    """Share of ``values``, in the order given, it takes for their running sum to reach ``level`` of the total."""
    values = np.asarray(values, dtype=float)
    return float(np.sum(np.cumsum(values) / values.sum() < level) + 1) / len(values)


def _lines_share_needed(data, level):
    """Share of order lines, largest first, whose amounts add up to ``level`` of revenue."""
    return _needed(np.sort(data["amount"].to_numpy(dtype=float))[::-1], level)


def _customers_needed(data, level, *, descending=True):
    """Share of customers, most valuable first, whose revenue adds up to ``level`` (the Lorenz curve read sideways)."""
    curve = lorenz_curve(data, descending=descending)
    return float((curve["value_share"] < level).sum()) / (len(curve) - 1)


# ----------------------------------------------------------------------------------------------
# Compute: concentration


@exercise(
    "value.1", points=1, rel_tol=5e-3, abs_tol=1e-3,
    statement={
        "en": "Section 2 reads the 80/20 rule at the top 20 %. Go further up: what **share of revenue** (between 0 "
              "and 1) comes from the **top 10 % of customers** of your `tx` (customers ranked by their total "
              "revenue, most valuable first)?",
        "zh": "第 2 节在前 20% 处检验了二八法则。再往上看一层：在你的 `tx` 中，价值最高的**前 10% 的客户**"
              "（按每位客户的累计收入从高到低排列）贡献了多大**比例的收入**？用 0 到 1 之间的小数作答。"},
    hint="Sum amount per customer, sort the totals from the largest, and divide the sum of the first tenth of "
         "customers by the sum of all (value.top_share does the same along the Lorenz curve).",
    hint_zh="先按客户把 amount 加总，把这些合计从大到小排序，再用前十分之一客户的合计除以全部客户的合计"
            "（value.top_share 沿洛伦兹曲线做的是同一件事）。",
    misconceptions=[
        PERCENT_FOR_SHARE,
        _m("customer_share_for_revenue_share",
           "That is the share of customers you took (the top tenth of the head count), not the share of revenue "
           "they bring: the question asks how much of the money those customers hold.",
           "这是你选取的客户人数占比（人数的前十分之一），不是这些客户带来的收入占比：题目问的是他们拿走了多少收入。",
           lambda **_: 0.1),
        _m("lowest_first",
           "You ranked customers from the least valuable: that is the revenue share of the bottom 10 %. Sort the "
           "customer totals in descending order.",
           "你是从价值最低的客户排起的：这是末尾 10% 客户的收入占比。要把客户合计从高到低排序。",
           lambda data, **_: 1 - top_share(data, 0.9)),
        _m("lines_for_customers",
           "You ranked order lines, not customers: that is the revenue share of the largest 10 % of lines. Sum the "
           "amounts per customer first — concentration is about customers.",
           "你排序的是订单行，不是客户：这是金额最大的 10% 订单行的收入占比。要先按客户汇总金额——集中度说的是客户。",
           lambda data, **_: _top_lines_share(data, 0.1)),
    ])
def _top10_share(data):
    return top_share(data, 0.1)



@exercise(
    "value.2", points=1, rel_tol=1e-3, abs_tol=0.06,
    statement={
        "en": "Read the Lorenz curve sideways: what **percentage of customers** (the most valuable first) is needed "
              "to make up **60 % of revenue** in your `tx` — the smallest number of customers whose revenue adds "
              "up to at least 60 %, as a percentage of all customers? Answer in percent (e.g. `12.34` for "
              "12.34 %), rounded to two decimals.",
        "zh": "把洛伦兹曲线“横过来”读：在你的 `tx` 中，从价值最高的客户排起，需要**百分之多少的客户**才能凑够"
              "**60% 的收入**？即：收入合计至少达到 60% 所需的最少客户数，占全部客户的百分之几？"
              "用百分数作答（例如 12.34% 就填 `12.34`），保留两位小数。"},
    hint="Rank customer totals from the largest, take the cumulative share of revenue, and count the customers "
         "it takes to reach 0.6 (the one who crosses it included); divide by the number of customers, times 100.",
    hint_zh="把客户合计从大到小排序，算出累计收入占比，数一数要多少位客户才能达到 0.6（跨过 0.6 的那一位也算）；"
            "再除以客户总数，乘以 100。",
    misconceptions=[
        SHARE_FOR_PERCENT,
        _m("revenue_share_for_customer_share",
           "You answered the revenue share of the top 60 % of customers: the question gives the revenue (60 %) and "
           "asks for the share of customers — the other axis of the Lorenz curve.",
           "你答的是前 60% 客户的收入占比：题目给定的是收入（60%），问的是客户人数占比——洛伦兹曲线的另一条轴。",
           lambda data, **_: top_share(data, 0.6) * 100),
        _m("lowest_first",
           "You counted customers from the least valuable up: starting from the most valuable, far fewer customers "
           "reach 60 % of revenue.",
           "你是从价值最低的客户往上数的：从价值最高的客户数起，凑够 60% 收入所需的客户要少得多。",
           lambda data, **_: _customers_needed(data, 0.6, descending=False) * 100),
        _m("lines_for_customers",
           "You counted order lines (the largest first), not customers: sum the amounts per customer first.",
           "你数的是订单行（从金额最大的排起），不是客户：要先按客户汇总金额。",
           lambda data, **_: _lines_share_needed(data, 0.6) * 100),
    ])
def _customers_for_60(data):
    return _customers_needed(data, 0.6) * 100


# ----------------------------------------------------------------------------------------------
# Compute: simple CLV

RETENTION = 0.85


def _clv_inputs(data, margin, discount_rate):
    return annual_margin(data, margin=margin), RETENTION, float(discount_rate)


def _clv_wrong(formula):
    def wrong(data, margin, discount_rate, **_):
        m, r, d = _clv_inputs(data, margin, discount_rate)
        return formula(m, r, d)
    return wrong


@exercise(
    "value.3", points=1, rel_tol=1e-3, abs_tol=0.006,
    statement={
        "en": "Take the annual margin per customer of **your** data, `m = value.annual_margin(tx, margin=margin)`, a "
              "retention rate of **85 %** and the chapter's `discount_rate`. With the convention of section 3 — "
              "each year's margin arrives at the **end** of the year, and only if the customer is still retained "
              "then — what is the infinite-horizon CLV? Round to two decimals.",
        "zh": "取**你的**数据中每位客户的年毛利 `m = value.annual_margin(tx, margin=margin)`，顾客保持率取 **85%**，"
              "折现率取本章参数 `discount_rate`。按第 3 节的约定——每年的毛利在该年**年末**到账，而且只有客户那时仍被"
              "保持才有——无限期的 CLV 是多少？保留两位小数。"},
    hint="CLV = m·r/(1 + d − r) with r and d as decimals (0.85, not 85); m is a margin, not revenue.",
    hint_zh="CLV = m·r/(1 + d − r)，r 和 d 都写成小数（0.85，而不是 85）；m 是毛利，不是收入。",
    misconceptions=[
        _m("margin_at_start",
           "You used the other timing convention, m(1+d)/(1+d−r): it counts a margin today, before the first year "
           "(margins at the start of each period). Here the first margin comes at the end of year 1, and only "
           "with probability r.",
           "你用的是另一种时点约定 m(1+d)/(1+d−r)：它在第一年开始时就先计入一笔毛利（每期期初收款）。本题中第一笔毛利"
           "在第 1 年年末才到账，而且只有概率 r。",
           _clv_wrong(lambda m, r, d: m * (1 + d) / (1 + d - r))),
        _m("first_year_certain",
           "You used m/(1+d−r): it treats the first year's margin as certain (retention starts to bite only in "
           "year 2). In section 3 the customer must be retained to pay even the first margin — r belongs in the "
           "numerator.",
           "你用的是 m/(1+d−r)：它把第一年的毛利当成必然到手（保持率从第 2 年才起作用）。第 3 节的约定是客户要被保持"
           "下来才有第一笔毛利——分子里要有 r。",
           _clv_wrong(lambda m, r, d: m / (1 + d - r))),
        _m("no_discount",
           "You left out discounting (m·r/(1−r)): a margin received in later years is worth less today, so d "
           "belongs in the denominator.",
           "你漏掉了折现（m·r/(1−r)）：以后各年收到的毛利，折算到今天要少一些，分母里要有 d。",
           _clv_wrong(lambda m, r, d: m * r / (1 - r))),
        _m("rates_as_percent",
           "You typed the rates as percentages (85 and 10 instead of 0.85 and 0.10): in the formula r and d are "
           "decimals.",
           "你把比率写成了百分数（85 和 10，而不是 0.85 和 0.10）：公式里的 r 和 d 都是小数。",
           _clv_wrong(lambda m, r, d: m * (100 * r) / (1 + 100 * d - 100 * r))),
        _m("revenue_for_margin",
           "You used revenue per customer-year, not margin: multiply revenue by the margin rate (annual_margin "
           "does it with margin=margin).",
           "你用的是每客户每年的收入，不是毛利：收入要乘以毛利率（annual_margin 传入 margin=margin 就会这样算）。",
           lambda data, margin, discount_rate, **_: annual_margin(data) * RETENTION
           / (1 + float(discount_rate) - RETENTION)),
    ])
def _simple_clv(data, margin, discount_rate):
    m, r, d = _clv_inputs(data, margin, discount_rate)
    return m * r / (1 + d - r)


# ----------------------------------------------------------------------------------------------
# Compute: BG/NBD


def _p_alive(data, calibration_end):
    summary = customer_summary(data, calibration_end=calibration_end)
    return summary, BetaGeo().fit(summary).probability_alive(summary)


@exercise(
    "value.4", points=1, rel_tol=1e-3,
    statement={
        "en": "Fit BG/NBD on the calibration period of your `tx` (`calibration_end`). Averaged over **all** customers "
              "of the calibration summary, what is the probability of being alive at the end of calibration (a "
              "share between 0 and 1)?",
        "zh": "在你的 `tx` 的校准期（截至 `calibration_end`）上拟合 BG/NBD 模型。对校准期汇总表中的**全部**客户求平均，"
              "校准期末客户仍然活跃的概率是多少？用 0 到 1 之间的小数作答。"},
    hint="Fit BetaGeo on customer_summary(tx, calibration_end=...) and average probability_alive(summary) over all "
         "customers.",
    hint_zh="只用校准期的数据：customer_summary(tx, calibration_end=...) 得到汇总表，在它上面拟合 BetaGeo，"
            "再对全部客户（包括只买过一次的客户）的 probability_alive 求平均。",
    misconceptions=[
        PERCENT_FOR_SHARE,
        _m("repeat_buyers_only",
           "You averaged over the repeat buyers only: the question asks for all customers, including those who "
           "bought once (BG/NBD gives them P(alive) = 1, since it lets a customer drop out only after a repeat "
           "purchase).",
           "你只对重复购买者求了平均：题目要的是全部客户，包括只买过一次的客户（BG/NBD 只允许客户在重复购买之后流失，"
           "所以给他们的活跃概率是 1）。",
           lambda data, calibration_end, **_: float(
               (lambda s, p: p[s["frequency"] > 0].mean())(*_p_alive(data, calibration_end)))),
        _m("share_above_half",
           "You computed the share of customers with P(alive) above 0.5: the question asks for the mean "
           "probability itself.",
           "你算的是活跃概率大于 0.5 的客户占比：题目要的是活跃概率本身的平均值。",
           lambda data, calibration_end, **_: float((_p_alive(data, calibration_end)[1] > 0.5).mean())),
        _m("fitted_on_all_data",
           "You fitted the model on all the data, not on the calibration period: pass "
           "calibration_end=calibration_end to customer_summary.",
           "你用全部数据拟合了模型，而不是只用校准期：给 customer_summary 传入 calibration_end=calibration_end。",
           lambda data, **_: float(_p_alive(data, data["order_date"].max())[1].mean())),
    ])
def _mean_p_alive(data, calibration_end):
    return float(_p_alive(data, calibration_end)[1].mean())


# ----------------------------------------------------------------------------------------------
# Interpret


@exercise(
    "value.5", kind="interpret", points=1,
    statement={
        "en": "In the ABC tier table of section 2, tier A has a `customer_share` and a `value_share`. Which reading "
              "of these two numbers is right (on any data)?",
        "zh": "第 2 节的 ABC 分级表中，A 类有一个 `customer_share`（客户数占比）和一个 `value_share`（收入占比）。"
              "对这两个数，哪种解读是对的（对任何数据都成立）？"},
    hint="Write value_share / customer_share as (revenue of A / revenue) / (customers of A / customers).",
    hint_zh="把 value_share / customer_share 写成（A 类收入 / 总收入）÷（A 类客户数 / 总客户数），再化简。",
    options={
        "a": Option({"en": "About 80 % of the customers are in tier A.",
                     "zh": "大约 80% 的客户属于 A 类。"},
                    why={"en": "80 % is the cut in cumulative revenue, not in head count: tier A holds about 80 % of "
                               "the revenue, and its customer_share is how many customers that takes — usually far "
                               "fewer.",
                         "zh": "80% 是累计收入的切分点，不是人数的切分点：A 类拿走约 80% 的收入，它的 customer_share 是做到"
                               "这一点需要多少客户——通常少得多。"}),
        "b": Option({"en": "Tier A are the most profitable customers, so they should get the most resources.",
                     "zh": "A 类客户就是最赚钱的客户，所以应当得到最多的资源。"},
                    why={"en": "The tiers rank revenue, not profit: course text 002 warns that a big customer is not "
                               "necessarily a good one (大客户不等于好客户 — financial, profit, management and churn "
                               "risks). Tier A is a candidate list, to be checked against the cost to serve.",
                         "zh": "这里的分级按收入排，不是按利润：课程文本 002 提醒，大客户不等于好客户（财务风险、利润风险、"
                               "管理风险、流失风险大）。A 类只是候选名单，还要对照服务成本来核实。"}),
        "c": Option({"en": "Tier C brings only a few percent of revenue, so those customers can be dropped.",
                     "zh": "C 类只带来百分之几的收入，所以这些客户可以放弃。"},
                    why={"en": "A small share of revenue is not a loss: the course serves small customers at lower "
                               "cost and develops those with potential to upgrade; tier C is also many customers.",
                         "zh": "收入占比小不等于亏损：教材对小客户的做法是降低服务成本、培养有升级潜力的客户，而不是放弃；"
                               "况且 C 类的人数往往很多。"}),
        "d": Option({"en": "value_share / customer_share is how many times the average revenue of all customers an "
                           "average tier-A customer brings.",
                     "zh": "value_share ÷ customer_share 表示一位 A 类客户的平均收入是全体客户平均收入的多少倍。"}),
    })
def _tier_reading(**_):
    return "d"


@exercise(
    "value.6", kind="interpret", points=1,
    statement={
        "en": "Look at the probability-alive figure of section 4 (P(alive) by frequency and recency at the end of "
              "calibration). Which reading of the BG/NBD model is right?",
        "zh": "看第 4 节的活跃概率图（校准期末，按频率和近度画出的 P(alive)）。对 BG/NBD 模型，哪种解读是对的？"},
    hint="Follow one row of the figure with a low recency (last purchase long ago) from low to high frequency.",
    hint_zh="在图中取近度很低（最后一次购买很久以前）的一行，从低频率看到高频率。",
    options={
        "a": Option({"en": "The more often a customer bought, the more likely they are still alive, whatever their "
                           "recency.",
                     "zh": "客户买得越频繁，就越可能仍然活跃，与近度无关。"},
                    why={"en": "Only when the last purchase is recent. For a customer whose last purchase was long ago, "
                               "a high frequency makes the long silence unusual, so the model believes they have "
                               "left: the frequent buyers have the lowest P(alive) in that row.",
                         "zh": "只有最后一次购买离现在很近时才是这样。最后一次购买很久以前的客户，频率越高，这么长的沉默就越"
                               "反常，模型越认为他已经流失：在那一行里，高频客户的活跃概率反而最低。"}),
        "b": Option({"en": "Among customers whose last purchase was long ago, the frequent buyers are the least likely "
                           "to be alive.",
                     "zh": "在最后一次购买已经很久的客户中，过去买得越频繁的，仍然活跃的可能性越低。"}),
        "c": Option({"en": "A customer who made no repeat purchase has a P(alive) close to 0.",
                     "zh": "没有重复购买的客户，活跃概率接近 0。"},
                    why={"en": "The opposite: BG/NBD lets a customer drop out only right after a repeat purchase, so a "
                               "customer with frequency 0 has P(alive) = 1 — a known weakness of the model "
                               "(Pareto/NBD does not have it).",
                         "zh": "正相反：BG/NBD 只允许客户在一次重复购买之后流失，所以频率为 0 的客户活跃概率等于 1——"
                               "这是该模型一个已知的缺点（Pareto/NBD 没有这个问题）。"}),
        "d": Option({"en": "P(alive) is the retention rate r of the simple CLV formula of section 3.",
                     "zh": "P(alive) 就是第 3 节简单 CLV 公式里的顾客保持率 r。"},
                    why={"en": "The r of section 3 is one rate per period for the whole customer base, assumed known; "
                               "P(alive) is each customer's probability of still being active, inferred from their "
                               "own frequency and recency (and the r of BG/NBD is a Gamma shape, a third thing).",
                         "zh": "第 3 节的 r 是全体客户每期共用的一个比率，是假定已知的；P(alive) 是每位客户各自仍然活跃的概率，"
                               "由他自己的频率和近度推断出来（而 BG/NBD 里的 r 是 Gamma 分布的形状参数，又是另一回事）。"}),
    })
def _p_alive_reading(**_):
    return "b"


# ----------------------------------------------------------------------------------------------
# Decide (marked by the instructor with the rubric)


@exercise(
    "value.7", kind="decide", points=2,
    statement={
        "en": "A retention offer costs **5 per customer** it is sent to. For a customer who is still active it "
              "raises the CLV of the next `horizon` weeks by about **20 %**. The budget is limited. Using the CLV "
              "table of section 5 (`value_table`: `clv`, `p_alive`, `expected_spend` …), who gets the offer? "
              "Choose, and justify it in two or three sentences in a comment of the answer cell.",
        "zh": "一项客户保持优惠，每发给一位客户成本为 **5**。对仍然活跃的客户，它能把未来 `horizon` 周的 CLV 提高约 "
              "**20%**。预算有限。用第 5 节的 CLV 表（`value_table`：`clv`、`p_alive`、`expected_spend` 等），"
              "优惠发给谁？选一个，并在答案单元格的注释里用两三句话说明理由。"},
    hint="Compare, customer by customer, what the offer is expected to bring with what it costs.",
    hint_zh="逐个客户比较：这项优惠预计能带来多少，花掉多少。",
    options={
        "a": {"en": "Tier A of section 2 — the customers who brought the most revenue so far",
              "zh": "第 2 节的 A 类客户——迄今带来收入最多的客户"},
        "b": {"en": "All big spenders whose P(alive) is below 0.5, to win them back",
              "zh": "所有活跃概率低于 0.5 的消费大户，把他们挽回"},
        "c": {"en": "Everybody: 5 is cheap and nobody is left out",
              "zh": "所有客户：5 很便宜，谁也不落下"},
        "d": {"en": "The customers whose expected gain, 20 % of their CLV, exceeds the cost of 5 (CLV above 25), "
                    "highest CLV first until the budget is spent",
              "zh": "预期收益（CLV 的 20%）高于成本 5 的客户（即 CLV 高于 25），按 CLV 从高到低发，直到预算用完"}},
    rubric={
        "en": "2 points: d, comparing the expected gain (0.2 × CLV) with the cost per customer, AND noting that CLV "
              "already weighs P(alive), so a past big spender who has probably left has a low CLV. 1 point: d with "
              "only one of the two, or a with the remark that past revenue is a proxy when no CLV is available. "
              "0: b or c without a comparison of gain and cost.",
        "zh": "2 分：选 d，比较了每位客户的预期收益（0.2 × CLV）与成本，并指出 CLV 已经考虑了活跃概率，过去消费多、"
              "但很可能已流失的客户 CLV 很低。1 分：选 d 但只说到其中一点，或选 a 并说明在没有 CLV 时过去收入只能作为替代。"
              "0 分：选 b 或 c，且没有比较收益与成本。"},
    model_answer={
        "en": "d. The offer pays for a customer when 0.2 × CLV > 5, i.e. CLV > 25; with a limited budget, go down "
              "the CLV ranking. CLV looks forward and already multiplies expected purchases (which fall with "
              "P(alive)) by expected spend and margin, so it beats past revenue (a) — a big spender who has left "
              "brings nothing — and a P(alive) rule (b), which ignores how much a customer is worth. Sending to "
              "everybody (c) spends 5 on many customers whose gain is a few cents.",
        "zh": "选 d。当 0.2 × CLV > 5，即 CLV > 25 时，发给这位客户才划算；预算有限时，按 CLV 从高到低发。CLV 是向前看的，"
              "已经把预期购买次数（随活跃概率下降）乘上了预期客单价和毛利率，所以比过去收入（a）更合适——已经流失的消费大户"
              "不会再带来什么；也比只看活跃概率（b）更好，后者不管客户值多少钱。发给所有人（c）会在许多收益只有几分钱的客户身上各花 5。"},
    )
def _offer_decision(**_):
    return "d"


ACQUISITION_COST = 60


@exercise(
    "value.11", kind="decide", points=2,
    statement={
        "en": "A campaign would acquire new customers at **60 each**. Assume a new customer will be like the average "
              "customer of your data: margin `m = value.annual_margin(tx, margin=margin)` per year, retention **85 %**, "
              "the chapter's `discount_rate`. Should the firm run the campaign? Choose, and justify it with your "
              "numbers in a comment of the answer cell (which CLV formula, and why).",
        "zh": "一项拓客活动获取每位新客户的成本为 **60**。假设新客户和你的数据中的平均客户一样：每年毛利 "
              "`m = value.annual_margin(tx, margin=margin)`，顾客保持率 **85%**，折现率取本章参数 `discount_rate`。"
              "企业应不应该开展这项活动？选一个，并在答案单元格的注释里用你算出的数说明理由（用哪个 CLV 公式、为什么）。"},
    hint="Compare the CLV of one new customer with what it costs to acquire them — and decide when the first "
         "margin arrives.",
    hint_zh="把一位新客户的 CLV 和获取他的成本比一比——还要想清楚第一笔毛利在什么时候到账。",
    options={
        "a": {"en": "Run it: even without a margin at acquisition, m·r/(1+d−r) is above 60",
              "zh": "开展：即使不算获取当时的毛利，m·r/(1+d−r) 也高于 60"},
        "b": {"en": "It depends on the timing: m(1+d)/(1+d−r), which counts the first purchase's margin at "
                    "acquisition, is above 60, but m·r/(1+d−r) is not",
              "zh": "取决于时点约定：把首次购买的毛利算在获取当时的 m(1+d)/(1+d−r) 高于 60，但 m·r/(1+d−r) 不高于 60"},
        "c": {"en": "Do not run it: even counting the first margin at acquisition, the CLV is below 60",
              "zh": "不开展：即使把首次毛利算在获取当时，CLV 也低于 60"},
        "d": {"en": "Run it: a customer's revenue per year is above 60",
              "zh": "开展：每位客户每年的收入高于 60"}},
    rubric={
        "en": "2 points: the key that fits the student's numbers (a, b or c), with CLV computed from the margin (not "
              "revenue), compared with the acquisition cost of 60, AND the timing stated — m·r/(1+d−r) when the "
              "customer must be retained before paying, m(1+d)/(1+d−r) when the first purchase is made at "
              "acquisition (course text 004: CLV is what exceeds the cost of attracting the customer). 1 point: the "
              "right comparison with one convention and no word on timing, or a sensitivity remark (retention) that "
              "changes the decision. 0: d (revenue for margin), or no comparison with the cost.",
        "zh": "2 分：选出与本人数据相符的选项（a、b 或 c），CLV 用毛利（不是收入）计算，并与获取成本 60 比较，而且说明了"
              "时点约定——客户要先被保持才付款时用 m·r/(1+d−r)，首次购买发生在获取当时则用 m(1+d)/(1+d−r)"
              "（课程文本 004：客户终生价值是超过吸引客户成本的那部分收益）。1 分：比较正确但只用了一种约定、没有谈时点，"
              "或者给出了会改变结论的敏感性分析（顾客保持率）。0 分：选 d（把收入当毛利），或没有与成本比较。"},
    model_answer={
        "en": "Compute m from the data, then both conventions: CLV_end = m·0.85/(1+d−0.85) and CLV_start = "
              "m(1+d)/(1+d−0.85) = m + CLV_end. A newly acquired customer usually makes the first purchase at "
              "acquisition, so CLV_start − 60 is the value of acquiring one customer; if even CLV_end exceeds 60 "
              "the decision is safe either way (a), if neither does, do not run it (c), and if they disagree (b) "
              "the decision rests on when the first margin is earned — and on retention, which moves CLV far more "
              "than the discount rate (section 3).",
        "zh": "先从数据算出 m，再按两种约定计算：年末收款的 CLV_end = m·0.85/(1+d−0.85)，年初收款的 CLV_start = m(1+d)/(1+d−0.85) = m + CLV_end。"
              "新获取的客户通常在获取当时就有首次购买，所以 CLV_start − 60 才是获取一位客户的价值；若连 CLV_end 都高于 60，"
              "无论哪种约定都该开展（a）；两者都低于 60，就不开展（c）；两者结论不同（b）时，决策取决于第一笔毛利何时到账——"
              "也取决于顾客保持率，它对 CLV 的影响远大于折现率（第 3 节）。"},
    )
def _acquisition_decision(data, margin, discount_rate):
    m, r, d = _clv_inputs(data, margin, discount_rate)
    if m * r / (1 + d - r) > ACQUISITION_COST:
        return "a"
    return "b" if m * (1 + d) / (1 + d - r) > ACQUISITION_COST else "c"


# ----------------------------------------------------------------------------------------------
# Concept checks (判断题 / 选择题, in the style of the course texts' own review questions)


@exercise(
    "value.8", kind="concept", points=1,
    statement={
        "en": "True or false: customer lifetime value (客户终生价值) is all the revenue a customer brings the firm over "
              "the whole relationship.",
        "zh": "判断题：客户终生价值就是客户在与企业的整个关系期间为企业带来的全部收入。"},
    hint="How does course text 004 define 客户终生价值 — all the revenue, or part of it?",
    hint_zh="课程文本 004 的名词解释是怎样定义客户终生价值的——是全部收益，还是其中的一部分？",
    options={
        "true": Option({"en": "True", "zh": "对"},
                       why={"en": "Course text 004 defines CLV as the revenue that *exceeds* what the firm spends to "
                                  "attract, sell to and serve the customer — a margin after costs, not revenue; and "
                                  "future amounts are discounted (the d of section 3).",
                            "zh": "课程文本 004 的定义是：企业从客户那里获得的所有收益中，*超过*吸引、销售和服务该客户所花"
                                  "成本的部分——是扣除成本后的利润，不是收入；而且未来的金额要折现（第 3 节的 d）。"}),
        "false": Option({"en": "False", "zh": "错"}),
    })
def _clv_definition():
    return "false"


@exercise(
    "value.9", kind="concept", points=1,
    statement={
        "en": "Multiple choice: customer delivered value (顾客让渡价值) is",
        "zh": "选择题：顾客让渡价值是指"},
    hint="Delivered value is what the customer gains: all the value received against all the costs paid.",
    hint_zh="让渡价值是顾客“净得”的价值：顾客得到的全部价值，对比他付出的全部成本。",
    options={
        "a": Option({"en": "the product's value minus its price",
                     "zh": "产品价值减去价格"},
                    why={"en": "That keeps one value and one cost: total customer value also counts service, personnel "
                               "and image value, and total customer cost also time, energy and psychic cost.",
                         "zh": "这只保留了一项价值和一项成本：顾客总价值还包括服务价值、人员价值和形象价值，顾客总成本还包括"
                               "时间成本、体力成本和精神成本。"}),
        "b": Option({"en": "total customer value minus total customer cost",
                     "zh": "顾客总价值与顾客总成本之差"}),
        "c": Option({"en": "the revenue the firm earns from the customer minus the cost of serving them",
                     "zh": "企业从客户那里获得的收入减去服务该客户的成本"},
                    why={"en": "That is the customer's value to the firm (the side CLV measures); delivered value is "
                               "what the customer receives from the firm.",
                         "zh": "这是客户对企业的价值（CLV 衡量的那一面）；让渡价值说的是顾客从企业那里得到的价值。"}),
        "d": Option({"en": "total customer value divided by total customer cost",
                     "zh": "顾客总价值除以顾客总成本"},
                    why={"en": "That is the ratio form (value_ratio in section 1); Kotler's delivered value, as in "
                               "course text 002, is the difference.",
                         "zh": "这是比值形式（第 1 节的 value_ratio）；科特勒的让渡价值，也就是课程文本 002 的定义，是两者之差。"}),
    })
def _delivered_value_definition():
    return "b"


@exercise(
    "value.10", kind="concept", points=1,
    statement={
        "en": "Multiple choice: according to the course text, how should a firm manage **ordinary customers "
              "(普通客户) without the potential to upgrade**?",
        "zh": "选择题：按照教材，对**没有升级潜力的普通客户**，企业应当"},
    hint="Course text 002 treats key customers, ordinary customers with and without potential, and small customers "
         "differently.",
    hint_zh="课程文本 002 对关键客户、有升级潜力和没有升级潜力的普通客户、小客户分别采取不同的做法。",
    options={
        "a": Option({"en": "set up a dedicated unit to serve them and concentrate the best resources on them",
                     "zh": "成立专门机构为其服务，集中优势资源"},
                    why={"en": "That is how the course manages key customers (关键客户), the base of the firm's profit.",
                         "zh": "这是教材对关键客户的做法——关键客户是企业利润的基石。"}),
        "b": Option({"en": "work to develop them into key customers",
                     "zh": "努力培养其成为关键客户"},
                    why={"en": "That is for ordinary customers *with* the potential to upgrade.",
                         "zh": "这是对*有*升级潜力的普通客户的做法。"}),
        "c": Option({"en": "reduce service and lower the cost of serving them",
                     "zh": "减少服务，降低成本"}),
        "d": Option({"en": "end the relationship, since they will never be key customers",
                     "zh": "终止关系，因为他们永远成不了关键客户"},
                    why={"en": "The course does not drop them: they still bring revenue, so it keeps them at a lower "
                               "cost to serve.",
                         "zh": "教材并没有放弃他们：他们仍然带来收入，所以是降低服务成本、继续保持关系。"}),
    })
def _ordinary_customers():
    return "c"
