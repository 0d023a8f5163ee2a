"""Exercises of notebook 03 (association rules and cross-selling).

Compute questions run on the student's own ``tx`` (the chapter's data set, e.g. ``"synthetic:<seed>"``)
and ask about a rule the notebook does not print: **A → B**, where A is the product in the most baskets
of ``tx`` and B the one in the second most (a tie broken by the product name's sort order). Each known
wrong answer — confidence computed the wrong way round (P(A|B) for A → B), support counted over order
lines or over customers instead of baskets, lift taken for confidence, a share entered for a percentage
or a percentage for a share — gets its own message.

Which counting: this chapter, like the literature and mining software, counts over **baskets**
(orders); the course text (text 004) counts over **customers** (同时购买 a 和 b 的客户人数 / 总客户人数).
basket.4 and the concept checks ask about the course's counting explicitly.
"""

from __future__ import annotations

import numpy as np

from ...basket import basket_matrix
from ..mistakes import PERCENT_FOR_SHARE, SHARE_FOR_PERCENT
from ..registry import Misconception, Option, exercise

# ----------------------------------------------------------------------------------------------
# The rule A → B of the student's data, counted over baskets, order lines and customers


def _m(key, en, zh, wrong):
    return Misconception(key, {"en": en, "zh": zh}, wrong=wrong)


def _pair(data, order="order_id"):
    """Counts of the rule A → B (A, B: the two products in the most baskets of ``data``).

    ``order`` is the basket: ``"order_id"`` (this chapter) or ``"customer_id"`` (the course text's
    counting; A and B stay the products of the most *orders*).
    """
    m = basket_matrix(data)
    counts = m.sum()
    a, b = sorted(counts.index, key=lambda p: (-int(counts[p]), str(p)))[:2]
    if order != "order_id":
        m = basket_matrix(data, order=order)
    has_a, has_b = np.asarray(m[a], dtype=bool), np.asarray(m[b], dtype=bool)
    return {"a": a, "b": b, "n": len(m), "n_a": int(has_a.sum()), "n_b": int(has_b.sum()),
            "n_ab": int((has_a & has_b).sum()), "rows": len(data)}


def _confidence(c):
    return c["n_ab"] / c["n_a"]


def _lift(c):
    return c["n_ab"] * c["n"] / (c["n_a"] * c["n_b"])


_RULE = {
    "en": "Let **A** be the product in the most baskets (orders) of your `tx` and **B** the one in the second most "
          "(a tie is broken by the product name's sort order: `sorted(...)`). ",
    "zh": "设 **A** 为你的 `tx` 中出现在最多购物篮（订单）里的商品，**B** 为出现次数第二多的商品"
          "（次数相同时按商品名排序：`sorted(...)`）。"}

WRONG_DIRECTION = _m(
    "wrong_direction",
    "You computed the confidence of the rule the other way round, P(A | B) = n(A∪B)/n(B): the confidence of "
    "A → B divides by the baskets that hold the antecedent A.",
    "你算反了方向，得到的是 P(A | B) = n(A∪B)/n(B)：规则 A → B 的置信度要除以含有前项 A 的购物篮数。",
    lambda data, **_: (lambda c: c["n_ab"] / c["n_b"])(_pair(data)))

SUPPORT_FOR_CONFIDENCE = _m(
    "support_for_confidence",
    "That is the support of {A, B} (baskets with both ÷ all baskets): confidence divides by the baskets with A only.",
    "这是 {A, B} 的支持度（两样都有的购物篮 ÷ 全部购物篮）：置信度的分母是含有 A 的购物篮数，不是全部购物篮。",
    lambda data, **_: (lambda c: c["n_ab"] / c["n"])(_pair(data)))

LIFT_FOR_CONFIDENCE = _m(
    "lift_for_confidence",
    "That is the lift (confidence ÷ the support of B): the question asks for the confidence itself.",
    "这是提升度（置信度 ÷ B 的支持度）：题目要的是置信度本身。",
    lambda data, **_: _lift(_pair(data)))


# ----------------------------------------------------------------------------------------------
# Compute


@exercise(
    "basket.1", points=1,
    statement={
        "en": _RULE["en"] + "What is the **confidence** of the rule **A → B** in `tx`, as a share between 0 and 1? "
              "(The rule tables above show the rules with the highest lift: work this one out yourself.)",
        "zh": _RULE["zh"] + "在 `tx` 中，规则 **A → B** 的**置信度**是多少？用 0 到 1 之间的比例作答。"
              "（上文的规则表列出的是提升度最高的规则：这一条要你自己算。）"},
    hint="Confidence of A → B = baskets holding both A and B ÷ baskets holding A (the antecedent). Use the basket "
         "matrix: one row per order.",
    hint_zh="规则 A → B 的置信度 = 同时含有 A 和 B 的购物篮数 ÷ 含有前项 A 的购物篮数。用购物篮矩阵来数：每个订单一行。",
    misconceptions=[WRONG_DIRECTION, SUPPORT_FOR_CONFIDENCE, LIFT_FOR_CONFIDENCE, PERCENT_FOR_SHARE])
def _confidence_ab(data, **_):
    return _confidence(_pair(data))


@exercise(
    "basket.2", points=1,
    statement={
        "en": _RULE["en"] + "What is the **lift** of the rule **A → B** in `tx`?",
        "zh": _RULE["zh"] + "在 `tx` 中，规则 **A → B** 的**提升度**是多少？"},
    hint="Lift compares the confidence of A → B with how often B is bought anyway: which base rate does it divide "
         "by, and over how many baskets are both counted?",
    hint_zh="提升度是把规则的置信度与“B 本来就有多常被购买”相比：想一想要除以哪个基础比例，这两个比例又都是在多少个购物篮上算的。",
    misconceptions=[
        _m("confidence_for_lift",
           "That is the confidence of A → B: lift divides it by the share of all baskets that hold B.",
           "这是规则 A → B 的置信度：提升度还要再除以 B 在全部购物篮中出现的比例。",
           lambda data, **_: _confidence(_pair(data))),
        _m("reverse_confidence_for_lift",
           "That is the confidence of B → A (P(A | B)): lift is neither confidence, it divides a confidence by the "
           "support of its consequent.",
           "这是规则 B → A 的置信度（P(A | B)）：提升度不是任何一个方向的置信度，而是置信度除以其后项的支持度。",
           lambda data, **_: (lambda c: c["n_ab"] / c["n_b"])(_pair(data))),
        _m("antecedent_base",
           "You divided the confidence of A → B by the support of A, the antecedent: lift compares it with the "
           "support of the consequent B.",
           "你用规则 A → B 的置信度除以了前项 A 的支持度：提升度要与后项 B 的支持度相比。",
           lambda data, **_: (lambda c: c["n_ab"] * c["n"] / c["n_a"] ** 2)(_pair(data))),
        _m("rows_for_baskets",
           "You counted the supports over order lines (rows of tx), not over baskets: one order has several lines, "
           "so the base rates are per basket (one row of the basket matrix per order).",
           "你是按订单行（tx 的行数）而不是按购物篮计算支持度的：一个订单有好几行，基础比例要按购物篮算"
           "（购物篮矩阵中每个订单一行）。",
           lambda data, **_: (lambda c: c["n_ab"] * c["rows"] / (c["n_a"] * c["n_b"]))(_pair(data))),
    ])
def _lift_ab(data, **_):
    return _lift(_pair(data))


@exercise(
    "basket.3", points=1, rel_tol=1e-4, abs_tol=0.006,
    statement={
        "en": _RULE["en"] + "What is the **support** of the rule **A → B** in `tx`, **in percent** "
              "(e.g. `12.34` for 12.34 %), rounded to two decimals?",
        "zh": _RULE["zh"] + "在 `tx` 中，规则 **A → B** 的**支持度**是百分之几？用百分数作答（例如 12.34% 就填 "
              "`12.34`），保留两位小数。"},
    hint="Support = baskets (orders) holding both A and B ÷ all baskets, times 100.",
    hint_zh="支持度 = 同时含有 A 和 B 的购物篮（订单）数 ÷ 全部购物篮数，再乘以 100。",
    misconceptions=[
        SHARE_FOR_PERCENT,
        _m("rows_for_baskets",
           "You divided by the number of order lines (rows of tx): support counts baskets, and one order has "
           "several lines — divide by the number of orders.",
           "你除以的是订单行数（tx 的行数）：支持度按购物篮计数，一个订单有好几行——应该除以订单数。",
           lambda data, **_: (lambda c: 100 * c["n_ab"] / c["rows"])(_pair(data))),
        _m("customers_for_baskets",
           "You counted over customers, as the course text does (customers who bought both ÷ all customers): this "
           "chapter counts over baskets — both products in the same order.",
           "你按客户人数计算（同时购买两者的客户数 ÷ 总客户数），这是教材的口径：本章按购物篮计数——两种商品要在同一个订单里。",
           lambda data, **_: (lambda c: 100 * c["n_ab"] / c["n"])(_pair(data, order="customer_id"))),
        _m("confidence_for_support",
           "That is the confidence of A → B (÷ baskets with A): support divides by all baskets.",
           "这是规则 A → B 的置信度（除以含有 A 的购物篮数）：支持度的分母是全部购物篮数。",
           lambda data, **_: 100 * _confidence(_pair(data))),
    ])
def _support_ab_percent(data, **_):
    c = _pair(data)
    return 100 * c["n_ab"] / c["n"]


@exercise(
    "basket.4", points=1,
    statement={
        "en": _RULE["en"] + "The course text counts a rule over **customers**: confidence(a → b) = customers who "
              "bought both a and b ÷ customers who bought a — in any of their orders. Counted that way "
              "(one basket per customer: `basket.basket_matrix(tx, order=\"customer_id\")`), what is the "
              "**confidence** of **A → B**, as a share between 0 and 1?",
        "zh": _RULE["zh"] + "教材按**客户人数**计算规则：置信度(a → b) = 同时购买 a 和 b 的客户人数 ÷ 购买 a 的客户人数"
              "（不论是否在同一个订单里）。按这个口径（每位客户合成一个购物篮："
              "`basket.basket_matrix(tx, order=\"customer_id\")`），规则 **A → B** 的**置信度**是多少？"
              "用 0 到 1 之间的比例作答。"},
    hint="Make one basket per customer, then: customers with both A and B ÷ customers with A.",
    hint_zh="先把每位客户的全部购买合成一个购物篮，再算：同时买过 A 和 B 的客户数 ÷ 买过 A 的客户数。",
    misconceptions=[
        _m("baskets_for_customers",
           "You counted over baskets (orders), as the rest of the chapter does: the course's counting asks which "
           "customers bought both, in any of their orders.",
           "你按购物篮（订单）计数，这是本章其余部分的口径：教材的口径问的是哪些客户两样都买过，不论是否在同一个订单里。",
           lambda data, **_: _confidence(_pair(data))),
        _m("wrong_direction",
           "You computed it the other way round, customers with both ÷ customers with B: the confidence of "
           "A → B divides by the customers who bought the antecedent A.",
           "你算反了方向（两样都买的客户数 ÷ 买过 B 的客户数）：规则 A → B 的置信度要除以买过前项 A 的客户数。",
           lambda data, **_: (lambda c: c["n_ab"] / c["n_b"])(_pair(data, order="customer_id"))),
        _m("support_for_confidence",
           "That is the support over customers (customers with both ÷ all customers): confidence divides by the "
           "customers who bought A.",
           "这是按客户计算的支持度（两样都买的客户数 ÷ 总客户数）：置信度的分母是买过 A 的客户数。",
           lambda data, **_: (lambda c: c["n_ab"] / c["n"])(_pair(data, order="customer_id"))),
        PERCENT_FOR_SHARE,
    ])
def _customer_confidence(data, **_):
    return _confidence(_pair(data, order="customer_id"))


# ----------------------------------------------------------------------------------------------
# Interpret


@exercise(
    "basket.5", kind="interpret", points=1,
    statement={
        "en": _RULE["en"] + "Compute the lift of **A → B** over baskets (exercise basket.2). Which reading fits "
              "**your** data? (Take a lift between 0.8 and 1.25 as \"close to 1\".)",
        "zh": _RULE["zh"] + "按购物篮算出规则 **A → B** 的提升度（练习 basket.2）。对**你的**数据来说，哪种解读是对的？"
              "（提升度在 0.8 到 1.25 之间视为“接近 1”。）"},
    hint="Compare the lift with 1: above, A buyers take B more often than the average basket; close to 1, no more "
         "often; below, less often.",
    hint_zh="把提升度和 1 比较：明显大于 1，说明买 A 的购物篮比一般购物篮更常有 B；接近 1，说明并不更常；小于 1，说明更少。",
    options={
        "a": Option({"en": "Lift is clearly above 1: baskets with A hold B more often than baskets in general — a "
                           "pairing worth a cross-selling suggestion.",
                     "zh": "提升度明显大于 1：含有 A 的购物篮比一般购物篮更常含有 B——这是值得做交叉销售推荐的搭配。"},
                    why={"en": "Your lift is not clearly above 1: baskets with A hold B about as often as (or less "
                               "often than) any basket. The confidence reflects that B is a best-seller.",
                         "zh": "你的提升度并没有明显大于 1：含有 A 的购物篮里出现 B 的比例与一般购物篮差不多（甚至更低），"
                               "置信度只是反映了 B 本身就是畅销品。"}),
        "b": Option({"en": "Lift is close to 1: A and B are both best-sellers and meet in baskets about as often as "
                           "chance predicts; the confidence of A → B mostly reflects how popular B is.",
                     "zh": "提升度接近 1：A 和 B 都是畅销品，它们同时出现在购物篮中的频率与随机情况差不多；"
                           "A → B 的置信度主要反映的是 B 本身有多畅销。"},
                    why={"en": "Your lift is far from 1: compute it as confidence ÷ the support of B and compare with "
                               "the band 0.8–1.25.",
                         "zh": "你的提升度离 1 较远：用置信度 ÷ B 的支持度算出来，再与 0.8–1.25 这个区间比较。"}),
        "c": Option({"en": "Lift is clearly below 1: baskets with A hold B less often than baskets in general — the "
                           "two products may substitute for each other.",
                     "zh": "提升度明显小于 1：含有 A 的购物篮反而比一般购物篮更少含有 B——两种商品可能相互替代。"},
                    why={"en": "Your lift is not clearly below 1: A buyers take B at least about as often as anybody.",
                         "zh": "你的提升度并没有明显小于 1：买 A 的购物篮里出现 B 的比例至少与一般购物篮相当。"}),
        "d": Option({"en": "The lift is the share of the baskets with A that also hold B.",
                     "zh": "提升度就是含有 A 的购物篮中也含有 B 的比例。"},
                    why={"en": "That share is the confidence. Lift divides the confidence by the share of all baskets "
                               "that hold B, so it says how much A raises the chance of B.",
                         "zh": "这个比例是置信度。提升度是置信度再除以 B 在全部购物篮中的比例，说明 A 让 B 出现的机会提高了多少。"}),
    })
def _lift_reading(data, **_):
    c = _pair(data)
    # Exact comparisons on the counts (a lift of exactly 0.8 or 1.25 is "close to 1").
    above = c["n_ab"] * c["n"] * 4 > 5 * c["n_a"] * c["n_b"]
    below = c["n_ab"] * c["n"] * 5 < 4 * c["n_a"] * c["n_b"]
    return "a" if above else "c" if below else "b"


# ----------------------------------------------------------------------------------------------
# Decide (marked by the instructor with the rubric)


@exercise(
    "basket.6", kind="decide", points=2,
    statement={
        "en": "A supermarket with 20,000 baskets a month can put **one** \"frequently bought together\" suggestion "
              "at the checkout screen for a month. Four rules are on the table (support and confidence in percent). "
              "Which rule do you act on? Choose, and justify in two or three sentences in a comment of the answer "
              "cell (think of how many baskets each rule reaches and how many extra sales it can bring).\n\n"
              "| rule | support | confidence | lift |\n|---|---|---|---|\n"
              "| a: caviar → champagne | 0.05 % | 90 % | 18.0 |\n"
              "| b: bread → milk | 22 % | 72 % | 0.96 |\n"
              "| c: pasta → tomato sauce | 3.5 % | 48 % | 3.1 |\n"
              "| d: chips → soda | 6 % | 35 % | 1.05 |",
        "zh": "一家每月约有 20,000 个购物篮的超市，收银屏幕上只能放**一条**“经常一起购买”的推荐，为期一个月。"
              "下面有四条规则（支持度和置信度以百分数表示）。你选哪一条来执行？选一个，并在答案单元格的注释里用两三句话"
              "说明理由（想一想每条规则能覆盖多少购物篮、能带来多少额外的销售）。\n\n"
              "| 规则 | 支持度 | 置信度 | 提升度 |\n|---|---|---|---|\n"
              "| a：鱼子酱 → 香槟 | 0.05% | 90% | 18.0 |\n"
              "| b：面包 → 牛奶 | 22% | 72% | 0.96 |\n"
              "| c：意大利面 → 番茄酱 | 3.5% | 48% | 3.1 |\n"
              "| d：薯片 → 汽水 | 6% | 35% | 1.05 |"},
    hint="Support says how many baskets a rule reaches, confidence how often it holds, lift whether it adds sales "
         "beyond what the consequent sells anyway: a campaign needs all three.",
    hint_zh="支持度说明规则能覆盖多少购物篮，置信度说明它有多可靠，提升度说明它是否带来了后项本来卖不出的销售：做活动三者都要看。",
    options={"a": {"en": "caviar → champagne (highest confidence and lift)", "zh": "鱼子酱 → 香槟（置信度和提升度最高）"},
             "b": {"en": "bread → milk (highest support and high confidence)", "zh": "面包 → 牛奶（支持度最高，置信度也高）"},
             "c": {"en": "pasta → tomato sauce", "zh": "意大利面 → 番茄酱"},
             "d": {"en": "chips → soda", "zh": "薯片 → 汽水"}},
    rubric={
        "en": "2 points: c, with both reasons — its lift (3.1) shows the suggestion raises the chance of the sale "
              "well above the base rate, and its support reaches enough baskets (about 700 a month) to matter; and "
              "says why the others fail: a reaches about 10 baskets, b has lift below 1 (milk sells as often "
              "without bread — high confidence only reflects a best-seller), d barely beats chance. 1 point: c with "
              "one reason, or a/d with a reasoned account of margin or reach. 0: b, or any choice justified by "
              "confidence alone.",
        "zh": "2 分：选 c，并说出两点理由——提升度 3.1 说明推荐让购买的机会远高于基础水平；支持度能覆盖足够多的购物篮"
              "（每月约 700 个），有实际意义；同时说明其他规则为什么不行：a 每月只覆盖约 10 个购物篮，b 的提升度低于 1"
              "（没有面包，牛奶也卖得一样多——置信度高只是因为牛奶畅销），d 几乎与随机无异。1 分：选 c 但只有一点理由，"
              "或选 a、d 并就毛利或覆盖面给出有道理的论证。0 分：选 b，或只凭置信度作出选择。"},
    model_answer={
        "en": "c. A suggestion pays when it changes what the customer buys, which is what lift measures: with pasta "
              "in the basket tomato sauce is 3.1 times as likely as in general, and at 3.5 % support the rule fires "
              "in about 700 baskets a month. caviar → champagne is reliable but reaches about 10 baskets; "
              "bread → milk has the highest confidence of the frequent rules, but its lift of 0.96 says milk "
              "sells as often without bread — the suggestion adds nothing; chips → soda is barely above chance.",
        "zh": "选 c。推荐有价值，是因为它改变了客户的购买，这正是提升度衡量的：购物篮里有意大利面时，番茄酱出现的机会是平时的 "
              "3.1 倍；支持度 3.5% 意味着这条规则每月在约 700 个购物篮中被触发。鱼子酱 → 香槟很可靠，但每月只覆盖约 10 个"
              "购物篮；面包 → 牛奶在常见规则中置信度最高，但提升度 0.96 说明没有面包时牛奶也卖得一样多——推荐不会带来额外"
              "销售；薯片 → 汽水只比随机略好。"},
    )
def _campaign_rule(**_):
    return "c"


# ----------------------------------------------------------------------------------------------
# Concept checks (判断题 / 选择题, in the style of the course texts' review questions; text 004 counts over
# customers, and says so in every statement)


@exercise(
    "basket.7", kind="concept", points=1,
    statement={
        "en": "True or false (the course's definitions, counted over customers): the confidence of the rule a → b "
              "is the number of customers who bought both a and b divided by the total number of customers.",
        "zh": "判断题（按教材的定义，以客户人数计）：规则 a → b 的置信度等于同时购买 a 和 b 的客户人数除以总客户人数。"},
    hint="Which of the course's two measures divides by all customers, and which by the customers who bought a?",
    hint_zh="教材的两个指标中，哪一个除以总客户人数，哪一个除以购买 a 的客户人数？",
    options={
        "true": Option({"en": "True", "zh": "对"},
                       why={"en": "Dividing by all customers gives the support, probability(a ∩ b). The confidence "
                                  "divides by the customers who bought a: probability(a ∩ b) / probability(a).",
                            "zh": "除以总客户人数得到的是支持度 probability(a∩b)。置信度的分母是购买 a 的客户人数："
                                  "probability(a∩b) / probability(a)。"}),
        "false": Option({"en": "False", "zh": "错"}),
    })
def _confidence_definition(**_):
    return "false"


@exercise(
    "basket.8", kind="concept", points=1,
    statement={
        "en": "Multiple choice: in the course text's notation (events over customers), confidence(a → b) = ?",
        "zh": "选择题：用教材的记号（以客户为单位的事件），置信度 confidence(a → b) = ？"},
    hint="Confidence is a conditional probability: given which event?",
    hint_zh="置信度是一个条件概率：在哪个事件已经发生的条件下？",
    options={
        "a": Option({"en": "probability(a ∩ b)", "zh": "probability(a∩b)"},
                    why={"en": "That is the support of a → b: the share of all customers who bought both.",
                         "zh": "这是规则 a → b 的支持度：两样都买的客户占全部客户的比例。"}),
        "b": Option({"en": "probability(a ∩ b) / probability(b)", "zh": "probability(a∩b) / probability(b)"},
                    why={"en": "That is P(a | b), the confidence of the rule the other way round, b → a: the rule "
                               "a → b is conditioned on its antecedent a.",
                         "zh": "这是 P(a | b)，即反方向规则 b → a 的置信度：规则 a → b 的条件是它的前项 a。"}),
        "c": Option({"en": "probability(a ∩ b) / probability(a)", "zh": "probability(a∩b) / probability(a)"}),
        "d": Option({"en": "probability(a ∩ b) / (probability(a) × probability(b))",
                     "zh": "probability(a∩b) / (probability(a) × probability(b))"},
                    why={"en": "That is the lift, which compares the confidence with the base rate of b; the course "
                               "text defines support and confidence only.",
                         "zh": "这是提升度，它把置信度与 b 的基础比例相比；教材只定义了支持度和置信度。"}),
    })
def _confidence_formula(**_):
    return "c"


@exercise(
    "basket.9", kind="concept", points=1,
    statement={
        "en": "Multiple choice: a customer buys a in January and b in March, in two different orders. Does this "
              "customer count towards the support of a → b under the course text's definition (over customers), "
              "and under this chapter's (over baskets)?",
        "zh": "选择题：某客户一月买了 a，三月买了 b，分在两个订单里。按教材的定义（以客户人数计），他是否计入规则 "
              "a → b 的支持度？按本章的定义（以购物篮计）呢？"},
    hint="The course text asks who bought both; a basket rule asks which orders hold both.",
    hint_zh="教材问的是“哪些客户两样都买过”，购物篮规则问的是“哪些订单里两样都有”。",
    options={
        "a": Option({"en": "Yes under both", "zh": "两种定义下都计入"},
                    why={"en": "A basket (order) must hold both products: in this chapter's counting the two orders "
                               "hold one each, so neither counts.",
                         "zh": "购物篮口径要求同一个订单里两样都有：这位客户的两个订单各只有一样，按本章的口径都不计入。"}),
        "b": Option({"en": "Yes over customers, no over baskets", "zh": "按客户计入，按购物篮不计入"}),
        "c": Option({"en": "No over customers, yes over baskets", "zh": "按客户不计入，按购物篮计入"},
                    why={"en": "It is the other way round: the course's counting asks whether the customer bought "
                               "both (he did), the basket counting whether one order holds both (none does).",
                         "zh": "正好反了：教材的口径问客户是否两样都买过（他买过），购物篮口径问是否有一个订单两样都有（没有）。"}),
        "d": Option({"en": "No under both", "zh": "两种定义下都不计入"},
                    why={"en": "The course text counts customers who bought both a and b, in any of their orders: "
                               "this customer did.",
                         "zh": "教材数的是同时购买过 a 和 b 的客户，不论在哪个订单里：这位客户两样都买过。"}),
    })
def _which_counting(**_):
    return "b"


@exercise(
    "basket.10", kind="concept", points=1,
    statement={
        "en": "True or false: the rules a → b and b → a always have the same support, but in general not the same "
              "confidence.",
        "zh": "判断题：规则 a → b 与 b → a 的支持度总是相同，但置信度一般不同。"},
    hint="Which of the two measures depends on which side of the arrow an item is on?",
    hint_zh="两个指标中，哪一个与商品在箭头的哪一边有关？",
    options={
        "true": Option({"en": "True", "zh": "对"}),
        "false": Option({"en": "False", "zh": "错"},
                        why={"en": "Support counts the customers (or baskets) with both a and b, whatever the direction; "
                                   "confidence divides by the antecedent — by a for a → b, by b for b → a — so it "
                                   "differs unless a and b are equally frequent.",
                             "zh": "支持度数的是 a、b 两样都有的客户（或购物篮），与方向无关；置信度要除以前项——a → b 除以 a 的人数，"
                                   "b → a 除以 b 的人数——所以除非 a 和 b 一样常见，两者不同。"}),
    })
def _direction(**_):
    return "true"
