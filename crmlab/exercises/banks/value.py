"""Exercises of notebook 01 (customer value and CLV)."""

from __future__ import annotations

from ...clv import BetaGeo, customer_summary
from ...value import gini, top_share
from ..registry import exercise


@exercise("value.1", hint="top_share(tx, 0.2) sums amount per customer, ranks customers from the most "
                          "valuable and returns the share of revenue held by the top 20% (a fraction).")
def _top20_share(data):
    return top_share(data, 0.2)


@exercise("value.2", hint="gini(tx) gives the Gini coefficient of revenue per customer (0 = everyone equal).")
def _gini(data):
    return gini(data)


@exercise("value.3", hint="With retention r, margin m and discount d the infinite-horizon CLV is "
                          "m·r/(1 + d − r); plug in m=100, r=0.75, d=0.10.")
def _simple_clv():
    return 100 * 0.75 / (1 + 0.10 - 0.75)


@exercise("value.4", hint="Fit BetaGeo on customer_summary(tx, calibration_end=...) and average "
                          "probability_alive(summary) over all customers.", rel_tol=1e-3)
def _mean_p_alive(data, calibration_end):
    summary = customer_summary(data, calibration_end=calibration_end)
    return float(BetaGeo().fit(summary).probability_alive(summary).mean())
