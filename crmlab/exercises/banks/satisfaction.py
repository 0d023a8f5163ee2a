"""Exercises of notebook 04 (satisfaction versus loyalty): NPS, customer types, top box, drivers, reliability.

Compute questions run on the student's own survey — ``survey`` (the chapter's data set, e.g.
``"synthetic:<seed>"``, which generates a different survey for every seed) — and ask for what the
chapter does not print: the NPS of one group of respondents, a share within a quadrant, the alpha
of a shortened scale, the top-box percentage. Each known wrong answer (passives counted as
promoters, NPS as a share instead of points, a percentage entered as a share, the mean given for the
top box …) gets its own message.
"""

from __future__ import annotations

import pandas as pd

from ...satisfaction import cronbach_alpha, customer_types
from ..mistakes import COMPLEMENT, SHARE_FOR_PERCENT
from ..registry import Misconception, Option, exercise

# ----------------------------------------------------------------------------------------------
# Helpers


def _m(key, en, zh, wrong):
    return Misconception(key, {"en": en, "zh": zh}, wrong=wrong)


def _answers(data, column):
    return pd.to_numeric(data[column], errors="coerce").dropna()


def _scales(data):
    """The declared satisfaction and loyalty scales, as customer_types reads them (a DataError when undeclared)."""
    cuts = customer_types(data).attrs["cut_points"]
    return cuts["satisfaction_scale"], cuts["loyalty_scale"]


def _top(data):
    """The top answer of the declared satisfaction scale (5 on 1–5, 10 on 0–10)."""
    return float(_scales(data)[0][1])


def _nps_points(recommend, promoter_from=9, detractor_to=6):
    r = recommend.dropna()
    return float(100 * ((r >= promoter_from).mean() - (r <= detractor_to).mean()))


def _top_box_recommend(data):
    return data.loc[pd.to_numeric(data["satisfaction"], errors="coerce") == _top(data), "recommend"]


def _quadrants(data, satisfied_at=None, loyal_at=None):
    return customer_types(data, satisfied_at=satisfied_at, loyal_at=loyal_at)["quadrant_key"].astype(str)


# ----------------------------------------------------------------------------------------------
# Compute


@exercise(
    "satisfaction.1", points=1, rel_tol=1e-3, abs_tol=0.05,
    statement={
        "en": "Jones & Sasser's point is that the *completely* satisfied are the loyal ones. What is the **Net "
              "Promoter Score of the completely satisfied respondents** of `survey` — those who gave the top "
              "answer of the satisfaction scale (5 on 1–5, 10 on 0–10)? Answer in NPS points (−100 to 100), "
              "rounded to one decimal.",
        "zh": "琼斯与赛塞的结论是：**完全满意**的顾客才忠诚。`survey` 中**完全满意的受访者**（满意度答了量表最高分："
              "1–5 分量表的 5 分、0–10 分量表的 10 分）的**净推荐值**是多少？用 NPS 的分值作答（−100 到 100），"
              "保留一位小数。"},
    hint="Keep the respondents whose satisfaction equals the top of the scale, then NPS = 100 × (share answering "
         "9–10 − share answering 0–6) of their recommend answers.",
    hint_zh="先只保留满意度等于量表最高分的受访者，再对他们的 recommend 回答算：NPS = 100 ×（答 9–10 分者的比例 − "
            "答 0–6 分者的比例）。",
    misconceptions=[
        _m("passives_as_promoters",
           "You counted the passives (7–8) as promoters: only 9 and 10 are promoters; 7–8 count in n but on neither "
           "side.",
           "你把中立者（7–8 分）算成了推荐者：只有 9、10 分是推荐者；7–8 分计入总人数，但既不加分也不减分。",
           lambda data, **_: _nps_points(_top_box_recommend(data), promoter_from=7)),
        _m("passives_as_detractors",
           "You counted the passives (7–8) as detractors: detractors answer 0–6 only.",
           "你把中立者（7–8 分）算成了贬损者：贬损者只是答 0–6 分的人。",
           lambda data, **_: _nps_points(_top_box_recommend(data), detractor_to=8)),
        _m("nps_as_share",
           "This is a share between −1 and 1: NPS is given in points from −100 to 100 (100 × the difference of "
           "the two shares).",
           "你填的是 −1 到 1 之间的比例之差：NPS 用 −100 到 100 的分值表示（两个比例之差再乘以 100）。",
           lambda expected, **_: expected / 100),
        _m("promoters_only",
           "That is the percentage of promoters alone: NPS subtracts the percentage of detractors.",
           "这只是推荐者所占的百分比：NPS 还要减去贬损者的百分比。",
           lambda data, **_: float(100 * (_top_box_recommend(data).dropna() >= 9).mean())),
        _m("all_respondents",
           "That is the NPS of all respondents (the table of section 6): the question asks only about the "
           "completely satisfied.",
           "这是全部受访者的 NPS（第 6 节的表）：题目只问完全满意的受访者。",
           lambda data, **_: _nps_points(data["recommend"])),
        _m("top_two_box",
           "You kept the top two satisfaction answers: “completely satisfied” is the top answer only.",
           "你保留了满意度最高的两档：“完全满意”只指最高的那一档。",
           lambda data, **_: _nps_points(data.loc[pd.to_numeric(data["satisfaction"], errors="coerce")
                                                  >= _top(data) - 1, "recommend"])),
    ])
def _nps_completely_satisfied(data):
    return _nps_points(_top_box_recommend(data))


@exercise(
    "satisfaction.2", points=1, rel_tol=1e-3, abs_tol=0.006,
    statement={
        "en": "With the cut points of section 6 (`satisfied_at`, `loyal_at`), what **percentage of the satisfied "
              "respondents** of `survey` are **not loyal** (mercenaries)? Answer in percent (e.g. `23.45` for "
              "23.45 %), rounded to two decimals.",
        "zh": "按第 6 节的切分点（`satisfied_at`、`loyal_at`），`survey` 中**满意的受访者**里，**不忠诚**的（图利者）"
              "占**百分之几**？用百分数作答（例如 23.45% 就填 `23.45`），保留两位小数。"},
    hint="Run customer_types(survey, satisfied_at=satisfied_at, loyal_at=loyal_at); the satisfied are the "
         "loyalists and the mercenaries. Divide the mercenaries by the satisfied, times 100.",
    hint_zh="运行 customer_types(survey, satisfied_at=satisfied_at, loyal_at=loyal_at)；满意的受访者 = 忠诚者 + 图利者。"
            "图利者人数除以满意者人数，再乘以 100。",
    misconceptions=[
        SHARE_FOR_PERCENT,
        _m("share_of_all",
           "You divided by all respondents: the question asks for a percentage of the satisfied respondents only.",
           "你除以的是全部受访者：题目问的是在“满意的受访者”中所占的百分比。",
           lambda data, satisfied_at=None, loyal_at=None, **_: float(
               100 * (_quadrants(data, satisfied_at, loyal_at) == "mercenary").mean())),
        _m("loyal_among_satisfied",
           "You computed the loyal among the satisfied (the loyalists): the question asks for those who are "
           "satisfied but not loyal.",
           "你算的是满意者中忠诚的那部分（忠诚者）：题目问的是满意却不忠诚的人。",
           lambda expected, **_: 100 - expected),
        _m("among_not_loyal",
           "You divided by the not-loyal respondents (mercenaries + defectors): the question conditions on being "
           "satisfied.",
           "你除以的是不忠诚的受访者（图利者 + 背叛者）：题目的前提是“满意的受访者”。",
           lambda data, satisfied_at=None, loyal_at=None, **_: float(
               100 * _quadrants(data, satisfied_at, loyal_at).pipe(
                   lambda q: (q == "mercenary").sum() / q.isin(["mercenary", "defector"]).sum()))),
        _m("default_cuts",
           "You used the default cut points: use the notebook's satisfied_at and loyal_at, the ones section 6 "
           "prints.",
           "你用的是默认切分点：要用本章参数中的 satisfied_at 和 loyal_at，也就是第 6 节显示的切分点。",
           lambda data, **_: _mercenaries_among_satisfied(data)),
    ])
def _mercenaries_among_satisfied(data, satisfied_at=None, loyal_at=None):
    q = _quadrants(data, satisfied_at, loyal_at)
    return float(100 * (q == "mercenary").sum() / q.isin(["mercenary", "loyalist"]).sum())


def _shortened(items):
    return list(items)[1:]


def _item_frame(data, items):
    return pd.DataFrame({c: pd.to_numeric(data[c], errors="coerce") for c in items}).dropna()


@exercise(
    "satisfaction.3", points=1, rel_tol=1e-4, abs_tol=0.0006,
    statement={
        "en": "A scale is checked item by item: would it still be reliable without one of its items? Without the "
              "overall-satisfaction question, do the remaining items still measure one thing? What is "
              "**Cronbach's alpha of `satisfaction_items` without its first item** (`satisfaction_items[1:]`)? "
              "Round to three decimals.",
        "zh": "检验量表时要逐题看：去掉某一题后，量表是否仍然可靠？去掉“总体满意度”这一题，剩下的题项还测的是同一个满意度吗？"
              "**去掉 `satisfaction_items` 的第一题**（`satisfaction_items[1:]`）后，Cronbach's α 系数是多少？保留三位小数。"},
    hint="Pass survey and satisfaction_items[1:] to cronbach_alpha, or apply the formula: k/(k−1) × (1 − sum of "
         "the item variances / variance of the summed score), with k the number of items left.",
    hint_zh="把 survey 和 satisfaction_items[:-1] 传给 cronbach_alpha，或者直接套公式：k/(k−1) ×（1 − 各题方差之和 / "
            "总分的方差），k 是剩下的题数。",
    misconceptions=[
        _m("full_scale",
           "That is the alpha of the full scale: the question asks for the scale without its last item.",
           "这是完整量表的 α 系数：题目要的是去掉最后一题之后的 α。",
           lambda data, items, **_: cronbach_alpha(data, list(items))),
        _m("no_k_factor",
           "You left out the factor k/(k−1) in front: alpha = k/(k−1) × (1 − Σ s_i² / s_T²).",
           "你漏掉了前面的系数 k/(k−1)：α = k/(k−1) ×（1 − Σ s_i² / s_T²）。",
           lambda data, items, **_: float(1 - _item_frame(data, _shortened(items)).var().sum()
                                          / _item_frame(data, _shortened(items)).sum(axis=1).var())),
        _m("one_minus_missing",
           "You left out the “1 −”: alpha = k/(k−1) × (1 − Σ s_i² / s_T²), not k/(k−1) × Σ s_i² / s_T².",
           "你漏掉了“1 −”：α = k/(k−1) ×（1 − Σ s_i² / s_T²），而不是 k/(k−1) × Σ s_i² / s_T²。",
           lambda data, items, **_: float(_k_factor(items) * _item_frame(data, _shortened(items)).var().sum()
                                          / _item_frame(data, _shortened(items)).sum(axis=1).var())),
    ])
def _alpha(data, items):
    return cronbach_alpha(data, _shortened(items))


def _k_factor(items):
    k = len(_shortened(items))
    return k / (k - 1)


def _loyalty(data):
    return _answers(data, "repurchase_intent")


def _loyalty_top(data):
    return float(_scales(data)[1][1])


@exercise(
    "satisfaction.4", points=1, rel_tol=1e-3, abs_tol=0.006,
    statement={
        "en": "Reports often give the **top-box** score instead of a mean: the percentage of respondents who gave "
              "the top answer of the scale. What **percentage** of the respondents of `survey` are in the top "
              "box of **repurchase intention** (`repurchase_intent`: 5 on 1–5, 10 on 0–10)? Answer in percent, "
              "rounded to two decimals.",
        "zh": "调查报告常常不报平均分，而报**最高档（top-box）比例**：答了量表最高分的受访者所占的百分比。"
              "`survey` 中**再购意愿**（`repurchase_intent`）答最高分（1–5 分量表的 5 分、0–10 分量表的 10 分）的受访者"
              "占**百分之几**？用百分数作答，保留两位小数。"},
    hint="Compare the repurchase_intent column with the top of the scale, take the mean of the True/False answers "
         "(leaving out missing answers) and multiply by 100.",
    hint_zh="把再购意愿（repurchase_intent）列与量表最高分比较，对得到的真/假值取平均（不计缺失的回答），再乘以 100。",
    misconceptions=[
        SHARE_FOR_PERCENT,
        _m("mean_for_top_box",
           "That is the mean score: the top box is the percentage of respondents at the top answer, "
           "not the average answer.",
           "这是再购意愿的平均分：最高档比例是答最高分的人所占的百分比，不是平均分。",
           lambda data, **_: float(_loyalty(data).mean())),
        _m("mean_as_percent",
           "That is the mean score expressed as a percentage of the top answer: a mean of 4 out of 5 says "
           "nothing about how many answered 5.",
           "这是把平均分换算成满分的百分比：5 分制平均 4 分，并不说明有多少人答了 5 分。",
           lambda data, **_: float(100 * _loyalty(data).mean() / _loyalty_top(data))),
        _m("top_two_box",
           "You counted the top two answers (top-two box): the question asks for the top answer only.",
           "你统计的是最高两档（top-two box）：题目只问最高的那一档。",
           lambda data, **_: float(100 * (_loyalty(data) >= _loyalty_top(data) - 1).mean())),
        _m("count_for_percent",
           "That is the number of respondents in the top box: divide by the respondents who answered, times 100.",
           "这是答最高分的人数：还要除以作答人数，再乘以 100。",
           lambda data, **_: int((_loyalty(data) == _loyalty_top(data)).sum())),
    ])
def _top_box(data):
    return float(100 * (_loyalty(data) == _loyalty_top(data)).mean())


# ----------------------------------------------------------------------------------------------
# Interpret


@exercise(
    "satisfaction.5", kind="interpret", points=1,
    statement={
        "en": "Two branches of a car dealer (a competitive market) both have a **mean satisfaction of 4.0** on "
              "1–5. At branch A 40 % answer 5 (and many answer 3); at branch B 10 % answer 5 and most answer 4. "
              "Which reading is right?",
        "zh": "一家汽车经销商（竞争性领域）的两家分店，满意度**平均分都是 4.0**（1–5 分）。A 店有 40% 的顾客答 5 分"
              "（也有不少人答 3 分）；B 店只有 10% 答 5 分，大多数人答 4 分。下面哪种解读是对的？"},
    hint="In a competitive market, which answer on the satisfaction scale comes with reliable loyalty (section 1)?",
    hint_zh="在竞争性领域，满意度答到哪一档的顾客才可靠地忠诚（见第 1 节）？",
    options={
        "a": Option({"en": "The means are equal, so both branches can expect the same loyalty.",
                     "zh": "平均分相同，两家店可以预期同样的忠诚度。"},
                    why={"en": "The mean hides where the answers lie: in a competitive market loyalty is concentrated "
                               "in the top box, so the share answering 5 matters, not the average.",
                         "zh": "平均分掩盖了回答的分布：在竞争性领域，忠诚集中在最高一档，要看答 5 分的比例，而不是平均分。"}),
        "b": Option({"en": "Branch A should keep more customers: in a competitive market only the completely "
                           "satisfied (5) are reliably loyal, and A has four times as many of them.",
                     "zh": "A 店应能留住更多顾客：在竞争性领域，只有完全满意（5 分）的顾客才可靠地忠诚，而 A 店这样的顾客是 B 店的四倍。"}),
        "c": Option({"en": "Branch B is better: its customers are consistently satisfied (4), a safe base.",
                     "zh": "B 店更好：它的顾客普遍满意（4 分），是稳固的基本盘。"},
                    why={"en": "“Satisfied” (4 of 5) is exactly the group Jones & Sasser found to defect in "
                               "competitive markets: many of B's customers are mercenaries.",
                         "zh": "“满意”（5 分制的 4 分）恰恰是琼斯与赛塞发现在竞争性市场中会叛逃的那群人：B 店很多顾客是图利者。"}),
        "d": Option({"en": "Nothing can be said about loyalty from satisfaction; only the NPS can tell.",
                     "zh": "满意度说明不了忠诚，只有 NPS 才能判断。"},
                    why={"en": "Satisfaction does predict loyalty — through the shape of the curve, which rises most "
                               "at the top in competitive markets; NPS is one more measure, not the only one (the "
                               "course lists overall satisfaction among the measures of loyalty).",
                         "zh": "满意度能预测忠诚——要看曲线的形状：在竞争性领域，曲线在最高一档上升最多；NPS 只是指标之一，"
                               "不是唯一的（教材也把整体满意度列为衡量顾客忠诚度的指标）。"}),
    })
def _top_box_reading(**_):
    return "b"


@exercise(
    "satisfaction.6", kind="interpret", points=1,
    statement={
        "en": "Compare the **mercenaries** and the **hostages** of your `survey` (section 6, with the notebook's "
              "cut points). Which reading fits your data?",
        "zh": "比较你的 `survey` 中**图利者**和**人质**的人数（第 6 节，按本章参数中的切分点）。哪种解读符合你的数据？"},
    hint="Count the two quadrants in real_types['quadrant_key'] and ask which of the two measures, satisfaction or "
         "loyalty, the larger one makes look too good.",
    hint_zh="数一数 real_types['quadrant_key'] 中这两个象限的人数，再想一想：人多的那一类，会让满意度和忠诚度中的哪一个显得过于乐观？",
    options={
        "a": Option({"en": "Mercenaries outnumber hostages: satisfaction scores overstate the loyal base — satisfied "
                           "customers who would switch.",
                     "zh": "图利者多于人质：满意度高估了忠诚的顾客群——有些满意的顾客其实会转投别家。"},
                    why={"en": "In your survey there are at least as many hostages as mercenaries: count the two "
                               "quadrants again.",
                         "zh": "在你的调查中，人质不少于图利者：再数一数这两个象限。"}),
        "b": Option({"en": "Hostages are at least as many as mercenaries: loyalty overstates satisfaction — "
                           "customers who stay without being satisfied, and may leave when an alternative appears.",
                     "zh": "人质不少于图利者：忠诚度高估了满意——有些顾客并不满意却留了下来，一旦出现替代者就可能离开。"},
                    why={"en": "In your survey mercenaries outnumber hostages: count the two quadrants again.",
                         "zh": "在你的调查中，图利者多于人质：再数一数这两个象限。"}),
        "c": Option({"en": "Mercenaries are the most valuable group, because they are satisfied.",
                     "zh": "图利者是最有价值的一类，因为他们满意。"},
                    why={"en": "Satisfied is not loyal: mercenaries are satisfied but low on loyalty, the customers "
                               "who leave for a better offer.",
                         "zh": "满意不等于忠诚：图利者虽然满意，忠诚度却低，有更好的报价就会离开。"}),
        "d": Option({"en": "Hostages are loyal, so they need no attention.",
                     "zh": "人质是忠诚的，所以不需要关注。"},
                    why={"en": "Hostages repeat without attachment (the course's monopoly or inertia loyalty): they "
                               "stay because they must, and defect — often loudly — once they can.",
                         "zh": "人质的重复购买没有依恋（教材中的垄断忠诚、惰性忠诚）：他们留下是因为别无选择，"
                               "一旦可以选择就会离开，而且常常带着抱怨离开。"}),
    })
def _mercenaries_or_hostages(data, satisfied_at=None, loyal_at=None):
    q = _quadrants(data, satisfied_at, loyal_at)
    return "a" if (q == "mercenary").sum() > (q == "hostage").sum() else "b"


# ----------------------------------------------------------------------------------------------
# Decide (marked by the instructor with the rubric)


@exercise(
    "satisfaction.7", kind="decide", points=2,
    statement={
        "en": "The manager can fund the improvement of **one** attribute of the importance–performance grid of "
              "section 6 (`real_drivers`). Which kind of attribute do you choose? Name the attribute of your data, "
              "and justify the choice in two or three sentences in a comment of the answer cell.",
        "zh": "经理只有改进**一个**属性的预算（第 6 节的重要性—表现分析，`real_drivers`）。你选哪一类属性？"
              "写出你的数据中的那个属性，并在答案单元格的注释里用两三句话说明理由。"},
    hint="An improvement pays where the attribute moves satisfaction (importance) and has room to rise "
         "(performance).",
    hint_zh="改进能见效的地方：这个属性能带动满意度（重要性高），而且还有提升空间（表现低）。",
    options={"a": {"en": "the most important attribute in “concentrate here” (important, rated low)",
                   "zh": "“重点改进”象限中最重要的属性（重要、评分低）"},
             "b": {"en": "the attribute with the highest performance, to keep up the good work",
                   "zh": "表现评分最高的属性，保持优势"},
             "c": {"en": "the attribute with the lowest performance, whatever its importance",
                   "zh": "表现评分最低的属性，不论其重要性"},
             "d": {"en": "split the budget evenly over all attributes", "zh": "把预算平均分给所有属性"}},
    rubric={
        "en": "2 points: a, naming the attribute of their own grid, AND the reason that both axes count — it moves "
              "satisfaction (importance) and has room to improve (performance). 1 point: a with only one of the "
              "two reasons, or c when that attribute is also the lowest-rated important one, said so. 0: b or d "
              "without a reason from the grid. If the grid has no “concentrate here” attribute, the most important "
              "attribute below the performance mean with that remark earns 2.",
        "zh": "2 分：选 a，写出自己数据中的那个属性，并说明两个维度都要看——它能带动满意度（重要性），又有提升空间（表现）。"
              "1 分：选 a 但只给出其中一点理由；或选 c，且说明这个属性恰好也是评分最低的重要属性。0 分：选 b 或 d 而没有依据网格的理由。"
              "若网格中没有“重点改进”的属性，选表现低于平均值中最重要的属性并作此说明，也得 2 分。"},
    model_answer={
        "en": "a. Importance (the correlation with satisfaction) says how much satisfaction moves when the attribute "
              "moves; performance (its mean rating) says how much room there is. An attribute in “concentrate here” "
              "has both, so the money buys the most satisfaction there; a high performer (b) is possible "
              "overkill, the lowest-rated attribute (c) may not matter to satisfaction, and an even split (d) "
              "dilutes the budget. Importance is a correlation, so the choice is a hypothesis to test, not a "
              "proof of cause.",
        "zh": "选 a。重要性（与满意度的相关系数）说明这个属性变化时满意度跟着变多少，表现（平均评分）说明还有多大提升空间。"
              "“重点改进”象限的属性两者兼备，钱花在这里换来的满意度最多；表现最高的属性（b）可能已经过度，"
              "评分最低的属性（c）未必影响满意度，平均分配（d）则摊薄了预算。重要性只是相关系数，"
              "所以这个选择是有待检验的假设，而不是因果的证明。"},
    )
def _driver_decision(**_):
    return "a"


@exercise(
    "satisfaction.8", kind="decide", points=2,
    statement={
        "en": "A bank in a market that is being opened to new competitors (switching costs are falling) can afford "
              "one retention programme. Which group of customers does it target? Choose, and justify it in a "
              "comment of the answer cell with the Jones & Sasser curve.",
        "zh": "一家银行所在的市场正在向新竞争者开放（转换成本正在下降），它只负担得起一项顾客保持计划。"
              "应该针对哪一类顾客？选一个，并在答案单元格的注释里用琼斯与赛塞的曲线说明理由。"},
    hint="When competition arrives, which group's loyalty was held up by the lack of alternatives rather than by "
         "satisfaction?",
    hint_zh="竞争者进入后，哪一类顾客的忠诚原本靠的是“别无选择”，而不是满意？",
    options={"a": {"en": "the apostles (completely satisfied and loyal)", "zh": "传道者（完全满意且忠诚）"},
             "b": {"en": "the hostages (loyal but dissatisfied)", "zh": "人质（忠诚但不满意）"},
             "c": {"en": "the mercenaries (satisfied, not loyal)", "zh": "图利者（满意但不忠诚）"},
             "d": {"en": "the terrorists (completely dissatisfied, not loyal)", "zh": "恐怖分子（极不满意且不忠诚）"}},
    rubric={
        "en": "2 points: b, because the hostages' loyalty rests on switching costs and few alternatives — the "
              "non-competitive side of the curve — and falls away as the market opens, AND the programme must "
              "raise their satisfaction (fix the complaints), not only reward staying. 1 point: b with only one "
              "of the two reasons, or c with the argument that in the new competitive market the satisfied must "
              "become completely satisfied. 0: a or d without a reason from the curve.",
        "zh": "2 分：选 b，理由是人质的忠诚靠的是高转换成本和缺少替代者——曲线的非竞争性一侧——市场开放后就会消失；并且指出计划要提高"
              "他们的满意度（解决他们的不满），而不只是奖励留下。1 分：选 b 但只有其中一点理由；或选 c，论证在新的竞争性市场中"
              "满意的顾客必须变成完全满意。0 分：选 a 或 d 而没有依据曲线的理由。"},
    model_answer={
        "en": "b. In a protected market the curve is flat: loyalty is high whatever the satisfaction, because "
              "switching is costly and there are few substitutes. Opening the market moves the bank onto the "
              "competitive curve, where dissatisfied customers defect: the hostages are the first to go. The "
              "programme must remove the causes of their dissatisfaction (the attributes in “concentrate here”), "
              "since a reward for staying does not make them satisfied. Apostles are already secure; terrorists "
              "are expensive to win back.",
        "zh": "选 b。在非竞争性市场，曲线是平的：转换成本高、替代品少，不论满意与否忠诚度都高。市场开放后，银行转到竞争性曲线上，"
              "不满意的顾客会叛逃：人质最先离开。计划要消除他们不满的原因（“重点改进”象限的属性），因为单纯奖励留下并不能让他们满意。"
              "传道者已经稳固；恐怖分子挽回的成本很高。"},
    )
def _retention_decision(**_):
    return "b"


# ----------------------------------------------------------------------------------------------
# Concept checks (判断题 / 选择题, in the style of the course texts' own review questions)


@exercise(
    "satisfaction.9", kind="concept", points=1,
    statement={
        "en": "True or false: a satisfied customer is necessarily loyal, and a dissatisfied customer will not buy "
              "again.",
        "zh": "判断题：满意的顾客一定忠诚，不满意的顾客一定不会重复购买。"},
    hint="What does the course text say about satisfied and dissatisfied customers at the start of 3.6?",
    hint_zh="教材 3.6 节开头怎么说满意的顾客和不满意的顾客？",
    options={
        "true": Option({"en": "True", "zh": "对"},
                       why={"en": "The course text says the opposite: satisfied customers are not necessarily loyal, "
                                  "and dissatisfied customers do not necessarily stop buying (mercenaries and "
                                  "hostages) — how satisfaction turns into loyalty depends on competition.",
                            "zh": "教材的说法正相反：满意的顾客不一定忠诚，不满意的顾客也不见得就不会重复购买（图利者和人质）"
                                  "——满意能否转化为忠诚，取决于行业的竞争程度。"}),
        "false": Option({"en": "False", "zh": "错"}),
    })
def _satisfied_not_loyal():
    return "false"


@exercise(
    "satisfaction.10", kind="concept", points=1,
    statement={
        "en": "Multiple choice: in Jones & Sasser's study as the course presents it, loyalty is high in the "
              "non-competitive fields (e.g. local telephone service) whatever the satisfaction. Which of the "
              "following is **not** one of the reasons the course text gives?",
        "zh": "选择题：教材介绍的琼斯与赛塞的研究中，在非竞争性领域（如本地电话服务），不论满意与否，顾客忠诚度都较高。"
              "下列哪一项**不是**教材给出的原因？"},
    hint="The course lists what keeps customers even when they are not satisfied.",
    hint_zh="教材列出的是：即使顾客不满意，也能把他们留住的那些因素。",
    options={
        "a": Option({"en": "patent protection, or few substitutes", "zh": "专利保护或替代品很少"},
                    why={"en": "It is on the course's list: without substitutes the customer has nowhere to go.",
                         "zh": "这是教材列出的原因之一：没有替代品，顾客无处可去。"}),
        "b": Option({"en": "high switching costs", "zh": "转换成本高"},
                    why={"en": "It is on the course's list: leaving costs the customer more than staying.",
                         "zh": "这是教材列出的原因之一：离开的代价比留下更高。"}),
        "c": Option({"en": "the customers are completely satisfied", "zh": "顾客都完全满意"}),
        "d": Option({"en": "a strong customer loyalty programme", "zh": "强大的客户忠诚计划"},
                    why={"en": "It is on the course's list (frequent-flyer programmes of airlines are the example).",
                         "zh": "这是教材列出的原因之一（航空公司的常旅客计划就是例子）。"}),
    })
def _non_competitive_reasons():
    return "c"


@exercise(
    "satisfaction.11", kind="concept", points=1,
    statement={
        "en": "Multiple choice: according to the course text (002), customer satisfaction depends on …",
        "zh": "选择题：根据教材（002），客户满意取决于……"},
    hint="The course defines satisfaction as a comparison: of what with what?",
    hint_zh="教材把客户满意定义为一种对比：什么和什么的对比？",
    options={
        "a": Option({"en": "how often the customer buys again", "zh": "客户重复购买的次数"},
                    why={"en": "Repeat buying is loyalty (behaviour), not satisfaction; the chapter shows the two can "
                               "disagree.",
                         "zh": "重复购买是忠诚（行为），不是满意；本章正说明了两者可能不一致。"}),
        "b": Option({"en": "the actual experience of the product compared with the customer's expectation before "
                           "buying",
                     "zh": "商品的实际消费感受和消费者事前预期的对比"}),
        "c": Option({"en": "the price alone: the lower the price, the more satisfied", "zh": "只取决于价格：价格越低越满意"},
                    why={"en": "Price is only one cost in the customer's perceived value; satisfaction compares the "
                               "whole experience with the expectation.",
                         "zh": "价格只是客户感知价值中的一项成本；满意是把整个消费感受与期望作比较。"}),
        "d": Option({"en": "the share of customers who would recommend the firm (NPS)", "zh": "愿意推荐企业的客户比例（NPS）"},
                    why={"en": "Recommending is a measure of loyalty in the course's list, not the definition of "
                               "satisfaction.",
                         "zh": "推荐在教材中是衡量忠诚度的指标之一，不是客户满意的定义。"}),
    })
def _satisfaction_definition():
    return "b"
