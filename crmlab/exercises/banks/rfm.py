"""Exercises of notebook 02 (RFM segmentation)."""

from __future__ import annotations

from ...rfm import rfm_table, segments
from ..registry import exercise


@exercise("rfm.1", hint="rfm_table(tx) has one row per customer; count the rows where frequency == 1 "
                        "and divide by the number of customers (a share between 0 and 1).")
def _one_time_share(data):
    table = rfm_table(data)
    return float((table["frequency"] == 1).mean())


@exercise("rfm.2", hint="Recency is counted to the snapshot: the day after the last transaction. "
                        "Take the median of the recency column of rfm_table(tx).")
def _median_recency(data):
    return float(rfm_table(data)["recency"].median())


@exercise("rfm.3", hint="Segment with the mean-split scheme (segments(rfm)), then sum revenue of the customers "
                        "whose segment_key is 'Important value' (重要价值客户) and divide by total revenue.", rel_tol=1e-2)
def _important_value_revenue_share(data):
    table = rfm_table(data)
    keys = segments(table)["segment_key"]
    return float(table.loc[keys == "Important value", "revenue"].sum() / table["revenue"].sum())
