"""Exercises of notebook 02 (RFM segmentation)."""

from __future__ import annotations

from ...rfm import rfm_table, segments
from ..registry import exercise


@exercise("rfm.1", hint="rfm_table(tx) has one row per customer; count the rows where frequency == 1 "
                        "and divide by the number of customers (a share between 0 and 1).",
           hint_zh="rfm_table(tx) 每行是一位客户。先数出 frequency == 1 的行数，再除以客户总数；"
                   "答案是 0 到 1 之间的比例，不是人数，也不是百分数。")
def _one_time_share(data):
    table = rfm_table(data)
    return float((table["frequency"] == 1).mean())


@exercise("rfm.2", hint="Recency is counted to the snapshot: the day after the last transaction. "
                        "Take the median of the recency column of rfm_table(tx).",
           hint_zh="R 是从分析日期（默认为最后一笔交易的次日）往回数的天数，不是交易日期本身。"
                   "用默认参数的 rfm_table(tx)，取 recency 列的中位数（不是平均数）。")
def _median_recency(data):
    return float(rfm_table(data)["recency"].median())


@exercise("rfm.3", hint="Segment with the mean-split scheme (segments(rfm)), then sum revenue of the customers "
                        "whose segment_key is 'Important value' (重要价值客户) and divide by total revenue.",
           hint_zh="用均值划分（segments(rfm) 的默认方案）得到八类客户，按 segment_key == 'Important value' "
                   "（重要价值客户）选出客户，把他们的 revenue 加总，再除以全部客户的 revenue；"
                   "问的是收入占比，不是人数占比。", rel_tol=1e-2)
def _important_value_revenue_share(data):
    table = rfm_table(data)
    keys = segments(table)["segment_key"]
    return float(table.loc[keys == "Important value", "revenue"].sum() / table["revenue"].sum())
