"""Chapter 00's exercises (bank ``start``): the right answer on two seeds, and each misconception's own message.

The wrong answers are computed here by hand with pandas, independently of the bank's own
``Misconception.wrong`` functions, so a planted mistake is the mistake a student makes.
"""

from __future__ import annotations

import pandas as pd
import pytest
from bank_checks import assert_bank_complete, assert_choice_question, assert_recorded
from bank_checks import assert_misconception as _wrong
from bank_checks import assert_option as _option

from crmlab.datasets import load_data, make_transactions
from crmlab.exercises import diagnose

SEEDS = (1, 2)
IDS = [f"start.{n}" for n in range(1, 13)]


@pytest.fixture(scope="module", params=SEEDS)
def seed(request):
    return request.param


@pytest.fixture(scope="module")
def own(seed):
    """A student's data: ``tx`` (the chapter's data set ``synthetic:<seed>``) and ``raw`` (the dirty export)."""
    return load_data(f"synthetic:{seed}"), make_transactions(500, seed=seed)


def _hand_raw(raw):
    """``raw`` by hand: the rows with a customer id (what the reader keeps), purchases and returns."""
    ident = raw[raw["customer_id"].notna()]
    return ident, ident.loc[ident["amount"] > 0, "amount"].sum(), -ident.loc[ident["amount"] < 0, "amount"].sum()


def test_the_bank_has_every_kind_and_both_languages():
    assert_bank_complete("start", IDS, min_misconceptions=3)


# ---- compute ------------------------------------------------------------------------------------


def test_start_1_distinct_customers_of_the_raw_export(own):
    _, raw = own
    right = len(set(raw["customer_id"].dropna()))
    assert diagnose("start.1", right, data=raw)[0]
    assert raw["customer_id"].isna().any()
    _wrong("start.1", len(raw), "rows_for_customers", data=raw)
    _wrong("start.1", right + 1, "missing_as_customer", data=raw)
    _wrong("start.1", len(set(raw["order_id"])), "orders_for_customers", data=raw)


def test_start_2_purchase_occasions(own):
    tx, _ = own
    days = tx["order_date"].dt.date
    right = len(set(zip(tx["customer_id"], days)))
    assert diagnose("start.2", right, data=tx)[0]
    _wrong("start.2", len(tx), "rows_for_occasions", data=tx)
    _wrong("start.2", len(set(tx["order_id"])), "orders_for_occasions", data=tx)
    _wrong("start.2", len(set(days)), "days_for_occasions", data=tx)
    _wrong("start.2", len(set(tx["customer_id"])), "customers_for_occasions", data=tx)


def test_start_2_timestamps_are_not_days():
    # Hand-worked, no order id: a buys at 09:00 (two lines) and 17:00 on 1 Jan and once on 2 Jan, b once:
    # 5 rows, 4 (customer, timestamp) pairs, 3 occasions (a on 1 Jan, a on 2 Jan, b on 1 Jan).
    tx = pd.DataFrame({"customer_id": ["a", "a", "a", "a", "b"],
                       "order_date": pd.to_datetime(["2024-01-01 09:00", "2024-01-01 09:00", "2024-01-01 17:00",
                                                     "2024-01-02 09:00", "2024-01-01 09:00"]),
                       "amount": [1.0, 1.0, 2.0, 3.0, 4.0]})
    assert diagnose("start.2", 3, data=tx)[0]
    _wrong("start.2", 5, "rows_for_occasions", data=tx)
    _wrong("start.2", 4, "timestamps_for_days", data=tx)


def test_start_3_top_customer_revenue(own):
    tx, _ = own
    per = {}
    for customer, amount in zip(tx["customer_id"], tx["amount"]):
        per[customer] = per.get(customer, 0.0) + amount
    right = round(max(per.values()), 2)
    assert diagnose("start.3", right, data=tx)[0]
    _wrong("start.3", tx["amount"].max(), "line_for_customer", data=tx)
    _wrong("start.3", tx.pivot_table(index="order_id", values="amount", aggfunc="sum")["amount"].max(),
           "order_for_customer", data=tx)
    # Without order ids (as in CDNOW) the largest purchase occasion is the one-purchase mistake.
    no_order = tx.drop(columns="order_id")
    occasions = no_order.assign(day=tx["order_date"].dt.date).pivot_table(index=["customer_id", "day"],
                                                                            values="amount", aggfunc="sum")
    _wrong("start.3", occasions["amount"].max(), "occasion_for_customer", data=no_order)
    _wrong("start.3", round(sum(per.values()) / len(per), 2), "mean_for_max", data=tx)


def test_start_4_net_revenue(own):
    _, raw = own
    ident, purchases, returns = _hand_raw(raw)
    right = round(purchases - returns, 2)
    assert diagnose("start.4", right, data=raw)[0]
    _wrong("start.4", round(purchases, 2), "gross_for_net", data=raw)
    _wrong("start.4", round(raw["amount"].sum(), 2), "unattributed_rows", data=raw)
    _wrong("start.4", round(purchases + returns, 2), "returns_added", data=raw)


def test_start_5_returned_percentage(own):
    _, raw = own
    ident, purchases, returns = _hand_raw(raw)
    right = round(100 * returns / purchases, 2)
    assert diagnose("start.5", right, data=raw)[0]
    _wrong("start.5", returns / purchases, "share_for_percent", data=raw)
    _wrong("start.5", round(100 * returns / (purchases - returns), 2), "net_denominator", data=raw)
    _wrong("start.5", round(100 * (ident["amount"] < 0).sum() / len(ident), 2), "rows_for_value", data=raw)


def test_a_wrong_number_no_misconception_explains_gets_the_hint(own):
    tx, _ = own
    ok, feedback, key = diagnose("start.3", 1.5, data=tx)
    assert not ok and key is None and feedback.startswith("not yet. Hint: Group by customer_id")


# ---- interpret, decide, concept -----------------------------------------------------------------


def test_start_6_duplicates_follow_the_order_id(own):
    tx, _ = own
    no_order = tx.drop(columns="order_id")
    for key in "abcd":
        _option("start.6", key, "c", data=tx)
        _option("start.6", key, "b", data=no_order)


def test_start_7_mean_against_the_customers(own):
    tx, _ = own
    totals = tx.pivot_table(index="customer_id", values="amount", aggfunc="sum")["amount"]
    assert (totals < totals.sum() / len(totals)).sum() > len(totals) / 2
    for key in "abcd":
        _option("start.7", key, "b", data=tx)
    # Hand-worked, left-skewed: three customers spent 10, one spent 1 — mean 7.75, most spent more.
    skewed = pd.DataFrame({"customer_id": list("abcd"), "order_date": pd.to_datetime(["2024-01-01"] * 4),
                           "amount": [10.0, 10.0, 10.0, 1.0]})
    _option("start.7", "c", "c", data=skewed)
    _option("start.7", "b", "c", data=skewed)


@pytest.mark.parametrize("exercise_id", ["start.8", "start.9"])
def test_decide_questions_are_recorded_not_marked(exercise_id, capsys):
    assert_recorded(exercise_id, capsys, "a")


@pytest.mark.parametrize("exercise_id, right", [("start.10", "false"), ("start.11", "c"), ("start.12", "b")])
def test_concept_checks(exercise_id, right):
    assert_choice_question(exercise_id, right)
