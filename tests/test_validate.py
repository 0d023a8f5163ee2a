"""crmlab._validate: the one rule for columns, numbers and dates, and the chapters that use it."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crmlab import clv, lifecycle, loyalty, rfm, value
from crmlab._validate import as_dates, as_numeric, bad_rows, require_columns
from crmlab.errors import DataError


def _tx(dates, amounts=None):
    n = len(dates)
    return pd.DataFrame({"customer_id": ["a", "b", "a", "c", "b", "a"][:n], "order_date": dates,
                         "amount": amounts if amounts is not None else [10.0, 20.0, 5.0, 7.0, 1.0, 2.0][:n]})


DATES = ["2024-01-01", "2024-01-05", "2024-02-01", "2024-02-10", "2024-03-01", "2024-03-02"]


def test_bad_rows_gives_labels_and_values_up_to_five():
    s = pd.Series(list("abcdefgh"), index=range(10, 18))
    assert bad_rows(s, s.isin(["b", "d"])) == [(11, "b"), (13, "d")]
    assert len(bad_rows(s, np.ones(8, bool))) == 5


def test_require_columns_names_keyword_role_and_kind():
    frame = pd.DataFrame({"client": [1]})
    with pytest.raises(DataError, match=r"column 'customer_id' \(for customer in the data\).*customer='<your column>'"):
        require_columns(frame, {"customer": "customer_id", "unused": None}, role="{keyword} in the data")
    require_columns(frame, [("x", "client"), ("x", None)])  # pairs, repeated keyword, None skipped
    with pytest.raises(DataError, match="expected a survey DataFrame, got list. Read it"):
        require_columns([1, 2], {}, kind="survey", hint="Read it")


@settings(max_examples=50, deadline=None)
@given(st.lists(st.one_of(st.floats(-1e6, 1e6, allow_nan=False), st.integers(-10**6, 10**6)), min_size=1, max_size=20))
def test_as_numeric_parses_number_text_like_float(numbers):
    frame = pd.DataFrame({"x": [str(v) for v in numbers]})
    assert as_numeric(frame, "x").tolist() == [float(str(v)) for v in numbers]


def test_as_numeric_names_bad_values_with_rows_and_keeps_gaps():
    frame = pd.DataFrame({"x": ["1", None, "two", "3", "n/a"]})
    with pytest.raises(DataError, match=r"column 'x' \(score\) must be numeric; these values are not: "
                                        r"row 2: 'two'; row 4: 'n/a'\. Fix it"):
        as_numeric(frame, "x", keyword="score", fix="Fix it")
    assert as_numeric(frame.iloc[[0, 1, 3]], "x").isna().tolist() == [False, True, False]


def test_as_dates_parses_text_refuses_numbers_and_drops_time_zone():
    text = pd.DataFrame({"d": ["2024-01-02", "2024-03-04", None]})
    assert as_dates(text, "d").iloc[:2].tolist() == [pd.Timestamp("2024-01-02"), pd.Timestamp("2024-03-04")]
    with pytest.raises(DataError, match=r"column 'd' \(date\) has missing dates: row 2: .*\. drop"):
        as_dates(text, "d", missing="drop")
    with pytest.raises(DataError, match=r"column 'd' \(date\) holds int64 values, not dates: row 0: 20240102"):
        as_dates(pd.DataFrame({"d": [20240102]}), "d")
    aware = pd.DataFrame({"d": pd.to_datetime(["2024-01-01 23:30"]).tz_localize("Asia/Shanghai")})
    assert as_dates(aware, "d").iloc[0] == pd.Timestamp("2024-01-01 23:30")  # local calendar day kept


# ----------------------------------------------------------------- one behaviour in every chapter
def test_text_dates_give_the_same_results_as_parsed_dates():
    text, parsed = _tx(DATES), _tx(pd.to_datetime(DATES))
    pd.testing.assert_frame_equal(rfm.rfm_table(text), rfm.rfm_table(parsed))
    pd.testing.assert_frame_equal(clv.customer_summary(text, unit="D"), clv.customer_summary(parsed, unit="D"))
    pd.testing.assert_frame_equal(value.historical_clv(text), value.historical_clv(parsed))
    assert value.annual_margin(text) == value.annual_margin(parsed)
    pd.testing.assert_frame_equal(loyalty.purchase_occasions(text), loyalty.purchase_occasions(parsed))


@pytest.mark.parametrize("call", [
    rfm.rfm_table, clv.customer_summary, value.historical_clv, value.annual_margin,
    loyalty.purchase_occasions, lifecycle.cohort_table, loyalty.repeat_purchase,
], ids=lambda f: f.__name__)
def test_bad_date_text_is_named_with_its_row(call):
    bad = _tx(DATES[:4] + ["31/02/2024"] + DATES[5:])
    with pytest.raises(DataError, match=r"column 'order_date' \(date\) holds values that are not dates: row 4: '31/02/2024'"):
        call(bad)


@pytest.mark.parametrize("call", [rfm.rfm_table, clv.customer_summary, value.historical_clv,
                                  value.annual_margin], ids=lambda f: f.__name__)
def test_amount_text_that_is_not_a_number_is_named(call):
    # customer_summary used to turn 'ten' into NaN silently; rfm_table raised a bare ValueError.
    bad = _tx(pd.to_datetime(DATES), ["10", "20", "ten", "7", "1", "2"])
    with pytest.raises(DataError, match=r"column 'amount'.* must be numeric; these values are not: row 2: 'ten'"):
        call(bad)


def test_integer_dates_are_refused_not_read_as_nanoseconds():
    # loyalty/lifecycle used to read 20240101 as 1970-01-01 00:00:00.020240101.
    ints = _tx([20240101, 20240105, 20240201, 20240210, 20240301, 20240302])
    for call in (loyalty.purchase_occasions, lifecycle.cohort_table):
        with pytest.raises(DataError, match="not dates"):
            call(ints)


def test_as_dates_reads_dates_written_in_more_than_one_layout():
    # pandas infers one format from the first value; a later "2024-01-21 18:00" is a date, not bad.
    mixed = pd.DataFrame({"d": ["2024-01-01", "2024-01-21 18:00", "2024/02/03", "not a date"]})
    with pytest.raises(DataError, match=r"not dates: row 3: 'not a date'$|not dates: row 3: 'not a date'\."):
        as_dates(mixed, "d")
    got = as_dates(mixed.iloc[:3], "d")
    assert got.tolist() == [pd.Timestamp("2024-01-01"), pd.Timestamp("2024-01-21 18:00"), pd.Timestamp("2024-02-03")]
