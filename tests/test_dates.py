"""Date-like arguments across chapters (issue 12): clv period ends, snapshots, start/end.

Every place that takes a date accepts a Timestamp, a date string, ``datetime.date`` and ``pd.Period``
(a period stands for its last day, or its first for a ``start``), and impossible periods stop with a
DataError instead of empty frames.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from crmlab import clv, lifecycle, loyalty, rfm
from crmlab.errors import DataError

TX = pd.DataFrame({
    "customer_id": ["a", "a", "a", "b", "b", "c"],
    "order_date": pd.to_datetime(["2024-01-05", "2024-03-10", "2024-07-02", "2024-02-01", "2024-06-30",
                                  "2024-05-20"]),
    "amount": [10.0, 20.0, 30.0, 5.0, 15.0, 8.0],
})

# (function, keyword, equivalent forms of one day: 2024-06-30); each form must give the same result
# as the plain Timestamp.
JUNE_30 = [pd.Timestamp("2024-06-30"), "2024-06-30", dt.date(2024, 6, 30), pd.Period("2024-06", "M"),
           pd.Period("2024-06-30", "D"), pd.Period("2024Q2", "Q"), pd.Timestamp("2024-06-30 18:00", tz="UTC")]
CALLS = {
    "clv.customer_summary calibration_end": lambda d: clv.customer_summary(TX, calibration_end=d, unit="D"),
    "clv.customer_summary observation_end": lambda d: clv.customer_summary(TX, observation_end=d, unit="D"),
    "rfm.rfm_table snapshot": lambda d: rfm.rfm_table(TX, snapshot=d),
    "lifecycle.lifecycle_stages snapshot": lambda d: lifecycle.lifecycle_stages(TX, snapshot=d),
    "lifecycle.customer_lifetimes snapshot": lambda d: lifecycle.customer_lifetimes(TX, snapshot=d),
    "loyalty.purchase_frequency snapshot": lambda d: loyalty.purchase_frequency(TX, snapshot=d),
    "loyalty.repeat_purchase end": lambda d: loyalty.repeat_purchase(TX, end=d),
}


def _same(a, b):
    if isinstance(a, pd.DataFrame):
        pd.testing.assert_frame_equal(a, b)
        assert a.attrs == b.attrs
    else:
        pd.testing.assert_series_equal(a, b)


@pytest.mark.filterwarnings("ignore::crmlab.CrmlabWarning")
@pytest.mark.parametrize("form", JUNE_30[1:], ids=lambda f: type(f).__name__ + ":" + str(f))
@pytest.mark.parametrize("call", CALLS)
def test_every_date_form_means_the_same_day(call, form):
    want = CALLS[call](JUNE_30[0])
    _same(CALLS[call](form), want)


@pytest.mark.filterwarnings("ignore::crmlab.CrmlabWarning")
def test_period_start_is_its_first_day_for_start():
    want = loyalty.repeat_purchase(TX, start=pd.Timestamp("2024-04-01"))
    _same(loyalty.repeat_purchase(TX, start=pd.Period("2024Q2", "Q")), want)
    # and the choice matters here: counting from the quarter's last day gives another answer
    assert not loyalty.repeat_purchase(TX, start=pd.Timestamp("2024-06-30")).equals(want)


def test_period_end_is_its_last_day_by_hand():
    s = clv.customer_summary(TX, calibration_end=pd.Period("2024-06", "M"), unit="D")
    # by hand: a's purchases on or before 2024-06-30 are Jan 5 and Mar 10; T = Jun 30 − Jan 5 = 177 days
    assert s.loc["a", "frequency"] == 1 and s.loc["a", "T"] == 177 and s.loc["a", "frequency_holdout"] == 1
    assert s.loc["b", "frequency"] == 1  # Jun 30 itself is in the calibration period


BAD_PERIODS = [
    # (calibration_end, observation_end, words the message must hold)
    ("2025-01-01", "2024-07-02", ["calibration_end 2025-01-01 is after observation_end 2024-07-02", "-183 days"]),
    (pd.Period("2024-08", "M"), pd.Period("2024-07", "M"), ["calibration_end 2024-08-31 is after observation_end"]),
    ("2023-01-01", "2023-06-30", ["observation_end 2023-06-30 is before the first purchase (2024-01-05)"]),
    ("2023-01-01", None, ["calibration_end 2023-01-01 is before the first purchase"]),
    (None, "2023-12-31", ["observation_end 2023-12-31 is before the first purchase"]),
    ("not a date", None, ["calibration_end='not a date' is not a date"]),
    (None, 20240630, ["observation_end=20240630 is not a date"]),
]


@pytest.mark.parametrize("cal, obs, words", BAD_PERIODS)
def test_customer_summary_refuses_impossible_periods(cal, obs, words):
    with pytest.raises(DataError) as info:
        clv.customer_summary(TX, calibration_end=cal, observation_end=obs, unit="D")
    message = str(info.value)
    assert all(w in message for w in words), message
    assert "\n" not in message


@pytest.mark.parametrize("call", [c for c in CALLS if "clv" not in c])
def test_snapshots_refuse_what_is_not_a_date(call):
    with pytest.raises(DataError, match="is not a date"):
        CALLS[call]("junk")
