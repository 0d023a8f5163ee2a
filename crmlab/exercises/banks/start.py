"""Exercises of notebook 00 (getting started)."""

from __future__ import annotations

from ...io import quality_report
from ..registry import exercise


@exercise("start.1", hint="Count distinct values of the customer_id column (Series.nunique()).")
def _customers(data):
    return data["customer_id"].nunique()


@exercise("start.2", hint="The reader's quality report counts it: quality_report(frame).count('missing customer id').")
def _missing_ids(data):
    return quality_report(data).count("missing customer id")


@exercise("start.3", hint="Group by customer_id, sum amount, and take the largest sum (round to 2 decimals).",
          rel_tol=1e-4, abs_tol=0.006)
def _top_customer_revenue(data):
    return float(data.groupby("customer_id")["amount"].sum().max())
