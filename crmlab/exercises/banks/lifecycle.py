"""Exercises of notebook 06 (customer lifecycle)."""

from __future__ import annotations

from ... import lifecycle
from ..registry import exercise


@exercise("lifecycle.1", hint="Build lifecycle.cohort_table(data) and read the first cohort's value in column 1 "
                              "(share of that cohort buying again one month after its first purchase).",
          hint_zh="用 lifecycle.cohort_table(data) 建同期群表，读第一个同期群在第 1 列的值：它是该同期群在首购后"
                  "下一期再次购买的比例（0 到 1 之间），第 0 列恒为 100%，不是要找的数。")
def _first_cohort_month1(data, freq="M"):
    return float(lifecycle.cohort_table(data, freq=freq).iloc[0, 1])


@exercise("lifecycle.2", hint="Count the customers whose stage_key is 'decline' (退化期) in "
                              "lifecycle.lifecycle_stages(data, ...) with the notebook's parameters.",
          hint_zh="答案应是一个人数，不是比例：用本章的参数运行 lifecycle.lifecycle_stages(data, ...)，"
                  "数一数 stage_key 为 'decline'（退化期）的客户。")
def _declining(data, **params):
    return int((lifecycle.lifecycle_stages(data, **params)["stage_key"] == "decline").sum())


@exercise("lifecycle.3", hint="Use lifecycle.tenure_retention(subs, by=<contract column>) and read 'survival' of the "
                              "month-to-month group at time 12 (a share between 0 and 1).",
          hint_zh="用 lifecycle.tenure_retention(subs, by=<合同类型列>) 得到 Kaplan–Meier 曲线，读按月合同"
                  "（Month-to-month）组在第 12 个月的 survival；不要用“尚未流失的人数 ÷ 总人数”，那样忽略了删失。",
          rel_tol=1e-3)
def _month_to_month_12(subs, group="Contract", tenure="tenure", churn="Churn", level="Month-to-month", months=12):
    curve = lifecycle.tenure_retention(subs, tenure=tenure, churn=churn, by=group)
    part = curve[(curve["group"] == level) & (curve["time"] <= months)]
    return float(part["survival"].iloc[-1])
