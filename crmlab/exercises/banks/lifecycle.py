"""Exercises of notebook 06 (customer lifecycle)."""

from __future__ import annotations

from ... import lifecycle
from ..registry import exercise


@exercise("lifecycle.1", hint="Build lifecycle.cohort_table(data) and read the first cohort's value in column 1 "
                              "(share of that cohort buying again one month after its first purchase).")
def _first_cohort_month1(data, freq="M"):
    return float(lifecycle.cohort_table(data, freq=freq).iloc[0, 1])


@exercise("lifecycle.2", hint="Count the customers whose stage_key is 'decline' (退化期) in "
                              "lifecycle.lifecycle_stages(data, ...) with the notebook's parameters.")
def _declining(data, **params):
    return int((lifecycle.lifecycle_stages(data, **params)["stage_key"] == "decline").sum())


@exercise("lifecycle.3", hint="Use lifecycle.tenure_retention(subs, by=<contract column>) and read 'survival' of the "
                              "month-to-month group at time 12 (a share between 0 and 1).", rel_tol=1e-3)
def _month_to_month_12(subs, group="Contract", tenure="tenure", churn="Churn", level="Month-to-month", months=12):
    curve = lifecycle.tenure_retention(subs, tenure=tenure, churn=churn, by=group)
    part = curve[(curve["group"] == level) & (curve["time"] <= months)]
    return float(part["survival"].iloc[-1])
