"""Exercises of notebook 04 (satisfaction versus loyalty)."""

from __future__ import annotations

from ...satisfaction import cronbach_alpha, customer_types, nps
from ..registry import exercise


@exercise("satisfaction.1", hint="nps(survey) returns one row 'all'; the score is 100 × (share answering 9–10 "
                                 "− share answering 0–6) of the recommend column, a number from −100 to 100.",
          hint_zh="nps(survey) 返回一行 'all'，净推荐值 = 100 ×（答 9–10 分者的比例 − 答 0–6 分者的比例），"
                  "取值在 −100 到 100 之间。答案落在 −1 到 1 之间，多半是忘了乘 100；把 7–8 分的中立者"
                  "算进推荐者或贬损者，结果也会偏。",
          rel_tol=1e-3, abs_tol=0.05)
def _nps(data):
    return float(nps(data).loc["all", "nps"])


@exercise("satisfaction.2", hint="Run customer_types(survey) on the automobile respondents only "
                                 "(survey[survey['industry'] == 'automobiles']) and take the share whose "
                                 "quadrant_key is 'mercenary' — satisfied but not loyal (a share 0–1).",
          hint_zh="先只取汽车行业的受访者（survey[survey['industry'] == 'automobiles']），再对它运行 "
                  "customer_types，统计 quadrant_key 为 'mercenary'（图利者：满意但不忠诚）的比例。答案是 "
                  "0–1 之间的比例而不是人数；用了全部行业的受访者，或者改了默认阈值，结果都会不同。",
          rel_tol=1e-2)
def _mercenary_share_automobiles(data, satisfied_at=None, loyal_at=None):
    cars = data[data["industry"] == "automobiles"]
    types = customer_types(cars, satisfied_at=satisfied_at, loyal_at=loyal_at)
    return float((types["quadrant_key"] == "mercenary").mean())


@exercise("satisfaction.3", hint="Pass the survey and the list of the satisfaction items "
                                 "(['satisfaction', 'sat2', 'sat3', 'sat4'] on the ECSI data) to "
                                 "cronbach_alpha; the answer is one number below 1.",
          hint_zh="把调查表和满意度题项的列表（ECSI 数据中是 ['satisfaction', 'sat2', 'sat3', 'sat4']）"
                  "一起传给 cronbach_alpha，答案是一个小于 1 的数。结果不对时，检查题项列表是否漏了题、"
                  "混进了忠诚度题项，或者用的不是 satisfaction_items。", rel_tol=1e-3)
def _alpha(data, items):
    return cronbach_alpha(data, list(items))
