"""plot_tracking's expected repeat purchases over calendar time against a brute force per customer.

The plot groups customers by first-purchase day; the reference here evaluates every customer on
its own (a Python loop over customers), from the transactions, sharing no code with the plot
beyond the model's unconditional E[X(t)].
"""

from __future__ import annotations

import warnings

import matplotlib
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

import crmlab
from crmlab import clv
from crmlab.datasets import make_transactions

DAYS_PER_UNIT = {"D": 1.0, "W": 7.0, "M": 365.25 / 12}


def brute_force_tracking(model, tx, unit, *, every=1):
    """(period ends, cumulative actual repeats, expected repeats) with one customer at a time.

    ``every`` keeps every ``every``-th period end (and the last) for the expected curve."""
    dpu = DAYS_PER_UNIT[unit]
    days = pd.to_datetime(tx["order_date"]).dt.normalize()
    start = days.min()
    per_customer = {}
    for cust, day in zip(tx["customer_id"], days):
        per_customer.setdefault(cust, set()).add(day)
    periods = {c: sorted(int((d - start).days // dpu) for d in ds) for c, ds in per_customer.items()}
    n_periods = max(max(p) for p in periods.values()) + 1
    ends = np.arange(1, n_periods + 1)
    keep = np.unique(np.append(np.arange(0, n_periods, every), n_periods - 1))
    new_repeats = np.zeros(n_periods)
    expected = np.zeros(len(keep))
    for ds in per_customer.values():
        first, *later = sorted(ds)
        for d in later:
            new_repeats[int((d - start).days // dpu)] += 1
        birth = (first - start).days / dpu
        expected += model.expected_purchases_new(np.maximum(ends[keep] - birth, 0.0))
    return ends, new_repeats.cumsum(), keep, expected


def drawn(ax):
    actual, model_line = ax.lines[:2]
    return actual.get_xdata(), actual.get_ydata(), model_line.get_ydata()


def clean(tx):
    return tx[tx["customer_id"].notna() & (tx["amount"] > 0)].reset_index(drop=True)


@pytest.fixture(scope="module")
def synthetic_cases():
    out = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for seed in (3, 11):
            tx = clean(make_transactions(400, seed=seed))
            s = clv.customer_summary(tx, calibration_end=tx["order_date"].quantile(0.6))
            out.append((seed, tx, clv.BetaGeo().fit(s), clv.ModifiedBetaGeo().fit(s)))
    return out


@pytest.mark.parametrize("unit", ["D", "W", "M"])
def test_tracking_matches_brute_force_on_two_seeds(synthetic_cases, unit):
    for seed, tx, bg, mbg in synthetic_cases:
        for model in (bg, mbg):
            ends, actual, keep, expected = brute_force_tracking(model, tx, unit)
            ax = clv.plot_tracking(model, tx, unit=unit)
            x, y_actual, y_model = drawn(ax)
            plt.close(ax.figure)
            np.testing.assert_array_equal(x, ends)
            np.testing.assert_array_equal(y_actual, actual)
            assert (expected > 0).all()
            np.testing.assert_allclose(y_model, expected, rtol=1e-9, atol=0,
                                       err_msg=f"seed {seed}, {type(model).__name__}, unit {unit}")


def test_tracking_blocks_of_cohorts_add_up(synthetic_cases, monkeypatch):
    """Cohorts are evaluated in blocks; tiny blocks (one cohort each) give the same curve."""
    _, tx, bg, _ = synthetic_cases[0]
    ax = clv.plot_tracking(bg, tx, unit="D")
    whole = drawn(ax)[2]
    plt.close(ax.figure)
    monkeypatch.setattr(clv, "_TRACKING_BLOCK", 1)
    ax = clv.plot_tracking(bg, tx, unit="D")
    np.testing.assert_allclose(drawn(ax)[2], whole, rtol=1e-12, atol=0)
    plt.close(ax.figure)


def test_tracking_matches_brute_force_on_cdnow_in_days():
    tx = crmlab.datasets.load_cdnow()
    model = clv.BetaGeo().fit(clv.customer_summary(tx, calibration_end="1997-09-30", unit="D"))
    # every customer, every 7th day of the 546 (the brute force costs customers × periods)
    ends, actual, keep, expected = brute_force_tracking(model, tx, "D", every=7)
    assert len(ends) == 546 and tx["customer_id"].nunique() == 23_570
    ax = clv.plot_tracking(model, tx, unit="D")
    x, y_actual, y_model = drawn(ax)
    plt.close(ax.figure)
    np.testing.assert_array_equal(x, ends)
    np.testing.assert_array_equal(y_actual, actual)
    np.testing.assert_allclose(y_model[keep], expected, rtol=1e-9, atol=0)


def test_tracking_look_is_unchanged(synthetic_cases):
    _, tx, bg, _ = synthetic_cases[1]
    ax = clv.plot_tracking(bg, tx, calibration_end=tx["order_date"].quantile(0.6))
    assert isinstance(ax, matplotlib.axes.Axes)
    assert [line.get_label() for line in ax.lines[:2]] == ["Actual", "Model prediction"]
    assert ax.lines[1].get_linestyle() == "--"
    assert (ax.get_xlabel(), ax.get_ylabel(), ax.get_title()) == ("Period", "Cumulative repeat purchases",
                                                                  "Cumulative repeat purchases")
    plt.close(ax.figure)
