"""Exercises of notebook 01 (customer value and CLV)."""

from __future__ import annotations

from ...clv import BetaGeo, customer_summary
from ...value import gini, top_share
from ..registry import exercise


@exercise("value.1", hint="top_share(tx, 0.2) sums amount per customer, ranks customers from the most "
                          "valuable and returns the share of revenue held by the top 20% (a fraction).",
          hint_zh="答案是收入占比（0 到 1 之间的小数），不是客户人数。要先按客户汇总收入，再从价值最高的"
                  "客户排起取前 20%；按订单排序、或从价值最低的客户排起，都会得到别的数。"
                  "可以用 value.top_share(tx, 0.2) 核对思路。")
def _top20_share(data):
    return top_share(data, 0.2)


@exercise("value.2", hint="gini(tx) gives the Gini coefficient of revenue per customer (0 = everyone equal).",
          hint_zh="基尼系数是按客户算的：先把每位客户的收入加总，再看这些客户收入的不平均程度；直接用每笔"
                  "订单的金额来算，结果会不同。它在 0（人人相同）和 1 之间，可以用 value.gini(tx)。")
def _gini(data):
    return gini(data)


@exercise("value.3", hint="With retention r, margin m and discount d the infinite-horizon CLV is "
                          "m·r/(1 + d − r); plug in m=100, r=0.75, d=0.10.",
          hint_zh="无限期 CLV 的公式是 m·r/(1 + d − r)。检查两点：顾客保持率和折现率要写成小数，而不是 75 "
                  "和 10；分母里既有保持率也有折现率，只用 m/(1 − r) 就漏掉了折现。")
def _simple_clv():
    return 100 * 0.75 / (1 + 0.10 - 0.75)


@exercise("value.4", hint="Fit BetaGeo on customer_summary(tx, calibration_end=...) and average "
                          "probability_alive(summary) over all customers.", rel_tol=1e-3,
          hint_zh="只用校准期的数据：customer_summary(tx, calibration_end=...) 得到汇总表，在它上面拟合 "
                  "BetaGeo，再对全部客户（包括只买过一次的客户）的 probability_alive 求平均。只对重复"
                  "购买者求平均，或用全部数据拟合，都会得到别的数。")
def _mean_p_alive(data, calibration_end):
    summary = customer_summary(data, calibration_end=calibration_end)
    return float(BetaGeo().fit(summary).probability_alive(summary).mean())
