"""Exercises of notebook 00 (getting started): the data, the column mapping, the quality report.

Compute questions run on the student's own data — ``tx`` (the chapter's data set, e.g.
``"synthetic:<seed>"``) or ``raw`` (the dirty export generated from the student's ``seed``) — so the
answer is never printed above. Each known wrong answer (rows counted instead of customers or purchase
occasions, revenue before netting returns, a share entered for a percentage …) gets its own message.
"""

from __future__ import annotations

import pandas as pd

from ...io import read_transactions
from ..mistakes import SHARE_FOR_PERCENT
from ..registry import Misconception, Option, exercise

# ----------------------------------------------------------------------------------------------
# Shared wrong answers of this chapter


def _m(key, en, zh, wrong):
    return Misconception(key, {"en": en, "zh": zh}, wrong=wrong)


ROWS_FOR_CUSTOMERS = _m(
    "rows_for_customers",
    "You counted rows (order lines), not customers: one customer has many rows. Count distinct customer ids.",
    "你数的是行数（订单行），不是客户数：一位客户可能有很多行。要数的是“不同的”客户编号。",
    lambda data, **_: len(data))

MISSING_AS_CUSTOMER = _m(
    "missing_as_customer",
    "You counted the rows without a customer id as one more customer: a missing id is nobody in particular, "
    "not a customer (nunique() leaves it out by default — did you pass dropna=False?).",
    "你把“没有客户编号”也算成了一位客户：缺失的编号不代表任何一位客户（nunique() 默认不计缺失值，"
    "你是不是用了 dropna=False？）。",
    lambda data, **_: int(data["customer_id"].nunique(dropna=False)))

ORDERS_FOR_CUSTOMERS = _m(
    "orders_for_customers",
    "You counted orders (distinct order ids), not customers: one customer can place many orders.",
    "你数的是订单数（不同的订单号），不是客户数：一位客户可以下很多笔订单。",
    lambda data, **_: int(data["order_id"].nunique()))


def _read_keep(data):
    """``data`` read with returns kept (negative amounts flagged in ``is_return``); rows without an id dropped."""
    return read_transactions(data, returns="keep")


# ----------------------------------------------------------------------------------------------
# Compute


@exercise(
    "start.1", points=1,
    statement={
        "en": "`raw` is the export generated from **your seed** in section 5, before any cleaning: it has rows "
              "without a customer id. How many **distinct customers** does `raw` have?",
        "zh": "`raw` 是第 5 节按**你的种子号**生成的原始导出数据，还没有经过任何清理，其中有缺客户编号的行。"
              "`raw` 里一共有多少位**不同的客户**？"},
    hint="Count distinct values of the customer_id column (Series.nunique()); a missing id is nobody.",
    hint_zh="数的是“不同的”客户，不是行数：同一位客户可能有很多行。对 customer_id 列用 .nunique()；缺失的编号不算客户。",
    misconceptions=[ROWS_FOR_CUSTOMERS, MISSING_AS_CUSTOMER, ORDERS_FOR_CUSTOMERS])
def _customers(data):
    return int(data["customer_id"].nunique())


def _day(data):
    return data["order_date"].dt.normalize()


@exercise(
    "start.2", points=1,
    statement={
        "en": "A **purchase occasion** is one customer buying on one day, however many lines or orders that day. "
              "How many purchase occasions are in `tx`?",
        "zh": "一次**购买**（购买场合）指一位客户在某一天的购买，不管那天有几行记录、几笔订单，都只算一次。"
              "`tx` 里一共有多少次购买？"},
    hint="Keep one row per customer and calendar day: take the date part of order_date (.dt.normalize()), "
         "then count distinct (customer_id, day) pairs.",
    hint_zh="每位客户每个日历日只留一行：先取 order_date 的日期部分（.dt.normalize()），再数不同的（customer_id，日期）组合有多少个。",
    misconceptions=[
        _m("rows_for_occasions",
           "You counted rows (order lines), not purchase occasions: the lines a customer buys on one day are "
           "one occasion.",
           "你数的是行数（订单行），不是购买次数：一位客户同一天买的几行只算一次购买。",
           lambda data, **_: len(data)),
        _m("orders_for_occasions",
           "You counted order ids: two orders of one customer on the same day are still one purchase occasion.",
           "你数的是订单号：同一位客户同一天下的两笔订单仍然只算一次购买。",
           lambda data, **_: int(data["order_id"].nunique())),
        _m("timestamps_for_days",
           "You counted distinct (customer, timestamp) pairs: order_date carries a time of day, and two "
           "purchases at different hours of one day are one occasion — keep only the date part.",
           "你数的是不同的（客户，时间戳）组合：order_date 里带着钟点，同一天不同时刻的两次下单只算一次购买——只取日期部分。",
           lambda data, **_: len(data.drop_duplicates(["customer_id", "order_date"]))),
        _m("days_for_occasions",
           "You counted the days on which anybody bought: an occasion is a customer and a day, so two customers "
           "buying on one day are two occasions.",
           "你数的是“有人购买的天数”：一次购买是“一位客户 + 一天”，两位客户同一天购买是两次购买。",
           lambda data, **_: int(_day(data).nunique())),
        _m("customers_for_occasions",
           "You counted customers: a customer who comes back on another day makes another occasion.",
           "你数的是客户数：客户换一天再来买，就是又一次购买。",
           lambda data, **_: int(data["customer_id"].nunique())),
    ])
def _occasions(data):
    return int(len(data.assign(_day=_day(data)).drop_duplicates(["customer_id", "_day"])))


@exercise(
    "start.3", points=1, rel_tol=1e-4, abs_tol=0.006,
    statement={
        "en": "What is the largest **total revenue of a single customer** in `tx` (the sum of all their order "
              "lines)? Round to two decimals.",
        "zh": "在 `tx` 中，单个客户的**累计收入**（他所有订单行金额之和）最高是多少？保留两位小数。"},
    hint="Group by customer_id, sum amount, and take the largest sum (round to 2 decimals).",
    hint_zh="先按 customer_id 分组把 amount 加总，得到每位客户一个合计，再在这些合计里取最大值，保留两位小数。",
    misconceptions=[
        _m("line_for_customer",
           "That is the largest single order line (amount.max()): the question asks for a customer's total over "
           "all their lines.",
           "这是单行订单的最大金额（amount.max()）：题目问的是一位客户所有订单行的合计。",
           lambda data, **_: float(data["amount"].max())),
        _m("order_for_customer",
           "That is the largest single order (one order id): a customer's total adds up all their orders.",
           "这是单笔订单（一个订单号）的最大金额：客户的累计收入要把他所有的订单加起来。",
           lambda data, **_: float(data.groupby("order_id")["amount"].sum().max())),
        _m("occasion_for_customer",
           "That is the largest purchase occasion (one customer on one day): add up all the customer's days.",
           "这是单次购买（一位客户一天）的最大金额：要把这位客户所有日子的购买都加起来。",
           lambda data, **_: float(data.groupby(["customer_id", _day(data)])["amount"].sum().max())),
        _m("mean_for_max",
           "That is the average revenue per customer: the question asks for the largest customer total.",
           "这是客均收入（平均值）：题目问的是客户累计收入中的最大值。",
           lambda data, **_: float(data.groupby("customer_id")["amount"].sum().mean())),
    ])
def _top_customer_revenue(data):
    return float(data.groupby("customer_id")["amount"].sum().max())


@exercise(
    "start.4", points=1, rel_tol=1e-4, abs_tol=0.006,
    statement={
        "en": "What is the **net revenue** of your `raw` export — purchases minus returns — over the rows the "
              "reader keeps (a row without a customer id cannot be attributed to a customer)? Read it with "
              "`crmlab.read_transactions(raw, returns=\"keep\")`. Round to two decimals.",
        "zh": "你的 `raw` 导出数据的**净收入**（购买减去退货）是多少？只算读取器保留的行（没有客户编号的行无法归到任何客户）。"
              "用 `crmlab.read_transactions(raw, returns=\"keep\")` 读入。保留两位小数。"},
    hint="Read raw with returns='keep': returns stay as negative amounts, so the sum of amount is already net.",
    hint_zh="用 returns='keep' 读入 raw：退货保留为负金额，直接对 amount 求和就是净收入。",
    misconceptions=[
        _m("gross_for_net",
           "That is the revenue before netting returns (the reader's default returns='drop' removes the returns "
           "instead of subtracting them): gross, not net.",
           "这是冲减退货之前的收入（读取器默认 returns='drop' 把退货行删掉，而不是减掉）：是毛收入，不是净收入。",
           lambda data, **_: float(read_transactions(data)["amount"].sum())),
        _m("unattributed_rows",
           "You summed every row of raw, including the rows without a customer id, which the reader drops: "
           "sum what the reader keeps.",
           "你把 raw 的所有行都加了进来，包括读取器删掉的缺客户编号的行：只加总读取器保留的行。",
           lambda data, **_: float(data["amount"].sum())),
        _m("returns_added",
           "You added the returns as if they were sales (their absolute value): a return takes revenue away.",
           "你把退货当成销售加了进去（取了绝对值）：退货是减少收入的。",
           lambda data, **_: float(_read_keep(data)["amount"].abs().sum())),
    ])
def _net_revenue(data):
    return float(_read_keep(data)["amount"].sum())


@exercise(
    "start.5", points=1, rel_tol=1e-4, abs_tol=0.006,
    statement={
        "en": "Read `raw` with `returns=\"keep\"`. What **percentage** of the gross purchase value (the positive "
              "amounts) was returned? Answer in percent (e.g. `12.34` for 12.34 %), rounded to two decimals.",
        "zh": "用 `returns=\"keep\"` 读入 `raw`。退货金额占购买总额（正金额之和，即毛收入）的**百分之几**？"
              "用百分数作答（例如 12.34% 就填 `12.34`），保留两位小数。"},
    hint="Returned value = minus the sum of amount where is_return; divide by the sum of amount where not is_return; "
         "times 100.",
    hint_zh="退货金额 = is_return 为真的行的 amount 之和取相反数；除以 is_return 为假的行的 amount 之和，再乘以 100。",
    misconceptions=[
        SHARE_FOR_PERCENT,
        _m("net_denominator",
           "You divided by the net revenue (after returns): the question asks for a percentage of the gross "
           "purchase value, before returns.",
           "你除以的是冲减退货后的净收入：题目要的是占毛收入（退货之前的购买总额）的百分比。",
           lambda data, **_: _returned(data) / (_gross(data) - _returned(data)) * 100),
        _m("rows_for_value",
           "You computed the percentage of rows that are returns: the question asks for the share of the value.",
           "你算的是退货行占行数的百分比：题目问的是金额的占比。",
           lambda data, **_: float(_read_keep(data)["is_return"].mean() * 100)),
    ])
def _returned_percent(data):
    return _returned(data) / _gross(data) * 100


def _returned(data):
    kept = _read_keep(data)
    return float(-kept.loc[kept["is_return"], "amount"].sum())


def _gross(data):
    kept = _read_keep(data)
    return float(kept.loc[~kept["is_return"], "amount"].sum())


# ----------------------------------------------------------------------------------------------
# Interpret


@exercise(
    "start.6", kind="interpret", points=1,
    statement={
        "en": "The quality report of a transaction file lists **exact duplicate rows → kept**. Which reading "
              "fits **your** `tx` (look at its columns)?",
        "zh": "交易数据的质量报告里写着 **exact duplicate rows（完全重复的行）→ kept（保留）**。"
              "对**你的** `tx` 来说，下面哪种解读是对的（看看它有哪些列）？"},
    hint="Does your tx carry an order id? That decides what two identical rows can mean.",
    hint_zh="你的 tx 有没有订单号（order_id）？这决定了两行一模一样的记录可能意味着什么。",
    options={
        "a": Option({"en": "Nothing to look at: if they were errors the reader would have dropped them.",
                     "zh": "不用管：如果是错误，读取器早就把它们删掉了。"},
                    why={"en": "“Kept” means counted and left for you to decide, not checked and found fine: the "
                               "reader cannot know why two rows are identical.",
                         "zh": "“kept”的意思是“已计数、留给你来决定”，不是“检查过、没问题”：读取器无法知道两行为什么一样。"}),
        "b": Option({"en": "There is no order id, so buying the same item again on one day looks exactly like a "
                           "double entry: they may be genuine purchases, so keeping them is a defensible default.",
                     "zh": "数据没有订单号，同一天再买一次同样的东西和重复录入看起来完全一样：它们可能是真实的购买，保留是说得过去的默认做法。"},
                    why={"en": "Your tx has an order id: the same line twice within one order is not a second "
                               "purchase but most likely a double entry.",
                         "zh": "你的 tx 有订单号：同一笔订单里出现两行一模一样的记录，不是又买了一次，更可能是重复录入。"}),
        "c": Option({"en": "Each row carries an order id, so the same line twice in one order is more likely a double "
                           "entry: inspect them, and drop them with duplicates='drop' if so.",
                     "zh": "每行都有订单号，同一笔订单里出现两行一模一样的记录更可能是重复录入：检查它们，确认后用 duplicates='drop' 删除。"},
                    why={"en": "Your tx has no order id, so nothing shows that two identical rows belong to one "
                               "order: a customer may really have bought the same again that day.",
                         "zh": "你的 tx 没有订单号，看不出两行一样的记录是否属于同一笔订单：客户那天可能真的又买了一次。"}),
        "d": Option({"en": "They are repeat customers: a sign of loyalty.",
                     "zh": "它们是回头客：说明客户忠诚。"},
                    why={"en": "A duplicate row is one line recorded twice, not a customer coming back: repeat "
                               "purchase is counted over purchase occasions on different days.",
                         "zh": "重复行是同一行记录出现了两次，不是客户又回来了：重复购买要看客户在不同日子的购买次数。"}),
    })
def _duplicates_reading(data):
    return "c" if "order_id" in data.columns else "b"


def _per_customer(data):
    return data.groupby("customer_id")["amount"].sum()


@exercise(
    "start.7", kind="interpret", points=1,
    statement={
        "en": "The summary table shows **Revenue per customer**. Compare it with the revenue of the customers of "
              "your `tx` (compute each customer's total). Which reading is right for your data?",
        "zh": "概览表里有一项 **Revenue per customer（客均收入）**。把它和你的 `tx` 里每位客户的累计收入比一比"
              "（先算出每位客户的合计）。对你的数据来说，哪种解读是对的？"},
    hint="Compute each customer's total (groupby + sum) and look at the share of customers below the mean, "
         "or compare the median with the mean.",
    hint_zh="先算出每位客户的累计收入（groupby 再 sum），看看低于平均值的客户占多少，或者把中位数和平均值比一比。",
    options={
        "a": Option({"en": "About half of the customers spent more than this and half less: it is what a typical "
                           "customer spends.",
                     "zh": "大约一半客户花得比它多、一半比它少：它就是典型客户的消费额。"},
                    why={"en": "That describes the median. Revenue per customer is a mean (total revenue ÷ "
                               "customers), and customer revenue is far from symmetric: look at the share of "
                               "customers below it.",
                         "zh": "这说的是中位数。客均收入是平均值（收入合计 ÷ 客户数），而客户收入的分布很不对称：看看有多少客户低于它。"}),
        "b": Option({"en": "It is pulled up by a few big customers: most customers spent less than this.",
                     "zh": "它被少数大客户拉高了：大多数客户花得比它少。"},
                    why={"en": "In your data most customers spent more than the mean: count the customers below it.",
                         "zh": "在你的数据里，大多数客户花得比平均值多：数一数低于平均值的客户。"}),
        "c": Option({"en": "It is pulled down by many small customers: most customers spent more than this.",
                     "zh": "它被许多小客户拉低了：大多数客户花得比它多。"},
                    why={"en": "In your data most customers spent less than the mean — a few big customers pull it "
                               "up: count the customers below it.",
                         "zh": "在你的数据里，大多数客户花得比平均值少——是少数大客户把它拉高了：数一数低于平均值的客户。"}),
        "d": Option({"en": "It is the revenue of one order line, on average.",
                     "zh": "它是平均每一行订单的金额。"},
                    why={"en": "Revenue per customer divides by distinct customers, not by rows: a customer has many "
                               "lines.",
                         "zh": "客均收入除以的是不同客户的人数，不是行数：一位客户有很多行。"}),
    })
def _mean_reading(data):
    per = _per_customer(data)
    return "b" if (per < per.mean()).mean() > 0.5 else "c"


# ----------------------------------------------------------------------------------------------
# Decide (marked by the instructor with the rubric)


@exercise(
    "start.8", kind="decide", points=2,
    statement={
        "en": "You will compute each customer's **monetary value** (the M of RFM, chapter 02) from a file with "
              "returns. How do you read it — `returns=\"drop\"`, `\"keep\"` or `\"net\"`? Choose, and justify in "
              "two or three sentences in a comment of the answer cell.",
        "zh": "你要从一份带退货记录的文件算出每位客户的**消费金额**（RFM 中的 M，见第 02 章）。读入时用 "
              "`returns=\"drop\"`、`\"keep\"` 还是 `\"net\"`？选一个，并在答案单元格的注释里用两三句话说明理由。"},
    hint="Think of a customer who bought a lot and returned most of it: what is their M under each option?",
    hint_zh="想一想一位买了很多、又退了大部分的客户：在每种处理方式下，他的 M 各是多少？",
    options={"a": {"en": "drop — remove the return rows", "zh": "drop——删除退货行"},
             "b": {"en": "keep — keep them as negative amounts", "zh": "keep——保留为负金额"},
             "c": {"en": "net — subtract each return from the purchase it undoes", "zh": "net——从对应的原购买中冲减"}},
    rubric={
        "en": "2 points: chooses net (or keep, summing per customer) AND says M must be revenue after returns "
              "(drop overstates customers who return a lot). 1 point: the right choice with a vague reason, or "
              "drop with a reason about data that has almost no returns; keep without noting that the negative rows "
              "would count as purchases in R and F gets 1 point at most.",
        "zh": "2 分：选 net（或 keep 并按客户加总），并指出 M 应是冲减退货后的金额（drop 会高估退货多的客户）。"
              "1 分：选择正确但理由含糊，或选 drop 但说明数据里几乎没有退货。选 keep 却没注意到负金额行会被当成购买计入 R 和 F 的，最多 1 分。"},
    model_answer={
        "en": "net. M should measure what the customer is worth to the firm, so returns must come off the purchases: "
              "with drop a customer who bought 1,000 and returned 900 shows M = 1,000. net subtracts each return "
              "from the earlier purchase it undoes and leaves no negative rows, so R (last purchase date) and F "
              "(purchase occasions) are not distorted by return dates, as they would be with keep.",
        "zh": "选 net。M 衡量的是客户对企业的价值，退货必须从购买中扣掉：用 drop 时，一位买了 1000、退了 900 的客户 M 仍是 1000。"
              "net 把每笔退货从它对应的原购买中冲减，表里不留负数行，所以 R（最近一次购买日期）和 F（购买次数）不会像 keep 那样被退货日期扭曲。"},
    )
def _returns_decision(**_):
    return "c"


@exercise(
    "start.9", kind="decide", points=2,
    statement={
        "en": "Some rows of a shop's export have **no customer id** (e.g. walk-in buyers without a membership "
              "card). The manager wants (1) the shop's total monthly revenue and (2) a customer value analysis. "
              "What do you do with these rows? Choose, and justify it in a comment of the answer cell.",
        "zh": "一家店的导出数据里有些行**没有客户编号**（例如没有会员卡的散客）。经理想要：(1) 全店每月收入；"
              "(2) 客户价值分析。这些行你怎么处理？选一个，并在答案单元格的注释里说明理由。"},
    hint="Which of the two analyses needs to know who bought?",
    hint_zh="两项分析中，哪一项需要知道“是谁买的”？",
    options={"a": {"en": "Drop them everywhere, as the reader does", "zh": "和读取器一样，到处都删掉"},
             "b": {"en": "Keep them in the total revenue, leave them out of the per-customer analysis, and report "
                         "how many rows and how much revenue that is",
                   "zh": "全店收入里保留，按客户的分析里剔除，并报告涉及多少行、多少金额"},
             "c": {"en": "Give them all one id, \"unknown\", and keep them everywhere",
                   "zh": "统一给一个编号“unknown”，到处都保留"},
             "d": {"en": "Assign each to the customer of the row above", "zh": "归给上一行的那位客户"}},
    rubric={
        "en": "2 points: b, with both reasons — the sales are real (total revenue without them is understated) and "
              "cannot be attributed to a customer (one \"unknown\" id would become the biggest customer). "
              "1 point: b with one reason, or a with the remark that the share is small and reported. 0: c or d.",
        "zh": "2 分：选 b，并说出两点理由——这些销售是真实的（全店收入不算它们会偏低）；它们无法归到某位客户"
              "（统一编号“unknown”会变成最大的“客户”）。1 分：选 b 但只有一点理由，或选 a 并说明占比很小且已报告。0 分：选 c 或 d。"},
    model_answer={
        "en": "b. The rows are real sales, so the monthly revenue must include them; but they belong to no known "
              "customer, so a per-customer analysis (customer value, RFM, CLV) must leave them out — one "
              "\"unknown\" id would be the largest customer of the shop. The quality report's count, and the "
              "revenue of these rows, go into the analysis as a stated limitation.",
        "zh": "选 b。这些行是真实的销售，每月收入必须包括它们；但它们不属于任何已知客户，所以按客户的分析（顾客价值、RFM、CLV）"
              "必须剔除——统一编号“unknown”会变成全店最大的“客户”。质量报告里的行数和这些行的金额，作为分析的局限写进报告。"},
    )
def _missing_id_decision(**_):
    return "b"


# ----------------------------------------------------------------------------------------------
# Concept checks (判断题 / 选择题, in the style of the course texts' own review questions)


@exercise(
    "start.10", kind="concept", points=1,
    statement={
        "en": "True or false: a data warehouse (数据仓库) is all the data of the company's transaction systems "
              "stored together in one place.",
        "zh": "判断题：数据仓库就是把企业各业务系统的数据简单地堆积在一起。"},
    hint="What does the course text say happens to the data between the transaction systems and the warehouse?",
    hint_zh="教材说，数据从业务系统进入数据仓库的途中要经过哪些处理？",
    options={
        "true": Option({"en": "True", "zh": "对"},
                       why={"en": "The course text says the opposite: a data warehouse is not a simple pile of data — "
                                  "data are extracted, cleaned and converted into one uniform format, ready for "
                                  "decisions (what the reader's column mapping and quality report do here).",
                            "zh": "教材的说法正相反：数据仓库不是数据的简单堆积，而是把数据抽取出来、经过清理和转换，"
                                  "变成集中统一、随时可用的信息（本章读取器的列名映射和质量报告做的就是这一步）。"}),
        "false": Option({"en": "False", "zh": "错"}),
    })
def _warehouse():
    return "false"


@exercise(
    "start.11", kind="concept", points=1,
    statement={
        "en": "Multiple choice: the course's **customer database analysis method** (客户资料库分析法) computes "
              "customer value from which three dimensions, to split customers into high-end, middle and ordinary?",
        "zh": "选择题：教材中的**客户资料库分析法**从哪三个维度计算客户价值，把客户分为高端、中端和一般三层？"},
    hint="The method is named after the customer database: which three facts about a customer does it weigh?",
    hint_zh="这个方法以客户资料库为依据：它衡量客户的哪三方面？",
    options={
        "a": Option({"en": "recency, frequency and monetary value (RFM)", "zh": "最近一次消费、消费频率和消费金额（RFM）"},
                    why={"en": "RFM is a related but different model (chapter 02); the course's database method "
                               "weighs loyalty and creditworthiness as well as spending.",
                         "zh": "RFM 是相近但不同的模型（见第 02 章）；教材的客户资料库分析法除消费高低外，还看忠诚度和信用度。"}),
        "b": Option({"en": "age, gender and income", "zh": "年龄、性别和收入"},
                    why={"en": "Those are the customer's personal factors: the course calls that the personal-factor "
                               "method (客户个人因素分析法), which groups needs, not value.",
                         "zh": "这些是客户的个人因素，教材称为“客户个人因素分析法”，它划分的是需求不同的客户群，不是价值高低。"}),
        "c": Option({"en": "loyalty, spending level and creditworthiness", "zh": "忠诚度、消费高低和信用度"}),
        "d": Option({"en": "enquiries, complaints and service requests", "zh": "咨询、投诉和服务请求"},
                    why={"en": "That is the split by service need (咨询客户 / 投诉客户), one way to segment customers, "
                               "not the dimensions of customer value.",
                         "zh": "这是按服务需求的分类（咨询客户、投诉客户），是细分客户的一种方式，不是计算客户价值的维度。"}),
    })
def _database_method():
    return "c"


@exercise(
    "start.12", kind="concept", points=1,
    statement={
        "en": "Multiple choice: the course text lists three conditions a firm needs before it tiers its customer "
              "service (客户服务分层). Which of the following is **not** one of them?",
        "zh": "选择题：教材指出，客户服务分层需具备三个条件。下列哪一项**不是**其中之一？"},
    hint="Recall the three conditions: the data, the systems, the money.",
    hint_zh="回忆这三个条件分别关于什么：资料、系统、财力。",
    options={
        "a": Option({"en": "accurate and complete customer data", "zh": "客户资料信息应准确完整"},
                    why={"en": "It is the first condition: tiers computed from wrong or incomplete customer data put "
                               "customers in the wrong tier — which is why the reader counts every missing id and "
                               "duplicate in the quality report.",
                         "zh": "这正是第一个条件：用错误或残缺的客户资料分层，客户会被分错层——所以读取器要在质量报告里数清每一个缺失的编号和重复行。"}),
        "b": Option({"en": "a customer base of at least some minimum size", "zh": "客户数量达到一定规模"}),
        "c": Option({"en": "information technology and systems to find new customers, keep key customers and test "
                           "marketing",
                     "zh": "具备寻找新客户、保持重点客户、测试市场营销的信息技术和系统"},
                    why={"en": "It is the second condition: tiered service needs systems that know which tier a "
                               "customer is in when they call.",
                         "zh": "这是第二个条件：分层服务需要信息系统，客户来联系时才知道他属于哪一层。"}),
        "d": Option({"en": "the cost budget to serve the tiers differently", "zh": "拥有服务分层的成本财力"},
                    why={"en": "It is the third condition: serving tiers differently costs money.",
                         "zh": "这是第三个条件：为不同层次的客户提供不同的服务是要花钱的。"}),
    })
def _tiering_conditions():
    return "b"
