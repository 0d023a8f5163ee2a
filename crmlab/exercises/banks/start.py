"""Exercises of notebook 00 (getting started)."""

from __future__ import annotations

from ...io import quality_report
from ..registry import exercise


@exercise("start.1", hint="Count distinct values of the customer_id column (Series.nunique()).",
          hint_zh="数的是“不同的”客户，不是行数：同一位客户可能有很多行订单。"
                  "如果你的答案等于 len(tx)，说明把每一行都当成了一位客户；试试对 customer_id 列用 .nunique()。")
def _customers(data):
    return data["customer_id"].nunique()


@exercise("start.2", hint="The reader's quality report counts it: quality_report(frame).count('missing customer id').",
          hint_zh="这个数不用自己去数原始文件：读取器的数据质量报告已经记下了。"
                  "看小店数据 shop（不是 tx）的报告里 “missing customer id” 这一条的 count。")
def _missing_ids(data):
    return quality_report(data).count("missing customer id")


@exercise("start.3", hint="Group by customer_id, sum amount, and take the largest sum (round to 2 decimals).",
          hint_zh="问的是一位客户所有订单的合计，不是单笔订单的最大金额：如果你直接对 amount 列取了 .max()，"
                  "得到的只是一行。先按 customer_id 分组把 amount 加总，再在这些合计里取最大值，保留两位小数。",
          rel_tol=1e-4, abs_tol=0.006)
def _top_customer_revenue(data):
    return float(data.groupby("customer_id")["amount"].sum().max())
